/// How a step must end. An error expectation matches only an error response with that code and/or HTTP status,
/// so a scenario about a failure fails when the call unexpectedly succeeds.
public enum Expectation: Sendable, Hashable {
    case success
    /// At least one of `code` and `status` is set (checked at load).
    case error(code: String?, status: Int?)
}
