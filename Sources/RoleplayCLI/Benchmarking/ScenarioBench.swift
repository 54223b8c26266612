import ArgumentParser
import Emulator
import Foundation
import HTTPServer
import Scenarios

extension Roleplay {
    /// `roleplay bench scenarios`: how long the conformance scenarios take to run — the happy path alone and the
    /// whole set in process (a fresh emulator per scenario, no socket), and the whole set over HTTP against
    /// servers started here (one per distinct `emulator:` setting, each scenario resetting its server first).
    ///
    /// Every scenario must pass before anything is timed; each figure is the median of `--runs` timed runs of the
    /// whole thing (figures printed, never asserted). The issue's goals: the happy path under 20 ms in process,
    /// the whole set under 2 s.
    struct ScenarioBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scenarios",
            abstract: "Milliseconds to run the conformance scenarios: the happy path and all, in process and over HTTP.")

        @Option(help: "Timed runs per figure; the median is reported.")
        var runs: Int = 7

        @Option(help: ArgumentHelp("The scenario folder.", valueName: "dir"))
        var directory: String = "Conformance/scenarios"

        @Option(help: ArgumentHelp("The scenario timed alone.", valueName: "file"))
        var happyPath: String = "happy-path-managed-policy.yaml"

        func validate() throws {
            guard (1...99).contains(runs) else { throw ValidationError("--runs must be between 1 and 99") }
        }

        func run() throws {
            #if DEBUG
                print("warning: debug build; build with `swift build -c release` for real figures")
            #endif
            let loader = ScenarioLoader(knownOperation: { OperationCatalog.contains(service: $0, operation: $1) })
            let all: [Scenario]
            do {
                all = try loader.loadAll(paths: [directory])
            } catch {
                throw ValidationError("\(error)")
            }
            let happyFile = URL(filePath: directory).appending(path: happyPath).path
            guard let happy = all.first(where: { $0.file.hasSuffix("/" + happyPath) || $0.file == happyFile }) else {
                throw ValidationError("\(happyPath) is not in \(directory)")
            }
            let servers = try ScenarioServers(for: all)
            defer { servers.stop() }
            let inProcess = ScenarioRunner()
            let runs = runs
            let failure = AsyncBridge.wait { () -> String? in
                for scenario in all {
                    if let failure = await Self.failure(inProcess.run(scenario)) { return "in process: \(failure)" }
                    let overHTTP = ScenarioRunner(target: .endpoint(url: servers.url(for: scenario)))
                    if let failure = await Self.failure(overHTTP.run(scenario)) { return "over HTTP: \(failure)" }
                }
                return nil
            }
            if let failure { throw ValidationError("a scenario fails, nothing timed: \(failure)") }
            let figures = AsyncBridge.wait { () -> [(String, [Double])] in
                var happyTimes: [Double] = []
                var allTimes: [Double] = []
                var httpTimes: [Double] = []
                for _ in 0..<runs {
                    happyTimes.append(await Self.milliseconds { _ = await inProcess.run(happy) })
                    allTimes.append(await Self.milliseconds { for s in all { _ = await inProcess.run(s) } })
                    httpTimes.append(
                        await Self.milliseconds {
                            for s in all { _ = await ScenarioRunner(target: .endpoint(url: servers.url(for: s))).run(s) }
                        })
                }
                return [
                    ("scenarios.happy_path in-process", happyTimes), ("scenarios.all in-process", allTimes),
                    ("scenarios.all http", httpTimes),
                ]
            }
            print("scenarios: \(all.count) files, \(all.reduce(0) { $0 + $1.steps.count }) steps")
            for (name, times) in figures {
                let median = Throughput(rates: times).median
                print("\(name): \(String(format: "%.1f", median)) ms (median of \(runs))")
            }
        }

        static func failure(_ result: ScenarioResult) -> String? {
            guard !result.passed else { return nil }
            return "\(result.file): " + result.steps.compactMap(\.failure).joined(separator: "; ")
        }

        static func milliseconds(_ body: () async -> Void) async -> Double {
            let start = ContinuousClock.now
            await body()
            let d = ContinuousClock.now - start
            return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) * 1e-15
        }
    }
}

/// `roleplay serve` in this process, one per distinct `emulator:` setting (and seed) of the scenarios, each on a
/// free loopback port: a scenario's `emulator:` settings are the server's options, which an endpoint cannot take
/// from the file.
final class ScenarioServers: Sendable {
    private let servers: [String: (HTTPServer, String)]

    init(for scenarios: [Scenario]) throws {
        var servers: [String: (HTTPServer, String)] = [:]
        for scenario in scenarios {
            let key = Self.key(scenario)
            guard servers[key] == nil else { continue }
            let configuration = scenario.emulator.configuration(seed: scenario.seed)
            let emulator = Emulator(configuration: configuration)
            let server = HTTPServer(
                configuration: ServerConfiguration(host: "127.0.0.1", port: 0, threading: .threadPool(threads: 2)),
                handler: { request in emulator.handle(request) })
            let address: BoundAddress
            do {
                address = try server.start()
            } catch {
                throw ValidationError("cannot start a server: \(error)")
            }
            servers[key] = (server, "http://127.0.0.1:\(address.port)")
        }
        self.servers = servers
    }

    func url(for scenario: Scenario) -> String { servers[Self.key(scenario)]!.1 }

    func stop() { for (server, _) in servers.values { server.stop() } }

    private static func key(_ scenario: Scenario) -> String {
        let e = scenario.emulator
        return [
            scenario.seed.map { "\($0)" }, e.cloudTrailLagSeconds.map { "\($0)" }, e.roleLastUsedLagSeconds.map { "\($0)" },
            e.streamChunkDelayMilliseconds.map { "\($0)" },
        ].map { $0 ?? "-" }.joined(separator: "/")
    }
}
