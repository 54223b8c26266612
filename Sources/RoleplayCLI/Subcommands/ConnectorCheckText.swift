import ConnectorKit
import Foundation

/// How `roleplay connector check` prints a report as text: one line per step as it completes, the hint and
/// the request ID under a failure, then a one-line verdict.
enum ConnectorCheckText {
    /// `✔ assume role      arn:aws:sts::…  (12 ms)`, with indented `hint:` and `request ID:` lines for a failure.
    static func line(_ result: StepResult) -> String {
        let mark =
            switch result.status {
            case .passed: "✔"
            case .failed: "✘"
            case .skipped: "-"
            }
        let title = result.step.title.padding(toLength: titleWidth, withPad: " ", startingAt: 0)
        let time = result.status == .skipped ? "" : "  (\(result.durationMilliseconds) ms)"
        var text = "\(mark) \(title)  \(result.detail)\(time)\n"
        if let hint = result.hint { text += "    hint: \(hint)\n" }
        if let requestID = result.error?.requestID { text += "    request ID: \(requestID)\n" }
        return text
    }

    /// `connection check passed (5 steps)` or `connection check FAILED at converse (1 step skipped)`.
    static func summary(_ report: ConnectionReport) -> String {
        guard let failure = report.firstFailure else {
            return "connection check passed (\(report.steps.count) steps)\n"
        }
        let skipped = report.steps.filter { $0.status == .skipped }.count
        return "connection check FAILED at \(failure.step.title)"
            + (skipped == 0 ? "" : " (\(skipped) step\(skipped == 1 ? "" : "s") skipped)") + "\n"
    }

    /// The longest step title, so details line up.
    static let titleWidth = CheckStep.allCases.map(\.title.count).max() ?? 0
}
