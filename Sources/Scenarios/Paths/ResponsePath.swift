public import AWSWire

/// A place in a response tree: dot-separated member names with `[N]` indexes (`Role.Arn`,
/// `output.message.content[0].text`, `[2]`). Member names may hold any character but `.`, `[`, `]`, `"` and
/// whitespace (AWS names have `-` and `:`); a name with those is written quoted, `["a.b"]`.
public struct ResponsePath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case member(String)
        case index(Int)
    }

    public var components: [Component]

    public init(components: [Component]) { self.components = components }

    public init(parsing text: String) throws(ResponsePathError) {
        var parser = ResponsePathParser(text: text)
        components = try parser.parse()
    }

    /// The value at this path; nil when a member is missing, an index is out of range, or a step meets a value of
    /// the wrong kind (a member of an array, an index into an object).
    public func evaluate(in value: JSONValue) -> JSONValue? {
        var current = value
        for component in components {
            switch component {
            case .member(let name):
                guard let next = current[name] else { return nil }
                current = next
            case .index(let index):
                guard let elements = current.arrayValue, elements.indices.contains(index) else { return nil }
                current = elements[index]
            }
        }
        return current
    }

    /// The path as it would be written; parses back to the same path.
    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .member(let name) where ResponsePathParser.isPlainName(name):
                if !text.isEmpty { text += "." }
                text += name
            case .member(let name):
                var escaped = ""
                for character in name {
                    if character == "\\" || character == "\"" { escaped.append("\\") }
                    escaped.append(character)
                }
                text += "[\"\(escaped)\"]"
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }
}
