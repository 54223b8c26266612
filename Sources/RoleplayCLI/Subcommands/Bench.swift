import ArgumentParser

extension Roleplay {
    /// `roleplay bench …`: micro-benchmarks that print figures (never assertions), one group per target.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print throughput figures (build with -c release for real numbers).",
            subcommands: [SignBench.self, PolicyBench.self, EmulatorBench.self, CloudTrailBench.self, ScenarioBench.self]
        )
    }
}

/// Flags every benchmark shares.
struct BenchOptions: ParsableArguments {
    @Option(help: "Timed runs per figure; the median is reported.")
    var runs: Int = 7

    @Option(help: "Seconds per run.")
    var seconds: Double = 1.0

    func validate() throws {
        guard (1...99).contains(runs) else { throw ValidationError("--runs must be between 1 and 99") }
        guard seconds > 0, seconds <= 60 else { throw ValidationError("--seconds must be in (0, 60]") }
    }
}
