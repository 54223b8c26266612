/// The text `roleplay scenario run` prints: one line per step as it ends, the failure's explanation indented
/// under a failed step, and a summary.
public enum ProgressText {
    /// `✔ iam.CreateRole as customer-root  (1 ms)`; a failed step adds its explanation, each line indented:
    /// `✘ …` then `    happy.yaml:31: expected …`.
    public static func line(_ outcome: StepOutcome) -> String {
        switch outcome.status {
        case .passed:
            return "✔ \(outcome.title)  (\(outcome.durationMilliseconds) ms)"
        case .skipped:
            return "- \(outcome.title)  (skipped)"
        case .failed:
            let explanation = (outcome.failure ?? "failed").split(separator: "\n", omittingEmptySubsequences: false)
                .map { "    " + $0 }.joined(separator: "\n")
            return "✘ \(outcome.title)  (\(outcome.durationMilliseconds) ms)\n" + explanation
        }
    }

    /// The heading before a scenario's steps: `▶ happy path (happy.yaml)`.
    public static func heading(name: String, file: String) -> String { "▶ \(name) (\(file))" }

    /// `3 passed, 1 failed` (scenarios).
    public static func summary(_ results: [ScenarioResult]) -> String {
        let passed = results.filter(\.passed).count
        return "\(passed) passed, \(results.count - passed) failed"
    }
}
