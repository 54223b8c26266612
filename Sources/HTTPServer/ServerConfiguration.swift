#if canImport(Glibc)
    import Glibc
#endif

/// Where and how an `HTTPServer` listens.
public struct ServerConfiguration: Sendable, Hashable {
    /// An IPv4 or IPv6 literal (`127.0.0.1`, `::1`, `0.0.0.0`, `::`); host names are not resolved.
    public var host: String
    /// The TCP port; 0 asks the kernel for a free one, which `HTTPServer.start()` reports.
    public var port: UInt16
    public var threading: Threading
    public var limits: ServerLimits
    /// How long `stop()` waits for requests in flight before it closes their connections.
    public var shutdownGracePeriod: Duration

    public init(
        host: String = "127.0.0.1", port: UInt16 = 0, threading: Threading = .threadPool(threads: Threading.coreCount),
        limits: ServerLimits = ServerLimits(), shutdownGracePeriod: Duration = .seconds(5)
    ) {
        self.host = host
        self.port = port
        self.threading = threading
        self.limits = limits
        self.shutdownGracePeriod = shutdownGracePeriod
    }

    /// Whether `host` is a loopback literal, so no other machine can connect (`roleplay serve` warns, and asks
    /// for an admin token, otherwise). False for the wildcards and for anything that is not an IP literal.
    public var isLoopback: Bool { SocketAddress(host: host, port: port)?.isLoopback ?? false }

    /// Whether `host` is an IPv4 or IPv6 literal at all; anything else fails in `HTTPServer.start()`.
    public var isIPLiteral: Bool { SocketAddress(host: host, port: port) != nil }
}

/// How libmicrohttpd runs the handler.
///
/// `.threadPool` (the default) runs a fixed number of threads, each with its own epoll loop over many
/// connections: the fast path for short request/response exchanges. A streamed body whose `next()` blocks
/// holds its thread meanwhile, stalling the other connections on that thread, so a server that paces long
/// streams should either give the pool more threads or use `.threadPerConnection`, where each connection owns a
/// thread (poll-based) and a blocking `next()` delays nobody else.
public enum Threading: Sendable, Hashable {
    case threadPool(threads: Int)
    case threadPerConnection

    /// The number of online processors (at least 1): the default pool size.
    public static var coreCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
