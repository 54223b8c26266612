/// Turns an `Evaluation` into a few lines a person can act on.
///
/// The summary names the rule and the statements that settled the decision, e.g.
/// `denied: trust policy statement AllowSystemAccount did not apply: StringEquals sts:ExternalId
/// expected "abc", request had "abd"`. The full trace lists every statement and every element.
public enum ExplanationRenderer {
    /// One to a few lines: the decision, why, and what to look at.
    public static func summary(_ evaluation: Evaluation) -> [String] {
        let target = "\(evaluation.action) on \(evaluation.resource)"
        let byStatement = Dictionary(
            evaluation.trace.map { ($0.reference, $0) }, uniquingKeysWith: { first, _ in first })
        let deciding = evaluation.decidingStatements.compactMap { byStatement[$0] }
        switch evaluation.decision {
        case .explicitDeny:
            return deciding.map { "denied explicitly: \($0.reference) applies (Deny \(target))" }
        case .allowed:
            return allowedLines(evaluation, deciding, target)
        case .implicitDeny:
            if evaluation.reason == .rootCannotAssumeRole {
                return ["denied: root credentials can never call sts:AssumeRole; call it as an IAM user or role"]
            }
            if !deciding.isEmpty {
                return deciding.map { "denied: \($0.reference) did not apply: \(whyNotApplied($0))" }
            }
            return ["denied: " + missSentence(evaluation, target)]
        }
    }

    /// Every statement, whether it applied, and each element's comparison.
    public static func trace(_ evaluation: Evaluation) -> [String] {
        var lines = summary(evaluation)
        lines.append("caller \(evaluation.caller.arn), \(evaluation.sameAccount ? "same account" : "cross-account")")
        for statement in evaluation.trace {
            let effect = statement.effect?.rawValue ?? "no valid Effect"
            lines.append("\(statement.reference) (\(effect)): \(statement.applied ? "applied" : "did not apply")")
            lines.append("  " + element(statement.action))
            if let resource = statement.resource { lines.append("  " + element(resource)) }
            if let principal = statement.principal { lines.append("  " + element(principal)) }
            for condition in statement.conditions {
                lines.append("  \(describe(condition)) → \(condition.satisfied ? "true" : "false")")
            }
        }
        return lines
    }

    private static func allowedLines(_ evaluation: Evaluation, _ deciding: [StatementTrace], _ target: String)
        -> [String]
    {
        let names = deciding.map(\.reference.description)
        let list = names.isEmpty ? "" : ": " + names.joined(separator: ", ")
        switch evaluation.reason {
        case .rootAccount:
            return [
                "allowed: the root user of account \(evaluation.caller.account) has full access to its own resources"
            ]
        case .resourcePolicyAllows:
            return ["allowed: \(target) granted by a policy that names the caller\(list)"]
        case .trustDelegatesToAccount:
            return [
                "allowed: the trust policy trusts account \(evaluation.caller.account) and the caller's own "
                    + "policies allow \(target)\(list)"
            ]
        case .crossAccountAllowed:
            return [
                "allowed: cross-account \(target), allowed by both the resource's policy and the caller's "
                    + "policies\(list)"
            ]
        default:
            return ["allowed: \(target)\(list)"]
        }
    }

    private static func missSentence(_ evaluation: Evaluation, _ target: String) -> String {
        let caller = evaluation.caller.arn
        switch evaluation.reason {
        case .noIdentityAllow:
            let suffix = evaluation.sameAccount ? "" : " (cross-account access also needs the caller's own policies)"
            return "no identity policy statement of \(caller) allows \(target)\(suffix)"
        case .boundaryDoesNotAllow: return "the permissions boundary does not allow \(target)"
        case .sessionPolicyDoesNotAllow: return "no session policy statement allows \(target)"
        case .trustPolicyDoesNotAllow: return "no trust policy statement allows \(caller) to \(target)"
        case .resourcePolicyDoesNotAllow: return "no resource policy statement allows \(caller) to \(target)"
        case .noResourcePolicy:
            return "\(evaluation.resource) belongs to another account and has no resource policy allowing \(caller)"
        default: return "nothing allows \(target)"
        }
    }

    /// The first element that kept a statement from applying, in words.
    static func whyNotApplied(_ statement: StatementTrace) -> String {
        if !statement.action.satisfied { return mismatch(statement.action) }
        if let resource = statement.resource, !resource.satisfied { return mismatch(resource) }
        if let principal = statement.principal, !principal.satisfied { return mismatch(principal) }
        let failed = statement.conditions.filter { !$0.satisfied }
        if failed.isEmpty { return "the statement has no valid Effect" }
        return failed.map(describe).joined(separator: "; ")
    }

    private static func mismatch(_ element: ElementTrace) -> String {
        let listed = element.patterns.map { "\"\($0)\"" }.joined(separator: ", ")
        if element.name.hasPrefix("Not") {
            return "\(element.name) \(listed) excludes \(element.requestValue)"
        }
        return "\(element.name) \(listed) does not match \(element.requestValue)"
    }

    private static func element(_ element: ElementTrace) -> String {
        let listed = element.patterns.map { "\"\($0)\"" }.joined(separator: ", ")
        if let match = element.principalMatch, element.name == "Principal" {
            return "Principal \(listed) \(match) (\(element.requestValue))"
        }
        let verb =
            element.satisfied
            ? (element.name.hasPrefix("Not") ? "does not list" : "matches")
            : (element.name.hasPrefix("Not") ? "lists" : "does not match")
        return "\(element.name) \(listed) \(verb) \(element.requestValue)"
    }

    /// `StringEquals sts:ExternalId expected "abc", request had "abd"`.
    static func describe(_ condition: ConditionTrace) -> String {
        let expected = condition.policyValues.map(JSONWriter.quoted)
        let expectation: String
        let negated = ConditionOperator(parsing: condition.operatorName)?.base.isNegated ?? false
        switch (negated, expected.count) {
        case (true, 1): expectation = "expected anything but \(expected[0])"
        case (true, _): expectation = "expected none of \(expected.joined(separator: ", "))"
        case (false, 1): expectation = "expected \(expected[0])"
        case (false, _): expectation = "expected one of \(expected.joined(separator: ", "))"
        }
        let had: String
        if let values = condition.requestValues {
            had =
                values.count == 1
                ? "request had \(JSONWriter.quoted(values[0]))"
                : "request had [\(values.map(JSONWriter.quoted).joined(separator: ", "))]"
        } else {
            had = "request had no \(condition.key)"
        }
        var text = "\(condition.operatorName) \(condition.key) \(expectation), \(had)"
        switch condition.note {
        case .multivaluedNeedsSetOperator?: text += " (several values need ForAnyValue: or ForAllValues:)"
        case .unknownOperator?: text = "unknown condition operator \(condition.operatorName) on \(condition.key)"
        case .unresolvedVariable?: text += " (a policy variable has no value)"
        case .absentKeyIfExists?: text += " (absent, so IfExists holds)"
        case .absentKeyForAllValues?: text += " (absent, so ForAllValues holds)"
        case .absentKeyNegated?: text += " (absent, so the negated operator holds)"
        case .keyMissing?, nil: break
        }
        return text
    }
}
