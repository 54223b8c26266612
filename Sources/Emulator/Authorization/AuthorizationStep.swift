import AWSWire
import PolicyEngine

/// Step 5 of the pipeline: every check a call needs, against the caller's policies and the resource's.
///
/// A denial says only what AWS says (`User: ARN is not authorized to perform: ACTION on resource: RESOURCE`);
/// the reason goes to the decision log under the request ID.
struct AuthorizationStep {
    let state: EmulatorState
    let sessionPolicies: SessionPolicyCache

    /// The decisions made, in order; throws the first denial.
    func authorize(_ checks: [AuthorizationCheck], _ environment: RequestEnvironment, service: Service)
        -> Result<[DecisionLog.Entry], PipelineError>
    {
        guard !checks.isEmpty else { return .success([]) }
        let identityPolicies = PolicyResolver(state: state, sessionPolicies: sessionPolicies)
            .policies(for: environment.identity)
        var entries: [DecisionLog.Entry] = []
        // The global keys are the same for every check; a Bedrock call through a profile makes four checks.
        let global = environment.context()
        for check in checks {
            let context = check.context.keys.isEmpty ? global : environment.context(check.context)
            let request = AuthorizationRequest(
                caller: environment.identity.caller, action: check.action, resource: check.resource,
                resourceAccount: check.resourceAccount, context: context)
            var policies = identityPolicies
            policies.resource = check.resourcePolicy
            var (decision, reason) = Authorizer.decideWithReason(request, policies)
            if check.missingResource != nil, decision == .allowed { decision = .implicitDeny }
            entries.append(DecisionLog.Entry(request: request, policies: policies, decision: decision, note: check.missingResource))
            guard decision == .allowed else {
                let message = Self.deniedMessage(
                    caller: environment.identity.caller, check: check, reason: reason,
                    explained: service.wireProtocol != .query)
                let error: AWSError =
                    service.wireProtocol == .query ? .accessDenied(message) : .accessDeniedException(message)
                return .failure(PipelineError(error, kind: .accessDenied(entries)))
            }
        }
        return .success(entries)
    }

    /// AWS's denial text. Root calling AssumeRole gets STS's fixed sentence.
    ///
    /// The JSON services (Bedrock, CloudTrail) use IAM's newer template, which says which kind of policy
    /// failed (spec §6.4, §7.1) and leaves out `on resource:` for actions without a resource (`*`); the query
    /// services (STS, IAM) keep the short form they still send.
    static func deniedMessage(caller: Caller, check: AuthorizationCheck, reason: DecisionReason, explained: Bool) -> String {
        // The root rule comes before everything, even a missing role: root never learns whether a role exists.
        if let special = reason.specialAccessDeniedMessage { return special }
        let resource = check.messageResource ?? check.resource
        var message = "User: \(caller.arn) is not authorized to perform: \(check.action)"
        if !explained || resource != "*" { message += " on resource: \(resource)" }
        guard explained else { return message }
        switch reason {
        case .explicitDeny: message += " with an explicit deny in an identity-based policy"
        case .boundaryDoesNotAllow: message += " because no permissions boundary allows the \(check.action) action"
        case .sessionPolicyDoesNotAllow: message += " because no session policy allows the \(check.action) action"
        case .resourcePolicyDoesNotAllow, .noResourcePolicy, .trustPolicyDoesNotAllow:
            message += " because no resource-based policy allows the \(check.action) action"
        default: message += " because no identity-based policy allows the \(check.action) action"
        }
        return message
    }
}
