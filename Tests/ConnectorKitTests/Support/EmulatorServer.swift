import AWSWire
import ConnectorKit
import Emulator
import HTTPServer
import RoleplaySync
import Synchronization

/// An emulator behind an `HTTPServer` on 127.0.0.1 with a kernel-chosen port, as `roleplay serve` runs it, so
/// `URLSessionTransport` is tested over a real socket. The server stops when this is released. Every request
/// that reaches the emulator is kept, so a test sees what went over the wire.
final class EmulatorServer {
    let emulator: Emulator
    let server: HTTPServer
    let address: BoundAddress
    private let arrived = ArrivedRequests()

    init(_ settings: EmulatorConfiguration = EmulatorConfiguration()) throws {
        let emulator = Emulator(configuration: settings)
        let arrived = arrived
        self.emulator = emulator
        server = HTTPServer(
            configuration: ServerConfiguration(port: 0, shutdownGracePeriod: .seconds(1)),
            handler: { request in
                arrived.append(request)
                return emulator.handle(request)
            })
        address = try server.start()
    }

    deinit { server.stop() }

    var url: String { "http://127.0.0.1:\(address.port)" }

    /// The requests received so far, in arrival order.
    var received: [HTTPRequest] { arrived.all }

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

/// Requests in arrival order, appended from the server's threads.
final class ArrivedRequests: Sendable {
    private let requests = Locked<[HTTPRequest]>([])

    func append(_ request: HTTPRequest) { requests.withLock { $0.append(request) } }

    var all: [HTTPRequest] { requests.withLock { $0 } }
}
