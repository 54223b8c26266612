/// `StringEquals`, `StringEqualsIgnoreCase`, `StringLike` (and their `Not` forms, by negation).
///
/// `StringEquals` is exact and case-sensitive, with `*` and `?` taken literally; `StringLike`
/// reads them as wildcards; `…IgnoreCase` folds case on both sides. All three substitute policy
/// variables in 2012-10-17 policies. This is where `sts:ExternalId` is checked.
enum StringConditions {
    static func compile(_ values: [String], base: ConditionOperator.Base, variables: Bool) -> ConditionOperand {
        let wildcards = base.positive == .stringLike
        return .strings(values.map { StringTemplate($0, variables: variables, wildcards: wildcards) })
    }

    static func match(
        _ value: String, _ base: ConditionOperator.Base, _ templates: [StringTemplate],
        _ resolver: ContextResolver
    ) -> ValueMatch {
        for index in templates.indices {
            // Fast path: no variables and no wildcards, so a plain comparison (no copies, no closures).
            if let literal = templates[index].pattern?.literal {
                let equal = base == .stringEqualsIgnoreCase ? equalsIgnoringCase(literal, value) : literal == value
                if equal { return .match }
                continue
            }
            guard let pattern = templates[index].resolve(resolver.variable) else { continue }
            let matched: Bool =
                switch base {
                case .stringEqualsIgnoreCase:
                    pattern.literal.map { equalsIgnoringCase($0, value) } ?? false
                default:
                    pattern.matches(value)
                }
            if matched { return .match }
        }
        return .noMatch
    }

    /// Case-insensitive equality without allocating for ASCII text.
    static func equalsIgnoringCase(_ lhs: String, _ rhs: String) -> Bool {
        if lhs.utf8.count == rhs.utf8.count {
            var asciiOnly = true
            var equal = true
            for (a, b) in zip(lhs.utf8, rhs.utf8) {
                if a >= 0x80 || b >= 0x80 {
                    asciiOnly = false
                    break
                }
                if a != b && asciiLower(a) != asciiLower(b) {
                    equal = false
                    break
                }
            }
            if asciiOnly { return equal }
        }
        return lhs.lowercased() == rhs.lowercased()
    }

    @inline(__always)
    static func asciiLower(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
}
