import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `--idle-timeout-seconds` and `--max-connections`: the slow-client bounds users can set.
@Suite("roleplay serve: connection limit options")
struct ServeLimitFlagsTests {
    @Test("--idle-timeout-seconds 1 closes a silent connection well before the 30 s default")
    func idleTimeout() throws {
        let (server, port) = try ServeProcess.serving(["--idle-timeout-seconds", "1"])
        let silent = try TestConnection(port: port, timeoutMilliseconds: 8000)
        #expect(silent.waitForClose())
        #expect(try ServeCalls.get("/_roleplay/health", port: port).status == 200)
        server.signal(SIGTERM)
        #expect(try server.exitStatus(within: .seconds(10)) == 0)
    }

    @Test(
        "out-of-range values are refused", arguments: [["--max-connections", "0"], ["--idle-timeout-seconds", "-1"]])
    func outOfRange(arguments: [String]) throws {
        let server = try ServeProcess(["serve", "--port", "0"] + arguments)
        #expect(try server.exitStatus(within: .seconds(10)) != 0)
        #expect(try server.errors.readToEnd(within: .seconds(5)).contains(arguments[0]))
    }
}
