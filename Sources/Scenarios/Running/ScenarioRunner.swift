public import Foundation

/// Runs scenarios: each against a fresh in-process emulator (fast, deterministic, nothing shared between
/// scenarios) or against an endpoint (`roleplay serve`, or any AWS-compatible URL).
public struct ScenarioRunner: Sendable {
    public enum Target: Sendable, Hashable {
        /// A new `Emulator` per scenario, reached without a socket.
        case inProcess
        /// Every service at this URL; admin steps go to `URL/_roleplay/…`.
        case endpoint(url: String)
    }

    public let target: Target
    /// Replaces every scenario's own `seed` (in process only); nil keeps each scenario's.
    public let seed: UInt64?

    public init(target: Target = .inProcess, seed: UInt64? = nil) {
        self.target = target
        self.seed = seed
    }

    /// Runs every step of `scenario` in order until one fails (the rest are skipped); `progress` sees each
    /// outcome as soon as it is known. Never throws: every problem is a failed step of the result.
    public func run(_ scenario: Scenario, progress: (@Sendable (StepOutcome) -> Void)? = nil) async -> ScenarioResult {
        let start = ContinuousClock.now
        let backend: RunBackend
        switch target {
        case .inProcess:
            backend = RunBackend.inProcess(scenario, seed: seed)
        case .endpoint(let url):
            do {
                backend = try RunBackend.endpoint(url, region: scenario.region)
            } catch {
                let location = scenario.steps.first?.location ?? SourceLocation(file: scenario.file, line: 1)
                let outcome = StepOutcome(
                    title: "endpoint", location: location, status: .failed, durationMilliseconds: 0,
                    failure: "\(location): bad endpoint \(url): \(error)")
                progress?(outcome)
                return ScenarioResult(
                    name: scenario.name, file: scenario.file, steps: [outcome], durationMilliseconds: 0)
            }
        }
        var execution = ScenarioExecution(
            scenario: scenario, backend: backend, isEmulator: await backend.isEmulator())
        let steps = await execution.run(progress: progress)
        return ScenarioResult(
            name: scenario.name, file: scenario.file, steps: steps,
            durationMilliseconds: ScenarioExecution.milliseconds(ContinuousClock.now - start))
    }
}
