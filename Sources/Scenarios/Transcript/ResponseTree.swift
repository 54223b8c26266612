public import AWSWire
internal import Foundation

/// A response body as one JSON-like tree, as docs/scenarios.md describes responses: query (XML) answers without
/// their `…Response`/`…Result` wrappers and with `member` lists as arrays, JSON as sent, an event stream as
/// `{events: [{type, …payload}]}`, anything else as a string (or base64 when not UTF-8).
///
/// The transcript stores trees rather than bytes so that replay can diff field by field and name the field.
public enum ResponseTree {
    public static func build(headers: [HTTPField], body: [UInt8]) -> JSONValue? {
        guard !body.isEmpty else { return nil }
        let contentType = headers.first { $0.name.caseInsensitiveEquals("Content-Type") }?.value.lowercased() ?? ""
        if contentType.contains("eventstream"), let messages = try? EventStreamDecoder.decodeAll(body) {
            return .object([JSONMember("events", .array(messages.map(event)))])
        }
        let first = body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if first == UInt8(ascii: "<"), let root = try? XMLReader().parse(body) { return XMLTree.unwrapped(root) }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "["), let value = try? JSONReader().decode(body) {
            return value
        }
        if let text = String(validating: body, as: UTF8.self) { return .string(text) }
        return .object([JSONMember("base64", .string(Data(body).base64EncodedString()))])
    }

    /// The error code of an error answer: the query protocol's `Error.Code`, JSON's `__type` (namespace
    /// dropped), or the `x-amzn-ErrorType` header (its `:` suffix dropped).
    public static func errorCode(status: Int, headers: [HTTPField], tree: JSONValue?) -> String? {
        guard status >= 300 else { return nil }
        if let code = tree?["Error"]?["Code"]?.stringValue { return code }
        if let type = tree?["__type"]?.stringValue { return String(type.split(separator: "#").last ?? "") }
        if let type = headers.first(where: { $0.name.caseInsensitiveEquals("x-amzn-ErrorType") })?.value {
            return String(type.split(separator: ":").first ?? "")
        }
        return tree?["code"]?.stringValue ?? tree?["Code"]?.stringValue
    }

    /// `{type, …payload members}`: the type is the event, exception or error code; a JSON payload's members
    /// follow it, any other payload is kept as `payload`.
    private static func event(_ message: EventStreamMessage) -> JSONValue {
        let type = [":event-type", ":exception-type", ":error-code"].lazy.compactMap { name -> String? in
            if case .string(let value) = message[header: name] { return value }
            return nil
        }.first ?? "unknown"
        var members = [JSONMember("type", .string(type))]
        if case .object(let payload)? = try? JSONReader().decode(message.payload) {
            members += payload
        } else if !message.payload.isEmpty {
            members.append(JSONMember("payload", .string(String(decoding: message.payload, as: UTF8.self))))
        }
        return .object(members)
    }
}
