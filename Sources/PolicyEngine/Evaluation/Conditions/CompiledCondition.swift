/// One condition test prepared for evaluation: the key lowercased, the policy values parsed
/// into the operator family's own type (numbers, dates, address ranges, ARN patterns).
///
/// Parsing policy values once, when a policy is compiled, is what makes per-request evaluation
/// cheap; a value IAM could not read stays as `nil` and simply never matches. A class, so the
/// evaluation loop shares it rather than copying its fields.
final class CompiledCondition: Sendable {
    let entry: ConditionEntry
    let keyLowercased: String
    let conditionOperator: ConditionOperator?
    let operand: ConditionOperand

    init(_ entry: ConditionEntry, variables: Bool) {
        self.entry = entry
        keyLowercased = entry.key.lowercased()
        conditionOperator = entry.conditionOperator
        guard let base = entry.conditionOperator?.base else {
            operand = .unknown
            return
        }
        switch base.family {
        case .string: operand = StringConditions.compile(entry.values, base: base, variables: variables)
        case .numeric: operand = NumericConditions.compile(entry.values)
        case .date: operand = DateConditions.compile(entry.values)
        case .bool: operand = BoolConditions.compile(entry.values)
        case .binary: operand = BinaryConditions.compile(entry.values)
        case .ipAddress: operand = IPAddressConditions.compile(entry.values)
        case .arn: operand = ARNConditions.compile(entry.values, variables: variables)
        case .null: operand = NullConditions.compile(entry.values)
        }
    }
}

/// Policy values, parsed per operator family.
enum ConditionOperand: Sendable {
    case strings([StringTemplate])
    case numbers([Double?])
    case dates([Double?])
    case bools([Bool?])
    case binaries([[UInt8]?])
    case addresses([IPAddressRange?])
    case arns([ARNPattern])
    case nulls([Bool?])
    case unknown
}

/// How one request value compares with a condition's policy values (under the positive operator).
enum ValueMatch {
    /// Some policy value matches.
    case match
    /// No policy value matches.
    case noMatch
    /// The request value is not of the operator's type (a word given to `NumericLessThan`);
    /// such a comparison is false whether or not the operator is negated.
    case unreadable
}
