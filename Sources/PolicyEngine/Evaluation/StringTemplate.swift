/// A policy string that may hold `${…}` policy variables, compiled once.
///
/// In a 2012-10-17 policy, `Resource` and string/ARN condition values may say
/// `${aws:username}`, `${aws:PrincipalTag/team, 'default'}`, or the escapes `${*}`, `${?}`,
/// `${$}` for a literal `*`, `?` or `$`. A variable's value is inserted literally: a `*` in a
/// user name is not a wildcard. A variable whose key is absent (or multivalued) and has no
/// default leaves the template unresolved, and an unresolved template matches nothing, as AWS
/// documents ("the element does not match").
package struct StringTemplate: Sendable, Hashable {
    package enum Part: Sendable, Hashable {
        case units([Int16])
        /// A context key (lowercased) and its optional default.
        case variable(key: String, fallback: String?)
    }

    /// The text as written in the policy.
    package let text: String
    package let parts: [Part]
    /// The compiled pattern when the template has no variables.
    package let pattern: GlobPattern?

    /// - Parameters:
    ///   - variables: whether `${…}` is special (only in 2012-10-17 policies).
    ///   - wildcards: whether `*` and `?` are wildcards (`StringLike`, `ArnLike`, resources) or plain text.
    package init(_ text: String, variables: Bool, wildcards: Bool) {
        self.text = text
        var parts: [Part] = []
        var units: [Int16] = []
        let bytes = Array(text.utf8)
        var index = 0
        var hasVariable = false
        func literal(_ byte: UInt8) -> Int16 {
            guard wildcards else { return Int16(byte) }
            switch byte {
            case UInt8(ascii: "*"): return GlobPattern.star
            case UInt8(ascii: "?"): return GlobPattern.question
            default: return Int16(byte)
            }
        }
        while index < bytes.count {
            if variables, bytes[index] == UInt8(ascii: "$"), index + 1 < bytes.count,
                bytes[index + 1] == UInt8(ascii: "{"),
                let close = Self.closingBrace(bytes, from: index + 2)
            {
                let inner = String(decoding: bytes[(index + 2)..<close], as: UTF8.self)
                switch inner.trimmingSpaces {
                case "*": units.append(Int16(UInt8(ascii: "*")))
                case "?": units.append(Int16(UInt8(ascii: "?")))
                case "$": units.append(Int16(UInt8(ascii: "$")))
                default:
                    if !units.isEmpty {
                        parts.append(.units(units))
                        units = []
                    }
                    parts.append(Self.variable(inner))
                    hasVariable = true
                }
                index = close + 1
                continue
            }
            units.append(literal(bytes[index]))
            index += 1
        }
        if !units.isEmpty || parts.isEmpty { parts.append(.units(units)) }
        self.parts = parts
        if hasVariable {
            pattern = nil
        } else {
            let all = parts.flatMap { part -> [Int16] in if case .units(let u) = part { u } else { [] } }
            let plain = all.allSatisfy { $0 >= 0 } ? String(decoding: all.map { UInt8($0) }, as: UTF8.self) : nil
            pattern = GlobPattern(units: all, literal: plain)
        }
    }

    /// The `}` that ends a variable, skipping braces inside a quoted default.
    private static func closingBrace(_ bytes: [UInt8], from start: Int) -> Int? {
        var inQuote = false
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "'"): inQuote.toggle()
            case UInt8(ascii: "}") where !inQuote: return index
            default: break
            }
            index += 1
        }
        return nil
    }

    /// Parses `key` or `key, 'default'` (a doubled `''` is one quote). Malformed text never resolves.
    private static func variable(_ inner: String) -> Part {
        guard let comma = inner.firstIndex(of: ",") else {
            let key = inner.trimmingSpaces
            return .variable(key: key.contains(" ") || key.isEmpty ? "" : key.lowercased(), fallback: nil)
        }
        let key = String(inner[..<comma]).trimmingSpaces
        let quoted = String(inner[inner.index(after: comma)...]).trimmingSpaces
        guard !key.isEmpty, !key.contains(" "), quoted.count >= 2, quoted.hasPrefix("'"), quoted.hasSuffix("'") else {
            return .variable(key: "", fallback: nil)
        }
        var fallback = ""
        var previousWasQuote = false
        for character in quoted.dropFirst().dropLast() {
            if character == "'" && previousWasQuote {
                previousWasQuote = false
                continue
            }
            previousWasQuote = character == "'"
            fallback.append(character)
        }
        return .variable(key: key.lowercased(), fallback: fallback)
    }

    /// The pattern with variables filled in from `lookup` (called with lowercased keys), or nil
    /// when a variable has neither a value nor a default.
    package func resolve(_ lookup: (String) -> String?) -> GlobPattern? {
        if let pattern { return pattern }
        var units: [Int16] = []
        for part in parts {
            switch part {
            case .units(let more): units += more
            case .variable(let key, let fallback):
                guard let value = (key.isEmpty ? nil : lookup(key)) ?? fallback else { return nil }
                units += value.utf8.map { Int16($0) }
            }
        }
        let plain = units.allSatisfy { $0 >= 0 } ? String(decoding: units.map { UInt8($0) }, as: UTF8.self) : nil
        return GlobPattern(units: units, literal: plain)
    }

    /// The text with variables filled in, for explanations ("expected \"alice\"").
    package func display(_ lookup: (String) -> String?) -> String {
        guard pattern == nil else { return text }
        var out = ""
        for part in parts {
            switch part {
            case .units(let units):
                out += String(
                    decoding: units.map { $0 == GlobPattern.star ? 42 : $0 == GlobPattern.question ? 63 : UInt8($0) },
                    as: UTF8.self)
            case .variable(let key, let fallback):
                out += (key.isEmpty ? nil : lookup(key)) ?? fallback ?? "${\(key)}"
            }
        }
        return out
    }
}

extension String {
    /// The string without leading and trailing spaces (policy variables allow padding).
    var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}
