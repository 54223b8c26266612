import AWSWire
import Foundation
import SigV4
import Testing

@testable import ConnectorKit

/// `STSClient` against the in-process emulator: the guide's AssumeRole, its refusals, session options, and
/// GetCallerIdentity.
@Suite struct STSClientTests {
    @Test func assumeRoleParsesTheSession() async throws {
        let fixture = try await EmulatorFixture()
        let before = fixture.emulatorNow
        let session = try await fixture.connectorSTS.assumeRole(EmulatorFixture.connectorRequest())

        #expect(
            session.assumedRoleARN == "arn:aws:sts::123456789012:assumed-role/airia-bedrock-access/connector-session")
        #expect(session.assumedRoleID.hasPrefix("AROA"))
        #expect(session.assumedRoleID.hasSuffix(":connector-session"))
        #expect(session.credentials.credentials.accessKeyID.hasPrefix("ASIA"))
        #expect(session.credentials.credentials.secretAccessKey.count == 40)
        #expect(session.credentials.credentials.sessionToken?.isEmpty == false)
        #expect(session.packedPolicySize == nil)
        #expect(session.sourceIdentity == nil)
        #expect(session.requestID?.isEmpty == false)
        let expiration = try #require(session.credentials.expiration)
        // The default session lasts an hour of the emulator's time (whole seconds on the wire).
        #expect(abs(expiration.timeIntervalSince(before) - 3600) <= 2)
    }

    @Test(arguments: ["reloaded-page", nil])
    func aWrongOrMissingExternalIDIsAccessDenied(externalID: String?) async throws {
        let fixture = try await EmulatorFixture()
        var request = EmulatorFixture.connectorRequest()
        request.externalID = externalID
        let error = await #expect(throws: ServiceError.self) {
            try await fixture.connectorSTS.assumeRole(request)
        }
        #expect(error?.code == "AccessDenied")
        #expect(error?.status == 403)
        #expect(error?.operation == "AssumeRole")
        #expect(error?.service == .sts)
    }

    @Test func getCallerIdentityOfTheConnectorUser() async throws {
        let fixture = try await EmulatorFixture()
        let identity = try await fixture.connectorSTS.getCallerIdentity()
        #expect(identity.account == "808540602285")
        #expect(identity.arn == "arn:aws:iam::808540602285:user/saas-connector")
        #expect(identity.userID.hasPrefix("AIDA"))
    }

    @Test func aSessionWithSourceIdentityTagsAndPolicyRoundTrips() async throws {
        let fixture = try await EmulatorFixture()
        // Tags and a source identity need sts:TagSession and sts:SetSourceIdentity from both sides.
        let sessionActions = ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]
        let saasIAM = IAMClient(
            credentials: EmulatorFixture.root(EmulatorFixture.saasAccount), configuration: fixture.configuration)
        try await saasIAM.putUserPolicy(
            userName: "saas-connector", policyName: "allow", document: EmulatorFixture.allowPolicy(sessionActions))
        let trust = EmulatorFixture.trustPolicy(externalID: EmulatorFixture.externalID)
            .replacingOccurrences(
                of: #""Action":"sts:AssumeRole""#,
                with: #""Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"]"#)
        let customerIAM = IAMClient(
            credentials: EmulatorFixture.root(EmulatorFixture.customerAccount), configuration: fixture.configuration)
        try await customerIAM.updateAssumeRolePolicy(roleName: EmulatorFixture.roleName, policy: trust)

        var request = EmulatorFixture.connectorRequest(session: "tenant-42")
        request.durationSeconds = 900
        request.sourceIdentity = "alice@example.com"
        request.tags = [SessionTag(key: "tenant", value: "42"), SessionTag(key: "tier", value: "gold")]
        request.transitiveTagKeys = ["tenant"]
        request.policy = EmulatorFixture.allowPolicy(["bedrock:GetFoundationModel"])
        let session = try await fixture.connectorSTS.assumeRole(request)

        #expect(session.sourceIdentity == "alice@example.com")
        #expect(session.packedPolicySize != nil)
        let expiration = try #require(session.credentials.expiration)
        #expect(abs(expiration.timeIntervalSince(fixture.emulatorNow) - 900) <= 2)

        let sessionSTS = STSClient(
            region: EmulatorFixture.region, credentials: StaticCredentialsProvider(session.credentials),
            configuration: fixture.configuration)
        let identity = try await sessionSTS.getCallerIdentity()
        #expect(identity.account == "123456789012")
        #expect(identity.arn == session.assumedRoleARN)
        #expect(identity.userID == session.assumedRoleID)

        // The session policy narrows the role's Bedrock access to GetFoundationModel.
        let bedrock = fixture.client(.bedrock, as: StaticCredentialsProvider(session.credentials))
        let denied = await #expect(throws: ServiceError.self) {
            try await bedrock.send(.rest("ListFoundationModels", method: "GET", path: "/foundation-models"))
        }
        #expect(denied?.status == 403)

        // STS received the tags as sent: the AssumeRole record in the SaaS account's trail.
        let events = try await fixture.assumeRoleEvents(in: EmulatorFixture.saasAccount)
        let record = try EmulatorFixture.record(of: try #require(events.first))
        let parameters = try #require(record["requestParameters"])
        #expect(
            parameters["tags"]
                == [["key": "tenant", "value": "42"], ["key": "tier", "value": "gold"]] as JSONValue)
        #expect(parameters["transitiveTagKeys"] == ["tenant"] as JSONValue)
        #expect(parameters["sourceIdentity"]?.stringValue == "alice@example.com")
    }

    @Test func parametersAreEncodedAsBotocoreEncodesThem() {
        let request = AssumeRoleRequest(
            roleARN: "arn:aws:iam::123456789012:role/r", roleSessionName: "s", externalID: "x", durationSeconds: 900,
            policy: "{}", policyARNs: ["arn:aws:iam::aws:policy/A", "arn:aws:iam::aws:policy/B"],
            tags: [SessionTag(key: "k1", value: "v1"), SessionTag(key: "k2", value: "v2")],
            transitiveTagKeys: ["k1"], sourceIdentity: "id")
        let encoded = request.queryParameters.map { "\($0.0)=\($0.1)" }
        #expect(
            encoded == [
                "RoleArn=arn:aws:iam::123456789012:role/r", "RoleSessionName=s",
                "PolicyArns.member.1.arn=arn:aws:iam::aws:policy/A",
                "PolicyArns.member.2.arn=arn:aws:iam::aws:policy/B",
                "Policy={}", "DurationSeconds=900", "Tags.member.1.Key=k1", "Tags.member.1.Value=v1",
                "Tags.member.2.Key=k2", "Tags.member.2.Value=v2", "TransitiveTagKeys.member.1=k1", "ExternalId=x",
                "SourceIdentity=id",
            ])
        let minimal = AssumeRoleRequest(roleARN: "arn", roleSessionName: "s").queryParameters.map(\.0)
        #expect(minimal == ["RoleArn", "RoleSessionName"])
    }

    @Test(arguments: [
        ("2025-01-15T13:00:00Z", 1_736_946_000.0), ("2025-01-15T13:00:00.250Z", 1_736_946_000.25),
    ])
    func expirationsWithAndWithoutFractionalSeconds(text: String, seconds: Double) {
        #expect(QueryTimestamp.parse(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: ["2025-01-15T13:00:00", "2025-01-15 13:00:00Z", "2025-01-15T13:00:00.Z", "yesterday"])
    func malformedTimestampsAreRejected(text: String) {
        #expect(QueryTimestamp.parse(text) == nil)
    }

    @Test func aSuccessBodyWithoutCredentialsIsAMalformedResponse() async throws {
        let body = """
            <AssumeRoleResponse><AssumeRoleResult><AssumedRoleUser><Arn>a</Arn><AssumedRoleId>b</AssumedRoleId>\
            </AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>
            """
        let sts = STSClient(
            region: "us-east-1",
            credentials: StaticCredentialsProvider(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "s"),
            configuration: ClientConfiguration(transport: CannedSuccessTransport(body: body)))
        let error = await #expect(throws: QueryResponseError.self) {
            try await sts.assumeRole(EmulatorFixture.connectorRequest())
        }
        #expect(error?.operation == "AssumeRole")
        #expect(error?.reason.contains("Credentials/AccessKeyId") == true)

        let garbage = STSClient(
            region: "us-east-1",
            credentials: StaticCredentialsProvider(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "s"),
            configuration: ClientConfiguration(transport: CannedSuccessTransport(body: "<not xml")))
        let parseError = await #expect(throws: QueryResponseError.self) { try await garbage.getCallerIdentity() }
        #expect(parseError?.operation == "GetCallerIdentity")
    }
}
