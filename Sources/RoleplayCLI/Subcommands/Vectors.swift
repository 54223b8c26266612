import ArgumentParser
import Foundation
import SigV4Vectors

extension Roleplay {
    /// `roleplay vectors`: runs every conformance check over the published SigV4/SigV4a suites.
    ///
    /// One line per case (`PASS <set>/<case>` or `FAIL <set>/<case> — <checks>`, details indented), then
    /// exactly `N passed, M failed`, counted per case. Exit code 1 when a case fails or none is found,
    /// so a missing suite can never look like a pass.
    struct Vectors: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the signer and verifier against the published SigV4/SigV4a test suites.",
            discussion: """
                Reads aws-signing-test-suite v4 and v4a, aws4_testsuite and the smithy-rs extras from the suite \
                directory: --suite, else $SIGV4_TEST_SUITE_DIR, else ../shared/vectors when it exists. For each \
                case and signing mode it signs and compares every stage, checks that the verifier accepts the \
                published signed request and rejects every single-part tampering of it, and, for SigV4a, checks \
                the derived key and the published signatures.
                """)

        static let suiteVariable = "SIGV4_TEST_SUITE_DIR"
        static let fallbackDirectory = "../shared/vectors"

        @Option(help: ArgumentHelp("The suite directory (laid out as ../shared/vectors).", valueName: "dir"))
        var suite: String?

        @Option(help: "Run only the cases whose name contains this text (e.g. v4a/, get-vanilla).")
        var filter: String?

        @Flag(help: "List every check of every case, and every line of each failure.")
        var verbose = false

        func run() throws {
            let directory = try suiteDirectory(
                environment: ProcessInfo.processInfo.environment,
                currentDirectory: FileManager.default.currentDirectoryPath)
            let output = try execute(suite: directory) { line in
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            }
            if !output.stderr.isEmpty { FileHandle.standardError.write(Data(output.stderr.utf8)) }
            if output.exitCode != 0 { throw ExitCode(output.exitCode) }
        }

        /// The suite directory: `--suite`, else `$SIGV4_TEST_SUITE_DIR`, else `../shared/vectors` if present.
        ///
        /// - Throws: `CLIError` naming the option and the variable when none applies, or when the chosen
        ///   directory does not exist.
        func suiteDirectory(environment: [String: String], currentDirectory: String) throws -> URL {
            let base = URL(filePath: currentDirectory, directoryHint: .isDirectory)
            let chosen: String
            if let suite {
                chosen = suite
            } else if let fromEnvironment = environment[Self.suiteVariable], !fromEnvironment.isEmpty {
                chosen = fromEnvironment
            } else if Self.isDirectory(URL(filePath: Self.fallbackDirectory, relativeTo: base)) {
                chosen = Self.fallbackDirectory
            } else {
                throw CLIError(
                    "no suite directory: pass --suite DIR or set \(Self.suiteVariable) "
                        + "(\(Self.fallbackDirectory) does not exist here)")
            }
            let url = URL(filePath: chosen, relativeTo: base)
            guard Self.isDirectory(url) else { throw CLIError("suite directory \(chosen) does not exist") }
            return url
        }

        /// Runs every check of every case under `suite`, passing each printed line to `emit` as it is
        /// produced; the returned output carries the exit code and any message for standard error.
        ///
        /// - Throws: `CLIError` when a case's files cannot be read.
        func execute(suite: URL, emit: (String) -> Void) throws -> CommandOutput {
            var cases: [SuiteCase]
            do {
                cases = try SuiteReader.cases(in: suite)
            } catch {
                throw CLIError("cannot read the suite in \(suite.relativePath): \(error)")
            }
            if let filter { cases = cases.filter { $0.description.contains(filter) } }

            var out = CommandOutput()
            var passed = 0
            var failed = 0
            for c in cases {
                let checks = SuiteChecks.all(c)
                let failing = checks.filter { !$0.failures.isEmpty }
                if failing.isEmpty {
                    passed += 1
                    emit("PASS \(c)")
                } else {
                    failed += 1
                    emit("FAIL \(c) — \(failing.map(\.label).joined(separator: ", "))")
                }
                for check in checks where verbose || !check.failures.isEmpty {
                    emit("    \(check.failures.isEmpty ? "ok  " : "FAIL") \(check.label)")
                    let lines = check.failures.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }
                    let shown = verbose ? lines[...] : lines.prefix(Self.detailLines)
                    for line in shown { emit("        \(line)") }
                    if shown.count < lines.count {
                        emit("        … \(lines.count - shown.count) more lines (--verbose shows them)")
                    }
                }
            }
            emit("\(passed) passed, \(failed) failed")
            if cases.isEmpty {
                out.note(
                    "error: no test cases found in \(suite.relativePath)"
                        + (filter.map { " matching '\($0)'" } ?? "")
                        + " (expected aws-signing-test-suite/, aws4_testsuite/…)")
            }
            out.exitCode = failed > 0 || cases.isEmpty ? 1 : 0
            return out
        }

        /// Lines of failure detail shown per check without `--verbose`.
        static let detailLines = 40

        static func isDirectory(_ url: URL) -> Bool {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }
}
