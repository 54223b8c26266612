/// One HTTP response, whole or streamed.
///
/// The emulator's request path is synchronous (libmicrohttpd calls it on its own threads), so a streamed
/// body is a pull source the server drains chunk by chunk, not an async sequence.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [HTTPField]
    public var body: Body

    public enum Body: Sendable {
        case bytes([UInt8])
        /// Sent as produced (chunked transfer encoding), for Bedrock's event streams.
        case stream(any ResponseStream)
    }

    public init(status: Int, headers: [HTTPField] = [], body: Body = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public init(status: Int, headers: [HTTPField] = [], bytes: [UInt8]) {
        self.init(status: status, headers: headers, body: .bytes(bytes))
    }
}

/// A response body produced piece by piece. The server calls `next()` from one of its threads, one call at a
/// time per response, until it returns `.end` or `.abort`; a call may block (to pace chunks in time).
public protocol ResponseStream: Sendable {
    func next() -> ResponseChunk
}

/// What a stream yields.
public enum ResponseChunk: Sendable, Hashable {
    case data([UInt8])
    /// The body is complete.
    case end
    /// Cut the connection mid-body, as a failing server would (for fault injection).
    case abort
}
