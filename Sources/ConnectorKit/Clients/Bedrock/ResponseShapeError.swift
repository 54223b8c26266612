/// A successful answer whose body is not the shape the operation's service model promises (not JSON, a
/// required member missing or of the wrong type).
///
/// Kept apart from `ServiceError`, which is the service's own word: this one means the client could not read
/// what the service said, so retrying will not help and the detail is for a bug report.
public struct ResponseShapeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var service: AWSService
    public var operation: String
    public var detail: String

    public init(service: AWSService, operation: String, detail: String) {
        self.service = service
        self.operation = operation
        self.detail = detail
    }

    public var description: String { "\(service.rawValue) \(operation): unreadable response: \(detail)" }
}
