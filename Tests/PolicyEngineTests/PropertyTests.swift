import TestSupport
import PolicyEngine
import Testing

/// Properties every correct evaluator has, checked on seeded random scenarios (identity,
/// boundary, session and resource policies with conditions, wildcards and negated elements).
@Suite("Evaluation properties")
struct PropertyTests {
    static let seeds: [UInt64] = Array(1...400)

    @Test("adding a Deny statement never turns a deny into an allow", arguments: seeds)
    func addingDenyNeverAllows(_ seed: UInt64) {
        let scenario = Scenario(seed: seed)
        let before = Authorizer.decide(scenario.request, scenario.policies())
        var generator = PolicyGenerator(seed: seed &* 7919)
        let deny = generator.statement(sid: "ExtraDeny", principal: false, effect: "Deny")
        var widened = scenario
        if widened.identity.isEmpty { widened.identity = [[deny]] } else { widened.identity[0].append(deny) }
        let after = Authorizer.decide(widened.request, widened.policies())
        if before != .allowed { #expect(after != .allowed, "seed \(seed)") }
        if before == .explicitDeny { #expect(after == .explicitDeny, "seed \(seed)") }
    }

    @Test("statement order never matters", arguments: seeds)
    func statementOrderDoesNotMatter(_ seed: UInt64) {
        let scenario = Scenario(seed: seed)
        let original = Authorizer.evaluate(scenario.request, scenario.policies())
        let reversed = Authorizer.evaluate(scenario.request, scenario.policies(statements: { $0.reversed() }))
        var generator = SplitMix64(seed: seed)
        let shuffled = Authorizer.evaluate(
            scenario.request, scenario.policies(statements: { $0.shuffled(using: &generator) }))
        for other in [reversed, shuffled] {
            #expect(other.decision == original.decision, "seed \(seed)")
            #expect(other.reason == original.reason, "seed \(seed)")
            #expect(
                Set(other.decidingStatements.map(\.displayName)) == Set(original.decidingStatements.map(\.displayName)),
                "seed \(seed)")
        }
    }

    @Test("a policy and its pretty-printed copy decide alike", arguments: seeds)
    func prettyPrintedCopyDecidesAlike(_ seed: UInt64) {
        let scenario = Scenario(seed: seed)
        let pretty: (String) -> String = { text in JSONWriter.write(JSONScanner.scan(text).value!, pretty: true) }
        let original = Authorizer.evaluate(scenario.request, scenario.policies())
        let copy = Authorizer.evaluate(scenario.request, scenario.policies(text: pretty))
        #expect(copy.decision == original.decision, "seed \(seed)")
        #expect(copy.decidingStatements == original.decidingStatements, "seed \(seed)")
    }

    @Test("the fast path and the explained path agree", arguments: seeds)
    func fastPathAgrees(_ seed: UInt64) {
        let scenario = Scenario(seed: seed)
        let policies = scenario.policies()
        #expect(
            Authorizer.decide(scenario.request, policies) == Authorizer.evaluate(scenario.request, policies).decision)
    }

    @Test("an explicit deny always names the Deny statements that applied", arguments: seeds)
    func explicitDenyNamesItsStatements(_ seed: UInt64) {
        let scenario = Scenario(seed: seed)
        let evaluation = Authorizer.evaluate(scenario.request, scenario.policies())
        let applied = evaluation.trace.filter { $0.applied && $0.effect == .deny }
        #expect((evaluation.decision == .explicitDeny) == !applied.isEmpty, "seed \(seed)")
        #expect(!ExplanationRenderer.summary(evaluation).isEmpty)
    }
}

extension PropertyTests {
    @Test("generated scenarios reach every decision, so the properties are not vacuous")
    func scenariosCoverEveryDecision() {
        var counts: [Decision: Int] = [:]
        for seed in Self.seeds {
            let scenario = Scenario(seed: seed)
            counts[Authorizer.decide(scenario.request, scenario.policies()), default: 0] += 1
        }
        for decision in [Decision.allowed, .explicitDeny, .implicitDeny] {
            #expect(counts[decision, default: 0] >= 20, "\(counts)")
        }
    }
}
