public import AWSWire
import RoleplaySync
import Synchronization

/// Serves any `(HTTPRequest) -> HTTPResponse` function over HTTP/1.1, on libmicrohttpd.
///
/// The adapter turns bytes into `HTTPRequest` values (raw request target, headers in order, whole body) and
/// `HTTPResponse` values back into bytes (whole or chunked), and enforces `ServerLimits`. The handler runs on
/// libmicrohttpd's threads, synchronously, several at once.
///
/// Thread safety: the class is checked `Sendable`. Its only mutable state is the running daemon, behind a
/// `Locked`; `start()`, `stop()` and `deinit` may be called from any thread. The daemon itself (`Daemon`)
/// documents why its C handle may cross threads.
public final class HTTPServer: Sendable {
    public let configuration: ServerConfiguration
    private let handler: @Sendable (HTTPRequest) -> HTTPResponse
    private let running = Locked<Daemon?>(nil)

    /// - Parameters:
    ///   - configuration: host, port, threading and limits.
    ///   - handler: called once per complete request, on a server thread; it may block.
    public init(
        configuration: ServerConfiguration = ServerConfiguration(),
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) {
        self.configuration = configuration
        self.handler = handler
    }

    deinit {
        running.withLock { $0.take() }?.stop(gracePeriod: configuration.shutdownGracePeriod)
    }

    /// Binds and starts serving.
    ///
    /// - Returns: the address actually bound; with port 0 it carries the port the kernel picked.
    /// - Throws: `HTTPServerError` when the host is not an IP literal, the server already runs, or the daemon
    ///   cannot start (port in use, no permission).
    @discardableResult
    public func start() throws(HTTPServerError) -> BoundAddress {
        try running.withLock { (current: inout Daemon?) throws(HTTPServerError) -> BoundAddress in
            if let current { return current.address }
            let daemon = try Daemon(configuration: configuration, handler: handler)
            current = daemon
            return daemon.address
        }
    }

    /// The bound address while running, else nil.
    public var address: BoundAddress? { running.withLock { $0?.address } }

    /// Requests begun and not yet completed (0 when stopped): what `stop()` waits for. For tests.
    var requestsInFlight: Int { running.withLock { $0?.requestsInFlight ?? 0 } }

    /// Stops gracefully: stops accepting at once, lets requests in flight finish (up to
    /// `configuration.shutdownGracePeriod`), then closes every connection. Idempotent; `deinit` calls it.
    public func stop() {
        running.withLock { $0.take() }?.stop(gracePeriod: configuration.shutdownGracePeriod)
    }
}

/// The address a started server listens on.
public struct BoundAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: UInt16

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// `http://127.0.0.1:4590`, or `http://[::1]:4590` for IPv6.
    public var description: String {
        host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
    }
}

/// Why a server could not start.
public struct HTTPServerError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable { case invalidHost, startFailed }
    private let code: Code
    public let message: String

    static func invalidHost(_ host: String) -> HTTPServerError {
        .init(code: .invalidHost, message: "host '\(host)' is not an IPv4 or IPv6 literal")
    }

    static func startFailed(_ message: String) -> HTTPServerError { .init(code: .startFailed, message: message) }

    public var isInvalidHost: Bool { code == .invalidHost }
    public var description: String { message }
}
