import Foundation
import Testing
import TestSupport

@testable import Scenarios

/// Every file of `Conformance/scenarios/` run in process by the runner, one test case per file, each expected
/// to pass: the conformance scenarios are the connector flow and its failures as the emulator answers them, so a
/// change to the emulator, ConnectorKit or the runner that alters an answer fails here, naming the step and line.
@Suite struct ConformanceScenarioTests {
    /// The scenario files, sorted; at least the ones the docs list, so an emptied folder fails instead of passing.
    static let files: [String] = {
        let directory = RepositoryFiles.url("Conformance/scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    static let loader = ScenarioLoader(knownOperation: { OperationCatalog.contains(service: $0, operation: $1) })

    static func load(_ name: String) throws -> Scenario {
        try loader.load(file: RepositoryFiles.url("Conformance/scenarios/\(name)").path)
    }

    @Test func theFolderHoldsEveryConformanceScenario() {
        #expect(Self.files.count >= 21, "\(Self.files)")
        #expect(Self.files.contains("happy-path-managed-policy.yaml"))
    }

    @Test(arguments: files)
    func scenarioPasses(_ name: String) async throws {
        let scenario = try Self.load(name)
        let result = await ScenarioRunner().run(scenario)
        let failures = result.steps.compactMap(\.failure).joined(separator: "\n")
        #expect(result.passed, "\(name): \(failures)")
        #expect(result.steps.allSatisfy { $0.status == .passed }, "\(name): a step did not run")
    }

    /// Each file says what it protects against and where its expectations come from, before anything else.
    @Test(arguments: files)
    func scenarioNamesWhatItProtectsAgainstAndItsSource(_ name: String) throws {
        let text = try String(contentsOf: RepositoryFiles.url("Conformance/scenarios/\(name)"), encoding: .utf8)
        #expect(text.hasPrefix("# Protects against: "), "\(name)")
        let header = text.split(separator: "\n").prefix { $0.hasPrefix("#") }
        #expect(header.contains { $0.hasPrefix("# Source: ") }, "\(name)")
    }

    /// The same seed, the same run: IDs and answers do not depend on the order or the time the files run in.
    @Test func aSeededScenarioRunsTheSameTwice() async throws {
        let scenario = try Self.load("happy-path-managed-policy.yaml")
        #expect(scenario.seed != nil)
        let first = await ScenarioRunner().run(scenario)
        let second = await ScenarioRunner().run(scenario)
        #expect(first.passed && second.passed)
        #expect(first.steps.map(\.title) == second.steps.map(\.title))
    }
}
