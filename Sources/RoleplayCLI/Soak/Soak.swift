import ArgumentParser
import Foundation

extension Roleplay {
    /// `roleplay soak`: the emulator under load, faults and kill -9, with every result asserted.
    ///
    /// Two phases, each against a child `roleplay serve` on 127.0.0.1 (this same executable). The load phase runs the
    /// connector's mix on keep-alive connections beside idle and half-written ones, with faults injected, then
    /// checks that nothing crashed, no error appeared that the faults did not ask for, every successful call is in
    /// CloudTrail exactly once, and RSS stayed within its bound. The kill phase drives IAM and STS changes at a
    /// server with `--state-dir`, kills it with SIGKILL at a random moment, restarts it on the same directory and
    /// checks every acknowledged change is there. Exit status 0 only if every assertion held
    /// (docs/reliability.md "Soak").
    struct Soak: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Soak the emulator: load with faults, then kill -9 and restart (loopback only, bounded in time).",
            discussion: "Exit status 0 only when every assertion holds; the figures go to standard output.")

        @Option(help: "How long the load phase runs: 300s, 5m, … (0 skips it).")
        var duration: DurationArgument = DurationArgument(seconds: 300)

        @Option(help: "Keep-alive connections that send the mix.")
        var connections = 64

        @Option(help: "Idle or half-written connections kept open beside them.")
        var idleConnections = 200

        @Option(help: "Calls per second over all working connections (a pace, not a maximum).")
        var rate: Double = 1000

        @Option(help: "The server's --idle-timeout-seconds in the load phase.")
        var idleTimeoutSeconds = 10

        @Option(help: "RSS bound: bytes allowed per retained CloudTrail event.")
        var rssBytesPerEvent = RSSBound().bytesPerEvent

        @Option(help: "RSS bound: fixed slack in MiB.")
        var rssSlackMib = RSSBound().slackBytes >> 20

        @Option(help: "kill -9 runs against a server with --state-dir (0 skips the phase).")
        var killRuns = 20

        @Option(help: "The state directory of the kill runs (default: a fresh temporary directory, removed after).")
        var stateDir: String?

        @Option(help: "Connections that send changes during each kill run.")
        var killConnections = 4

        @Option(help: "Seed of every random choice (the mix, the kill moments); default: from the clock, printed.")
        var seed: UInt64?

        func validate() throws {
            guard duration.seconds <= 3600 else { throw ValidationError("--duration must be at most 1h") }
            guard (1...1024).contains(connections) else { throw ValidationError("--connections must be 1-1024") }
            guard (0...2048).contains(idleConnections) else {
                throw ValidationError("--idle-connections must be 0-2048")
            }
            guard rate > 0, rate <= 100_000 else { throw ValidationError("--rate must be in (0, 100000]") }
            guard (1...300).contains(idleTimeoutSeconds) else {
                throw ValidationError("--idle-timeout-seconds must be 1-300")
            }
            guard (0...1000).contains(killRuns) else { throw ValidationError("--kill-runs must be 0-1000") }
            guard (1...64).contains(killConnections) else { throw ValidationError("--kill-connections must be 1-64") }
            guard rssBytesPerEvent >= 0, rssSlackMib >= 0 else {
                throw ValidationError("RSS bounds must not be negative")
            }
            // The kill runs create fixed names (accounts per run and connection): a used directory would refuse them.
            if let stateDir, let entries = try? FileManager.default.contentsOfDirectory(atPath: stateDir),
                !entries.isEmpty
            {
                throw ValidationError(
                    "--state-dir must be a new or empty directory: \(stateDir) holds \(entries.count) entries")
            }
        }

        func run() throws {
            let seed = seed ?? UInt64(Date().timeIntervalSince1970 * 1000)
            print("soak: seed \(seed)")
            let work = FileManager.default.temporaryDirectory.appending(path: "roleplay-soak-\(getpid())-\(seed)")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: work) }
            var failures: [String] = []
            if duration.seconds > 0 {
                let load = LoadPhase(
                    options: .init(
                        seconds: Double(duration.seconds), connections: connections, idleConnections: idleConnections,
                        rate: rate, seed: seed, idleTimeoutSeconds: idleTimeoutSeconds,
                        rssBound: RSSBound(bytesPerEvent: rssBytesPerEvent, slackBytes: rssSlackMib << 20),
                        workDirectory: work))
                do {
                    let result = try load.run()
                    result.lines.forEach { print($0) }
                    failures += result.failures
                } catch {
                    failures.append("load phase: \(error)")
                }
            }
            if killRuns > 0 {
                let directory = stateDir ?? work.appending(path: "state").path
                let phase = KillPhase(
                    runs: killRuns, stateDirectory: directory, connections: killConnections, seed: seed,
                    workDirectory: work)
                do {
                    let result = try phase.run()
                    result.lines.forEach { print($0) }
                    failures += result.failures
                } catch {
                    failures.append("kill phase: \(error)")
                }
            }
            if failures.isEmpty {
                print("soak passed")
                return
            }
            for failure in failures { print("FAILED: \(failure)") }
            throw ExitCode(1)
        }
    }
}
