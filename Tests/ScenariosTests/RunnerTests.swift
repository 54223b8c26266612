import AWSWire
import Foundation
import RoleplaySync
import Synchronization
import Testing

@testable import Scenarios

/// The runner itself, in process, on the fixture scenarios under `Fixtures/`: the happy path passes, expected
/// errors match, expiry and faults behave, and a deliberately broken expectation fails with a readable diff.
@Suite struct RunnerTests {
    static func fixture(_ name: String) -> String {
        URL(filePath: #filePath).deletingLastPathComponent().appending(path: "Fixtures/\(name)").path
    }

    static func load(_ name: String) throws -> Scenario {
        try ScenarioLoader(knownOperation: { OperationCatalog.contains(service: $0, operation: $1) })
            .load(file: fixture(name))
    }

    static func run(_ name: String) async throws -> ScenarioResult {
        await ScenarioRunner().run(try load(name))
    }

    /// Every failure's explanation, for the test's own message.
    static func failures(_ result: ScenarioResult) -> String {
        result.steps.compactMap(\.failure).joined(separator: "\n")
    }

    @Test func theHappyPathPasses() async throws {
        let result = try await Self.run("happy.yaml")
        #expect(result.passed, "\(Self.failures(result))")
        #expect(result.steps.count == 7)
        #expect(result.steps.map(\.title)[1] == "iam.CreateRole as customer-root")
    }

    @Test func expectedErrorsFaultsAndScriptsMatch() async throws {
        let result = try await Self.run("errors.yaml")
        #expect(result.passed, "\(Self.failures(result))")
    }

    @Test func savedKeysExpireAndAssumeActorsAreRenewed() async throws {
        let result = try await Self.run("expiry.yaml")
        #expect(result.passed, "\(Self.failures(result))")
    }

    @Test func aBrokenAssertionFailsWithADiffAndSkipsTheRest() async throws {
        let file = Self.fixture("broken-assertion.yaml")
        let result = try await Self.run("broken-assertion.yaml")
        #expect(!result.passed)
        #expect(result.steps.map(\.status) == [.failed, .skipped, .skipped])
        #expect(
            result.steps[0].failure
                == """
                \(file):12: Arn
                  expected: "arn:aws:iam::123456789012:user/somebody"
                  actual:   "arn:aws:iam::123456789012:root"
                """)
    }

    @Test func aBrokenExpectationShowsExpectedAndActual() async throws {
        let file = Self.fixture("broken-expectation.yaml")
        let result = try await Self.run("broken-expectation.yaml")
        #expect(
            result.steps.first?.failure
                == "\(file):8: expected error AccessDenied (HTTP 403), got NoSuchEntity (HTTP 404): "
                + "The role with name missing cannot be found.")
    }

    @Test func anUnexpectedSuccessFails() async throws {
        let scenario = try ScenarioLoader(knownOperation: { OperationCatalog.contains(service: $0, operation: $1) })
            .load(
                yaml: """
                    name: unexpected success
                    actors:
                      root: {root: "123456789012"}
                    steps:
                      - call: sts.GetCallerIdentity
                        as: root
                        expect: {error: AccessDenied}
                    """, file: "inline.yaml")
        let result = await ScenarioRunner().run(scenario)
        #expect(result.steps.first?.failure == "inline.yaml:5: expected error AccessDenied, got success")
    }

    @Test func progressSeesEveryStep() async throws {
        let seen = Seen()
        let result = await ScenarioRunner().run(try Self.load("broken-assertion.yaml")) { seen.add($0.status) }
        #expect(seen.all == result.steps.map(\.status))
    }

    @Test func rootActorsNeedTheEmulator() async throws {
        // Port 9 (discard) on loopback: nothing answers, so the target is not known to be the emulator.
        let result = await ScenarioRunner(target: .endpoint(url: "http://127.0.0.1:9")).run(
            try Self.load("broken-assertion.yaml"))
        #expect(
            result.steps.first?.failure?.hasSuffix(
                "actor customer-root is an account root, which only the emulator has keys for") == true)
    }
}

/// Outcomes seen by a progress callback, from whatever thread calls it.
final class Seen: Sendable {
    private let statuses = Locked<[StepOutcome.Status]>([])
    func add(_ status: StepOutcome.Status) { statuses.withLock { $0.append(status) } }
    var all: [StepOutcome.Status] { statuses.withLock { $0 } }
}

extension RunnerTests {
    @Test func theConnectionCheckPollsThroughADeliveryLag() async throws {
        let result = try await Self.run("check-lag.yaml")
        #expect(result.passed, "\(Self.failures(result))")
    }
}

extension RunnerTests {
    /// The loader refuses assume loops in files; the runner refuses them in scenarios built in code too.
    @Test func anAssumeLoopFailsTheStep() async {
        let location = SourceLocation(file: "code", line: 1)
        let scenario = Scenario(
            name: "loop",
            actors: [
                "a": .assume(AssumeSpec(actor: "b", roleARN: "arn:aws:iam::123456789012:role/a")),
                "b": .assume(AssumeSpec(actor: "a", roleARN: "arn:aws:iam::123456789012:role/b")),
            ],
            steps: [
                Step(
                    action: .call(service: "sts", operation: "GetCallerIdentity", actor: "a", parameters: [:]),
                    location: location)
            ],
            file: "code")
        let result = await ScenarioRunner().run(scenario)
        #expect(result.steps.first?.failure == "code:1: actors assume roles as each other in a loop: a → b → a")
    }
}

extension RunnerTests {
    /// In `matches`, a saved value is literal text: its `.` matches only a dot.
    @Test func variablesInPatternsAreLiteral() throws {
        let scenario = Scenario(name: "patterns", file: "code")
        var execution = ScenarioExecution(
            scenario: scenario, backend: RunBackend.inProcess(scenario, seed: nil), isEmulator: true)
        execution.variables["model"] = "amazon.nova-lite-v1:0"
        let assertion = Assertion(
            path: try ResponsePath(parsing: "modelId"), check: .matches("^${model}$"),
            location: SourceLocation(file: "code", line: 3))
        let filled = try execution.substituted(assertion)
        #expect(filled.evaluate(on: ["modelId": "amazon.nova-lite-v1:0"]) == nil)
        #expect(filled.evaluate(on: ["modelId": "amazonXnova-lite-v1:0"]) != nil)
        let equals = try execution.substituted(
            Assertion(
                path: try ResponsePath(parsing: "modelId"), check: .equals("${model}"),
                location: SourceLocation(file: "code", line: 4)))
        #expect(equals.check == .equals("amazon.nova-lite-v1:0"))
    }
}
