import AWSWire
import CMicroHTTPD
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// What every callback of one daemon shares, passed to libmicrohttpd as `void *cls` (unretained: the `Daemon`
/// keeps it alive until `MHD_stop_daemon` has joined every MHD thread).
final class ServerContext: Sendable {
    let handler: @Sendable (HTTPRequest) -> HTTPResponse
    let limits: ServerLimits
    /// Requests whose request line has been read and that have not completed; `stop()` waits for zero.
    let inFlight = Atomic<Int>(0)
    /// Set by `stop()`: the accept policy then refuses new connections.
    let stopping = Atomic<Bool>(false)

    init(handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse, limits: ServerLimits) {
        self.handler = handler
        self.limits = limits
    }
}

/// One running libmicrohttpd daemon: every C call that starts or stops it, and the option list.
///
/// `@unchecked Sendable` because it holds the C handle. Invariant: `handle` is set once in `init` and never
/// changes; `stop` runs its body at most once (guarded by the `stopped` atomic), and `MHD_stop_daemon` may be
/// called from any thread that is not an MHD thread. `context` outlives every callback because
/// `MHD_stop_daemon` joins MHD's threads before `stop` returns.
final class Daemon: @unchecked Sendable {
    let address: BoundAddress
    private let handle: OpaquePointer
    private let context: ServerContext
    private let stopped = Atomic<Bool>(false)

    init(configuration: ServerConfiguration, handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse)
        throws(HTTPServerError)
    {
        guard let socketAddress = SocketAddress(host: configuration.host, port: configuration.port) else {
            throw .invalidHost(configuration.host)
        }
        let limits = configuration.limits
        let context = ServerContext(handler: handler, limits: limits)
        let contextPointer = Unmanaged.passUnretained(context).toOpaque()

        // Internal threads only (MHD polls and calls back on its own threads); ITC lets MHD_stop_daemon wake them.
        var flags = MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_ITC.rawValue
        var threadPoolSize = 0
        switch configuration.threading {
        case .threadPool(let threads):
            // Turbo: optimistic non-blocking reads and fewer syscalls per request (no shutdown() before close).
            flags |= MHD_USE_EPOLL.rawValue | MHD_USE_TURBO.rawValue
            threadPoolSize = min(max(threads, 1), 256)
        case .threadPerConnection:
            flags |= MHD_USE_THREAD_PER_CONNECTION.rawValue | MHD_USE_POLL.rawValue
        }
        if socketAddress.isIPv6 { flags |= MHD_USE_IPv6.rawValue }

        let started: OpaquePointer? = socketAddress.withSockAddr { sockaddr in
            // No LISTENING_ADDRESS_REUSE: MHD's default is SO_REUSEADDR alone (a restart can rebind a port in
            // TIME_WAIT), whereas 1 would add SO_REUSEPORT and let two servers share one port silently.
            var options: [MHD_OptionItem] = [
                .init(option: .CONNECTION_MEMORY_LIMIT, value: limits.connectionMemoryBytes, ptr_value: nil),
                .init(option: .CONNECTION_LIMIT, value: min(max(limits.maxConnections, 1), 65_536), ptr_value: nil),
                .init(option: .CONNECTION_TIMEOUT, value: max(limits.idleTimeoutSeconds, 0), ptr_value: nil),
                .init(
                    option: .NOTIFY_COMPLETED, value: Callbacks.pointer(Callbacks.requestCompleted),
                    ptr_value: contextPointer),
                .init(
                    option: .URI_LOG_CALLBACK, value: Callbacks.pointer(Callbacks.requestStarted),
                    ptr_value: contextPointer),
                .init(option: .UNESCAPE_CALLBACK, value: Callbacks.pointer(Callbacks.keepEscaped), ptr_value: nil),
                .init(option: .SOCK_ADDR, value: 0, ptr_value: UnsafeMutableRawPointer(mutating: sockaddr)),
            ]
            if threadPoolSize > 1 {
                options.append(.init(option: .THREAD_POOL_SIZE, value: threadPoolSize, ptr_value: nil))
            }
            options.append(.init(option: .END, value: 0, ptr_value: nil))
            return options.withUnsafeBufferPointer { items in
                cmhd_start_daemon(
                    flags, configuration.port, Callbacks.acceptPolicy, contextPointer, Callbacks.access, contextPointer,
                    items.baseAddress)
            }
        }
        guard let started else {
            throw .startFailed(
                "cannot listen on \(BoundAddress(host: configuration.host, port: configuration.port))"
                    + " (address in use, no permission, or an invalid limit)")
        }
        let port = cmhd_daemon_bind_port(started)
        self.handle = started
        self.context = context
        self.address = BoundAddress(host: socketAddress.host, port: port == 0 ? configuration.port : port)
    }

    deinit { stop(gracePeriod: .zero) }

    var requestsInFlight: Int { context.inFlight.load(ordering: .relaxed) }

    /// Stop accepting, wait up to `gracePeriod` for requests in flight, then close every connection and join
    /// MHD's threads. Only the first call does anything.
    func stop(gracePeriod: Duration) {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        // New connections are refused by the accept policy rather than by MHD_quiesce_daemon: with epoll and a
        // thread pool, quiescing races MHD's own removal of the listen socket from a worker's epoll set and can
        // abort the process ("Failed to remove listen FD from epoll set", an open libmicrohttpd defect).
        context.stopping.store(true, ordering: .releasing)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: gracePeriod)
        while context.inFlight.load(ordering: .acquiring) > 0 && clock.now < deadline {
            var pause = timespec(tv_sec: 0, tv_nsec: 2_000_000)
            nanosleep(&pause, nil)
        }
        MHD_stop_daemon(handle)
    }
}
