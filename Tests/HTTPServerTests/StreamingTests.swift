import AWSWire
import HTTPServer
import TestSupport
import Testing

@Suite("HTTPServer streamed responses")
struct StreamingTests {
    static let modes: [Threading] = [.threadPool(threads: 2), .threadPerConnection]

    @Test("sends each chunk as the stream produces it", arguments: modes)
    func pacedChunks(threading: Threading) throws {
        let gates = [Gate(), Gate()]
        let parts = [Array("first".utf8), Array("second".utf8), Array("third".utf8)]
        let configuration = ServerConfiguration(threading: threading, shutdownGracePeriod: .seconds(1))
        try withServer(
            configuration,
            handler: { _ in
                HTTPResponse(
                    status: 200, headers: [HTTPField("Content-Type", "application/vnd.amazon.eventstream")],
                    body: .stream(PacedStream(parts: parts, gates: gates)))
            }
        ) { _, address in
            let connection = try TestConnection(port: address.port)
            try connection.send("POST /stream HTTP/1.1\r\nHost: x\r\n\r\n")
            var seen = 0
            // Part i + 1 is produced only after the client has read part i, so this completes only if every
            // chunk goes out on its own, before the next one exists.
            let response = try connection.readResponse { _ in
                if seen < gates.count { gates[seen].raise() }
                seen += 1
            }
            #expect(response.status == 200)
            #expect(response.header("Transfer-Encoding")?.lowercased() == "chunked")
            #expect(response.chunks == parts)
            #expect(response.header("Date") != nil)

            // The connection stays usable after a streamed response.
            try connection.send("GET /again HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try connection.readResponse().status == 200)
        }
    }

    @Test("a chunk larger than the server's buffer arrives whole", arguments: modes)
    func largeChunk(threading: Threading) throws {
        let big = (0..<100_000).map { UInt8(truncatingIfNeeded: $0) }
        let configuration = ServerConfiguration(threading: threading, shutdownGracePeriod: .seconds(1))
        try withServer(
            configuration,
            handler: { _ in
                HTTPResponse(status: 200, body: .stream(PacedStream(parts: [big, [], Array("tail".utf8)])))
            }
        ) { _, address in
            let connection = try TestConnection(port: address.port)
            try connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try connection.readResponse()
            #expect(response.body == big + Array("tail".utf8))
        }
    }

    @Test("an aborted stream closes the connection before the terminating chunk", arguments: modes)
    func abortedStream(threading: Threading) throws {
        let configuration = ServerConfiguration(threading: threading, shutdownGracePeriod: .seconds(1))
        try withServer(
            configuration,
            handler: { _ in
                HTTPResponse(status: 200, body: .stream(PacedStream(parts: [Array("partial".utf8)], abortAtEnd: true)))
            }
        ) { _, address in
            let connection = try TestConnection(port: address.port)
            try connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            var received: [[UInt8]] = []
            // The cut must reach the client as a closed connection, not as a read that waits out its timeout.
            let error = #expect(throws: ClientError.self) {
                _ = try connection.readResponse { received.append($0) }
            }
            #expect(error?.isTimeout == false, "\(String(describing: error))")
            #expect(received == [Array("partial".utf8)])
        }
    }
}

@Suite("HTTPServer start and stop")
struct LifecycleTests {
    @Test("stop while idle refuses new connections")
    func stopIdle() throws {
        let server = HTTPServer(
            configuration: ServerConfiguration(shutdownGracePeriod: .seconds(1)),
            handler: Handlers.echo)
        let address = try server.start()
        let idle = try TestConnection(port: address.port)
        try idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try idle.readResponse().status == 200)
        server.stop()
        #expect(server.address == nil)
        #expect(idle.waitForClose())
        #expect(throws: ClientError.self) { _ = try TestConnection(port: address.port) }
        server.stop()
    }

    @Test("stop lets a request in flight finish")
    func stopWithRequestInFlight() async throws {
        let entered = Gate()
        let server = HTTPServer(configuration: ServerConfiguration(shutdownGracePeriod: .seconds(3))) { request in
            entered.raise()
            pause(milliseconds: 300)
            return Handlers.echo(request)
        }
        let address = try server.start()
        let connection = try TestConnection(port: address.port)
        try connection.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(entered.wait())
        let stopping = Task.detached { server.stop() }
        let response = try connection.readResponse()
        #expect(response.status == 200)
        #expect(response.text.hasPrefix("GET /slow\n"))
        await stopping.value
        #expect(throws: ClientError.self) { _ = try TestConnection(port: address.port) }
    }

    @Test("start twice returns the same address; a busy port fails to start")
    func startTwiceAndBusyPort() throws {
        try withServer { server, address in
            let again = try server.start()
            #expect(again == address)
            let other = HTTPServer(configuration: ServerConfiguration(port: address.port), handler: Handlers.echo)
            #expect(throws: HTTPServerError.self) { try other.start() }
        }
    }
}
