import HTTPServer
import Testing

/// Which listen addresses only this machine can reach: what `roleplay serve` warns about.
@Suite struct LoopbackTests {
    @Test(
        "loopback literals",
        arguments: [
            "127.0.0.1", "127.0.0.53", "127.255.255.254", "::1", "[::1]", "0:0:0:0:0:0:0:1",
            "::ffff:127.0.0.1",
        ])
    func loopback(host: String) {
        #expect(ServerConfiguration(host: host).isLoopback)
    }

    @Test(
        "wildcards, other addresses and names are not loopback",
        arguments: [
            "0.0.0.0", "::", "[::]", "10.0.0.1", "192.168.1.10", "128.0.0.1", "126.0.0.1", "::2", "fe80::1",
            "::ffff:10.0.0.1", "::ffff:0.0.0.0", "::127.0.0.1", "localhost", "",
        ])
    func notLoopback(host: String) {
        #expect(!ServerConfiguration(host: host).isLoopback)
    }

    @Test func literals() {
        #expect(ServerConfiguration(host: "0.0.0.0").isIPLiteral)
        #expect(ServerConfiguration(host: "[::]").isIPLiteral)
        #expect(!ServerConfiguration(host: "999.1.1.1").isIPLiteral)
        #expect(!ServerConfiguration(host: "localhost").isIPLiteral)
    }
}
