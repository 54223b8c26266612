import ConnectorKit
import EmulatorTestSupport

extension EmulatorServer {
    /// A client of `service` reaching this server over `transport`, signed as `credentials`.
    func client(
        _ service: AWSService, as credentials: any CredentialsProvider, transport: any Transport,
        retry: RetryStrategy = RetryStrategy(maxAttempts: 1)
    ) throws -> AWSClient {
        AWSClient(
            service: service, region: "us-east-1", credentials: credentials,
            configuration: ClientConfiguration(transport: transport, endpoints: try .custom(url), retry: retry))
    }
}
