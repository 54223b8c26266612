/// `DateEquals`, `DateLessThan`, `DateLessThanEquals`, `DateGreaterThan`,
/// `DateGreaterThanEquals` (and `DateNotEquals`, by negation).
///
/// Both sides may be ISO 8601 or epoch seconds (`aws:CurrentTime` is ISO, `aws:EpochTime` is
/// seconds); both are read as instants, so `2025-01-15T12:00:00Z` equals `1736942400`. The
/// request value is on the left: `DateLessThan {"aws:CurrentTime": "2026-01-01T00:00:00Z"}`
/// holds before 2026.
enum DateConditions {
    static func compile(_ values: [String]) -> ConditionOperand {
        .dates(values.map(DateValue.parse))
    }

    static func match(_ value: String, _ base: ConditionOperator.Base, _ dates: [Double?]) -> ValueMatch {
        guard let request = DateValue.parse(value) else { return .unreadable }
        for case let policy? in dates {
            let matched: Bool =
                switch base {
                case .dateEquals: request == policy
                case .dateLessThan: request < policy
                case .dateLessThanEquals: request <= policy
                case .dateGreaterThan: request > policy
                case .dateGreaterThanEquals: request >= policy
                default: false
                }
            if matched { return .match }
        }
        return .noMatch
    }
}
