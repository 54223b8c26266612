import Foundation
import Testing

@testable import RoleplayCLI

@Suite("roleplay vectors")
struct VectorsCommandTests {
    static let variable = "SIGV4_TEST_SUITE_DIR"

    /// The published suites, from `SIGV4_TEST_SUITE_DIR`. Unset is an error naming the variable, as in
    /// `Tests/ConformanceTests/PublishedSuite.swift`: a missing suite must fail the run, not skip it.
    static func publishedSuite() throws -> URL {
        guard let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty else {
            throw CLIError("\(variable) is not set: point it at the published suites (e.g. ../shared/vectors)")
        }
        return URL(filePath: path)
    }

    /// Whether the variable is set. Only the main suite test fails when it is not; the tests that merely
    /// borrow a case from the suite are then skipped, so the failure is reported once.
    static var suiteIsSet: Bool { !(ProcessInfo.processInfo.environment[variable] ?? "").isEmpty }

    static func run(_ command: Roleplay.Vectors, suite: URL) throws -> (lines: [String], output: CommandOutput) {
        var lines: [String] = []
        let output = try command.execute(suite: suite) { lines.append($0) }
        return (lines, output)
    }

    @Test("parses its options")
    func parsesOptions() throws {
        let vectors: Roleplay.Vectors = try CLIFixtures.parse([
            "vectors", "--suite", "dir", "--verbose", "--filter", "v4a/",
        ])
        #expect(vectors.suite == "dir")
        #expect(vectors.verbose)
        #expect(vectors.filter == "v4a/")
        let defaults: Roleplay.Vectors = try CLIFixtures.parse(["vectors"])
        #expect(defaults.suite == nil && !defaults.verbose && defaults.filter == nil)
    }

    @Test("every published case passes: one line per case, then 'N passed, 0 failed'", .tags(.published))
    func publishedSuitePasses() throws {
        let suite = try Self.publishedSuite()
        let command: Roleplay.Vectors = try CLIFixtures.parse(["vectors", "--suite", suite.path])
        let (lines, output) = try Self.run(command, suite: suite)
        let cases = lines.dropLast()
        let failing = cases.filter { !$0.hasPrefix("PASS ") && !$0.hasPrefix("    ") }
        #expect(failing.isEmpty, "\(lines.joined(separator: "\n"))")
        let passes = cases.filter { $0.hasPrefix("PASS ") }.count
        #expect(passes > 0)
        #expect(lines.last == "\(passes) passed, 0 failed")
        #expect(output.exitCode == 0)
        #expect(cases.contains("PASS aws-signing-test-suite/v4/get-vanilla"))
        #expect(cases.contains("PASS aws-signing-test-suite/v4a/get-vanilla"))
        #expect(cases.contains("PASS aws4_testsuite/normalize-path/get-slash"))
    }

    @Test("--filter and --verbose list each check of the chosen cases", .tags(.published), .enabled(if: suiteIsSet))
    func verboseFilter() throws {
        let suite = try Self.publishedSuite()
        let command: Roleplay.Vectors = try CLIFixtures.parse([
            "vectors", "--filter", "v4a/get-vanilla-query-order-encoded", "--verbose",
        ])
        let (lines, output) = try Self.run(command, suite: suite)
        #expect(
            lines == [
                "PASS aws-signing-test-suite/v4a/get-vanilla-query-order-encoded",
                "    ok   signer header",
                "    ok   verifier accepts header",
                "    ok   verifier rejects tampered header",
                "    ok   signer query",
                "    ok   verifier accepts query",
                "    ok   verifier rejects tampered query",
                "    ok   published SigV4a key and signatures",
                "1 passed, 0 failed",
            ])
        #expect(output.exitCode == 0)
    }

    @Test(
        "a failing case prints FAIL, the failing check and its details, and exits 1", .tags(.published),
        .enabled(if: suiteIsSet))
    func failingCase() throws {
        // A copy of get-vanilla whose expected signature is wrong.
        let suite = try Self.publishedSuite()
        let scratch = FileManager.default.temporaryDirectory.appending(path: "roleplay-vectors-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let source = suite.appending(path: "aws-signing-test-suite/v4/get-vanilla")
        let copy = scratch.appending(path: "aws-signing-test-suite/v4/get-vanilla")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: copy)
        try Data(String(repeating: "0", count: 64).utf8).write(to: copy.appending(path: "header-signature.txt"))

        let command: Roleplay.Vectors = try CLIFixtures.parse(["vectors"])
        let (lines, output) = try Self.run(command, suite: scratch)
        #expect(lines.first == "FAIL aws-signing-test-suite/v4/get-vanilla — signer header")
        #expect(lines.contains("    FAIL signer header"))
        #expect(lines.contains { $0.hasPrefix("        signature differs: expected 0000") })
        #expect(lines.last == "0 passed, 1 failed")
        #expect(output.exitCode == 1)
    }

    @Test("an empty directory prints '0 passed, 0 failed' and exits 1")
    func emptySuite() throws {
        let scratch = FileManager.default.temporaryDirectory.appending(path: "roleplay-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let command: Roleplay.Vectors = try CLIFixtures.parse(["vectors"])
        let (lines, output) = try Self.run(command, suite: scratch)
        #expect(lines == ["0 passed, 0 failed"])
        #expect(output.exitCode == 1)
        #expect(output.stderr.contains("no test cases found"))
    }

    @Test("the suite directory is --suite, else $SIGV4_TEST_SUITE_DIR, else ../shared/vectors")
    func suiteDirectory() throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "roleplay-dirs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let work = root.appending(path: "main")
        let shared = root.appending(path: "shared/vectors")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)

        let plain: Roleplay.Vectors = try CLIFixtures.parse(["vectors"])
        let none = try #require(throws: CLIError.self) {
            try plain.suiteDirectory(environment: [:], currentDirectory: work.path)
        }
        #expect(none.description.contains("--suite"))
        #expect(none.description.contains(Self.variable))

        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        let fallback = try plain.suiteDirectory(environment: [:], currentDirectory: work.path)
        #expect(fallback.standardizedFileURL.path == shared.standardizedFileURL.path)

        let fromEnvironment = try plain.suiteDirectory(environment: [Self.variable: work.path], currentDirectory: "/")
        #expect(fromEnvironment.standardizedFileURL.path == work.standardizedFileURL.path)

        let explicit: Roleplay.Vectors = try CLIFixtures.parse(["vectors", "--suite", "missing"])
        let missing = try #require(throws: CLIError.self) {
            try explicit.suiteDirectory(environment: [Self.variable: shared.path], currentDirectory: work.path)
        }
        #expect(missing.description == "suite directory missing does not exist")
    }
}

extension Tag {
    /// Tests that read the published suites from `SIGV4_TEST_SUITE_DIR`.
    @Tag static var published: Self
}
