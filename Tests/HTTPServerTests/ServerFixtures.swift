import AWSWire
import HTTPServer
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Starts a server on 127.0.0.1 port 0 for one test and stops it afterwards.
func withServer<R>(
    _ configuration: ServerConfiguration = ServerConfiguration(shutdownGracePeriod: .seconds(2)),
    handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse = Handlers.echo,
    _ body: (HTTPServer, BoundAddress) throws -> R
) throws -> R {
    let server = HTTPServer(configuration: configuration, handler: handler)
    let address = try server.start()
    defer { server.stop() }
    return try body(server, address)
}

enum Handlers {
    /// Answers with the request as text: `METHOD target`, one line per header, the peer, a blank line, the body.
    static let echo: @Sendable (HTTPRequest) -> HTTPResponse = { request in
        var text = "\(request.method) \(request.target)\n"
        for field in request.headers { text += "\(field.name): \(field.value)\n" }
        text += "remote: \(request.remoteAddress ?? "-")\n\n"
        return HTTPResponse(
            status: 200, headers: [HTTPField("Content-Type", "text/plain")],
            bytes: Array(text.utf8) + request.body)
    }
}

/// A one-way flag one thread raises and another waits for, polling, with a deadline.
final class Gate: Sendable {
    private let raised = Atomic<Bool>(false)

    func raise() { raised.store(true, ordering: .releasing) }

    /// True once raised; false if `milliseconds` pass first.
    @discardableResult
    func wait(milliseconds: Int = 3000) -> Bool {
        for _ in 0..<(milliseconds / 2) {
            if raised.load(ordering: .acquiring) { return true }
            pause(milliseconds: 2)
        }
        return raised.load(ordering: .acquiring)
    }
}

/// Yields `parts` in order, then `.end` (or `.abort` when `abortAtEnd`). Before yielding part i > 0 it waits
/// for `gates[i - 1]`, so a test can check that part i - 1 reached the client before part i was produced.
final class PacedStream: ResponseStream {
    let parts: [[UInt8]]
    let gates: [Gate]
    let abortAtEnd: Bool
    private let index = Atomic<Int>(0)

    init(parts: [[UInt8]], gates: [Gate] = [], abortAtEnd: Bool = false) {
        self.parts = parts
        self.gates = gates
        self.abortAtEnd = abortAtEnd
    }

    func next() -> ResponseChunk {
        let i = index.add(1, ordering: .relaxed).oldValue
        guard i < parts.count else { return abortAtEnd ? .abort : .end }
        if i > 0, i - 1 < gates.count { gates[i - 1].wait() }
        return .data(parts[i])
    }
}

/// Sleeps the calling thread (tests only; the server never sleeps on a request's path).
func pause(milliseconds: Int) {
    var interval = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
    nanosleep(&interval, nil)
}
