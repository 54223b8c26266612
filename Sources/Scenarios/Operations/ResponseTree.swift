public import AWSWire
public import ConnectorKit
internal import Foundation

/// Every answer as one JSON tree, whatever the protocol, so a scenario's paths read the same for all services
/// (docs/scenarios.md, "Responses and paths").
public enum ResponseTree {
    /// Why an answer could not be read as its protocol's body.
    public struct Unreadable: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// A query (STS, IAM) answer: the members of `<{Op}Result>` and `ResponseMetadata`, without the
    /// `<{Op}Response>` wrapper. An element whose children are all `member` is a list, an empty known list
    /// element (`<Roles/>`) an empty list, `<entry><key/><value/></entry>` children a map, an IAM policy document
    /// (sent URL-encoded) its parsed JSON as boto3 returns it, any other leaf its text.
    public static func query(_ body: [UInt8]) throws(Unreadable) -> JSONValue {
        let root: XMLElement
        do {
            root = try XMLReader().parse(body)
        } catch {
            throw Unreadable(description: "the answer is not XML: \(error)")
        }
        var members: [JSONMember] = []
        for child in root.children {
            if child.name.hasSuffix("Result") {
                members += child.children.map { JSONMember($0.name, tree($0)) }
            } else {
                members.append(JSONMember(child.name, tree(child)))
            }
        }
        return .object(members)
    }

    static func tree(_ element: XMLElement) -> JSONValue {
        if element.children.isEmpty {
            if element.text.isEmpty, QueryOperationTable.listElements.contains(element.name) { return [] }
            if QueryOperationTable.documentElements.contains(element.name), let document = document(element.text) {
                return document
            }
            return .string(element.text)
        }
        if element.children.allSatisfy({ $0.name == "member" }) {
            return .array(element.children.map(tree))
        }
        if element.children.allSatisfy({ $0.name == "entry" }) {
            return .object(
                element.children.map { JSONMember($0.child("key")?.text ?? "", $0.child("value").map(tree) ?? .null) })
        }
        return .object(element.children.map { JSONMember($0.name, tree($0)) })
    }

    /// The JSON of a URL-encoded policy document; nil when the text is not one.
    static func document(_ text: String) -> JSONValue? {
        guard let decoded = text.removingPercentEncoding,
            case .object(let members)? = try? JSONReader().decode(decoded)
        else { return nil }
        return .object(members)
    }

    /// A JSON or rest-json answer, as sent; an empty body is `{}`.
    public static func json(_ body: [UInt8]) throws(Unreadable) -> JSONValue {
        guard !body.isEmpty else { return [:] }
        do {
            return try JSONReader().decode(body)
        } catch {
            throw Unreadable(description: "the answer is not JSON: \(error)")
        }
    }

    /// InvokeModel: `body` (parsed when it is JSON, else its text), `contentType`, and the token counts and
    /// latency Bedrock sends as headers, as numbers.
    public static func invokeModel(_ response: ServiceResponse) -> JSONValue {
        let body = (try? JSONReader().decode(response.body)) ?? .string(String(decoding: response.body, as: UTF8.self))
        var members = [JSONMember("body", body)]
        if let contentType = response.header("Content-Type") {
            members.append(JSONMember("contentType", .string(contentType)))
        }
        for (header, name) in invokeHeaders {
            guard let value = response.header(header) else { continue }
            members.append(JSONMember(name, Int64(value).map { .int($0) } ?? .string(value)))
        }
        return .object(members)
    }

    static let invokeHeaders: [(String, String)] = [
        ("X-Amzn-Bedrock-Input-Token-Count", "inputTokenCount"),
        ("X-Amzn-Bedrock-Output-Token-Count", "outputTokenCount"),
        ("X-Amzn-Bedrock-Invocation-Latency", "invocationLatency"),
    ]

    /// An error answer: `{code, message, status}`.
    public static func error(code: String, message: String, status: Int) -> JSONValue {
        ["code": .string(code), "message": .string(message), "status": .int(status)]
    }
}
