import Foundation
import Testing
import TestSupport

/// A sample of `Conformance/scenarios/` — the happy path, the refreshed page's stale External ID, and a stream
/// cut mid-answer — run by the built `roleplay scenario run --endpoint` against a started `roleplay serve`: the
/// same files that pass in process pass over a real socket, through URLSession and the HTTP server, and the
/// JUnit report says so.
@Suite struct ScenarioConformanceSocketTests {
    static let sample = [
        "happy-path-managed-policy.yaml", "external-id-refreshed-page.yaml", "stream-cut.yaml",
    ]

    static func path(_ name: String) -> String { RepositoryFiles.url("Conformance/scenarios/\(name)").path }

    @Test func theSamplePassesAgainstAServer() throws {
        let (server, port) = try ServeProcess.serving()
        let junit = FileManager.default.temporaryDirectory.appending(path: "scenarios-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: junit) }
        let result = try Child.run(
            ["scenario", "run"] + Self.sample.map(Self.path)
                + ["--endpoint", "http://127.0.0.1:\(port)", "--junit", junit.path],
            environment: ["AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials", "AWS_CONFIG_FILE": "/nonexistent/config"])
        #expect(result.status == 0, "\(result.output)\n\(result.errors)")
        #expect(result.output.hasSuffix("3 passed, 0 failed\n"), "\(result.output)")
        #expect(!result.output.contains("✘"), "\(result.output)")
        for name in ["happy path with the managed policy", "refreshed set-up page, stale External ID", "a stream cut mid-answer"] {
            #expect(result.output.contains("▶ \(name) ("), "\(name)")
        }
        let report = try String(contentsOf: junit, encoding: .utf8)
        #expect(report.contains("tests=\"3\""), "\(report)")
        #expect(report.contains("failures=\"0\""), "\(report)")
        server.signal(SIGTERM)
        #expect(try server.exitStatus(within: .seconds(10)) == 0)
    }

    /// Each file resets the server first, so running the sample twice on one server gives the same outcome.
    @Test func theSampleRunsTwiceOnOneServer() throws {
        let (server, port) = try ServeProcess.serving()
        for _ in 0..<2 {
            let result = try Child.run(
                ["scenario", "run"] + Self.sample.map(Self.path) + ["--endpoint", "http://127.0.0.1:\(port)"],
                environment: [:])
            #expect(result.status == 0, "\(result.output)\n\(result.errors)")
        }
        server.signal(SIGTERM)
        #expect(try server.exitStatus(within: .seconds(10)) == 0)
    }
}
