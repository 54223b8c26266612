import AWSWire

/// Reads the query-string members of a rest-json operation against its shape, collecting every constraint
/// violation, as Bedrock does: one `ValidationException` 400 that lists them all (`1 validation error detected:
/// Value 'VIDEO' at 'byOutputModality' failed to satisfy constraint: Member must satisfy enum value set: [TEXT,
/// IMAGE, EMBEDDING]`).
///
/// Keys the operation does not bind are ignored, as AWS ignores them. A key given twice counts once (the first).
struct RestQueryInput {
    private let parameters: QueryParameters
    private var violations: [String] = []

    /// - Throws: `ValidationException` when the query string is not valid percent-encoding or exceeds the
    ///   form limits (1,000 parameters).
    init(_ query: Substring) throws(AWSError) {
        do {
            parameters = try QueryParameters(decoding: String(query))
        } catch {
            throw .validationException("The query string is malformed.")
        }
    }

    /// A string member, its length and pattern checked.
    /// - Parameters:
    ///   - key: the query key; `member` the member name messages use when it differs (`type` → `typeEquals`).
    mutating func string(
        _ key: String, member: String? = nil, min: Int = 0, max: Int = .max, pattern: RestPattern? = nil
    ) -> String? {
        guard let value = parameters[key] else { return nil }
        let name = member ?? key
        let length = value.utf16.count
        if length > max { fail(value, name, "Member must have length less than or equal to \(max)") }
        if length < min { fail(value, name, "Member must have length greater than or equal to \(min)") }
        if let pattern, !pattern.matches(value) {
            fail(value, name, "Member must satisfy regular expression pattern: \(pattern.text)")
        }
        return value
    }

    /// An enum member: nil when absent or outside `values` (a violation is then recorded).
    mutating func enumeration<Value: RawRepresentable<String>>(_ key: String, member: String? = nil, _ values: [Value])
        -> Value?
    {
        guard let text = parameters[key] else { return nil }
        guard let value = values.first(where: { $0.rawValue == text }) else {
            let set = values.map(\.rawValue).joined(separator: ", ")
            fail(text, member ?? key, "Member must satisfy enum value set: [\(set)]")
            return nil
        }
        return value
    }

    /// An integer member within `range`.
    mutating func int(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = parameters[key] else { return nil }
        guard let value = Int(text) else {
            fail(text, key, "Member must be an integer")
            return nil
        }
        if value < range.lowerBound {
            fail(text, key, "Member must have value greater than or equal to \(range.lowerBound)")
        }
        if value > range.upperBound {
            fail(text, key, "Member must have value less than or equal to \(range.upperBound)")
        }
        return value
    }

    /// Throws the collected violations as one `ValidationException`.
    func finish() throws(AWSError) {
        guard !violations.isEmpty else { return }
        let head =
            violations.count == 1 ? "1 validation error detected: " : "\(violations.count) validation errors detected: "
        throw .validationException(head + violations.joined(separator: "; "))
    }

    private mutating func fail(_ value: String, _ member: String, _ constraint: String) {
        violations.append("Value '\(value)' at '\(member)' failed to satisfy constraint: \(constraint)")
    }
}

/// A pattern of the Bedrock model, matched by hand (no regex engine on the request path), with the text AWS
/// quotes in its validation messages.
struct RestPattern: Sendable {
    let text: String
    let matches: @Sendable (String) -> Bool

    /// `[A-Za-z0-9- ]{1,63}`: `byProvider` (the length is part of the pattern).
    static let provider = RestPattern(text: "[A-Za-z0-9- ]{1,63}") { value in
        (1...63).contains(value.utf8.count)
            && value.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x2D
                    || byte == 0x20
            }
    }

    /// `\S*`: pagination tokens.
    static let nonSpace = RestPattern(text: #"\S*"#) { value in
        value.unicodeScalars.allSatisfy { !$0.properties.isWhitespace }
    }
}
