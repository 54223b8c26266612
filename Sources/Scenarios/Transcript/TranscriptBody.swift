public import AWSWire
internal import Foundation

/// A response body as the transcript keeps it: the same tree a scenario's paths read (`ResponseTree`: query
/// answers without their `…Response`/`…Result` wrappers, JSON as sent, a stream as `{events: […]}` plus `error`
/// when a frame ended it), so replay diffs and `convert` name fields as scenarios do. A body that is none of
/// these is kept as its text, or as `{base64: …}` when it is not UTF-8.
public enum TranscriptBody {
    public static func tree(status: Int, headers: [HTTPField], body: [UInt8]) -> JSONValue? {
        guard !body.isEmpty else { return nil }
        let contentType = headers.value(named: "Content-Type")?.lowercased() ?? ""
        if contentType.contains("eventstream") {
            var stream = StreamTree(status: status)
            if (try? stream.append(body)) != nil {
                guard let error = stream.error else { return stream.tree }
                return .object([JSONMember("events", .array(stream.events)), JSONMember("error", error)])
            }
        }
        let first = body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if first == UInt8(ascii: "<"), let tree = try? ResponseTree.query(body) { return tree }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "["), let tree = try? ResponseTree.json(body) {
            return tree
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
}
