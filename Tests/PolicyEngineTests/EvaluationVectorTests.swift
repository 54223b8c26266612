import PolicyEngine
import Testing

@Suite("Evaluation vectors")
struct EvaluationVectorTests {
    @Test("decides as AWS documents", arguments: try EvaluationVector.all())
    func decidesAsDocumented(_ vector: EvaluationVector) throws {
        let policies = try vector.policySet()
        let evaluation = Authorizer.evaluate(vector.request, policies)
        let explanation = ExplanationRenderer.trace(evaluation).joined(separator: "\n")
        #expect(evaluation.decision == vector.expected, "\(vector.source)\n\(explanation)")
        #expect(Authorizer.decide(vector.request, policies) == evaluation.decision, "fast path disagrees")
        if let reason = vector.expectedReason {
            #expect(evaluation.reason == reason, "\(explanation)")
        }
        #expect(
            evaluation.decidingStatements.map(\.displayName).sorted() == vector.expectedSids.sorted(),
            "deciding statements\n\(explanation)")
    }
}
