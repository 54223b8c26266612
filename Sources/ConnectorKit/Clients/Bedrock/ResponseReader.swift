internal import AWSWire

/// Reads the JSON answers of the typed clients (Bedrock, Bedrock Runtime, CloudTrail), turning every missing
/// or mistyped required member into a `ResponseShapeError` that names the operation.
struct ResponseReader {
    let service: AWSService
    let operation: String

    /// Bounds for one answer: generous for listings and model output, but never unbounded.
    static let limits = JSONReader.Limits(maxBytes: 64 << 20, maxDepth: 64, maxStringBytes: 32 << 20)

    /// The body parsed as a JSON object.
    func object(_ bytes: [UInt8]) throws(ResponseShapeError) -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONReader(limits: Self.limits).decode(bytes)
        } catch {
            throw failure("body is not JSON (\(error))")
        }
        guard value.objectValue != nil else { throw failure("body is not a JSON object") }
        return value
    }

    /// A required string member of `object`.
    func string(_ object: JSONValue, _ key: String) throws(ResponseShapeError) -> String {
        guard let value = object[key]?.stringValue else { throw failure("missing string member \(key)") }
        return value
    }

    /// A required array member of `object`.
    func array(_ object: JSONValue, _ key: String) throws(ResponseShapeError) -> [JSONValue] {
        guard let value = object[key]?.arrayValue else { throw failure("missing array member \(key)") }
        return value
    }

    /// An optional string list (absent is empty; non-strings in it are a shape error).
    func strings(_ object: JSONValue, _ key: String) throws(ResponseShapeError) -> [String] {
        guard let list = object[key], !list.isNull else { return [] }
        guard let items = list.arrayValue else { throw failure("\(key) is not a list") }
        var strings: [String] = []
        for item in items {
            guard let string = item.stringValue else { throw failure("\(key) holds a non-string") }
            strings.append(string)
        }
        return strings
    }

    /// An optional integer member.
    func int(_ object: JSONValue, _ key: String) throws(ResponseShapeError) -> Int? {
        guard let member = object[key], !member.isNull else { return nil }
        guard let number = member.numberValue, let value = Int(exactly: number.double) else {
            throw failure("\(key) is not an integer")
        }
        return value
    }

    /// A required integer member.
    func requiredInt(_ object: JSONValue, _ key: String) throws(ResponseShapeError) -> Int {
        guard let value = try int(object, key) else { throw failure("missing integer member \(key)") }
        return value
    }

    func failure(_ detail: String) -> ResponseShapeError {
        ResponseShapeError(service: service, operation: operation, detail: detail)
    }
}
