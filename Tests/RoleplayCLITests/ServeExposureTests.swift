import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `--admin-token`, `ROLEPLAY_ADMIN_TOKEN`, and what `roleplay serve` says or refuses when bound beyond loopback.
@Suite("roleplay serve: admin token and exposure")
struct ServeExposureTests {
    @Test("with --admin-token, admin requests need the bearer token; health stays open")
    func adminTokenRequired() throws {
        let (server, port) = try ServeProcess.serving(["--admin-token", "s3cret-admin"])
        #expect(try ServeCalls.get("/_roleplay/health", port: port).status == 200)
        for headers in [
            [], ["Authorization: Bearer wrong"], ["Authorization: Bearer s3cret-admi"],
            ["Authorization: Bearer s3cret-admin2"], ["Authorization: Basic s3cret-admin"],
            ["Authorization: s3cret-admin"],
        ] {
            let refused = try ServeCalls.get("/_roleplay/state", port: port, headers: headers)
            #expect(refused.status == 401, "\(headers)")
            #expect(refused.header("WWW-Authenticate") == #"Bearer realm="roleplay""#)
            #expect(ResponseBody.jsonObject(refused.body)?["message"] as? String != nil, "\(refused.text)")
            #expect(!refused.text.contains("s3cret-admin"))
        }
        let allowed = try ServeCalls.get(
            "/_roleplay/state", port: port, headers: ["Authorization: Bearer s3cret-admin"])
        #expect(allowed.status == 200)
        #expect(
            try ServeCalls.get("/_roleplay/clock", port: port, headers: ["authorization: bearer s3cret-admin"]).status
                == 200)
        // AWS calls do not use the admin token.
        #expect(try ServeCalls.call("GetCallerIdentity", port: port).response.status == 200)
        server.signal(SIGTERM)
        #expect(try server.exitStatus(within: .seconds(10)) == 0)
        #expect(!(try server.errors.readToEnd(within: .seconds(5))).contains("s3cret-admin"))
    }

    @Test("ROLEPLAY_ADMIN_TOKEN sets the token when the option is absent")
    func adminTokenFromEnvironment() throws {
        let (server, port) = try ServeProcess.serving(environment: ["ROLEPLAY_ADMIN_TOKEN": "from-env"])
        #expect(try ServeCalls.get("/_roleplay/state", port: port).status == 401)
        #expect(
            try ServeCalls.get("/_roleplay/state", port: port, headers: ["Authorization: Bearer from-env"]).status
                == 200)
        server.signal(SIGTERM)
        #expect(try server.exitStatus(within: .seconds(10)) == 0)
    }

    @Test("an empty admin token is refused")
    func emptyToken() throws {
        let server = try ServeProcess(["serve", "--port", "0", "--admin-token", ""])
        #expect(try server.exitStatus(within: .seconds(10)) != 0)
        #expect(try server.errors.readToEnd(within: .seconds(5)).contains("must not be empty"))
    }

    @Test("a non-loopback host without a token or --allow-open-admin does not start", arguments: ["0.0.0.0", "::"])
    func openAdminRefused(host: String) throws {
        let server = try ServeProcess(
            ["serve", "--host", host, "--port", "0"], environment: ["ROLEPLAY_ADMIN_TOKEN": ""])
        #expect(try server.exitStatus(within: .seconds(10)) != 0)
        let message = try server.errors.readToEnd(within: .seconds(5))
        #expect(message.contains("--host \(host) is not a loopback address"), "\(message)")
        #expect(message.contains("--admin-token") && message.contains("--allow-open-admin"), "\(message)")
        #expect(try server.output.readToEnd(within: .seconds(5)).isEmpty)
    }

    @Test("0.0.0.0 with a token starts and warns on standard error, even at --log-level error")
    func warnsWithToken() throws {
        let (server, port) = try ServeProcess.serving(
            ["--host", "0.0.0.0", "--admin-token", "t0ken"], logLevel: "error", host: "0.0.0.0")
        #expect(try ServeCalls.get("/_roleplay/health", port: port).status == 200)
        server.signal(SIGTERM)
        #expect(try server.exitStatus(within: .seconds(10)) == 0)
        let log = try server.errors.readToEnd(within: .seconds(5))
        #expect(
            log.contains(
                "roleplay: warning: 0.0.0.0 is not a loopback address: other machines can send requests (plain HTTP, no TLS); the admin API requires the bearer token"
            ),
            "\(log)")
    }

    @Test("0.0.0.0 with --allow-open-admin starts and warns that the admin API is open")
    func warnsOpenAdmin() throws {
        let (server, port) = try ServeProcess.serving(
            ["--host", "0.0.0.0", "--allow-open-admin"], host: "0.0.0.0", environment: ["ROLEPLAY_ADMIN_TOKEN": ""])
        #expect(try ServeCalls.get("/_roleplay/state", port: port).status == 200)
        server.signal(SIGTERM)
        #expect(try server.exitStatus(within: .seconds(10)) == 0)
        let log = try server.errors.readToEnd(within: .seconds(5))
        #expect(log.contains("and the admin API is open to them (--allow-open-admin)"), "\(log)")
    }

    @Test("loopback binds do not warn")
    func loopbackQuiet() throws {
        let (server, port) = try ServeProcess.serving(["--host", "127.0.0.1"])
        #expect(try ServeCalls.get("/_roleplay/health", port: port).status == 200)
        server.signal(SIGTERM)
        #expect(try server.exitStatus(within: .seconds(10)) == 0)
        #expect(!(try server.errors.readToEnd(within: .seconds(5))).contains("warning"))
    }
}
