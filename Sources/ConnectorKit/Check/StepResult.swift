/// How one step of the check ended.
public struct StepResult: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case passed, failed
        /// Not run because an earlier step failed.
        case skipped
    }

    public var step: CheckStep
    public var status: Status
    /// Wall time the step took, in milliseconds (zero when skipped).
    public var durationMilliseconds: Int
    /// What the step found: the assumed-role ARN, the model or profile used, the greeting's reply, or what went
    /// wrong when no service answered.
    public var detail: String
    /// The service's error answer, when there was one.
    public var error: ReportedError?
    /// What to do about a failure, in plain language.
    public var hint: String?

    public init(
        step: CheckStep, status: Status, durationMilliseconds: Int, detail: String, error: ReportedError? = nil,
        hint: String? = nil
    ) {
        self.step = step
        self.status = status
        self.durationMilliseconds = durationMilliseconds
        self.detail = detail
        self.error = error
        self.hint = hint
    }
}

/// A `ServiceError` as a report keeps it: what AWS support and CloudTrail need to find the call.
public struct ReportedError: Sendable, Hashable, Codable {
    public var service: String
    public var operation: String
    public var code: String
    public var message: String
    public var status: Int
    public var requestID: String?

    public init(_ error: ServiceError) {
        service = error.service.rawValue
        operation = error.operation
        code = error.code
        message = error.message
        status = error.status
        requestID = error.requestID
    }
}
