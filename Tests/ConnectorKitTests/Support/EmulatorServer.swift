import AWSWire
import ConnectorKit
import Emulator
import HTTPServer

/// An emulator behind an `HTTPServer` on 127.0.0.1 with a kernel-chosen port, as `roleplay serve` runs it, so
/// `URLSessionTransport` is tested over a real socket. The server stops when this is released.
final class EmulatorServer {
    let emulator: Emulator
    let server: HTTPServer
    let address: BoundAddress

    init(_ settings: EmulatorConfiguration = EmulatorConfiguration()) throws {
        let emulator = Emulator(configuration: settings)
        self.emulator = emulator
        server = HTTPServer(
            configuration: ServerConfiguration(port: 0, shutdownGracePeriod: .seconds(1)),
            handler: { emulator.handle($0) })
        address = try server.start()
    }

    deinit { server.stop() }

    var url: String { "http://127.0.0.1:\(address.port)" }

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
