import AWSWire
import TestSupport
import Testing

@testable import HTTPServer

@Suite("HTTPServer internals")
struct InternalsTests {
    @Test(
        "formats the Date header as RFC 1123",
        arguments: [
            (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
            (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
            (1_795_000_000, "Wed, 18 Nov 2026 11:06:40 GMT"),
        ])
    func httpDate(seconds: Int, expected: String) {
        #expect(HTTPDate.format(secondsSinceEpoch: seconds) == expected)
    }

    @Test(
        "accepts IP literals only, bracketed IPv6 included",
        arguments: [
            ("127.0.0.1", "127.0.0.1"), ("0.0.0.0", "0.0.0.0"), ("::1", "::1"), ("[::1]", "::1"), ("::", "::"),
        ])
    func socketAddress(host: String, normalized: String) {
        #expect(SocketAddress(host: host, port: 1)?.host == normalized)
    }

    @Test("refuses host names and junk", arguments: ["localhost", "", "1.2.3", "::g", "[127.0.0.1"])
    func socketAddressRefused(host: String) {
        #expect(SocketAddress(host: host, port: 1) == nil)
    }

    @Test("every begun request is accounted complete, whatever the client sent")
    func noRequestLeaks() throws {
        let limits = ServerLimits(maxBodyBytes: 1024, maxHeaderCount: 20, maxHeaderBytes: 4096)
        try withServer(ServerConfiguration(limits: limits)) { server, address in
            let inputs = [
                "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "v", count: 100_000))\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\n" + (0..<30).map { "X-\($0): v\r\n" }.joined() + "\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n",
                "GET / HTTP/9.9\r\nHost: x\r\n\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc",
                "GET /half HTTP/1.1\r\nHost: x\r\nX-Partial",
            ]
            for input in inputs {
                let connection = try TestConnection(port: address.port, timeoutMilliseconds: 500)
                try? connection.send(input)
                _ = try? connection.readResponse()
            }  // each connection is closed here, mid-request for the last two
            for _ in 0..<1000 where server.requestsInFlight != 0 { pause(milliseconds: 2) }
            #expect(server.requestsInFlight == 0)
        }
    }

    @Test(
        "preserves unusual request targets byte for byte",
        arguments: [
            "*", "http://example.com/a%2Fb?x=%20", "/a/../b/./c?q=1&q=2&=&&x", "/%E2%82%AC?%E2%82%AC=%E2%82%AC",
            "/?", "/p;param?a=b#frag",
        ])
    func unusualTargets(target: String) throws {
        try withServer { _, address in
            let connection = try TestConnection(port: address.port)
            let method = target == "*" ? "OPTIONS" : "GET"
            try connection.send("\(method) \(target) HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try connection.readResponse().text.hasPrefix("\(method) \(target)\n"))
        }
    }
}
