public import AWSWire

/// What `roleplay scenario record` writes and `roleplay scenario replay` reads: the exchanges between a client
/// and an upstream, in the order the upstream saw them, with every secret masked.
///
/// Stored as JSON (`format: 1`, one exchange per line, see docs/record-replay.md): the response bodies are trees
/// already (`JSONValue`), and a diff of two transcripts stays line-oriented.
public struct Transcript: Sendable, Hashable {
    /// The version of the file layout; a reader refuses any other.
    public static let format = 1

    public var exchanges: [Exchange]

    public init(exchanges: [Exchange] = []) { self.exchanges = exchanges }
}

/// One request and its response.
public struct Exchange: Sendable, Hashable {
    /// `sts`, `iam`, `bedrock`, `bedrock-runtime`, `cloudtrail`, or `roleplay` for the emulator's admin API.
    public var service: String
    /// `AssumeRole`, `Converse`…; for the admin API, the method and path (`POST /_roleplay/reset`).
    public var operation: String
    /// The region of the client's credential scope (IAM's is `us-east-1`); nil when unsigned.
    public var region: String?
    /// Who signed it; nil when unsigned (the admin API).
    public var signer: CredentialReference?
    public var request: RecordedRequest
    public var response: RecordedResponse

    public init(
        service: String, operation: String, region: String?, signer: CredentialReference?, request: RecordedRequest,
        response: RecordedResponse
    ) {
        self.service = service
        self.operation = operation
        self.region = region
        self.signer = signer
        self.request = request
        self.response = response
    }

    /// `iam.GetRole`: how diff lines and errors name the exchange.
    public var label: String { "\(service).\(operation)" }
}

/// The request as the client sent it, minus the signature (`Authorization`, `X-Amz-Date`,
/// `X-Amz-Security-Token`) and the connection's own headers (`Host`, `Content-Length`…): it is signed anew on
/// every send.
public struct RecordedRequest: Sendable, Hashable {
    public var method: String
    /// Path and query exactly as sent, percent-encoded.
    public var target: String
    public var headers: [HTTPField]
    public var body: [UInt8]

    public init(method: String, target: String, headers: [HTTPField], body: [UInt8]) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }
}

/// The response as a tree (`ResponseTree`), secrets masked.
public struct RecordedResponse: Sendable, Hashable {
    public var status: Int
    /// The error code of an error answer (`AccessDenied`, `ValidationException`); nil on success.
    public var error: String?
    /// The headers worth keeping: `Content-Type`, the request ID and the error type.
    public var headers: [HTTPField]
    /// The body as a tree; nil when empty.
    public var body: JSONValue?

    public init(status: Int, error: String?, headers: [HTTPField], body: JSONValue?) {
        self.status = status
        self.error = error
        self.headers = headers
        self.body = body
    }
}
