/// How one scenario ended: every step's outcome in order (those after a failure `skipped`), for the progress
/// lines, the summary and the JUnit report.
public struct ScenarioResult: Sendable {
    public var name: String
    public var file: String
    public var steps: [StepOutcome]
    /// Wall time of the whole run, in milliseconds.
    public var durationMilliseconds: Int

    public init(name: String, file: String, steps: [StepOutcome], durationMilliseconds: Int) {
        self.name = name
        self.file = file
        self.steps = steps
        self.durationMilliseconds = durationMilliseconds
    }

    /// Every step passed (a scenario without steps passes).
    public var passed: Bool { steps.allSatisfy { $0.status == .passed } }

    /// The step that failed the scenario.
    public var firstFailure: StepOutcome? { steps.first { $0.status == .failed } }
}

/// One step of a run.
public struct StepOutcome: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case passed, failed
        /// Not run because an earlier step failed.
        case skipped
    }

    /// The step's name, or one made from its action (`iam.CreateRole as customer-root`).
    public var title: String
    public var location: SourceLocation
    public var status: Status
    public var durationMilliseconds: Int
    /// Why the step failed, readable on its own: the expectation's or assertion's expected and actual values.
    public var failure: String?

    public init(
        title: String, location: SourceLocation, status: Status, durationMilliseconds: Int, failure: String? = nil
    ) {
        self.title = title
        self.location = location
        self.status = status
        self.durationMilliseconds = durationMilliseconds
        self.failure = failure
    }
}
