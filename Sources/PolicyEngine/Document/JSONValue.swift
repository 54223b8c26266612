/// A JSON value as the policy scanner reads it: object members keep their order, their byte
/// offsets and their duplicates.
///
/// IAM echoes documents back and explains errors by position, and a document with a repeated key
/// (two `Effect`s, two `StringEquals` blocks) is ambiguous, so the scanner must not collapse
/// members into a dictionary the way `JSONSerialization` does.
package enum JSONValue: Sendable, Hashable {
    case string(String)
    /// A number, kept as its literal text: IAM compares condition values as strings, and
    /// `10` and `10.0` are different strings.
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([JSONMember])

    /// The member values whose key equals `key` exactly (IAM element names are case-sensitive).
    package func members(named key: String) -> [JSONValue] {
        guard case .object(let members) = self else { return [] }
        return members.filter { $0.key == key }.map(\.value)
    }

    /// The first member named `key`, if this is an object.
    package subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The JSON type's name, for diagnostics ("expected a string, found an object").
    package var typeName: String {
        switch self {
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// One `"key": value` pair of a JSON object, with the byte offset of its key.
///
/// Equality ignores the offset: the same document indented differently is the same value.
package struct JSONMember: Sendable, Hashable {
    package var key: String
    package var value: JSONValue
    package var offset: Int

    package init(key: String, value: JSONValue, offset: Int) {
        self.key = key
        self.value = value
        self.offset = offset
    }

    package static func == (lhs: JSONMember, rhs: JSONMember) -> Bool {
        lhs.key == rhs.key && lhs.value == rhs.value
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(value)
    }
}
