internal import AWSWire
internal import Foundation
internal import SigV4

/// Sends operations to one service in one region: resolves the endpoint, signs with SigV4, sends over the
/// configured transport, retries what the standard retry mode retries, and turns error answers into
/// `ServiceError`.
///
/// The typed clients (`STSClient`, `BedrockRuntimeClient`…) are thin layers over this one type, so signing,
/// retries and error handling have a single implementation.
public struct AWSClient: Sendable {
    public let service: AWSService
    public let region: String
    public let credentials: any CredentialsProvider
    public let configuration: ClientConfiguration

    /// Codes that say the session token expired: the credentials are fetched again once per call, as the local
    /// clock can be behind the service's. `InvalidClientTokenId` is not one: an unknown token stays unknown.
    static let expiredTokenCodes: Set<String> = ["ExpiredToken", "ExpiredTokenException"]

    public init(
        service: AWSService, region: String, credentials: any CredentialsProvider, configuration: ClientConfiguration
    ) {
        self.service = service
        self.region = region
        self.credentials = credentials
        self.configuration = configuration
    }

    public var endpoint: Endpoint { configuration.endpoints.endpoint(for: service, region: region) }

    /// Sends `request` and reads the whole answer.
    /// - Throws: `ServiceError` for an error answer, `TransportError` when none arrived, or what the credentials
    ///   provider threw.
    public func send(_ request: ServiceRequest) async throws -> ServiceResponse {
        let response = try await open(request)
        let body = try await response.body.collect(limit: configuration.maxResponseBytes)
        return ServiceResponse(status: response.status, headers: response.headers, body: body)
    }

    /// Sends `request` and returns as soon as a successful status and headers arrive, the body still streaming
    /// (Bedrock's event streams). An error answer is read whole and thrown.
    ///
    /// Each attempt is signed anew. Retried, up to `configuration.retry.maxAttempts` attempts while the quota
    /// lasts: throttling, transient errors and 5xx, and transport failures before a successful status arrived (a
    /// stream that breaks after this returns is the caller's). Besides those, once per call each and free of
    /// quota: a skew error whose `Date` shows the clocks apart (signed again at the corrected time), and an
    /// expired token (credentials invalidated and fetched again).
    public func open(_ request: ServiceRequest) async throws -> TransportResponse {
        let retry = configuration.retry
        var attempt = 1
        var skewCorrected = false
        var credentialsRefreshed = false
        var lastRetryCost: Int?
        while true {
            let signedAt = configuration.signingTime
            let failure: any Error
            do {
                let response = try await configuration.transport.send(try await sign(request, at: signedAt))
                if (200..<300).contains(response.status) {
                    retry.quota.release(lastRetryCost ?? RetryQuota.noRetryIncrement)
                    return response
                }
                let error = ServiceErrorDecoder.decode(
                    service: service, operation: request.operation, status: response.status,
                    headers: response.headers, body: try await response.body.collect(limit: 1 << 20))
                if !skewCorrected,
                    configuration.clockSkew.correct(
                        code: error.code, serverDate: response.header("Date"), signedAt: signedAt,
                        localNow: configuration.now())
                {
                    skewCorrected = true
                    continue
                }
                if !credentialsRefreshed, Self.expiredTokenCodes.contains(error.code) {
                    credentialsRefreshed = true
                    await credentials.invalidate()
                    continue
                }
                failure = error
            } catch let error as TransportError {
                failure = error
            }
            guard attempt < retry.maxAttempts, let kind = RetryClassifier.classify(failure),
                let cost = retry.quota.acquire(after: kind)
            else { throw failure }
            lastRetryCost = cost
            try await retry.sleep(retry.backoff(afterAttempt: attempt))
            attempt += 1
        }
    }

    /// The request as it goes on the wire, signed at `time`: `Host`, the operation's headers, `X-Amz-Date`, the
    /// session token and `Authorization`, then `User-Agent` (unsigned, as SDKs leave it).
    func sign(_ request: ServiceRequest, at time: Date) async throws -> TransportRequest {
        let endpoint = endpoint
        let current = try await credentials.credentials()
        let target = endpoint.basePath + request.target
        let sigv4 = SigV4Request(
            method: request.method, target: target,
            headers: [HTTPHeader("Host", endpoint.hostHeader)] + request.headers.map { HTTPHeader($0.name, $0.value) },
            body: request.body)
        let signer = Signer(
            credentials: current.credentials, region: endpoint.signingRegion, service: endpoint.signingName,
            keyCache: configuration.signingKeys)
        let signed = try signer.sign(sigv4, at: AmzDate(time))
        var headers = signed.request.headers.map { HTTPField($0.name, $0.value) }
        headers.append(HTTPField("User-Agent", configuration.userAgent))
        return TransportRequest(
            endpoint: endpoint, method: request.method, target: target, headers: headers, body: request.body)
    }
}
