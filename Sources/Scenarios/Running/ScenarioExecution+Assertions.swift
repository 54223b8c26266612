internal import AWSWire
internal import Foundation

extension ScenarioExecution {
    /// `assertion` with the saved variables filled in its `equals` value and its `matches` pattern. In a pattern
    /// a variable's text is matched literally: an ARN's `.` or a `+` in a key must not act as regex syntax.
    func substituted(_ assertion: Assertion) throws(StepFailure) -> Assertion {
        var filled = assertion
        switch assertion.check {
        case .equals(let value):
            filled.check = .equals(try substitute(value))
        case .matches(let pattern):
            let literal = variables.mapValues {
                JSONValue.string(NSRegularExpression.escapedPattern(for: Template.text(of: $0)))
            }
            do {
                filled.check = .matches(try Template.substitute(pattern, variables: literal))
            } catch {
                throw StepFailure(error.description)
            }
        case .exists, .count:
            break
        }
        return filled
    }
}
