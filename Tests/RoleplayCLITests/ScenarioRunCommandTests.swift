import Foundation
import Testing

/// `roleplay scenario run` as a user runs it: the built binary in a subprocess, its exit code and output.
@Suite struct ScenarioRunCommandTests {
    static func fixture(_ name: String) -> String {
        URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "ScenariosTests/Fixtures/\(name)").path
    }

    /// Runs `roleplay scenario run ARGUMENTS` to its end: exit status, standard output and error.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let child = try ServeProcess(["scenario", "run"] + arguments)
        let output = try child.output.readToEnd(within: .seconds(60))
        let errors = try child.errors.readToEnd(within: .seconds(5))
        return (try child.exitStatus(within: .seconds(10)), output, errors)
    }

    @Test func passingScenariosExitZeroAndWriteJUnit() throws {
        let junit = FileManager.default.temporaryDirectory.appending(path: "scenario-\(UUID().uuidString).xml").path
        defer { try? FileManager.default.removeItem(atPath: junit) }
        let result = try Self.run([
            Self.fixture("happy.yaml"), Self.fixture("errors.yaml"), "--junit", junit, "--seed", "3",
        ])
        #expect(result.status == 0, "\(result.output)\(result.errors)")
        #expect(result.output.contains("  ✔ iam.CreateRole as customer-root  ("))
        #expect(result.output.hasSuffix("2 passed, 0 failed\n"))
        let report = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(report.contains(#"<testsuite name="roleplay scenarios" tests="2" failures="0""#))
    }

    @Test func aFailingScenarioExitsOneWithItsDiff() throws {
        let file = Self.fixture("broken-assertion.yaml")
        let result = try Self.run([file, Self.fixture("happy.yaml")])
        #expect(result.status == 1)
        #expect(result.output.contains("  ✘ sts.GetCallerIdentity as customer-root  ("))
        #expect(
            result.output.contains(
                "      \(file):12: Arn\n        expected: \"arn:aws:iam::123456789012:user/somebody\"\n"))
        #expect(result.output.contains("  - iam.ListRoles as customer-root  (skipped)"))
        #expect(result.output.hasSuffix("1 passed, 1 failed\n"))
    }

    @Test func aBadFileExitsTwoBeforeAnythingRuns() throws {
        let bad = FileManager.default.temporaryDirectory.appending(path: "bad-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: bad) }
        try """
        name: bad
        actors:
          root: {root: "123456789012"}
        steps:
          - call: iam.CreateRol
            as: root
        """.write(toFile: bad, atomically: true, encoding: .utf8)
        let result = try Self.run([Self.fixture("happy.yaml"), bad])
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(result.errors.hasPrefix("\(bad):5: "), "\(result.errors)")
        #expect(result.errors.contains("iam.CreateRol"))
    }

    @Test func itRunsAgainstAServedEndpoint() throws {
        let (server, port) = try ServeProcess.serving()
        defer { server.signal(SIGTERM) }
        let result = try Self.run([Self.fixture("happy.yaml"), "--endpoint", "http://127.0.0.1:\(port)"])
        #expect(result.status == 0, "\(result.output)\(result.errors)")
        #expect(result.output.hasSuffix("1 passed, 0 failed\n"))
    }

    @Test func seedWithAnEndpointIsAUsageError() throws {
        let result = try Self.run([Self.fixture("happy.yaml"), "--seed", "1", "--endpoint", "http://127.0.0.1:9"])
        #expect(result.status == 64)
        #expect(result.errors.contains("--seed applies to the in-process emulator"))
    }
}
