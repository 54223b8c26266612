internal import AWSWire
internal import Foundation

extension ScenarioExecution {
    /// `assertion` with the saved variables filled in. In a `matches` pattern a variable's text is matched
    /// literally: an ARN's or model ID's `.` must not act as regex syntax.
    func substituted(_ assertion: Assertion) throws(StepFailure) -> Assertion {
        let values: [String: JSONValue]
        if case .matches = assertion.check {
            values = variables.mapValues { .string(NSRegularExpression.escapedPattern(for: Template.text(of: $0))) }
        } else {
            values = variables
        }
        do {
            return try assertion.substituting(values)
        } catch {
            throw StepFailure(error.description)
        }
    }
}
