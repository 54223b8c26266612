import AWSWire
import ConnectorKit
import EmulatorTestSupport
import HTTPServer
import Scenarios
import Testing

/// A recorded connector flow as a scenario file: the loader accepts it and it runs green in-process.
@Suite struct TranscriptConversionTests {
    @Test func theRecordedFlowBecomesAScenarioThatRunsGreen() async throws {
        let transcript = try await RecordedFlow.record().transcript
        let conversion = try ScenarioConversion(transcript, name: "recorded connector flow", source: "flow.json")
        #expect(conversion.leftOut.isEmpty)
        let yaml = conversion.yaml
        #expect(yaml.contains("call: sts.AssumeRole"))
        #expect(yaml.contains("as: minted3"))
        #expect(yaml.contains("minted6SessionToken: Credentials.SessionToken"))
        #expect(!yaml.contains(SecretMasking.mask))

        let scenario = try ScenarioLoader(knownOperation: { OperationCatalog.contains(service: $0, operation: $1) })
            .load(yaml: yaml, file: "converted.yaml")
        #expect(scenario.steps.count == 11)
        let result = await ScenarioRunner(target: .inProcess).run(scenario)
        #expect(result.passed, "\(result.firstFailure.map { "\($0)" } ?? "")\n\(yaml)")
    }

    @Test func aGeneratedIDALaterRequestNamesIsSavedAndReused() async throws {
        let upstream = try EmulatorServer()
        let recorder = Recorder(configuration: Recorder.Configuration(upstream: try .custom(upstream.url)))
        let flow = try RecordedFlow(endpoint: try recorder.start().description)
        let root = flow.root(RecordedFlow.saas)
        _ = try await flow.iam("CreateUser", as: root, [("UserName", "u")])
        let key = try #require(try await flow.iam("CreateAccessKey", as: root, [("UserName", "u")])?["AccessKey"]?["AccessKeyId"]?.stringValue)
        _ = try await flow.iam("DeleteAccessKey", as: root, [("UserName", "u"), ("AccessKeyId", key)])
        recorder.stop()

        let yaml = try ScenarioConversion(recorder.transcript, name: "key rotation", source: "keys.json").yaml
        #expect(yaml.contains("AccessKeyId: \"${accessKeyId2}\""), "\(yaml)")
        #expect(yaml.contains("accessKeyId2: AccessKey.AccessKeyId"), "\(yaml)")
        #expect(!yaml.contains(key))
        // A new run mints another key, and deletes that one.
        let scenario = try ScenarioLoader(knownOperation: { OperationCatalog.contains(service: $0, operation: $1) })
            .load(yaml: yaml, file: "keys.yaml")
        let result = await ScenarioRunner(target: .inProcess).run(scenario)
        #expect(result.passed, "\(result.firstFailure.map { "\($0)" } ?? "")")
    }

    @Test func queryListsAndAnErrorBecomeYAMLListsAndExpect() throws {
        let request = RecordedRequest(
            method: "POST", target: "/", headers: [HTTPField("Content-Type", "application/x-www-form-urlencoded")],
            body: Array(
                "Action=TagRole&Version=2010-05-08&RoleName=r&Tags.member.1.Key=team&Tags.member.1.Value=a&Tags.member.2.Key=env&Tags.member.2.Value=b"
                    .utf8))
        let exchange = Exchange(
            service: "iam", operation: "TagRole", region: "us-east-1", signer: .root(account: "123456789012"),
            request: request,
            response: RecordedResponse(status: 404, error: "NoSuchEntity", headers: [], body: nil))
        let yaml = try ScenarioConversion(Transcript(exchanges: [exchange]), name: "tags", source: "t.json").yaml
        #expect(
            yaml.contains(
                """
                  with:
                    RoleName: "r"
                    Tags:
                    - Key: "team"
                      Value: "a"
                    - Key: "env"
                      Value: "b"
                  expect:
                    error: "NoSuchEntity"
                    status: 404
                """), "\(yaml)")
        #expect(yaml.contains("root-123456789012:\n    root: \"123456789012\""), "\(yaml)")
    }
}
