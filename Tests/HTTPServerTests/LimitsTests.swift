import AWSWire
import HTTPServer
import TestSupport
import Testing

@Suite("HTTPServer limits")
struct LimitsTests {
    static let small = ServerConfiguration(
        limits: ServerLimits(maxBodyBytes: 1024, maxHeaderCount: 20, maxHeaderBytes: 4096, idleTimeoutSeconds: 5),
        shutdownGracePeriod: .seconds(1))

    @Test("a declared body over the limit gets 413 and the server serves the next connection")
    func declaredBodyTooLarge() throws {
        try withServer(Self.small) { _, address in
            let connection = try TestConnection(port: address.port)
            try connection.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n")
            let response = try connection.readResponse()
            #expect(response.status == 413)
            #expect(connection.waitForClose())

            let next = try TestConnection(port: address.port)
            try next.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")
            #expect(try next.readResponse().status == 200)
        }
    }

    @Test("a declared body over the limit sent at once with the headers gets 413")
    func declaredBodyTooLargeSentAtOnce() throws {
        try withServer(Self.small) { _, address in
            let connection = try TestConnection(port: address.port)
            try? connection.send(
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3000\r\n\r\n"
                    + String(repeating: "b", count: 3000))
            #expect(try connection.readResponse().status == 413)
        }
    }

    @Test("a body over the limit is refused before 100 Continue")
    func expectContinueTooLarge() throws {
        try withServer(Self.small) { _, address in
            let connection = try TestConnection(port: address.port)
            try connection.send("PUT / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n")
            #expect(try connection.readResponse().status == 413)
        }
    }

    @Test("a chunked body over the limit gets 413 and never reaches the handler")
    func chunkedBodyTooLarge() throws {
        try withServer(Self.small, handler: { _ in HTTPResponse(status: 500) }) { _, address in
            let connection = try TestConnection(port: address.port)
            try connection.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
            try connection.send("258\r\n\(String(repeating: "y", count: 600))\r\n")
            try connection.send("1f4\r\n\(String(repeating: "z", count: 500))\r\n0\r\n\r\n")
            #expect(try connection.readResponse().status == 413)
            #expect(connection.waitForClose())
        }
    }

    @Test("a chunked body far over the limit closes the connection, and the server serves the next one")
    func chunkedBodyFarTooLarge() throws {
        try withServer(Self.small) { _, address in
            let connection = try TestConnection(port: address.port)
            try connection.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
            let chunk = "258\r\n\(String(repeating: "z", count: 600))\r\n"
            for _ in 0..<10 { try? connection.send(chunk) }
            if let response = try? connection.readResponse() {
                #expect(response.status == 413)
            } else {
                #expect(connection.waitForClose())
            }
            let next = try TestConnection(port: address.port)
            try next.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try next.readResponse().status == 200)
        }
    }

    @Test("too many headers get 431")
    func tooManyHeaders() throws {
        try withServer(Self.small) { _, address in
            let connection = try TestConnection(port: address.port)
            let headers = (0..<30).map { "X-H\($0): v\r\n" }.joined()
            try connection.send("GET / HTTP/1.1\r\nHost: x\r\n\(headers)\r\n")
            #expect(try connection.readResponse().status == 431)
        }
    }

    @Test("headers over the byte limit get an error status or a closed connection", arguments: [3000, 100_000])
    func headersTooLarge(size: Int) throws {
        try withServer(Self.small) { _, address in
            let connection = try TestConnection(port: address.port)
            let value = String(repeating: "v", count: size)
            try? connection.send("GET / HTTP/1.1\r\nHost: x\r\nX-A: \(value)\r\nX-B: \(value)\r\n\r\n")
            if let response = try? connection.readResponse() {
                #expect([400, 413, 414, 431].contains(response.status))
            } else {
                #expect(connection.waitForClose())
            }
            let next = try TestConnection(port: address.port)
            try next.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try next.readResponse().status == 200)
        }
    }

    @Test("50 half-written requests do not stop a good one")
    func halfWrittenRequests() throws {
        try withServer(Self.small) { _, address in
            var stalled: [TestConnection] = []
            for i in 0..<50 {
                let connection = try TestConnection(port: address.port)
                try connection.send(
                    i % 2 == 0
                        ? "POST / HTTP/1.1\r\nHost: x\r\nContent-Le"
                        : "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\npartial")
                stalled.append(connection)
            }
            let good = try TestConnection(port: address.port)
            try good.send("GET /good HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try good.readResponse().text.hasPrefix("GET /good\n"))
            withExtendedLifetime(stalled) {}
        }
    }

    @Test("with a thread pool, a connection over the limit waits in the backlog until a slot frees")
    func connectionLimitPool() throws {
        let configuration = ServerConfiguration(
            threading: .threadPool(threads: 2),
            limits: ServerLimits(maxConnections: 4),
            shutdownGracePeriod: .milliseconds(100))
        try withServer(configuration) { _, address in
            var held = try (0..<4).map { _ in try TestConnection(port: address.port) }
            for connection in held { try connection.send("GET / HTTP/1.1\r\nHost: x\r\n") }
            let extra = try TestConnection(port: address.port, timeoutMilliseconds: 300)
            try extra.send("GET /extra HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(throws: ClientError.self) { _ = try extra.readResponse() }
            held.removeAll()
            extra.setTimeout(milliseconds: 3000)
            #expect(try extra.readResponse().text.hasPrefix("GET /extra\n"))
        }
    }

    @Test("with a thread per connection, a connection over the limit is closed at once")
    func connectionLimitThreadPerConnection() throws {
        let configuration = ServerConfiguration(
            threading: .threadPerConnection, limits: ServerLimits(maxConnections: 4),
            shutdownGracePeriod: .milliseconds(100))
        try withServer(configuration) { _, address in
            var held = try (0..<4).map { _ in try TestConnection(port: address.port) }
            for connection in held { try connection.send("GET / HTTP/1.1\r\nHost: x\r\n") }
            let extra = try TestConnection(port: address.port)
            try? extra.send("GET /extra HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(extra.waitForClose())
            held.removeAll()
            var served = false
            for _ in 0..<100 where !served {
                let next = try TestConnection(port: address.port)
                try? next.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                served = (try? next.readResponse().status) == 200
                if !served { pause(milliseconds: 10) }
            }
            #expect(served)
        }
    }

    @Test("an idle connection is closed after the idle timeout")
    func idleTimeout() throws {
        let configuration = ServerConfiguration(
            limits: ServerLimits(idleTimeoutSeconds: 1),
            shutdownGracePeriod: .milliseconds(100))
        try withServer(configuration) { _, address in
            let connection = try TestConnection(port: address.port, timeoutMilliseconds: 4000)
            try connection.send("GET / HTTP/1.1\r\nHost: x\r\n")
            #expect(connection.waitForClose())
        }
    }
}
