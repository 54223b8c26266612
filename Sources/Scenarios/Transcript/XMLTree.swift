internal import AWSWire

/// XML answers (STS, IAM) as trees: a leaf element is its text, an element whose children are all `member` is
/// a list, a name repeated among siblings becomes a list, anything else an object in document order.
enum XMLTree {
    /// The tree without the protocol's wrappers: `<XResponse><XResult>…` is the result's tree (an empty object
    /// when the operation returns nothing); `ErrorResponse` keeps `Error` and `RequestId`.
    static func unwrapped(_ root: XMLElement) -> JSONValue {
        if root.name.hasSuffix("Response"), root.name != "ErrorResponse" {
            let result = root.children.first { $0.name.hasSuffix("Result") }
            return result.map(tree) ?? .object([])
        }
        return tree(root)
    }

    static func tree(_ element: XMLElement) -> JSONValue {
        if element.children.isEmpty { return .string(element.text) }
        if element.children.allSatisfy({ $0.name == "member" }) { return .array(element.children.map(tree)) }
        var members: [JSONMember] = []
        for child in element.children where !members.contains(where: { $0.key == child.name }) {
            let same = element.children(child.name)
            members.append(JSONMember(child.name, same.count > 1 ? .array(same.map(tree)) : tree(child)))
        }
        return .object(members)
    }
}
