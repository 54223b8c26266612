/// Which failures the standard retry mode retries (botocore `retries/standard.py`, spec §9.1): its throttling
/// codes, its transient codes and statuses, connection failures and timeouts. `InternalError`, `InternalFailure`
/// and `ServiceUnavailable(Exception)` are added as the other SDKs retry them, whatever status they come with.
enum RetryClassifier {
    enum Failure: Sendable, Hashable {
        /// The service asked the client to slow down.
        case throttling
        /// A transient service fault (an error code or a 5xx status).
        case transient
        /// No answer: the connection could not be made or broke.
        case connection
        /// No answer in time (costs more quota: botocore's `ConnectTimeoutError`, `ReadTimeoutError`).
        case timeout
    }

    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
        "EC2ThrottledException",
    ]

    static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete", "InternalError", "InternalFailure",
        "ServiceUnavailable", "ServiceUnavailableException",
    ]

    static let transientStatuses: Set<Int> = [500, 502, 503, 504]

    /// Why `error` is worth another attempt; nil when it is not.
    static func classify(_ error: any Error) -> Failure? {
        switch error {
        case let error as ServiceError:
            if throttlingCodes.contains(error.code) { return .throttling }
            if transientCodes.contains(error.code) || transientStatuses.contains(error.status) { return .transient }
            return nil
        case let error as TransportError:
            switch error.kind {
            case .connectionFailed, .connectionLost: return .connection
            case .timedOut: return .timeout
            case .bodyTooLarge: return nil
            }
        default:
            return nil
        }
    }
}
