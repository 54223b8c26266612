/// `ArnEquals`, `ArnLike` (and `ArnNotEquals`, `ArnNotLike`, by negation).
///
/// AWS documents `ArnEquals` and `ArnLike` alike: each of the six colon-separated fields is
/// compared on its own, case-sensitively, and any field may use `*` and `?`. Used for
/// `aws:PrincipalArn`, `aws:SourceArn` and service ARN keys.
enum ARNConditions {
    static func compile(_ values: [String], variables: Bool) -> ConditionOperand {
        .arns(values.map { ARNPattern($0, variables: variables) })
    }

    static func match(_ value: String, _ patterns: [ARNPattern], _ resolver: ContextResolver) -> ValueMatch {
        let arn = ARN(value)
        for pattern in patterns where pattern.matches(value, arn: arn, resolver) {
            return .match
        }
        return .noMatch
    }
}
