/// `Null`: tests whether a key is in the request at all.
///
/// `"Null": {"aws:TokenIssueTime": "true"}` holds when the key is absent (long-term
/// credentials); `"false"` holds when it is present. Several values are OR-ed like any other
/// condition. An empty multivalued key counts as absent.
enum NullConditions {
    static func compile(_ values: [String]) -> ConditionOperand {
        .nulls(values.map(BoolConditions.boolean))
    }

    static func satisfied(_ operand: ConditionOperand, keyPresent: Bool) -> Bool {
        guard case .nulls(let wanted) = operand else { return false }
        return wanted.contains { $0 == !keyPresent }
    }
}
