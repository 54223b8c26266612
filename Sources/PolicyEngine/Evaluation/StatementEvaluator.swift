/// Decides whether one statement applies to a request, and records why when asked.
///
/// A statement applies when its action, resource and principal elements match and every
/// condition holds (several operators and keys are AND-ed). Without `explain`, evaluation stops
/// at the first element that fails and builds nothing; with it, every element is compared so
/// the trace can show all of them.
enum StatementEvaluator {
    struct Outcome {
        var applies: Bool
        /// For statements with a principal element: how strongly it names the caller.
        var principalMatch: PrincipalMatch
    }

    /// - Parameter policy: names the statement's policy in the trace; nil when not explaining.
    static func evaluate(
        _ statement: CompiledStatement, _ request: AuthorizationRequest, _ resolver: ContextResolver,
        policy: PolicyReference?, explain: Bool, traces: inout [StatementTrace]
    ) -> Outcome {
        let fields = request.storage
        guard let effect = statement.effect else {
            if let policy { traces.append(emptyTrace(statement, request, policy)) }
            return Outcome(applies: false, principalMatch: .none)
        }
        // Action: IAM compares actions without regard to case; both sides are lowercased already.
        var actionIndex = -1
        for index in statement.actions.indices where statement.actions[index].matches(fields.actionLowercased) {
            actionIndex = index
            break
        }
        let actionOK = statement.actionsNegated ? actionIndex < 0 : actionIndex >= 0
        if !actionOK && !explain { return Outcome(applies: false, principalMatch: .none) }

        // Resource: absent in trust policies, where the role itself is the resource.
        var resourceOK = true
        var resourceIndex = -1
        if let resources = statement.resources {
            for index in resources.indices
            where resources[index].matches(fields.resource, arn: fields.resourceARN, resolver) {
                resourceIndex = index
                break
            }
            resourceOK = statement.resourcesNegated ? resourceIndex < 0 : resourceIndex >= 0
            if !resourceOK && !explain { return Outcome(applies: false, principalMatch: .none) }
        }

        // Principal: only resource and trust policies have one.
        var principalMatch = PrincipalMatch.exact
        var principalOK = true
        var matchedPrincipal: String? = nil
        if let principals = statement.principals {
            var best = PrincipalMatch.none
            var bestIndex = -1
            for index in principals.indices {
                let match = principals[index].match(fields.caller)
                if match > best {
                    best = match
                    bestIndex = index
                }
            }
            if explain && bestIndex >= 0 { matchedPrincipal = principalText(statement.source.principal, bestIndex) }
            if statement.principalsNegated {
                principalOK = best == .none
                principalMatch = principalOK ? .exact : .none
            } else {
                principalOK = best != .none
                principalMatch = best
            }
            if !principalOK && !explain { return Outcome(applies: false, principalMatch: .none) }
        }

        var conditionsOK = true
        var conditionTraces: [ConditionTrace] = []
        for condition in statement.conditions {
            let (satisfied, trace) = ConditionEvaluator.evaluate(condition, resolver, explain: explain)
            if let trace { conditionTraces.append(trace) }
            if !satisfied {
                conditionsOK = false
                if !explain { break }
            }
        }
        let applies = actionOK && resourceOK && principalOK && conditionsOK
        if explain, let policy {
            let source = statement.source
            let matchedAction = actionIndex >= 0 ? source.action?.values[actionIndex] : nil
            let matchedResource = resourceIndex >= 0 ? source.resource?.values[resourceIndex] : nil
            traces.append(
                StatementTrace(
                    policy: policy, index: source.index, sid: source.sid, effect: effect, applied: applies,
                    action: ElementTrace(
                        name: statement.actionsNegated ? "NotAction" : "Action", satisfied: actionOK,
                        requestValue: request.action, patterns: source.action?.values ?? [],
                        matchedPattern: matchedAction),
                    resource: statement.resources.map { _ in
                        ElementTrace(
                            name: statement.resourcesNegated ? "NotResource" : "Resource", satisfied: resourceOK,
                            requestValue: request.resource, patterns: source.resource?.values ?? [],
                            matchedPattern: matchedResource)
                    },
                    principal: statement.principals.map { _ in
                        ElementTrace(
                            name: statement.principalsNegated ? "NotPrincipal" : "Principal", satisfied: principalOK,
                            requestValue: request.caller.arn, patterns: source.principal.map(principalTexts) ?? [],
                            matchedPattern: matchedPrincipal, principalMatch: principalMatch)
                    },
                    conditions: conditionTraces))
        }
        return Outcome(applies: applies, principalMatch: applies ? principalMatch : .none)
    }

    /// Principal values written as `AWS:arn…`, in the order they were compiled.
    static func principalTexts(_ element: PrincipalElement) -> [String] {
        if element.isBareWildcard { return ["*"] }
        return element.entries.flatMap { entry in entry.values.map { "\(entry.type):\($0)" } }
    }

    private static func principalText(_ element: PrincipalElement?, _ index: Int) -> String? {
        guard let element else { return nil }
        let texts = principalTexts(element)
        return index < texts.count ? texts[index] : nil
    }

    private static func emptyTrace(
        _ statement: CompiledStatement, _ request: AuthorizationRequest,
        _ policy: PolicyReference
    ) -> StatementTrace {
        StatementTrace(
            policy: policy, index: statement.source.index, sid: statement.source.sid, effect: nil,
            applied: false,
            action: ElementTrace(
                name: "Action", satisfied: false, requestValue: request.action,
                patterns: statement.source.action?.values ?? []),
            resource: nil, principal: nil, conditions: [])
    }
}
