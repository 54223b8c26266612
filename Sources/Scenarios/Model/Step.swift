/// One step of a scenario: an action, what to keep from its response, and what the response must look like.
public struct Step: Sendable {
    /// `name` in the file, shown in the report.
    public var name: String?
    public var action: StepAction
    /// Variables to set from the response, in the order written (a later entry may overwrite an earlier one).
    public var save: [(variable: String, path: ResponsePath)]
    public var expectation: Expectation
    public var assertions: [Assertion]
    /// The step's first line in the file.
    public var location: SourceLocation
    /// What reports call the step: its `name`, or one made from the action (`iam.CreateRole as customer-root`).
    public var title: String

    public init(
        name: String? = nil, action: StepAction, save: [(variable: String, path: ResponsePath)] = [],
        expectation: Expectation = .success, assertions: [Assertion] = [], location: SourceLocation,
        title: String? = nil
    ) {
        self.name = name
        self.action = action
        self.save = save
        self.expectation = expectation
        self.assertions = assertions
        self.location = location
        self.title = title ?? name ?? action.summary
    }
}
