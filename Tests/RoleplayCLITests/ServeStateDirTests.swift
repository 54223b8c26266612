import Foundation
import SigV4
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `roleplay serve --state-dir` over a socket: what a client created is there after the process is killed
/// with SIGKILL (no shutdown of any kind) and started again on the same directory.
@Suite("roleplay serve --state-dir")
struct ServeStateDirTests {
    static let trust =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}"#

    @Test("a role created before kill -9 is there after a restart on the same directory")
    func survivesKill() throws {
        let directory = FileManager.default.temporaryDirectory.appending(
            path: "roleplay-serve-state-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let (first, port) = try ServeProcess.serving(["--state-dir", directory])
        let created = try iam(
            "CreateRole", [("RoleName", "survivor"), ("AssumeRolePolicyDocument", Self.encoded(Self.trust))], port: port
        )
        #expect(created.status == 200, "\(created.text)")
        let roleID = ResponseBody.xml(created.body)?.value("RoleId")
        #expect(roleID != nil)
        first.signal(SIGKILL)
        #expect(throws: (any Error).self) { try first.exitStatus(within: .seconds(10)) }

        let (second, restartedPort) = try ServeProcess.serving(["--state-dir", directory])
        let fetched = try iam("GetRole", [("RoleName", "survivor")], port: restartedPort)
        #expect(fetched.status == 200, "\(fetched.text)")
        #expect(ResponseBody.xml(fetched.body)?.value("RoleId") == roleID)
        second.signal(SIGTERM)
        #expect(try second.exitStatus(within: .seconds(10)) == 0)
    }

    @Test("a directory that cannot be used is an error that names it")
    func unusableDirectory() throws {
        let file = FileManager.default.temporaryDirectory.appending(path: "roleplay-not-a-dir-\(UUID().uuidString)")
            .path
        #expect(FileManager.default.createFile(atPath: file, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let server = try ServeProcess(["serve", "--port", "0", "--state-dir", file])
        #expect(try server.exitStatus(within: .seconds(10)) != 0)
        let message = try server.errors.readToEnd(within: .seconds(5))
        #expect(message.contains("\(file) is not a directory"), "\(message)")
    }

    /// An IAM call as the root of 111111111111, signed now (the child checks signatures against the real clock).
    private func iam(_ action: String, _ parameters: [(String, String)], port: UInt16) throws -> WireResponse {
        let request = SignedQuery.request(
            action, version: "2010-05-08", service: "iam", parameters, host: "127.0.0.1:\(port)", at: AmzDate(Date()))
        let connection = try TestConnection(port: port)
        try connection.send(SignedQuery.wire(request))
        return try connection.readResponse()
    }

    /// A form value, percent-encoded.
    private static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
