import AWSWire
import ConnectorKit
import Emulator
import EmulatorTestSupport
import Foundation
import HTTPServer
import Scenarios
import SigV4
import Testing

/// Record → replay round trips: the connector flow recorded through an in-process recorder in front of an
/// emulator server, then replayed against fresh emulator servers.
@Suite struct RecordReplayTests {
    @Test func replayAgainstAFreshEmulatorShowsNoDifference() async throws {
        let recorded = try await RecordedFlow.record()
        #expect(
            recorded.transcript.exchanges.map(\.label) == [
                "iam.CreateUser", "iam.PutUserPolicy", "iam.CreateAccessKey", "iam.CreateRole", "iam.AttachRolePolicy",
                "sts.AssumeRole", "sts.GetCallerIdentity", "bedrock.ListFoundationModels", "bedrock-runtime.Converse",
                "bedrock-runtime.ConverseStream", "cloudtrail.LookupEvents",
            ])
        #expect(
            recorded.transcript.exchanges.map { $0.signer?.description ?? "-" } == [
                "root:808540602285", "root:808540602285", "root:808540602285", "root:123456789012",
                "root:123456789012", "minted:3.AccessKey", "minted:6.Credentials", "minted:6.Credentials",
                "minted:6.Credentials", "minted:6.Credentials", "root:123456789012",
            ])
        #expect(recorded.transcript.exchanges.allSatisfy { $0.response.status == 200 })
        let streamed = try #require(recorded.transcript.exchanges[9].response.body?["events"]?.arrayValue)
        #expect(streamed.first?["type"] == "messageStart")

        let fresh = try EmulatorServer()
        let differences = await Replayer(endpoints: try .custom(fresh.url)).replay(recorded.transcript)
        #expect(differences.isEmpty, "\(differences.map(\.description).joined(separator: "\n"))")
        // Every exchange reached the fresh emulator, and AssumeRole was signed with the key *it* minted.
        #expect(fresh.received.count == 11)
        let recordedKey = try #require(recorded.transcript.exchanges[2].response.body?["AccessKey"]?["AccessKeyId"]?.stringValue)
        let assumeRole = try #require(fresh.received[5].header("Authorization"))
        #expect(assumeRole.contains("Credential=AKIA"))
        #expect(!assumeRole.contains("Credential=\(recordedKey)/"))
    }

    @Test func aChangedTrustPolicyShowsAsExactlyThatDifference() async throws {
        var transcript = try await RecordedFlow.record().transcript
        let createRole = transcript.exchanges[3]
        #expect(createRole.operation == "CreateRole")
        let body = String(decoding: createRole.request.body, as: UTF8.self)
        #expect(body.contains(RecordedFlow.externalID))
        transcript.exchanges[3].request.body = Array(
            body.replacingOccurrences(of: RecordedFlow.externalID, with: "another-external-id-0002").utf8)

        let fresh = try EmulatorServer()
        let differences = await Replayer(endpoints: try .custom(fresh.url)).replay(transcript)
        let text = differences.map(\.description).joined(separator: "\n")
        // CreateRole answers with the other policy: only its ExternalId condition differs.
        #expect(
            differences.filter { $0.exchange == 4 }.map(\.path) == [
                "Role.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals.sts:ExternalId"
            ], "\(text)")
        #expect(
            differences.filter { $0.exchange == 6 }.map(\.description) == [
                "exchange 6 sts.AssumeRole: status: recorded 200 replayed 403",
                "exchange 6 sts.AssumeRole: error: recorded none replayed \"AccessDenied\"",
            ], "\(text)")
        // The session never existed, so its calls could not be sent; nothing else differs.
        #expect(differences.filter { (7...10).contains($0.exchange) }.map(\.path) == ["signer", "signer", "signer", "signer"])
        // CloudTrail has no AssumeRole to show.
        let lookup = differences.filter { $0.exchange == 11 }
        #expect(lookup.map(\.path) == ["Events[0]"], "\(text)")
        #expect(lookup.first?.replayed == TreeDiff.absent)
        #expect(Set(differences.map(\.exchange)) == [4, 6, 7, 8, 9, 10, 11], "\(text)")
    }

    @Test func theTranscriptHoldsNoSecret() async throws {
        let recorded = try await RecordedFlow.record()
        let text = try String(contentsOfFile: recorded.path, encoding: .utf8)
        #expect(!recorded.secrets.isEmpty)
        for secret in recorded.secrets { #expect(!text.contains(secret), "a live secret reached the transcript") }
        #expect(!text.contains("Signature="))
        #expect(!text.contains(RecordedFlow.clientSecret))
        #expect(!text.lowercased().contains("\"authorization\""))
        #expect(!text.lowercased().contains("x-amz-security-token"))
        #expect(text.contains(SecretMasking.mask))
    }

    @Test func aRecorderThatIsNeverStoppedLeavesAReadableTranscript() async throws {
        let upstream = try EmulatorServer()
        let path = RecordedFlow.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recorder = Recorder(configuration: Recorder.Configuration(upstream: try .custom(upstream.url), outputPath: path))
        let address = try recorder.start()
        #expect(try Transcript(contentsOf: path).exchanges.isEmpty)
        let flow = try RecordedFlow(endpoint: address.description)
        _ = try await flow.iam("CreateUser", as: flow.root(RecordedFlow.saas), [("UserName", "saas-connector")])
        // Read while the recorder still runs: what a SIGKILL at this moment would leave behind.
        #expect(try Transcript(contentsOf: path).exchanges.map(\.label) == ["iam.CreateUser"])
        _ = try await flow.sts("GetCallerIdentity", as: flow.root(RecordedFlow.customer), [])
        #expect(try Transcript(contentsOf: path).exchanges.count == 2)
    }

    @Test func anUnknownAccessKeyIsRefusedAndNotRecorded() async throws {
        let upstream = try EmulatorServer()
        let recorder = Recorder(configuration: Recorder.Configuration(upstream: try .custom(upstream.url)))
        let flow = try RecordedFlow(endpoint: try recorder.start().description)
        let stranger = Credentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "x")
        await #expect(throws: ServiceError.self) { try await flow.sts("GetCallerIdentity", as: stranger, []) }
        #expect(recorder.transcript.exchanges.isEmpty)
        #expect(upstream.received.isEmpty)
    }
}

/// The connector flow as a client drives it with ConnectorKit's `AWSClient`: the SaaS account's root sets up a
/// user allowed to assume roles and mints its key, the customer's root creates the role with the guide's trust
/// policy, the user assumes it, the session calls STS and Bedrock (a stream too), and the customer looks the AssumeRole up in
/// CloudTrail.
struct RecordedFlow {
    static let saas = "808540602285"
    static let customer = "123456789012"
    static let externalID = "replay-external-id-0001"
    static let roleName = "airia-bedrock-access"
    /// What the client signs roots with: not the upstream's secret, as the recorder signs anew.
    static let clientSecret = "client-side-secret-never-forwarded"

    /// A recording of the whole flow against a fresh emulator server.
    struct Recording {
        var transcript: Transcript
        var path: String
        /// The secrets and tokens the client received live.
        var secrets: [String]
    }

    let endpoint: String
    let transport = URLSessionTransport()

    init(endpoint: String) throws { self.endpoint = endpoint }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("transcript-\(UUID().uuidString).json").path
    }

    static func record() async throws -> Recording {
        let upstream = try EmulatorServer()
        let path = temporaryPath()
        let recorder = Recorder(configuration: Recorder.Configuration(upstream: try .custom(upstream.url), outputPath: path))
        let flow = try RecordedFlow(endpoint: try recorder.start().description)
        let secrets = try await flow.run()
        recorder.stop()
        return Recording(transcript: try Transcript(contentsOf: path), path: path, secrets: secrets)
    }

    func root(_ account: String) -> Credentials { Credentials(accessKeyID: account, secretAccessKey: Self.clientSecret) }

    /// Runs the flow; returns the live secrets the client saw.
    func run() async throws -> [String] {
        let saas = root(Self.saas)
        let customer = root(Self.customer)
        _ = try await iam("CreateUser", as: saas, [("UserName", "saas-connector")])
        _ = try await iam(
            "PutUserPolicy", as: saas,
            [
                ("UserName", "saas-connector"), ("PolicyName", "assume-roles"),
                ("PolicyDocument", #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#),
            ])
        let key = try #require(try await iam("CreateAccessKey", as: saas, [("UserName", "saas-connector")])?["AccessKey"])
        let user = Credentials(
            accessKeyID: try #require(key["AccessKeyId"]?.stringValue),
            secretAccessKey: try #require(key["SecretAccessKey"]?.stringValue))
        let role = try #require(
            try await iam(
                "CreateRole", as: customer,
                [
                    ("RoleName", Self.roleName),
                    ("AssumeRolePolicyDocument", try TrustPolicy.render(systemAccountID: Self.saas, externalID: Self.externalID)),
                ])?["Role"]?["Arn"]?.stringValue)
        _ = try await iam(
            "AttachRolePolicy", as: customer,
            [("RoleName", Self.roleName), ("PolicyArn", "arn:aws:iam::aws:policy/AmazonBedrockFullAccess")])
        let issued = try #require(
            try await sts(
                "AssumeRole", as: user,
                [("RoleArn", role), ("RoleSessionName", "replay-session"), ("ExternalId", Self.externalID)])?["Credentials"])
        let session = Credentials(
            accessKeyID: try #require(issued["AccessKeyId"]?.stringValue),
            secretAccessKey: try #require(issued["SecretAccessKey"]?.stringValue),
            sessionToken: try #require(issued["SessionToken"]?.stringValue))
        _ = try await sts("GetCallerIdentity", as: session, [])
        _ = try await client(.bedrock, session).send(.rest("ListFoundationModels", method: "GET", path: "/foundation-models"))
        let converse: JSONValue = ["messages": [["role": "user", "content": [["text": "Hello"]]]]]
        _ = try await client(.bedrockRuntime, session).send(
            .rest(
                "Converse", method: "POST", path: "/model/{modelId}/converse",
                labels: ["modelId": "anthropic.claude-3-haiku-20240307-v1:0"], body: JSONWriter.bytes(converse)))
        // A stream: the recorder collects it and passes it on whole; the client still reads its events.
        let stream = try await client(.bedrockRuntime, session).open(
            .rest(
                "ConverseStream", method: "POST", path: "/model/{modelId}/converse-stream",
                labels: ["modelId": "anthropic.claude-3-haiku-20240307-v1:0"], body: JSONWriter.bytes(converse)))
        let events = try EventStreamDecoder.decodeAll(try await stream.body.collect())
        #expect(events.count > 2)
        let lookup: JSONValue = ["LookupAttributes": [["AttributeKey": "EventName", "AttributeValue": "AssumeRole"]]]
        _ = try await client(.cloudTrail, customer).send(
            .json(targetPrefix: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101", operation: "LookupEvents", body: lookup))
        return [user.secretAccessKey, session.secretAccessKey, try #require(session.sessionToken)]
    }

    func client(_ service: AWSService, _ credentials: Credentials) throws -> AWSClient {
        AWSClient(
            service: service, region: "us-east-1", credentials: StaticCredentialsProvider(AWSCredentials(credentials)),
            configuration: ClientConfiguration(
                transport: transport, endpoints: try .custom(endpoint), retry: RetryStrategy(maxAttempts: 1)))
    }

    func iam(_ action: String, as credentials: Credentials, _ parameters: [(String, String)]) async throws -> JSONValue? {
        let response = try await client(.iam, credentials).send(
            .query(action: action, version: "2010-05-08", parameters: parameters))
        return TranscriptBody.tree(status: response.status, headers: response.headers, body: response.body)
    }

    func sts(_ action: String, as credentials: Credentials, _ parameters: [(String, String)]) async throws -> JSONValue? {
        let response = try await client(.sts, credentials).send(
            .query(action: action, version: "2011-06-15", parameters: parameters))
        return TranscriptBody.tree(status: response.status, headers: response.headers, body: response.body)
    }
}
