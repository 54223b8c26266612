import Foundation
import SigV4
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// No secret key, session token or signature reaches `roleplay serve`'s output or `GET /_roleplay/state`, even at
/// the most verbose log level (docs/security.md).
@Suite("roleplay serve keeps secrets out of logs and the state view")
struct ServeSecretsTests {
    static let trust =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}"#
    static let assume =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#

    @Test("a user's key, an assumed role and a session-token call at debug level leak nothing")
    func debugFlowLeaksNothing() throws {
        let (server, port) = try ServeProcess.serving(logLevel: "debug")
        var signatures: [String] = []
        func iam(_ action: String, _ parameters: [(String, String)], as credentials: Credentials = SignedQuery.root)
            throws -> WireResponse
        {
            let (response, signature) = try ServeCalls.call(
                action, version: "2010-05-08", service: "iam", parameters, as: credentials, port: port)
            signatures.append(signature)
            return response
        }
        #expect(try iam("CreateUser", [("UserName", "alice")]).status == 200)
        #expect(
            try iam(
                "PutUserPolicy",
                [("UserName", "alice"), ("PolicyName", "assume"), ("PolicyDocument", ServeCalls.encoded(Self.assume))]
            ).status == 200)
        #expect(
            try iam(
                "CreateRole", [("RoleName", "worker"), ("AssumeRolePolicyDocument", ServeCalls.encoded(Self.trust))]
            ).status == 200)
        let created = try iam("CreateAccessKey", [("UserName", "alice")])
        let keyXML = try #require(ResponseBody.xml(created.body), "\(created.text)")
        let alice = Credentials(
            accessKeyID: try #require(keyXML.value("AccessKeyId")),
            secretAccessKey: try #require(keyXML.value("SecretAccessKey")))

        let (assumed, assumeSignature) = try ServeCalls.call(
            "AssumeRole",
            [("RoleArn", ServeCalls.encoded("arn:aws:iam::111111111111:role/worker")), ("RoleSessionName", "s1")],
            as: alice, port: port)
        signatures.append(assumeSignature)
        let roleXML = try #require(ResponseBody.xml(assumed.body), "\(assumed.text)")
        let token = try #require(roleXML.value("SessionToken"))
        let session = Credentials(
            accessKeyID: try #require(roleXML.value("AccessKeyId")),
            secretAccessKey: try #require(roleXML.value("SecretAccessKey")), sessionToken: token)
        let (identity, identitySignature) = try ServeCalls.call("GetCallerIdentity", as: session, port: port)
        #expect(identity.status == 200, "\(identity.text)")
        // Denied, so debug level also writes why: explanations must not carry secrets either.
        let denied = try iam("ListRoles", [], as: session)
        #expect(denied.status == 403, "\(denied.text)")
        signatures.append(identitySignature)

        let state = try ServeCalls.get("/_roleplay/state", port: port)
        #expect(state.status == 200)
        #expect(state.text.contains(alice.accessKeyID), "the state view lists the key's ID")
        server.signal(SIGTERM)
        #expect(try server.exitStatus(within: .seconds(10)) == 0)
        let log = try server.errors.readToEnd(within: .seconds(5)) + server.output.readToEnd(within: .seconds(5))
        let deniedID = try #require(denied.header("x-amzn-RequestId"))
        #expect(log.components(separatedBy: "\n").filter { $0.contains(deniedID) }.count >= 2, "no debug lines: \(log)")

        let secrets = [alice.secretAccessKey, session.secretAccessKey, token] + signatures
        #expect(secrets.allSatisfy { $0.count >= 40 }, "\(secrets)")
        for secret in secrets {
            #expect(!log.contains(secret), "the log shows \(secret)")
            #expect(!state.text.contains(secret), "the state view shows \(secret)")
        }
        #expect(!log.contains("Signature="), "\(log)")
        #expect(!state.text.contains("Signature="))
    }
}
