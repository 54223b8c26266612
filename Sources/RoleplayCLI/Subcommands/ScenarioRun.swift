import ArgumentParser
import Foundation
import Scenarios

extension Roleplay {
    /// `roleplay scenario run FILES…`: loads every scenario first (a bad file stops the run before any step,
    /// exit 2), runs them one after another, prints a line per step and a summary, and exits 0 only when all
    /// passed (else 1).
    struct ScenarioRun: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run scenario files (or every .yaml under a directory).")

        @Argument(help: ArgumentHelp("Scenario files or directories.", valueName: "file"))
        var files: [String]

        @Option(
            help: ArgumentHelp(
                "Run against this URL (e.g. roleplay serve's) instead of a fresh in-process emulator per scenario.",
                valueName: "url"))
        var endpoint: String?

        @Option(help: ArgumentHelp("Also write a JUnit XML report to this file.", valueName: "file"))
        var junit: String?

        @Option(
            help: ArgumentHelp(
                "The in-process emulator's seed for every scenario (replaces their own).", valueName: "n"))
        var seed: UInt64?

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("name at least one scenario file or directory") }
            // An endpoint's emulator was seeded when it started (`roleplay serve --seed`).
            guard seed == nil || endpoint == nil else {
                throw ValidationError(
                    "--seed applies to the in-process emulator; start roleplay serve with --seed instead")
            }
        }

        func run() throws {
            let code = AsyncBridge.wait { [self] in
                await execute(
                    output: { FileHandle.standardOutput.write(Data($0.utf8)) },
                    errors: { FileHandle.standardError.write(Data($0.utf8)) })
            }
            if code != 0 { throw ExitCode(code) }
        }

        /// Loads, runs and reports; returns the exit code.
        func execute(
            output: @escaping @Sendable (String) -> Void, errors: @escaping @Sendable (String) -> Void
        ) async -> Int32 {
            let scenarios: [Scenario]
            do {
                let loader = ScenarioLoader { OperationCatalog.contains(service: $0, operation: $1) }
                scenarios = try loader.loadAll(paths: files)
            } catch {
                errors("\(error)\n")
                return 2
            }
            let runner = ScenarioRunner(target: endpoint.map { .endpoint(url: $0) } ?? .inProcess, seed: seed)
            var results: [ScenarioResult] = []
            for scenario in scenarios {
                output(ProgressText.heading(name: scenario.name, file: scenario.file) + "\n")
                results.append(
                    await runner.run(scenario) {
                        output("  " + ProgressText.line($0).replacingOccurrences(of: "\n", with: "\n  ") + "\n")
                    })
            }
            output(ProgressText.summary(results) + "\n")
            if let junit {
                do {
                    try JUnitReport.xml(results).write(toFile: junit, atomically: true, encoding: .utf8)
                } catch {
                    errors("cannot write \(junit): \(error.localizedDescription)\n")
                    return 1
                }
            }
            return results.allSatisfy(\.passed) ? 0 : 1
        }
    }
}
