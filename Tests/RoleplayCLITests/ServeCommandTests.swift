import Foundation
import SigV4
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `roleplay serve` as users run it: the built binary in a child process, talked to over a socket.
///
/// Every wait is bounded (pipe reads, socket reads, the exit), so a server that hangs fails a test; nothing
/// here asserts how fast anything is.
@Suite("roleplay serve")
struct ServeCommandTests {
    @Test("announces the real port on its first line and answers health checks")
    func announcesPort() throws {
        let (server, port) = try ServeProcess.serving()
        let connection = try TestConnection(port: port)
        try connection.send("GET /_roleplay/health HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
        let response = try connection.readResponse()
        #expect(response.status == 200)
        #expect(ResponseBody.jsonObject(response.body)?["status"] as? String == "ok")
        server.signal(SIGTERM)
        #expect(try server.exitStatus(within: .seconds(10)) == 0)
    }

    @Test("logs one line per request with its ID, service, operation, caller, status and decision")
    func logsRequests() throws {
        let (server, port) = try ServeProcess.serving()
        let health = try send(GET: "/_roleplay/health", port: port)
        let identity = try call("GetCallerIdentity", port: port)
        let denied = try call(
            "AssumeRole",
            [("RoleArn", "arn%3Aaws%3Aiam%3A%3A111111111111%3Arole%2Fsome-role"), ("RoleSessionName", "session")],
            port: port)
        #expect(denied.status == 403)

        let id = { (response: WireResponse) in response.header("x-amzn-RequestId") ?? "?" }
        let lines = try server.errors.lines(until: { $0.contains(id(denied)) }, within: .seconds(10))
        // `TIME ID SERVICE OPERATION CALLER STATUS DECISION [ERROR]`, compared without the time.
        let logged = { (response: WireResponse) in
            lines.first { $0.contains(id(response)) }.map { String($0.drop { $0 != " " }.dropFirst()) }
        }
        #expect(logged(health) == "\(id(health)) admin GET /_roleplay/health - 200 -")
        #expect(logged(identity) == "\(id(identity)) sts GetCallerIdentity arn:aws:iam::111111111111:root 200 -")
        #expect(
            logged(denied) == "\(id(denied)) sts AssumeRole arn:aws:iam::111111111111:root 403 deny AccessDenied")
        server.signal(SIGTERM)
        #expect(try server.exitStatus(within: .seconds(10)) == 0)
    }

    @Test("never logs a secret, an access key of temporary credentials, or a session token")
    func logsNoSecrets() throws {
        let (server, port) = try ServeProcess.serving()
        let issued = try call("GetSessionToken", [("DurationSeconds", "900")], port: port)
        let xml = try #require(ResponseBody.xml(issued.body), "\(issued.text)")
        let token = try #require(xml.value("SessionToken"))
        let temporary = Credentials(
            accessKeyID: try #require(xml.value("AccessKeyId")),
            secretAccessKey: try #require(xml.value("SecretAccessKey")), sessionToken: token)
        let asTemporary = try call("GetCallerIdentity", as: temporary, port: port)
        #expect(asTemporary.status == 200)
        let asTest = try call(
            "GetCallerIdentity", as: Credentials(accessKeyID: "test", secretAccessKey: "test"), port: port)
        #expect(ResponseBody.xml(asTest.body)?.value("Arn") == "arn:aws:iam::000000000000:root")

        server.signal(SIGTERM)
        #expect(try server.exitStatus(within: .seconds(10)) == 0)
        let log = try server.errors.readToEnd(within: .seconds(5))
        #expect(log.contains(asTemporary.header("x-amzn-RequestId") ?? "?"))
        for secret in [temporary.accessKeyID, temporary.secretAccessKey, token] {
            #expect(!log.contains(secret), "the log shows \(secret)")
        }
        // `test` is both the access key and the secret of 000000000000's root: it may appear in no field.
        #expect(!log.split(whereSeparator: \.isWhitespace).contains("test"), "\(log)")
    }

    @Test("stops with exit status 0 on SIGTERM and SIGINT", arguments: [SIGTERM, SIGINT])
    func stopsOnSignal(signal: Int32) throws {
        let (server, port) = try ServeProcess.serving()
        #expect(try send(GET: "/_roleplay/health", port: port).status == 200)
        server.signal(signal)
        #expect(try server.exitStatus(within: .seconds(10)) == 0)
        let log = try server.errors.readToEnd(within: .seconds(5))
        #expect(log.contains("received \(signal == SIGINT ? "SIGINT" : "SIGTERM")"))
    }

    @Test("a client stalled mid-request does not keep SIGTERM from stopping it")
    func stopsWithStalledClient() throws {
        let (server, port) = try ServeProcess.serving()
        let stalled = try TestConnection(port: port)
        try stalled.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nAction=")
        server.signal(SIGTERM)
        // The shutdown grace period (5 s) bounds the wait for the stalled request.
        #expect(try server.exitStatus(within: .seconds(20)) == 0)
        #expect(stalled.waitForClose())
    }

    @Test("a port in use is an error that names it")
    func portInUse() throws {
        let (first, port) = try ServeProcess.serving()
        let second = try ServeProcess(["serve", "--port", String(port), "--log-level", "info"])
        #expect(try second.exitStatus(within: .seconds(10)) != 0)
        let message = try second.errors.readToEnd(within: .seconds(5))
        #expect(message.contains("cannot listen on 127.0.0.1:\(port)"), "\(message)")
        #expect(try second.output.readToEnd(within: .seconds(5)).isEmpty)
        // The first server is unharmed.
        #expect(try send(GET: "/_roleplay/health", port: port).status == 200)
        first.signal(SIGTERM)
        #expect(try first.exitStatus(within: .seconds(10)) == 0)
    }

    @Test("a host that is not an IP address is an error that names it")
    func invalidHost() throws {
        let server = try ServeProcess(["serve", "--host", "999.1.1.1", "--port", "0"])
        #expect(try server.exitStatus(within: .seconds(10)) != 0)
        let message = try server.errors.readToEnd(within: .seconds(5))
        #expect(message.contains("999.1.1.1"), "\(message)")
        #expect(message.contains("not an IPv4 or IPv6 literal"), "\(message)")
        #expect(try server.output.readToEnd(within: .seconds(5)).isEmpty)
    }

    // MARK: Helpers

    private func send(GET path: String, port: UInt16) throws -> WireResponse {
        let connection = try TestConnection(port: port)
        try connection.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
        return try connection.readResponse()
    }

    /// An STS call signed now (the child checks signatures against the real clock).
    private func call(
        _ action: String, _ parameters: [(String, String)] = [], as credentials: Credentials = SignedQuery.root,
        port: UInt16
    ) throws -> WireResponse {
        let request = SignedQuery.request(
            action, parameters, as: credentials, host: "127.0.0.1:\(port)", at: AmzDate(Date()))
        let connection = try TestConnection(port: port)
        try connection.send(SignedQuery.wire(request))
        return try connection.readResponse()
    }
}
