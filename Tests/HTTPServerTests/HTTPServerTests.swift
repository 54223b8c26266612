import AWSWire
import HTTPServer
import TestSupport
import Testing

@Suite("HTTPServer over a real socket")
struct HTTPServerTests {
    static let rawTarget =
        "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.x%3A0/invoke?a=%2F&b=c+d"

    @Test("echoes method, raw target, headers in order and body")
    func echoRoundTrip() throws {
        try withServer { _, address in
            let connection = try TestConnection(port: address.port)
            try connection.send(
                "POST \(Self.rawTarget) HTTP/1.1\r\nHost: localhost\r\nX-B: 2\r\nx-a: 1\r\n"
                    + "X-A: again\r\nContent-Length: 5\r\n\r\nhello")
            let response = try connection.readResponse()
            #expect(response.status == 200)
            #expect(
                response.text == """
                    POST \(Self.rawTarget)
                    Host: localhost
                    X-B: 2
                    x-a: 1
                    X-A: again
                    Content-Length: 5
                    remote: 127.0.0.1

                    hello
                    """)
            #expect(response.header("Date")?.hasSuffix(" GMT") == true)
            #expect(response.header("Content-Type") == "text/plain")
        }
    }

    @Test("port 0 is replaced by the port actually bound")
    func portZeroReportsRealPort() throws {
        try withServer { server, address in
            #expect(address.port != 0)
            #expect(address.host == "127.0.0.1")
            #expect(server.address == address)
            #expect(address.description == "http://127.0.0.1:\(address.port)")
        }
    }

    @Test("binds an IPv6 literal and reports ::1 as the peer")
    func bindsIPv6() throws {
        try withServer(ServerConfiguration(host: "::1")) { _, address in
            #expect(address.description == "http://[::1]:\(address.port)")
            let connection = try TestConnection(host: "::1", port: address.port)
            try connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try connection.readResponse().text.contains("remote: ::1\n"))
        }
    }

    @Test("a host that is not an IP literal is refused")
    func rejectsHostName() {
        let server = HTTPServer(configuration: ServerConfiguration(host: "localhost"), handler: Handlers.echo)
        #expect(throws: HTTPServerError.self) { try server.start() }
    }

    @Test("keeps the connection alive for a second request")
    func keepAlive() throws {
        try withServer { _, address in
            let connection = try TestConnection(port: address.port)
            try connection.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try connection.readResponse().text.hasPrefix("GET /one\n"))
            try connection.send("PUT /two?x=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")
            let second = try connection.readResponse()
            #expect(second.text.hasPrefix("PUT /two?x=1\n"))
            #expect(second.text.hasSuffix("\n\nabc"))
        }
    }

    @Test("decodes a chunked request body")
    func chunkedRequestBody() throws {
        try withServer { _, address in
            let connection = try TestConnection(port: address.port)
            try connection.send("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
            try connection.send("5\r\nhello\r\n")
            try connection.send("7\r\n, world\r\n0\r\n\r\n")
            let response = try connection.readResponse()
            #expect(response.status == 200)
            #expect(response.text.hasSuffix("\n\nhello, world"))
        }
    }

    @Test("answers Expect: 100-continue, then reads the body")
    func expectContinue() throws {
        try withServer { _, address in
            let connection = try TestConnection(port: address.port)
            try connection.send("POST /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
            #expect(try connection.readResponse().status == 100)
            try connection.send("data")
            let response = try connection.readResponse()
            #expect(response.status == 200)
            #expect(response.text.hasSuffix("\n\ndata"))
        }
    }

    @Test("carries a large body whole")
    func largeBody() throws {
        try withServer(handler: { HTTPResponse(status: 200, bytes: $0.body) }) { _, address in
            let body = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let connection = try TestConnection(port: address.port)
            try connection.send("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n")
            try connection.send(body)
            let response = try connection.readResponse()
            #expect(response.body == body)
        }
    }

    @Test("a malformed request gets 400 or a closed connection, and the server still serves")
    func malformedRequest() throws {
        try withServer { _, address in
            for garbage in [
                "GARBAGE\r\n\r\n", "GET / HTTP/9.9\r\nHost: x\r\n\r\n", "\u{1}\u{2}\u{3} \r\n\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n",
            ] {
                let connection = try TestConnection(port: address.port)
                try? connection.send(garbage)
                if let response = try? connection.readResponse() {
                    #expect((400..<600).contains(response.status), "\(garbage.debugDescription)")
                }
            }
            let connection = try TestConnection(port: address.port)
            try connection.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try connection.readResponse().status == 200)
        }
    }

    @Test("an unknown response status from the handler goes out as given")
    func handlerStatusAndHeaders() throws {
        let handler: @Sendable (HTTPRequest) -> HTTPResponse = { _ in
            HTTPResponse(
                status: 418,
                headers: [
                    HTTPField("X-Amzn-RequestId", "r-1"), HTTPField("Date", "fixed"),
                    HTTPField("Content-Length", "999"),
                ], bytes: Array("tea".utf8))
        }
        try withServer(handler: handler) { _, address in
            let connection = try TestConnection(port: address.port)
            try connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try connection.readResponse()
            #expect(response.status == 418)
            #expect(response.header("x-amzn-requestid") == "r-1")
            #expect(response.headers.filter { $0.name.lowercased() == "date" }.map(\.value) == ["fixed"])
            #expect(response.text == "tea")
        }
    }

    @Test("a response header carrying CR LF is dropped, not injected")
    func responseHeaderInjection() throws {
        let handler: @Sendable (HTTPRequest) -> HTTPResponse = { _ in
            HTTPResponse(status: 200, headers: [HTTPField("X-Safe", "ok"), HTTPField("X-Evil", "a\r\nX-Injected: 1")])
        }
        try withServer(handler: handler) { _, address in
            let connection = try TestConnection(port: address.port)
            try connection.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try connection.readResponse()
            #expect(response.header("X-Safe") == "ok")
            #expect(response.header("X-Injected") == nil)
        }
    }
}
