public import AWSWire
public import Emulator
public import HTTPServer
import RoleplaySync

/// An `Emulator` behind an `HTTPServer` on 127.0.0.1 with a kernel-chosen port: the stack `roleplay serve` runs,
/// in-process, for one test, so clients are tested over a real socket. Every request that reaches the emulator
/// is kept, so a test sees what went over the wire. The server stops when this is released.
public final class EmulatorServer {
    public let emulator: Emulator
    public let server: HTTPServer
    public let address: BoundAddress
    private let arrived = Locked<[HTTPRequest]>([])

    public init(_ settings: EmulatorConfiguration = EmulatorConfiguration(), limits: ServerLimits = ServerLimits())
        throws
    {
        let emulator = Emulator(configuration: settings)
        let arrived = arrived
        self.emulator = emulator
        server = HTTPServer(
            configuration: ServerConfiguration(port: 0, limits: limits, shutdownGracePeriod: .seconds(1)),
            handler: { request in
                arrived.withLock { $0.append(request) }
                return emulator.handle(request)
            })
        address = try server.start()
    }

    deinit { server.stop() }

    /// `http://127.0.0.1:PORT`.
    public var url: String { address.description }

    /// The requests received so far, in arrival order (appended from the server's threads).
    public var received: [HTTPRequest] { arrived.withLock { $0 } }
}
