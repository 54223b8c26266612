public import AWSWire

/// `${name}` references to saved variables inside the strings of a scenario.
///
/// A string that is exactly one reference becomes the saved value itself, whatever its JSON type, so a saved list
/// or number can be passed on unchanged; a reference inside other text becomes the value's text (strings as they
/// are, numbers and booleans as literals, objects and arrays as compact JSON). `$${` writes a literal `${`.
public enum Template {
    /// `value` with the references in its strings (not its object keys) replaced.
    public static func substitute(_ value: JSONValue, variables: [String: JSONValue]) throws(TemplateError)
        -> JSONValue
    {
        switch value {
        case .string(let text):
            let pieces = try Self.pieces(of: text)
            if pieces.count == 1, case .variable(let name) = pieces[0] {
                guard let saved = variables[name] else { throw .unknownVariable(name) }
                return saved
            }
            return .string(try join(pieces, variables: variables))
        case .array(let elements):
            var result: [JSONValue] = []
            result.reserveCapacity(elements.count)
            for element in elements { result.append(try substitute(element, variables: variables)) }
            return .array(result)
        case .object(let members):
            var result: [JSONMember] = []
            result.reserveCapacity(members.count)
            for member in members {
                result.append(JSONMember(member.key, try substitute(member.value, variables: variables)))
            }
            return .object(result)
        case .null, .bool, .number:
            return value
        }
    }

    /// `text` with every reference replaced by its value's text.
    public static func substitute(_ text: String, variables: [String: JSONValue]) throws(TemplateError) -> String {
        try join(pieces(of: text), variables: variables)
    }

    /// The variables the strings of `value` refer to, each once, in order of first use. Malformed references are
    /// not listed: the loader reports them with ``validate(_:)``.
    public static func references(in value: JSONValue) -> [String] {
        var names: [String] = []
        collect(value, into: &names)
        return names
    }

    /// The variables `text` refers to, each once, in order of first use.
    public static func references(in text: String) -> [String] {
        references(in: .string(text))
    }

    /// Throws when a string of `value` holds a `${` that does not start a well-formed reference.
    public static func validate(_ value: JSONValue) throws(TemplateError) {
        switch value {
        case .string(let text): _ = try pieces(of: text)
        case .array(let elements): for element in elements { try validate(element) }
        case .object(let members): for member in members { try validate(member.value) }
        case .null, .bool, .number: break
        }
    }

    /// The text a value stands for inside a longer string.
    public static func text(of value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        default: JSONWriter.string(value)
        }
    }

    enum Piece: Equatable {
        case literal(String)
        case variable(String)
    }

    static func pieces(of text: String) throws(TemplateError) -> [Piece] {
        var pieces: [Piece] = []
        var literal = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            literal += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.hasPrefix("${") {
                literal += "${"
                rest = after.dropFirst(2)
            } else if after.hasPrefix("{") {
                guard let close = after.firstIndex(of: "}") else {
                    throw .malformed(text: text, reason: "\"${\" without a closing \"}\"")
                }
                let name = String(after[after.index(after: after.startIndex)..<close])
                guard isVariableName(name) else {
                    throw .malformed(text: text, reason: "\"${\(name)}\" is not a variable name")
                }
                if !literal.isEmpty { pieces.append(.literal(literal)) }
                literal = ""
                pieces.append(.variable(name))
                rest = after[after.index(after: close)...]
            } else {
                literal += "$"
                rest = after
            }
        }
        literal += rest
        if !literal.isEmpty || pieces.isEmpty { pieces.append(.literal(literal)) }
        return pieces
    }

    /// Letters, digits, `_` and `-`, not starting with a digit or `-`: names `save` may create.
    public static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first != "-", !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
                || $0 == "-"
        }
    }

    private static func join(_ pieces: [Piece], variables: [String: JSONValue]) throws(TemplateError) -> String {
        var text = ""
        for piece in pieces {
            switch piece {
            case .literal(let literal): text += literal
            case .variable(let name):
                guard let value = variables[name] else { throw .unknownVariable(name) }
                text += Self.text(of: value)
            }
        }
        return text
    }

    private static func collect(_ value: JSONValue, into names: inout [String]) {
        switch value {
        case .string(let text):
            for case .variable(let name) in (try? pieces(of: text)) ?? [] where !names.contains(name) {
                names.append(name)
            }
        case .array(let elements): for element in elements { collect(element, into: &names) }
        case .object(let members): for member in members { collect(member.value, into: &names) }
        case .null, .bool, .number: break
        }
    }
}
