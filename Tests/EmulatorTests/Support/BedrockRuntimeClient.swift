import AWSWire
import SigV4
import Testing

@testable import Emulator

/// Bedrock Runtime calls as botocore sends them: `POST /model/{modelId}/{operation}` with the model ID
/// percent-encoded into one path segment, signed for `bedrock`.
extension TestEndpoint {
    /// The path of a runtime operation (`invoke`, `invoke-with-response-stream`, `converse`, `converse-stream`).
    static func runtimePath(_ modelID: String, _ operation: String) -> String {
        let encoded = modelID.utf8.map { byte -> String in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                return String(UnicodeScalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                return "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }.joined()
        return "/model/\(encoded)/\(operation)"
    }

    /// The signed request for a runtime call.
    func runtimeRequest(
        _ operation: String, model: String, body: String, as credentials: Credentials, region: String = "us-east-1"
    ) -> HTTPRequest {
        sign(
            SigV4Request(
                method: "POST", path: Self.runtimePath(model, operation),
                headers: [HTTPHeader("Content-Type", "application/json"), HTTPHeader("Accept", "application/json")],
                body: Array(body.utf8)),
            service: "bedrock", as: credentials, region: region)
    }

    /// Signs and sends a runtime call; a streamed body is read to its end.
    func runtime(
        _ operation: String, model: String, body: String, as credentials: Credentials, region: String = "us-east-1"
    ) -> TestResponse {
        send(runtimeRequest(operation, model: model, body: body, as: credentials, region: region))
    }

    /// The connector role's session (the role has AmazonBedrockFullAccess).
    func connectorSession() throws -> Credentials {
        let flow = try connectorFlow()
        let response = assumeConnectorRole(flow)
        return try #require(response.credentials, "\(response)")
    }

    /// A user of `account` whose only policy is `document`.
    func user(_ name: String, in account: String = "111111111111", policy document: String) throws -> Credentials {
        let root = Credentials.root(account)
        try call(.iam, "CreateUser", ["UserName": name], as: root).succeeded("CreateUser")
        try call(.iam, "PutUserPolicy", ["UserName": name, "PolicyName": "p", "PolicyDocument": document], as: root)
            .succeeded("PutUserPolicy")
        let key = try call(.iam, "CreateAccessKey", ["UserName": name], as: root).succeeded("CreateAccessKey")
        return Credentials(
            accessKeyID: try #require(key.value("AccessKey/AccessKeyId")),
            secretAccessKey: try #require(key.value("AccessKey/SecretAccessKey")))
    }
}

extension TestResponse {
    /// Every frame of an event-stream body, decoded (and CRC-checked) by AWSWire's decoder.
    func events() throws -> [EventStreamMessage] { try EventStreamDecoder.decodeAll(bytes) }

    /// The rest-json error: status, `x-amzn-ErrorType`, and the message member.
    func expectRestError(
        _ code: String, status: Int, message: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(self.status == status, "\(body)", sourceLocation: sourceLocation)
        #expect(header("x-amzn-ErrorType") == code, "\(body)", sourceLocation: sourceLocation)
        if let message {
            let text = json?["message"]?.stringValue ?? json?["Message"]?.stringValue
            #expect(text == message, sourceLocation: sourceLocation)
        }
    }
}

extension EventStreamMessage {
    /// A string header's value.
    func string(_ name: String) -> String? { self[header: name]?.stringValue }

    /// The payload as JSON.
    var json: JSONValue? { try? JSONReader().decode(payload) }

    /// An InvokeModelWithResponseStream chunk's model event: the base64 `bytes` member, decoded as JSON.
    var chunk: JSONValue? {
        guard let text = json?["bytes"]?.stringValue, let data = Base64Decoding.decode(text) else { return nil }
        return try? JSONReader().decode(data)
    }
}

/// Decodes standard base64 independently of the emulator's encoder, so a test can catch its mistakes.
enum Base64Decoding {
    static func decode(_ text: String) -> [UInt8]? {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var values: [UInt8] = []
        var padding = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            guard padding == 0, let index = alphabet.firstIndex(of: byte) else { return nil }
            values.append(UInt8(index))
        }
        guard (values.count + padding) % 4 == 0 else { return nil }
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for value in values {
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return out
    }
}
