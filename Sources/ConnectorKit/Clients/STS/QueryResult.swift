internal import AWSWire
internal import Foundation

/// The `<OperationResult>` element of a query-protocol (STS, IAM) answer, with reads that fail as
/// `QueryResponseError` naming the operation instead of handing back optionals every caller must check.
struct QueryResult {
    let service: AWSService
    let operation: String
    let requestID: String?
    /// `<OperationResult>`.
    let element: XMLElement

    /// Parses `response`; the root must hold `<\(operation)Result>`.
    init(_ response: ServiceResponse, service: AWSService, operation: String) throws(QueryResponseError) {
        self.service = service
        self.operation = operation
        let root: XMLElement
        do {
            root = try XMLReader().parse(response.body)
        } catch {
            throw QueryResponseError(
                service: service, operation: operation, reason: error.description, requestID: response.requestID)
        }
        requestID = response.requestID ?? root.value(at: "ResponseMetadata/RequestId")
        guard let result = root.child("\(operation)Result") else {
            throw QueryResponseError(
                service: service, operation: operation, reason: "no \(operation)Result element in <\(root.name)>",
                requestID: requestID)
        }
        element = result
    }

    /// The text at `path` (below the result element), which the operation always sends.
    func string(_ path: String) throws(QueryResponseError) -> String {
        guard let value = element.value(at: path) else { throw missing(path) }
        return value
    }

    /// An integer at `path`, nil when absent (present but not a number is an error).
    func optionalInt(_ path: String) throws(QueryResponseError) -> Int? {
        guard let text = element.value(at: path) else { return nil }
        guard let value = Int(text) else { throw invalid(path, text, "an integer") }
        return value
    }

    func int(_ path: String) throws(QueryResponseError) -> Int {
        guard let value = try optionalInt(path) else { throw missing(path) }
        return value
    }

    /// An ISO-8601 timestamp at `path`, nil when absent.
    func optionalDate(_ path: String) throws(QueryResponseError) -> Date? {
        guard let text = element.value(at: path) else { return nil }
        guard let date = QueryTimestamp.parse(text) else { throw invalid(path, text, "an ISO-8601 timestamp") }
        return date
    }

    func date(_ path: String) throws(QueryResponseError) -> Date {
        guard let date = try optionalDate(path) else { throw missing(path) }
        return date
    }

    func missing(_ path: String) -> QueryResponseError {
        QueryResponseError(
            service: service, operation: operation, reason: "no \(operation)Result/\(path)", requestID: requestID)
    }

    func invalid(_ path: String, _ text: String, _ expected: String) -> QueryResponseError {
        QueryResponseError(
            service: service, operation: operation,
            reason: "\(operation)Result/\(path) is \"\(text)\", not \(expected)", requestID: requestID)
    }
}
