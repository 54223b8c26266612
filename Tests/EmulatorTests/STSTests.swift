import AWSWire
import SigV4
import Testing

@testable import Emulator

/// Spec §4: GetCallerIdentity, AssumeRole and GetSessionToken over the connector set-up, with AWS's exact
/// shapes and messages.
@Suite("STS")
struct STSTests {
    let endpoint = TestEndpoint()

    static let deniedToConnector =
        "User: \(ConnectorFlow.userARN) is not authorized to perform: sts:AssumeRole on resource: \(ConnectorFlow.roleARN)"

    /// The connector's role session.
    func roleSession(_ flow: ConnectorFlow, sessionName: String = "connector-session", extra: [(String, String)] = [])
        throws -> Credentials
    {
        let response = endpoint.assumeConnectorRole(flow, sessionName: sessionName, extra: extra)
        return try #require(response.credentials, "\(response)")
    }

    // MARK: GetCallerIdentity

    @Test("GetCallerIdentity of root: UserId is the account, Arn …:root")
    func callerIdentityOfRoot() {
        let response = endpoint.call(.sts, "GetCallerIdentity", as: .root("111111111111"))
        response.expectSuccess("GetCallerIdentity")
        #expect(response.xml?.element("GetCallerIdentityResult") != nil)
        #expect(response.value("UserId") == "111111111111")
        #expect(response.value("Account") == "111111111111")
        #expect(response.value("Arn") == "arn:aws:iam::111111111111:root")
        #expect(response.header("Content-Type") == "text/xml")
    }

    @Test("GetCallerIdentity of an IAM user: UserId AIDA…, Arn the user's")
    func callerIdentityOfUser() throws {
        let flow = try endpoint.connectorFlow()
        let response = endpoint.call(.sts, "GetCallerIdentity", as: flow.connector)
        response.expectSuccess("GetCallerIdentity")
        let userID = try #require(response.value("UserId"))
        #expect(userID.hasPrefix("AIDA") && userID.count == 21)
        #expect(response.value("Arn") == ConnectorFlow.userARN)
        #expect(response.value("Account") == ConnectorFlow.saasAccount)
    }

    @Test("GetCallerIdentity of a role session: AROA…:session and the assumed-role ARN")
    func callerIdentityOfRoleSession() throws {
        let flow = try endpoint.connectorFlow()
        let response = endpoint.call(.sts, "GetCallerIdentity", as: try roleSession(flow))
        response.expectSuccess("GetCallerIdentity")
        let roleID = try #require(endpoint.emulator.state.role(arn: ConnectorFlow.roleARN)?.id)
        #expect(response.value("UserId") == "\(roleID):connector-session")
        #expect(
            response.value("Arn") == "arn:aws:sts::123456789012:assumed-role/airia-bedrock-access/connector-session")
        #expect(response.value("Account") == ConnectorFlow.customerAccount)
    }

    @Test("the assumed-role ARN drops the role's path")
    func pathDropped() throws {
        let flow = try endpoint.connectorFlow()
        try endpoint.createRole(
            "pathed", trust: ConnectorFlow.trustPolicy(externalID: nil), in: ConnectorFlow.customerAccount,
            path: "/connectors/team/")
        let assumed = endpoint.call(
            .sts, "AssumeRole",
            ConnectorFlow.assumeRoleParameters(
                sessionName: "s1", externalID: nil, roleARN: "arn:aws:iam::123456789012:role/connectors/team/pathed"),
            as: flow.connector)
        assumed.expectSuccess("AssumeRole")
        #expect(assumed.value("AssumedRoleUser/Arn") == "arn:aws:sts::123456789012:assumed-role/pathed/s1")
        let session = try #require(assumed.credentials)
        #expect(
            endpoint.call(.sts, "GetCallerIdentity", as: session).value("Arn")
                == "arn:aws:sts::123456789012:assumed-role/pathed/s1")
    }

    // MARK: AssumeRole success

    @Test("AssumeRole returns ASIA credentials, the assumed-role user and Expiration = now + DurationSeconds")
    func assumeRoleShape() throws {
        let flow = try endpoint.connectorFlow()
        let response = endpoint.assumeConnectorRole(flow, extra: [("DurationSeconds", "900")])
        response.expectSuccess("AssumeRole")
        let key = try #require(response.value("Credentials/AccessKeyId"))
        #expect(key.hasPrefix("ASIA") && key.count == 20)
        #expect(key.allSatisfy { ("A"..."Z").contains($0) || ("2"..."7").contains($0) })
        let secret = try #require(response.value("Credentials/SecretAccessKey"))
        #expect(secret.count == 40)
        #expect(response.value("Credentials/SessionToken")?.isEmpty == false)
        #expect(response.value("Credentials/Expiration") == "2025-01-15T12:15:00Z")
        let roleID = try #require(endpoint.emulator.state.role(arn: ConnectorFlow.roleARN)?.id)
        #expect(roleID.hasPrefix("AROA") && roleID.count == 21)
        #expect(response.value("AssumedRoleUser/AssumedRoleId") == "\(roleID):connector-session")
        #expect(
            response.value("AssumedRoleUser/Arn")
                == "arn:aws:sts::123456789012:assumed-role/airia-bedrock-access/connector-session")
        #expect(response.value("PackedPolicySize") == nil)
        #expect(response.value("SourceIdentity") == nil)
    }

    @Test("Expiration follows virtual time, and the session expires with it")
    func expirationOnVirtualClock() throws {
        let flow = try endpoint.connectorFlow()
        endpoint.advanceVirtualClock(seconds: 600)
        let response = endpoint.assumeConnectorRole(flow)
        #expect(response.value("Credentials/Expiration") == "2025-01-15T13:10:00Z")
        let session = try #require(response.credentials)
        endpoint.advanceVirtualClock(seconds: 3_600)
        endpoint.call(.sts, "GetCallerIdentity", as: session).expectError("ExpiredToken", status: 403)
    }

    // MARK: AssumeRole denials

    @Test(
        "a wrong or missing External ID is AccessDenied with no hint",
        arguments: ["wrong-external-id", nil] as [String?])
    func externalIDMismatch(externalID: String?) throws {
        let flow = try endpoint.connectorFlow()
        endpoint.assumeConnectorRole(flow, externalID: externalID)
            .expectError("AccessDenied", status: 403, message: Self.deniedToConnector)
    }

    @Test("root may not assume a role, even one that trusts its account")
    func rootCaller() throws {
        _ = try endpoint.connectorFlow()
        endpoint.call(.sts, "AssumeRole", ConnectorFlow.assumeRoleParameters(), as: .root(ConnectorFlow.saasAccount))
            .expectError("AccessDenied", status: 403, message: "Roles may not be assumed by root accounts.")
    }

    @Test("a caller without sts:AssumeRole in its own policies is AccessDenied, although the role trusts its account")
    func callerWithoutPermission() throws {
        _ = try endpoint.connectorFlow()
        let other = try endpoint.createUser("no-permissions", in: ConnectorFlow.saasAccount)
        endpoint.call(.sts, "AssumeRole", ConnectorFlow.assumeRoleParameters(), as: other).expectError(
            "AccessDenied", status: 403,
            message: "User: arn:aws:iam::808540602285:user/no-permissions is not authorized to perform: sts:AssumeRole "
                + "on resource: \(ConnectorFlow.roleARN)")
    }

    @Test("a role that does not exist is AccessDenied, never NoSuchEntity")
    func missingRole() throws {
        let flow = try endpoint.connectorFlow()
        let arn = "arn:aws:iam::123456789012:role/does-not-exist"
        endpoint.call(.sts, "AssumeRole", ConnectorFlow.assumeRoleParameters(roleARN: arn), as: flow.connector)
            .expectError(
                "AccessDenied", status: 403,
                message:
                    "User: \(ConnectorFlow.userARN) is not authorized to perform: sts:AssumeRole on resource: \(arn)")
    }

    // MARK: AssumeRole duration

    @Test("DurationSeconds above the role's MaxSessionDuration is a ValidationError")
    func aboveMaxSessionDuration() throws {
        let flow = try endpoint.connectorFlow()
        endpoint.assumeConnectorRole(flow, extra: [("DurationSeconds", "7200")]).expectError(
            "ValidationError", status: 400,
            message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
    }

    @Test("a role session may chain into another role for at most an hour")
    func chaining() throws {
        let flow = try endpoint.connectorFlow()
        let chainedARN = "arn:aws:iam::123456789012:role/chained"
        try endpoint.createRole(
            "chained", trust: ConnectorFlow.trustPolicy(principal: ConnectorFlow.roleARN, externalID: nil),
            in: ConnectorFlow.customerAccount, maxSessionDuration: 43_200)
        let session = try roleSession(flow)
        let parameters = ConnectorFlow.assumeRoleParameters(sessionName: "chain", externalID: nil, roleARN: chainedARN)
        endpoint.call(.sts, "AssumeRole", parameters + [("DurationSeconds", "7200")], as: session).expectError(
            "ValidationError", status: 400,
            message:
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")
        let chained = endpoint.call(.sts, "AssumeRole", parameters + [("DurationSeconds", "3600")], as: session)
        chained.expectSuccess("AssumeRole")
        #expect(chained.value("AssumedRoleUser/Arn") == "arn:aws:sts::123456789012:assumed-role/chained/chain")
    }

    // MARK: AssumeRole validation

    struct ValidationCase: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let sessionName: String
        let extra: [(String, String)]
        let message: String
    }

    static let validationCases: [ValidationCase] = [
        ValidationCase(
            testDescription: "a 70-character session name", sessionName: String(repeating: "a", count: 70), extra: [],
            message: "1 validation error detected: Value '\(String(repeating: "a", count: 70))' at 'roleSessionName' "
                + "failed to satisfy constraint: Member must have length less than or equal to 64"),
        ValidationCase(
            testDescription: "a session name outside the pattern", sessionName: "bad name!", extra: [],
            message: #"1 validation error detected: Value 'bad name!' at 'roleSessionName' failed to satisfy "#
                + #"constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*"#),
        ValidationCase(
            testDescription: "two errors at once", sessionName: "bad name!", extra: [("DurationSeconds", "99999")],
            message: #"2 validation errors detected: Value 'bad name!' at 'roleSessionName' failed to satisfy "#
                + #"constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*; Value '99999' at "#
                + #"'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200"#
        ),
    ]

    @Test("parameters are validated as STS does, every violation in one message", arguments: validationCases)
    func validation(_ c: ValidationCase) throws {
        let flow = try endpoint.connectorFlow()
        endpoint.assumeConnectorRole(flow, sessionName: c.sessionName, extra: c.extra)
            .expectError("ValidationError", status: 400, message: c.message)
    }

    // MARK: Session policies and tags

    @Test("a session policy narrows the session below the role's permissions")
    func sessionPolicyNarrows() throws {
        let flow = try endpoint.connectorFlow()
        // AmazonBedrockFullAccess allows iam:ListRoles; the session policy does not.
        let full = try roleSession(flow, sessionName: "full")
        endpoint.call(.iam, "ListRoles", as: full).expectSuccess("ListRoles")

        let narrow = try roleSession(
            flow, sessionName: "narrow",
            extra: [("Policy", ConnectorFlow.allowPolicy(["bedrock:ListFoundationModels"]))])
        let denied = endpoint.call(.iam, "ListRoles", as: narrow)
        denied.expectError("AccessDenied", status: 403)
        #expect(
            denied.errorMessage?.hasPrefix(
                "User: arn:aws:sts::123456789012:assumed-role/airia-bedrock-access/narrow is not authorized to perform: "
                    + "iam:ListRoles on resource: ") == true, "\(denied.errorMessage ?? "")")
    }

    @Test("a session policy that is not JSON is MalformedPolicyDocument")
    func sessionPolicyNotJSON() throws {
        let flow = try endpoint.connectorFlow()
        // The wording for session policies is not captured from AWS (spec §5.5 lists IAM's); only the code is fixed.
        let response = endpoint.assumeConnectorRole(flow, extra: [("Policy", "not json")])
        response.expectError("MalformedPolicyDocument", status: 400)
        #expect(response.errorMessage?.isEmpty == false)
    }

    @Test("a session policy naming a principal is MalformedPolicyDocument")
    func sessionPolicyWithPrincipal() throws {
        let flow = try endpoint.connectorFlow()
        let policy =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}"#
        endpoint.assumeConnectorRole(flow, extra: [("Policy", policy)])
            .expectError(
                "MalformedPolicyDocument", status: 400, message: "Policy document should not specify a principal.")
    }

    @Test("PackedPolicySize is sent only when a session policy or tags were passed")
    func packedPolicySize() throws {
        let flow = try endpoint.connectorFlow()
        #expect(endpoint.assumeConnectorRole(flow).value("PackedPolicySize") == nil)
        let withPolicy = endpoint.assumeConnectorRole(
            flow, extra: [("Policy", ConnectorFlow.allowPolicy(["bedrock:InvokeModel"]))])
        withPolicy.expectSuccess("AssumeRole")
        let size = try #require(withPolicy.value("PackedPolicySize").flatMap { Int($0) })
        #expect((1...100).contains(size))
    }

    // MARK: GetSessionToken

    @Test("GetSessionToken of a user: 12 hours by default, and the session is the user")
    func sessionTokenOfUser() throws {
        let flow = try endpoint.connectorFlow()
        let response = endpoint.call(.sts, "GetSessionToken", as: flow.connector)
        response.expectSuccess("GetSessionToken")
        #expect(response.value("Credentials/Expiration") == "2025-01-16T00:00:00Z")
        let session = try #require(response.credentials)
        #expect(session.accessKeyID.hasPrefix("ASIA"))
        let identity = endpoint.call(.sts, "GetCallerIdentity", as: session)
        #expect(identity.value("Arn") == ConnectorFlow.userARN)
        #expect(identity.value("UserId")?.hasPrefix("AIDA") == true)
    }

    @Test("GetSessionToken of root is clamped to one hour", arguments: [nil, "7200"] as [String?])
    func sessionTokenOfRoot(duration: String?) throws {
        let parameters = duration.map { [("DurationSeconds", $0)] } ?? []
        let response = endpoint.call(.sts, "GetSessionToken", parameters, as: .root("111111111111"))
        response.expectSuccess("GetSessionToken")
        #expect(response.value("Credentials/Expiration") == "2025-01-15T13:00:00Z")
        let session = try #require(response.credentials)
        let identity = endpoint.call(.sts, "GetCallerIdentity", as: session)
        #expect(identity.value("Arn") == "arn:aws:iam::111111111111:root")
        #expect(identity.value("UserId") == "111111111111")
    }

    @Test("GetSessionToken with session credentials is AccessDenied")
    func sessionTokenFromSession() throws {
        let session = try #require(endpoint.call(.sts, "GetSessionToken", as: .root("111111111111")).credentials)
        endpoint.call(.sts, "GetSessionToken", as: session).expectError(
            "AccessDenied", status: 403, message: "Cannot call GetSessionToken with session credentials")
    }

    @Test("GetSessionToken with role session credentials is AccessDenied")
    func sessionTokenFromRoleSession() throws {
        let flow = try endpoint.connectorFlow()
        endpoint.call(.sts, "GetSessionToken", as: try roleSession(flow)).expectError(
            "AccessDenied", status: 403, message: "Cannot call GetSessionToken with session credentials")
    }

    @Test("GetSessionToken credentials without MFA cannot call IAM")
    func sessionTokenCannotCallIAM() throws {
        let session = try #require(endpoint.call(.sts, "GetSessionToken", as: .root("111111111111")).credentials)
        endpoint.call(.iam, "ListRoles", as: session).expectError("InvalidClientTokenId", status: 403)
    }

    // MARK: Determinism

    /// The connector flow and one AssumeRole on a fresh seeded endpoint.
    static func seededAssumeRole(seed: UInt64) throws -> TestResponse {
        let endpoint = TestEndpoint(seed: seed)
        let flow = try endpoint.connectorFlow()
        return endpoint.assumeConnectorRole(flow)
    }

    @Test("with the same seed, the same requests give byte-identical AssumeRole responses")
    func deterministic() throws {
        let first = try Self.seededAssumeRole(seed: 42)
        let second = try Self.seededAssumeRole(seed: 42)
        first.expectSuccess("AssumeRole")
        #expect(first.bytes == second.bytes)
        #expect(first.header("x-amzn-RequestId") == second.header("x-amzn-RequestId"))
        #expect(try Self.seededAssumeRole(seed: 43).bytes != first.bytes)
    }
}
