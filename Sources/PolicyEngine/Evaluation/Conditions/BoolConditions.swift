/// `Bool`: compares `true`/`false` without regard to case.
///
/// Used for `aws:SecureTransport`, `aws:MultiFactorAuthPresent`, `aws:ViaAWSService`. A request
/// value that is not a boolean matches nothing.
enum BoolConditions {
    static func compile(_ values: [String]) -> ConditionOperand {
        .bools(values.map(boolean))
    }

    static func match(_ value: String, _ flags: [Bool?]) -> ValueMatch {
        guard let request = boolean(value) else { return .unreadable }
        return flags.contains(request) ? .match : .noMatch
    }

    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }
}
