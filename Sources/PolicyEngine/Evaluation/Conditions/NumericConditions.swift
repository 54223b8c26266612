/// `NumericEquals`, `NumericLessThan`, `NumericLessThanEquals`, `NumericGreaterThan`,
/// `NumericGreaterThanEquals` (and `NumericNotEquals`, by negation).
///
/// The request value is on the left: `NumericLessThan {"s3:max-keys": "10"}` holds when the
/// request's `s3:max-keys` is below 10. Integers and decimals are accepted on both sides.
enum NumericConditions {
    static func compile(_ values: [String]) -> ConditionOperand {
        .numbers(values.map(number))
    }

    static func match(_ value: String, _ base: ConditionOperator.Base, _ numbers: [Double?]) -> ValueMatch {
        guard let request = number(value) else { return .unreadable }
        for case let policy? in numbers {
            let matched: Bool =
                switch base {
                case .numericEquals: request == policy
                case .numericLessThan: request < policy
                case .numericLessThanEquals: request <= policy
                case .numericGreaterThan: request > policy
                case .numericGreaterThanEquals: request >= policy
                default: false
                }
            if matched { return .match }
        }
        return .noMatch
    }

    /// A finite decimal number, or nil.
    static func number(_ text: String) -> Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
