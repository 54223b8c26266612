/// A successful (2xx) STS or IAM answer whose XML is not what the operation returns: unparsable, or missing a
/// member the operation always sends. Thrown instead of guessing a value, so a broken proxy or an emulator bug
/// shows up as one clear error naming the call rather than as a credential that fails later.
public struct QueryResponseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var service: AWSService
    public var operation: String
    /// What was wrong (`no AssumeRoleResult/Credentials/AccessKeyId`, the XML parser's message…).
    public var reason: String
    public var requestID: String?

    public init(service: AWSService, operation: String, reason: String, requestID: String? = nil) {
        self.service = service
        self.operation = operation
        self.reason = reason
        self.requestID = requestID
    }

    public var description: String {
        "\(service.rawValue) \(operation): malformed response: \(reason)" + (requestID.map { " [request \($0)]" } ?? "")
    }
}
