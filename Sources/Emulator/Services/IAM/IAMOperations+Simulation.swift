import AWSWire
import PolicyEngine

/// The policy simulator, answered by the same engine that authorizes every request: SimulatePrincipalPolicy
/// (a user's or role's own policies, plus any given) and SimulateCustomPolicy (only the given policies).
///
/// Each action × resource pair is one `Authorizer.evaluate`. The simulator sees only the context entries
/// the caller passes (no `aws:CurrentTime`, no `aws:SourceIp`), so a condition on anything else reports its
/// key in `MissingContextValues`, as AWS's simulator does. Statement positions are not reported.
extension IAMOperations {
    static let simulationOperations: [Operation] = [simulatePrincipalPolicy, simulateCustomPolicy]

    struct ContextEntry: Sendable {
        var key: String
        var values: [String]
        var isList: Bool
    }

    struct SimulationInput: Sendable {
        /// SimulatePrincipalPolicy only.
        var policySourceARN: String?
        var policies: [String]
        var boundaries: [String]
        var actions: [String]
        var resources: [String]
        var resourcePolicy: String?
        var resourceOwner: String?
        var callerARN: String?
        var context: [ContextEntry]
        var marker: String?
        var maxItems: Int?
    }

    /// A policy under evaluation, with the names AWS reports its statements under.
    struct SimulatedPolicy {
        var policy: CompiledPolicy
        /// `SourcePolicyId`: the policy's name, or `PolicyInputList.N` for a given one.
        var sourceID: String
        /// `SourcePolicyType` (`user`, `role`, `aws-managed`, `user-managed`, `resource`); nil for given policies.
        var sourceType: String?
    }

    /// SimulatePrincipalPolicy: needs `iam:SimulatePrincipalPolicy` on the user or role simulated.
    static let simulatePrincipalPolicy = Operation.query(
        "SimulatePrincipalPolicy",
        decode: { (input: QueryInput) throws(AWSError) in decodeSimulation(input, principal: true) },
        authorize: { input, _, _ throws(AWSError) in
            [IAMResources.check("iam:SimulatePrincipalPolicy", input.policySourceARN ?? "*")]
        },
        execute: { input, state, environment throws(AWSError) in
            let source = try principalPolicies(input.policySourceARN ?? "", state, environment)
            return try simulate(input, source: source, environment)
        })

    /// SimulateCustomPolicy: needs `iam:SimulateCustomPolicy` (on `*`).
    static let simulateCustomPolicy = Operation.query(
        "SimulateCustomPolicy",
        decode: { (input: QueryInput) throws(AWSError) in decodeSimulation(input, principal: false) },
        authorize: { _, _, _ throws(AWSError) in [IAMResources.check("iam:SimulateCustomPolicy", "*")] },
        execute: { input, _, environment throws(AWSError) in
            try simulate(input, source: nil, environment)
        })

    static func decodeSimulation(_ input: QueryInput, principal: Bool) -> SimulationInput {
        let documents = { (name: String) in
            input.strings(name, min: 1, max: 131_072, pattern: .policyDocument)
        }
        let policies = documents("PolicyInputList")
        if !principal && policies == nil {
            input.violation("Value null at 'policyInputList' failed to satisfy constraint: Member must not be null")
        }
        let actions = input.strings("ActionNames", min: 3, max: 128)
        if actions == nil {
            input.violation("Value null at 'actionNames' failed to satisfy constraint: Member must not be null")
        }
        let context = (input.structures("ContextEntries") ?? []).enumerated().map { index, element in
            let path = "contextEntries.\(index + 1).member"
            let key = element["ContextKeyName"]?.stringValue ?? ""
            if key.count < 5 || key.count > 256 {
                input.violation(
                    "Value '\(key)' at '\(path).contextKeyName' failed to satisfy constraint: Member must have length between 5 and 256"
                )
            }
            let type = element["ContextKeyType"]?.stringValue ?? "string"
            if !contextKeyTypes.contains(type) {
                input.violation(
                    "Value '\(type)' at '\(path).contextKeyType' failed to satisfy constraint: Member must satisfy enum value set: [\(contextKeyTypes.joined(separator: ", "))]"
                )
            }
            let values = (element["ContextKeyValues"]?.listValue ?? []).compactMap(\.stringValue)
            return ContextEntry(key: key, values: values, isList: type.hasSuffix("List"))
        }
        _ = input.string("ResourceHandlingOption", min: 1, max: 64)
        let paging = input.paging()
        return SimulationInput(
            policySourceARN: principal ? input.required("PolicySourceArn", min: 20, max: 2048) : nil,
            policies: policies ?? [], boundaries: documents("PermissionsBoundaryPolicyInputList") ?? [],
            actions: actions ?? [], resources: input.strings("ResourceArns", min: 1, max: 2048) ?? ["*"],
            resourcePolicy: input.string("ResourcePolicy", min: 1, max: 131_072, pattern: .policyDocument),
            resourceOwner: input.string("ResourceOwner", min: 1, max: 2048),
            callerARN: input.string("CallerArn", min: 1, max: 2048), context: context, marker: paging.marker,
            maxItems: paging.maxItems)
    }

    static let contextKeyTypes = [
        "string", "stringList", "numeric", "numericList", "boolean", "booleanList", "ip", "ipList", "binary",
        "binaryList", "date", "dateList",
    ]

    /// What SimulatePrincipalPolicy evaluates besides the given policies: the principal's own.
    struct PrincipalPolicies {
        var caller: Caller
        var identity: [SimulatedPolicy]
        var boundary: SimulatedPolicy?
    }

    /// The inline and attached policies and the boundary of the user or role `arn` names, in the caller's account.
    static func principalPolicies(_ arn: String, _ state: EmulatorState, _ environment: RequestEnvironment)
        throws(AWSError) -> PrincipalPolicies
    {
        guard let parsed = Caller(arn: arn), parsed.account == environment.identity.account else {
            throw .invalidInput("ARN \(arn) is not valid.")
        }
        let account = state.account(parsed.account)
        let resolver = PolicyResolver(state: state, sessionPolicies: SessionPolicyCache())
        func managed(_ arn: String) -> SimulatedPolicy? {
            guard let policy = resolver.managedPolicy(arn), let parts = ManagedPolicyARN(arn) else { return nil }
            return SimulatedPolicy(
                policy: policy, sourceID: parts.name,
                sourceType: parts.account == "aws" ? "aws-managed" : "user-managed")
        }
        func own(_ inline: [InlinePolicy], type: String, attached: [String]) -> [SimulatedPolicy] {
            inline.map { SimulatedPolicy(policy: $0.policy.compiled, sourceID: $0.name, sourceType: type) }
                + attached.compactMap(managed)
        }
        switch parsed.kind {
        case .user:
            let name = parsed.userName ?? ""
            guard let user = account?.user(named: name), user.arn == arn else { throw User.notFound(name) }
            return PrincipalPolicies(
                caller: IdentityResolver.user(user, accessKeyID: "").caller,
                identity: own(user.inlinePolicies, type: "user", attached: user.attachedPolicyARNs),
                boundary: user.permissionsBoundaryARN.flatMap(managed))
        case .role:
            guard let role = state.role(arn: arn) else {
                throw .noSuchEntity("The role with name \(RoleARN(arn)?.name ?? arn) cannot be found.")
            }
            return PrincipalPolicies(
                caller: parsed.tagged(role.tags.dictionary),
                identity: own(role.inlinePolicies, type: "role", attached: role.attachedPolicyARNs),
                boundary: role.permissionsBoundaryARN.flatMap(managed))
        default:
            throw .invalidInput("ARN \(arn) is not valid.")
        }
    }

    /// Evaluates every action on every resource and writes `EvaluationResults`, paged.
    static func simulate(_ input: SimulationInput, source: PrincipalPolicies?, _ environment: RequestEnvironment)
        throws(AWSError) -> QueryEnvelope.Result
    {
        let caller = try simulatedCaller(input, source: source, environment)
        var identity = source?.identity ?? []
        for (index, text) in input.policies.enumerated() {
            identity.append(
                SimulatedPolicy(policy: try given(text, kind: .managed), sourceID: "PolicyInputList.\(index + 1)"))
        }
        guard input.boundaries.count <= 1 else {
            throw .invalidInput("Only one permissions boundary policy can be simulated at a time.")
        }
        let boundary =
            try input.boundaries.first.map { (text: String) throws(AWSError) in
                SimulatedPolicy(
                    policy: try given(text, kind: .managed), sourceID: "PermissionsBoundaryPolicyInputList.1")
            } ?? source?.boundary
        let resource = try input.resourcePolicy.map { (text: String) throws(AWSError) in
            SimulatedPolicy(
                policy: try given(text, kind: .resource), sourceID: "ResourcePolicy", sourceType: "resource")
        }
        // Every policy is recompiled under its index, which is how a statement in the trace finds its source.
        let all = identity + [boundary, resource].compactMap { $0 }
        let renamed = all.enumerated().map { index, simulated in
            CompiledPolicy(simulated.policy.document, name: String(index), kind: simulated.policy.kind)
        }
        let policies = PolicySet(
            identity: Array(renamed.prefix(identity.count)),
            permissionsBoundary: boundary.map { _ in renamed[identity.count] },
            resource: resource.map { _ in renamed[renamed.count - 1] })
        var context = RequestContext()
        for entry in input.context {
            if entry.isList || entry.values.count != 1 {
                context.set(entry.key, values: entry.values)
            } else {
                context.set(entry.key, entry.values[0])
            }
        }
        let owner = input.resourceOwner.map { Caller(arn: $0)?.account ?? $0 }
        var evaluations: [Evaluation] = []
        for action in input.actions {
            for resourceARN in input.resources {
                let request = AuthorizationRequest(
                    caller: caller, action: action, resource: resourceARN, resourceAccount: owner, context: context)
                evaluations.append(Authorizer.evaluate(request, policies))
            }
        }
        let page = try IAMPage(evaluations, marker: input.marker, maxItems: input.maxItems)
        return .members { w in
            w.element("EvaluationResults") { w in
                for evaluation in page.items {
                    w.evaluationResult(evaluation, sources: all, hasBoundary: boundary != nil)
                }
            }
            page.writeTruncation(to: &w)
        }
    }

    /// Whom the simulation pretends calls: `CallerArn` (an IAM user's ARN, as AWS requires), else the user
    /// simulated, else (custom policies, roles) the requester's own ARN judged as a user, so that only the
    /// given policies decide (root would otherwise be allowed everything in its own account).
    static func simulatedCaller(_ input: SimulationInput, source: PrincipalPolicies?, _ environment: RequestEnvironment)
        throws(AWSError) -> Caller
    {
        if let arn = input.callerARN {
            guard let caller = Caller(arn: arn), caller.kind == .user else {
                throw .invalidInput("CallerArn \(arn) is not the ARN of an IAM user.")
            }
            return caller
        }
        if let source, source.caller.kind == .user { return source.caller }
        if input.resourcePolicy != nil {
            throw .invalidInput(
                "CallerArn is required when ResourcePolicy is given and the simulated principal is not a user.")
        }
        return source?.caller
            ?? Caller(kind: .user, arn: environment.identity.caller.arn, account: environment.identity.account)
    }

    /// A policy passed in the request, checked by IAM's grammar (without its stored-policy size quotas:
    /// the simulator takes documents of up to 131,072 characters).
    static func given(_ text: String, kind: PolicyKind) throws(AWSError) -> CompiledPolicy {
        var options = ValidationOptions()
        options.limits.managedPolicy = 131_072
        options.limits.resourcePolicy = 131_072
        let (policy, report) = CompiledPolicy.compile(text, name: "", kind: kind, options: options)
        guard let policy else { throw .invalidInput(report.firstError?.message ?? "Syntax errors in policy.") }
        return policy
    }
}

extension XMLWriter {
    /// One `EvaluationResults` member. `sources[i]` is the policy compiled under the name `i`.
    mutating func evaluationResult(
        _ evaluation: Evaluation, sources: [IAMOperations.SimulatedPolicy], hasBoundary: Bool
    ) {
        element("member") { w in
            w.element("EvalActionName", text: evaluation.action)
            w.element("EvalResourceName", text: evaluation.resource)
            w.element("EvalDecision", text: evaluation.decision.rawValue)
            // An implicit deny matched nothing; the engine's "closest" statements are not matches.
            let matched = evaluation.decision == .implicitDeny ? [] : evaluation.decidingStatements
            w.element("MatchedStatements") { w in
                for statement in matched {
                    guard let index = Int(statement.policy.name), sources.indices.contains(index) else { continue }
                    w.element("member") { w in
                        w.element("SourcePolicyId", text: sources[index].sourceID)
                        w.element("SourcePolicyType", optional: sources[index].sourceType)
                    }
                }
            }
            w.element("MissingContextValues") { w in
                for key in Self.missingContextKeys(evaluation) { w.element("member", text: key) }
            }
            if hasBoundary {
                let boundary = evaluation.trace.filter { $0.policy.role == .permissionsBoundary && $0.applied }
                let allowed = boundary.contains { $0.effect == .allow } && !boundary.contains { $0.effect == .deny }
                w.element("PermissionsBoundaryDecisionDetail") { w in
                    w.element("AllowedByPermissionsBoundary", text: allowed ? "true" : "false")
                }
            }
        }
    }

    /// Condition keys that statements matching the action and resource tested but the request did not carry,
    /// each once (first spelling kept), sorted.
    static func missingContextKeys(_ evaluation: Evaluation) -> [String] {
        var seen = Set<String>()
        var keys: [String] = []
        for trace in evaluation.trace where trace.action.satisfied && trace.resource?.satisfied != false {
            for condition in trace.conditions where condition.requestValues == nil {
                if seen.insert(condition.key.lowercased()).inserted { keys.append(condition.key) }
            }
        }
        return keys.sorted()
    }
}
