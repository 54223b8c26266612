import AWSWire
import Foundation
import Scenarios
import TestSupport
import Testing

/// A loader that knows the operations these tests call, so the tests do not depend on the runner's catalog.
enum LoaderFixture {
    static let operations: [String: Set<String>] = [
        "sts": ["GetCallerIdentity", "AssumeRole"],
        "iam": ["CreateRole", "AttachRolePolicy", "PutRolePolicy", "GetRole", "ListRoles"],
        "bedrock": ["ListFoundationModels"],
        "bedrock-runtime": ["Converse", "ConverseStream", "InvokeModel"],
        "cloudtrail": ["LookupEvents"],
    ]

    static let loader = ScenarioLoader { service, operation in operations[service]?.contains(operation) ?? false }

    static func load(_ yaml: String, file: String = "t.yaml") throws(ScenarioFileError) -> Scenario {
        try loader.load(yaml: yaml, file: file)
    }

    /// The first ```yaml block of docs/scenarios.md and the doc line it starts on.
    static func happyPathFromDocs() throws -> String {
        let doc = try String(contentsOf: RepositoryFiles.url("docs/scenarios.md"), encoding: .utf8)
        let lines = doc.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try unwrap(lines.firstIndex { $0 == "```yaml" }, "a ```yaml block in docs/scenarios.md")
        let end = try unwrap(lines[(start + 1)...].firstIndex { $0 == "```" }, "the end of the ```yaml block")
        return lines[(start + 1)..<end].joined(separator: "\n")
    }
}

@Suite struct LoaderTests {
    @Test func loadsTheHappyPathOfTheDocs() throws {
        let scenario = try LoaderFixture.load(LoaderFixture.happyPathFromDocs(), file: "happy.yaml")
        #expect(scenario.name == "happy path with the managed policy")
        #expect(scenario.region == "us-east-1")
        #expect(scenario.file == "happy.yaml")
        #expect(scenario.accounts == ["saas": "808540602285", "customer": "123456789012"])
        #expect(scenario.actorOrder == ["saas-root", "customer-root", "connector", "session"])
        #expect(scenario.actors["customer-root"] == .root(account: "123456789012"))
        #expect(
            scenario.actors["connector"]
                == .user(name: "saas-connector", account: "808540602285", allow: ["sts:AssumeRole"]))
        #expect(
            scenario.actors["session"]
                == .assume(
                    AssumeSpec(
                        actor: "connector", roleARN: "arn:aws:iam::123456789012:role/airia-bedrock-access",
                        externalID: "${externalId}")))
        #expect(scenario.accountID("customer") == "123456789012")
        #expect(scenario.accountID("999999999999") == "999999999999")
        #expect(scenario.accountID("nobody") == nil)

        let steps = scenario.steps
        try #require(steps.count == 6)
        guard case .connectorInit(let options) = steps[0].action else {
            Issue.record("step 1 is \(steps[0].action)")
            return
        }
        #expect(options == ["systemAccount": "808540602285"])
        #expect(steps[0].save.map(\.variable) == ["externalId", "trustPolicy"])
        #expect(steps[0].save.map(\.path.description) == ["externalId", "trustPolicy"])
        #expect(steps[0].location == SourceLocation(file: "happy.yaml", line: 14))
        #expect(steps[0].title == "connector.init")

        guard case .call(let service, let operation, let actor, let parameters, _) = steps[1].action else {
            Issue.record("step 2 is \(steps[1].action)")
            return
        }
        #expect(service == "iam" && operation == "CreateRole" && actor == "customer-root")
        #expect(parameters == ["RoleName": "airia-bedrock-access", "AssumeRolePolicyDocument": "${trustPolicy}"])
        #expect(steps[1].title == "iam.CreateRole as customer-root")
        #expect(steps[1].location.line == 16)
        #expect(steps[1].expectation == .success)

        #expect(
            steps[3].assertions.map(\.check) == [
                .matches("^arn:aws:sts::123456789012:assumed-role/airia-bedrock-access/")
            ])
        #expect(steps[3].assertions.first?.location.line == 26)
        guard case .call(_, "Converse", "session", let converse, _) = steps[4].action else {
            Issue.record("step 5 is \(steps[4].action)")
            return
        }
        #expect(
            converse == [
                "modelId": "amazon.nova-lite-v1:0", "messages": [["role": "user", "content": [["text": "Hello"]]]],
            ])
        #expect(steps[4].assertions.map(\.check) == [.equals("end_turn"), .exists(true)])
        #expect(steps[4].assertions.map(\.path.description) == ["stopReason", "output.message.content[0].text"])
        #expect(steps[5].assertions.map(\.check) == [.count(1)])
    }

    @Test func typesScalarsAsJSONDoes() throws {
        let scenario = try LoaderFixture.load(
            """
            name: scalars
            actors: {me: {root: "123456789012"}}
            steps:
              - call: iam.CreateRole
                as: me
                with: {Quoted: "123", Number: 123, Fraction: -1.5e3, Bool: true, Null: null, No: no, On: on, \
            Zero: 012345678901, Hex: 0x1F, Date: 2026-11-26, Empty: ""}
            """)
        guard case .call(_, _, _, let parameters, _) = scenario.steps[0].action else {
            Issue.record("not a call")
            return
        }
        #expect(
            parameters == [
                "Quoted": "123", "Number": 123, "Fraction": try JSONReader().decode(Array("-1.5e3".utf8)), "Bool": true,
                "Null": nil, "No": "no", "On": "on", "Zero": "012345678901", "Hex": "0x1F", "Date": "2026-11-26",
                "Empty": "",
            ])
        #expect(parameters["Fraction"]?.numberValue?.text == "-1.5e3")
    }

    @Test func sendsPolicyMapsAsJSONText() throws {
        let scenario = try LoaderFixture.load(
            """
            name: policies
            actors: {me: {root: "123456789012"}}
            steps:
              - call: iam.PutRolePolicy
                as: me
                with:
                  RoleName: r
                  PolicyName: p
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement: [{Effect: Allow, Action: "bedrock:*", Resource: "*"}]
              - call: iam.CreateRole
                as: me
                with: {RoleName: r, AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: []}, Tags: [{Key: k, Value: v}]}
            """)
        guard case .call(_, _, _, let put, _) = scenario.steps[0].action,
            case .call(_, _, _, let create, _) = scenario.steps[1].action
        else {
            Issue.record("not calls")
            return
        }
        #expect(
            put["PolicyDocument"]
                == .string(
                    #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"bedrock:*","Resource":"*"}]}"#))
        #expect(create["AssumeRolePolicyDocument"] == .string(#"{"Version":"2012-10-17","Statement":[]}"#))
        #expect(create["Tags"] == [["Key": "k", "Value": "v"]])
    }

    @Test func followsAnchorsAndAliases() throws {
        let scenario = try LoaderFixture.load(
            """
            name: anchors
            actors: {me: {root: "123456789012"}}
            steps:
              - call: iam.GetRole
                as: me
                with: &role {RoleName: airia}
              - call: iam.GetRole
                as: me
                with: *role
            """)
        guard case .call(_, _, _, let first, _) = scenario.steps[0].action,
            case .call(_, _, _, let second, _) = scenario.steps[1].action
        else {
            Issue.record("not calls")
            return
        }
        #expect(first == ["RoleName": "airia"])
        #expect(second == first)
    }

    @Test func readsEveryActorFormSettingAndStepKind() throws {
        let scenario = try LoaderFixture.load(
            """
            name: everything
            description: all the forms
            seed: 18446744073709551615
            region: eu-west-1
            emulator: {cloudTrailLag: 5m, roleLastUsedLag: 4h, streamChunkDelay: 20ms}
            accounts: {a: "111111111111"}
            actors:
              admin: {root: a}
              given: {keys: {accessKeyId: "${key}", secretAccessKey: "${secret}"}}
              named: {profile: dev}
              role:
                assume: {as: admin, role: "arn:aws:iam::111111111111:role/r", sessionName: s, durationSeconds: 900,
                         policy: {Version: "2012-10-17"}}
            steps:
              - name: make keys
                call: sts.GetCallerIdentity
                as: admin
                save: {key: Account, secret: Arn}
              - connector.check: {as: role, role: "arn:aws:iam::111111111111:role/r", externalId: x, cloudTrail: given}
                expect: {error: AccessDenied, status: 403}
              - clock.advance: 15m
              - clock.advance: 90
              - faults.add: {service: sts, error: Throttling}
              - faults.clear: {}
              - bedrock.script: {text: hi}
              - reset: {}
              - call: sts.GetCallerIdentity
                as: named
                expect: {success: true}
            """)
        #expect(scenario.description == "all the forms")
        #expect(scenario.seed == UInt64.max)
        #expect(scenario.region == "eu-west-1")
        #expect(
            scenario.emulator
                == EmulatorSettings(
                    cloudTrailLagSeconds: 300, roleLastUsedLagSeconds: 14_400, streamChunkDelayMilliseconds: 20))
        #expect(
            scenario.actors["given"] == .keys(accessKeyID: "${key}", secretAccessKey: "${secret}", sessionToken: nil))
        #expect(scenario.actors["named"] == .profile("dev"))
        #expect(
            scenario.actors["role"]
                == .assume(
                    AssumeSpec(
                        actor: "admin", roleARN: "arn:aws:iam::111111111111:role/r", sessionName: "s",
                        durationSeconds: 900, policy: #"{"Version":"2012-10-17"}"#)))
        #expect(
            scenario.steps.map(\.title) == [
                "make keys", "connector.check as role", "clock.advance 900s", "clock.advance 90s", "faults.add",
                "faults.clear", "bedrock.script", "reset", "sts.GetCallerIdentity as named",
            ])
        #expect(scenario.steps[1].expectation == .error(code: "AccessDenied", status: 403))
        #expect(scenario.steps[8].expectation == .success)
        guard case .faultsAdd(let fault) = scenario.steps[4].action else {
            Issue.record("not faults.add")
            return
        }
        #expect(fault == ["service": "sts", "error": "Throttling"])
    }

    @Test func loadsEveryScenarioFileOfADirectoryInOrder() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "scenarios-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(
            at: directory.appending(path: "nested"), withIntermediateDirectories: true)
        let body = "actors: {me: {root: \"123456789012\"}}\nsteps: [{call: sts.GetCallerIdentity, as: me}]\n"
        for (path, name) in [("b.yaml", "b"), ("a.yml", "a"), ("nested/c.yaml", "c")] {
            try "name: \(name)\n\(body)".write(to: directory.appending(path: path), atomically: true, encoding: .utf8)
        }
        try "not a scenario".write(to: directory.appending(path: "notes.txt"), atomically: true, encoding: .utf8)

        let scenarios = try LoaderFixture.loader.loadAll(paths: [directory.path])
        #expect(scenarios.map(\.name) == ["a", "b", "c"])
        #expect(scenarios.map { URL(filePath: $0.file).lastPathComponent } == ["a.yml", "b.yaml", "c.yaml"])

        let empty = directory.appending(path: "empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(
            throws: ScenarioFileError(
                location: SourceLocation(file: empty.path, line: 1),
                message: "no .yaml or .yml scenario files here")
        ) {
            try LoaderFixture.loader.loadAll(paths: [empty.path])
        }
    }
}
