/// An error answer from an AWS service (or the emulator), as the service sent it.
///
/// `code` is the wire code (`AccessDenied`, `AccessDeniedException`, `ThrottlingException`…), so callers match
/// on the same strings AWS documents; `requestID` is what AWS support and CloudTrail know the call by.
public struct ServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    public var service: AWSService
    public var operation: String
    public var code: String
    public var message: String
    /// The HTTP status.
    public var status: Int
    public var requestID: String?

    public init(
        service: AWSService, operation: String, code: String, message: String, status: Int, requestID: String?
    ) {
        self.service = service
        self.operation = operation
        self.code = code
        self.message = message
        self.status = status
        self.requestID = requestID
    }

    public var description: String {
        "\(service.rawValue) \(operation): \(code) (HTTP \(status)): \(message)"
            + (requestID.map { " [request \($0)]" } ?? "")
    }
}
