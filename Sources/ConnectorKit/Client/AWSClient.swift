internal import AWSWire
internal import Foundation
internal import SigV4

/// Sends operations to one service in one region: resolves the endpoint, signs with SigV4, sends over the
/// configured transport, and turns error answers into `ServiceError`.
///
/// The typed clients (`STSClient`, `BedrockRuntimeClient`…) are thin layers over this one type, so signing
/// and error handling have a single implementation.
public struct AWSClient: Sendable {
    public let service: AWSService
    public let region: String
    public let credentials: any CredentialsProvider
    public let configuration: ClientConfiguration

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
    public func open(_ request: ServiceRequest) async throws -> TransportResponse {
        let signed = try await sign(request)
        let response = try await configuration.transport.send(signed)
        guard (200..<300).contains(response.status) else {
            let body = try await response.body.collect(limit: 1 << 20)
            throw ServiceErrorDecoder.decode(
                service: service, operation: request.operation, status: response.status, headers: response.headers,
                body: body)
        }
        return response
    }

    /// The request as it goes on the wire: `Host`, the operation's headers, `X-Amz-Date`, the session token and
    /// `Authorization`, then `User-Agent` (unsigned, as SDKs leave it).
    func sign(_ request: ServiceRequest) async throws -> TransportRequest {
        let endpoint = endpoint
        let current = try await credentials.credentials()
        let target = endpoint.basePath + request.target
        let sigv4 = SigV4Request(
            method: request.method, target: target,
            headers: [HTTPHeader("Host", endpoint.hostHeader)] + request.headers.map { HTTPHeader($0.name, $0.value) },
            body: request.body)
        let signer = Signer(
            credentials: current.credentials, region: endpoint.signingRegion, service: endpoint.signingName)
        let signed = try signer.sign(sigv4, at: AmzDate(configuration.now()))
        var headers = signed.request.headers.map { HTTPField($0.name, $0.value) }
        headers.append(HTTPField("User-Agent", configuration.userAgent))
        return TransportRequest(
            endpoint: endpoint, method: request.method, target: target, headers: headers, body: request.body)
    }
}
