import Testing

@testable import Scenarios

/// `sign`, `tamper` and `connector.check`'s `retries`, run in process: the emulator's exact answers to skewed and
/// tampered requests, ConnectorKit correcting skew when allowed, and the standard retry mode getting through
/// throttling. Each scenario states what it expects, so a runner that signed correctly anyway would fail it.
@Suite struct CallOptionRunnerTests {
    /// A customer role the SaaS user may assume, and its session (`session`); `steps` follow the set-up.
    static func scenario(_ steps: String, emulator: String = "") -> String {
        """
        name: t\(emulator)
        accounts:
          saas: "808540602285"
          customer: "123456789012"
        actors:
          saas-root: {root: saas}
          customer-root: {root: customer}
          connector: {user: saas-connector, account: saas, allow: ["sts:AssumeRole"]}
          session:
            assume: {as: connector, role: "arn:aws:iam::123456789012:role/r", externalId: "${externalId}"}
        steps:
          - connector.init: {systemAccount: saas}
            save: {externalId: externalId, trustPolicy: trustPolicy}
          - call: iam.CreateRole
            as: customer-root
            with: {RoleName: r, AssumeRolePolicyDocument: "${trustPolicy}"}
          - call: iam.AttachRolePolicy
            as: customer-root
            with: {RoleName: r, PolicyArn: "arn:aws:iam::aws:policy/AmazonBedrockFullAccess"}
        \(steps.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
        """
    }

    static let assumeRole = """
        - call: sts.AssumeRole
          as: connector
          with: {RoleArn: "arn:aws:iam::123456789012:role/r", RoleSessionName: skew, ExternalId: "${externalId}"}
        """

    static func run(_ steps: String, emulator: String = "") async throws -> ScenarioResult {
        let scenario = try ScenarioLoader(knownOperation: { OperationCatalog.contains(service: $0, operation: $1) })
            .load(yaml: scenario(steps, emulator: emulator), file: "t.yaml")
        return await ScenarioRunner().run(scenario)
    }

    @Test func aSkewedCallSeesTheSkewErrorAndIsNotRecorded() async throws {
        let result = try await Self.run(
            Self.assumeRole + """

                  sign: {skewSeconds: -1200}
                  expect: {error: SignatureDoesNotMatch, status: 403}
                  assert:
                    - {path: message, matches: "^Signature expired: \\\\d{8}T\\\\d{6}Z is now earlier than .* - 15 min\\\\.\\\\)$"}
                - call: cloudtrail.LookupEvents
                  as: saas-root
                  with: {LookupAttributes: [{AttributeKey: EventName, AttributeValue: AssumeRole}]}
                  assert:
                    - {path: Events, count: 0}
                """)
        #expect(result.passed, "\(RunnerTests.failures(result))")
    }

    @Test func withCorrectTheSkewIsLearnedAndTheCallSucceeds() async throws {
        let result = try await Self.run(
            Self.assumeRole + """

                  sign: {skewSeconds: -1200, correct: true}
                  assert:
                    - {path: AssumedRoleUser.Arn, equals: "arn:aws:sts::123456789012:assumed-role/r/skew"}
                - call: cloudtrail.LookupEvents
                  as: saas-root
                  with: {LookupAttributes: [{AttributeKey: EventName, AttributeValue: AssumeRole}]}
                  assert:
                    - {path: Events, count: 1}
                """)
        #expect(result.passed, "\(RunnerTests.failures(result))")
    }

    @Test(arguments: [
        ("body", "SignatureDoesNotMatch", "InvalidSignatureException"),
        ("header", "SignatureDoesNotMatch", "InvalidSignatureException"),
        ("signature", "SignatureDoesNotMatch", "InvalidSignatureException"),
        ("token", "InvalidClientTokenId", "UnrecognizedClientException"),
    ])
    func eachTamperKindGetsItsCode(tamper: String, sts: String, bedrock: String) async throws {
        let result = try await Self.run(
            """
            - call: sts.GetCallerIdentity
              as: session
              tamper: \(tamper)
              expect: {error: \(sts), status: 403}
            - call: bedrock.ListFoundationModels
              as: session
              tamper: \(tamper)
              expect: {error: \(bedrock), status: 403}
            - name: the same calls untouched are served
              call: bedrock.ListFoundationModels
              as: session
            """)
        #expect(result.passed, "\(RunnerTests.failures(result))")
    }

    @Test func tamperingWithATokenNeedsOne() async throws {
        let result = try await Self.run("- call: sts.GetCallerIdentity\n  as: connector\n  tamper: token")
        #expect(
            result.steps.last?.failure == "t.yaml:20: tamper: the signed request has no X-Amz-Security-Token to change")
    }

    static func throttledCheck(_ retries: String) -> String {
        """
        - faults.add: {service: bedrock, operation: ListFoundationModels, throttle: true, count: 2}
        - connector.check: {as: connector, role: "arn:aws:iam::123456789012:role/r", externalId: "${externalId}"\(retries)}
          assert:
            - {path: passed, equals: true}
        """
    }

    @Test func standardRetriesGetTheCheckThroughTwoThrottles() async throws {
        let start = ContinuousClock.now
        let result = try await Self.run(Self.throttledCheck(", retries: standard"))
        #expect(result.passed, "\(RunnerTests.failures(result))")
        #expect(ContinuousClock.now - start < .seconds(2), "retries do not wait in real time")
        // Without retries the first throttle stops it.
        let single = try await Self.run(Self.throttledCheck(""))
        #expect(!single.passed)
    }

    /// CloudTrail delivers after five minutes: the default minute's wait gives up, a ten-minute one sees it.
    @Test(arguments: [("", false), (", cloudTrailTimeout: 10m", true)])
    func cloudTrailTimeoutBoundsTheWait(timeout: String, passes: Bool) async throws {
        let result = try await Self.run(
            """
            - connector.check:
                {as: connector, role: "arn:aws:iam::123456789012:role/r", externalId: "${externalId}", cloudTrail: customer-root\(timeout)}
              assert:
                - {path: passed, equals: \(passes)}
                - {path: "steps[5].step", equals: cloudtrail}
            """, emulator: "\nemulator: {cloudTrailLag: 5m}")
        #expect(result.passed, "\(RunnerTests.failures(result))")
    }
}
