/// One element of an XML document as AWS query-protocol services write them: a name, child elements and text.
///
/// Attributes are kept only as far as responses need them (none do; `xmlns` is dropped), and mixed content is
/// reduced to the element's own text, which is all STS and IAM responses have.
public struct XMLElement: Sendable, Hashable {
    public var name: String
    public var children: [XMLElement]
    /// The text directly inside this element, entities decoded.
    public var text: String

    public init(name: String, children: [XMLElement] = [], text: String = "") {
        self.name = name
        self.children = children
        self.text = text
    }

    /// The first child named `name`.
    public func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }

    /// Every child named `name`, in order.
    public func children(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }

    /// The element at a `/`-separated path of child names below this one (`"AssumeRoleResult/Credentials"`).
    public func element(at path: String) -> XMLElement? {
        var current = self
        for name in path.split(separator: "/") {
            guard let next = current.child(String(name)) else { return nil }
            current = next
        }
        return current
    }

    /// The text of the element at `path`, nil when there is none.
    public func value(at path: String) -> String? { element(at: path)?.text }
}
