/// Combines identity policies, permissions boundary, session policies and a resource (or trust)
/// policy into one decision, following AWS's documented evaluation logic.
///
/// The rules, all in this one place (as iam-simulate keeps its STS authorizer):
/// 1. An applying `Deny` in any policy wins (explicit deny).
/// 2. The account root user may never call `sts:AssumeRole`.
/// 3. Services, identity providers and anonymous callers have no identity policies: only the
///    resource policy can grant them access.
/// 4. Same account: a resource policy that names the caller (user, session, federated user, or
///    `*`) grants on its own, and neither the permissions boundary nor a session policy limits
///    it; one that names the session's role grants within the boundary and session policy. A
///    role trust policy must name the caller somehow: naming the account root delegates to the
///    caller's identity policies. Otherwise identity policies decide, intersected with the
///    boundary and the session policies. The root user is allowed by identity in its own account.
/// 5. Cross account: the identity side (identity ∩ boundary ∩ session) and the resource policy
///    must both allow; a resource policy naming the account root suffices for the resource side.
///
/// Sources: IAM User Guide, "Policy evaluation logic", "Cross-account policy evaluation logic",
/// "Permissions boundaries for IAM entities", "Session policies", and "How to use an external ID".
public enum Authorizer {
    /// The decision with its reason, deciding statements and a full trace.
    public static func evaluate(_ request: AuthorizationRequest, _ policies: PolicySet) -> Evaluation {
        var traces: [StatementTrace] = []
        let (decision, reason) = decide(request, policies, explain: true, traces: &traces)
        return Evaluation(
            decision: decision, reason: reason, decidingStatements: deciding(decision, reason, traces),
            trace: traces, caller: request.caller, action: request.action, resource: request.resource,
            sameAccount: request.isSameAccount)
    }

    /// The decision alone: no trace, no allocation on the common paths.
    public static func decide(_ request: AuthorizationRequest, _ policies: PolicySet) -> Decision {
        decideWithReason(request, policies).decision
    }

    /// The decision and the rule that settled it, still without a trace: what a server needs to answer a denial
    /// (some rules have their own wire message) without evaluating twice.
    public static func decideWithReason(_ request: AuthorizationRequest, _ policies: PolicySet)
        -> (decision: Decision, reason: DecisionReason)
    {
        var traces: [StatementTrace] = []
        let (decision, reason) = decide(request, policies, explain: false, traces: &traces)
        return (decision, reason)
    }

    /// What one group of policies (all identity policies, say) concluded.
    struct Summary {
        var denied = false
        var allowed = false
        /// For resource policies: the strongest way an applying Allow names the caller.
        var grant = PrincipalMatch.none
    }

    static func decide(
        _ request: AuthorizationRequest, _ policies: PolicySet, explain: Bool,
        traces: inout [StatementTrace]
    ) -> (Decision, DecisionReason) {
        let resolver = ContextResolver(request: request)
        var identity = Summary()
        for policy in policies.identity {
            add(policy, .identity, request, resolver, explain, &identity, &traces)
        }
        var boundary: Summary? = nil
        if let policy = policies.permissionsBoundary {
            var summary = Summary()
            add(policy, .permissionsBoundary, request, resolver, explain, &summary, &traces)
            boundary = summary
        }
        var session: Summary? = nil
        if let list = policies.session {
            var summary = Summary()
            for policy in list { add(policy, .session, request, resolver, explain, &summary, &traces) }
            session = summary
        }
        var resource: Summary? = nil
        if let policy = policies.resource {
            var summary = Summary()
            add(policy, .resource, request, resolver, explain, &summary, &traces)
            resource = summary
        }
        return combine(request, policies, identity: identity, boundary: boundary, session: session, resource: resource)
    }

    /// Evaluates every statement of `policy` into `summary`.
    private static func add(
        _ policy: CompiledPolicy, _ role: PolicyRole, _ request: AuthorizationRequest,
        _ resolver: ContextResolver, _ explain: Bool, _ summary: inout Summary,
        _ traces: inout [StatementTrace]
    ) {
        let reference = explain ? PolicyReference(name: policy.name, kind: policy.kind, role: role) : nil
        for statement in policy.statements {
            let outcome = StatementEvaluator.evaluate(
                statement, request, resolver, policy: reference,
                explain: explain, traces: &traces)
            guard outcome.applies else { continue }
            if statement.effect == .deny {
                summary.denied = true
            } else {
                summary.allowed = true
                summary.grant = max(summary.grant, outcome.principalMatch)
            }
        }
    }

    static func combine(
        _ request: AuthorizationRequest, _ policies: PolicySet, identity: Summary, boundary: Summary?,
        session: Summary?, resource: Summary?
    ) -> (Decision, DecisionReason) {
        if identity.denied || boundary?.denied == true || session?.denied == true || resource?.denied == true {
            return (.explicitDeny, .explicitDeny)
        }
        let caller = request.storage.caller
        if caller.kind == .root && request.storage.actionLowercased == "sts:assumerole" {
            return (.implicitDeny, .rootCannotAssumeRole)
        }
        let grant = resource?.grant ?? .none
        let isTrust = policies.resource?.kind == .trust
        let resourceMissReason: DecisionReason =
            resource == nil ? .noResourcePolicy : isTrust ? .trustPolicyDoesNotAllow : .resourcePolicyDoesNotAllow

        guard caller.isAccountPrincipal else {
            return grant != .none ? (.allowed, .resourcePolicyAllows) : (.implicitDeny, resourceMissReason)
        }

        let identityAllows = caller.kind == .root || identity.allowed
        let boundaryAllows = boundary?.allowed ?? true
        let sessionAllows = session?.allowed ?? true
        let identitySide = identityAllows && boundaryAllows && sessionAllows
        let identityMissReason: DecisionReason =
            !identityAllows ? .noIdentityAllow : !boundaryAllows ? .boundaryDoesNotAllow : .sessionPolicyDoesNotAllow

        guard request.isSameAccount else {
            if grant == .none { return (.implicitDeny, resourceMissReason) }
            if !identitySide { return (.implicitDeny, identityMissReason) }
            return (.allowed, .crossAccountAllowed)
        }

        if grant == .exact || grant == .roleOfSession {
            // A resource policy naming the user or session itself is not limited by the
            // boundary or session policy; one naming only the session's role is.
            let namesCaller = grant == .exact
            let boundaryOK = boundaryAllows || namesCaller
            let sessionOK =
                sessionAllows || (namesCaller && (caller.kind == .assumedRole || caller.kind == .federatedUser))
            if boundaryOK && sessionOK { return (.allowed, .resourcePolicyAllows) }
        }
        if isTrust && grant == .none { return (.implicitDeny, .trustPolicyDoesNotAllow) }
        if !identitySide { return (.implicitDeny, identityMissReason) }
        if isTrust && grant == .account { return (.allowed, .trustDelegatesToAccount) }
        return (.allowed, caller.kind == .root ? .rootAccount : .identityPolicyAllows)
    }

    /// The statements that settled the decision (see `Evaluation.decidingStatements`).
    static func deciding(_ decision: Decision, _ reason: DecisionReason, _ traces: [StatementTrace])
        -> [StatementReference]
    {
        switch decision {
        case .explicitDeny:
            return traces.filter { $0.applied && $0.effect == .deny }.map(\.reference)
        case .allowed:
            let roles: Set<PolicyRole> =
                switch reason {
                case .resourcePolicyAllows: [.resource]
                case .identityPolicyAllows, .rootAccount: [.identity, .permissionsBoundary, .session]
                default: [.identity, .permissionsBoundary, .session, .resource]
                }
            return traces.filter { $0.applied && $0.effect == .allow && roles.contains($0.policy.role) }.map(
                \.reference)
        case .implicitDeny:
            let role: PolicyRole? =
                switch reason {
                case .noIdentityAllow: .identity
                case .boundaryDoesNotAllow: .permissionsBoundary
                case .sessionPolicyDoesNotAllow: .session
                case .trustPolicyDoesNotAllow, .resourcePolicyDoesNotAllow: .resource
                default: nil
                }
            guard let role else { return [] }
            return traces.filter { trace in
                trace.policy.role == role && trace.effect == .allow && !trace.applied && trace.action.satisfied
                    && trace.resource?.satisfied != false
            }.map(\.reference)
        }
    }
}
