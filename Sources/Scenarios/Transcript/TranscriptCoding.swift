internal import AWSWire
internal import Foundation

/// The transcript's JSON layout (docs/record-replay.md): `{"format":1,"exchanges":[…]}` with one exchange per
/// line, so a transcript reads and diffs line by line without a pretty-printer.
extension Transcript {
    /// Why a file is not a transcript.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { "not a transcript: \(reason)" }
    }

    public var text: String {
        let lines = exchanges.map { JSONWriter.string($0.json) }
        return "{\"format\":\(Self.format),\"exchanges\":[\n" + lines.joined(separator: ",\n") + "\n]}\n"
    }

    public init(text: String) throws(Invalid) {
        let root: JSONValue
        do { root = try JSONReader().decode(text) } catch { throw Invalid(reason: "\(error)") }
        guard root["format"]?.numberValue?.int64 == Int64(Self.format) else {
            throw Invalid(reason: "format must be \(Self.format)")
        }
        guard let exchanges = root["exchanges"]?.arrayValue else { throw Invalid(reason: "no exchanges list") }
        var parsed: [Exchange] = []
        for (index, value) in exchanges.enumerated() {
            guard let exchange = Exchange(json: value) else { throw Invalid(reason: "exchange \(index + 1) is malformed") }
            parsed.append(exchange)
        }
        self.init(exchanges: parsed)
    }

    /// Written whole to a temporary file and renamed over `path`, so a reader (or a recorder killed mid-write)
    /// never sees half a transcript.
    public func write(to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// The largest transcript read: the JSON reader's own bound, checked while reading so that a wrong path
    /// fails before the whole file is in memory.
    public static let maxFileBytes = JSONReader.Limits.default.maxBytes

    public init(contentsOf path: String) throws {
        let data: Data
        do {
            data = try BoundedFile.read(path, maxBytes: Self.maxFileBytes)
        } catch {
            throw Invalid(reason: error.description)
        }
        try self.init(text: String(decoding: data, as: UTF8.self))
    }
}

extension Exchange {
    var json: JSONValue {
        var members = [JSONMember("service", .string(service)), JSONMember("operation", .string(operation))]
        if let region { members.append(JSONMember("region", .string(region))) }
        if let signer { members.append(JSONMember("signer", .string(signer.description))) }
        members.append(JSONMember("request", request.json))
        members.append(JSONMember("response", response.json))
        return .object(members)
    }

    init?(json: JSONValue) {
        guard let service = json["service"]?.stringValue, let operation = json["operation"]?.stringValue,
            let request = json["request"].flatMap(RecordedRequest.init(json:)),
            let response = json["response"].flatMap(RecordedResponse.init(json:))
        else { return nil }
        var signer: CredentialReference?
        if let text = json["signer"]?.stringValue {
            guard let reference = CredentialReference(text) else { return nil }
            signer = reference
        }
        self.init(
            service: service, operation: operation, region: json["region"]?.stringValue, signer: signer,
            request: request, response: response)
    }
}

extension RecordedRequest {
    var json: JSONValue {
        var members = [
            JSONMember("method", .string(method)), JSONMember("target", .string(target)),
            JSONMember("headers", HeaderCoding.json(headers)),
        ]
        if let text = String(validating: body, as: UTF8.self) {
            if !text.isEmpty { members.append(JSONMember("body", .string(text))) }
        } else {
            members.append(JSONMember("bodyBase64", .string(Data(body).base64EncodedString())))
        }
        return .object(members)
    }

    init?(json: JSONValue) {
        guard let method = json["method"]?.stringValue, let target = json["target"]?.stringValue,
            let headers = HeaderCoding.headers(json["headers"] ?? .array([]))
        else { return nil }
        var body: [UInt8] = []
        if let text = json["body"]?.stringValue {
            body = Array(text.utf8)
        } else if let encoded = json["bodyBase64"]?.stringValue {
            guard let data = Data(base64Encoded: encoded) else { return nil }
            body = Array(data)
        }
        self.init(method: method, target: target, headers: headers, body: body)
    }
}

extension RecordedResponse {
    var json: JSONValue {
        var members = [JSONMember("status", .int(status))]
        if let error { members.append(JSONMember("error", .string(error))) }
        members.append(JSONMember("headers", HeaderCoding.json(headers)))
        if let body { members.append(JSONMember("body", body)) }
        return .object(members)
    }

    init?(json: JSONValue) {
        guard let status = json["status"]?.numberValue?.int64,
            let headers = HeaderCoding.headers(json["headers"] ?? .array([]))
        else { return nil }
        self.init(status: Int(status), error: json["error"]?.stringValue, headers: headers, body: json["body"])
    }
}

/// Headers as `[[name, value], …]`: order and duplicates kept, as on the wire.
enum HeaderCoding {
    static func json(_ headers: [HTTPField]) -> JSONValue {
        .array(headers.map { .array([.string($0.name), .string($0.value)]) })
    }

    static func headers(_ json: JSONValue) -> [HTTPField]? {
        guard let list = json.arrayValue else { return nil }
        var headers: [HTTPField] = []
        for pair in list {
            guard let items = pair.arrayValue, items.count == 2, let name = items[0].stringValue,
                let value = items[1].stringValue
            else { return nil }
            headers.append(HTTPField(name, value))
        }
        return headers
    }
}
