internal import AWSWire
internal import ConnectorKit
internal import Foundation

/// One run of one scenario: the variables saved so far, the actors' credentials made so far, and the steps in
/// order until one fails.
struct ScenarioExecution {
    let scenario: Scenario
    let backend: RunBackend
    let configuration: ClientConfiguration
    let time = VirtualTime()
    /// Whether `{root: …}` actors have keys (the emulator's convention).
    let isEmulator: Bool
    var variables: [String: JSONValue] = [:]
    /// Credentials of users and role sessions, made on first use; forgotten by `reset`.
    var madeCredentials: [String: AWSCredentials] = [:]
    /// Profile actors' providers, kept so a profile that assumes a role reuses its session until it expires.
    var profileProviders: [String: ProfileCredentialsProvider] = [:]

    init(scenario: Scenario, backend: RunBackend, isEmulator: Bool) {
        self.scenario = scenario
        self.backend = backend
        self.isEmulator = isEmulator
        // One attempt: a scenario must see the throttling or 5xx a fault injects, not the retry that hides it.
        configuration = ClientConfiguration(
            transport: backend.transport, endpoints: backend.endpoints, userAgent: "roleplay-scenario/1.0",
            retry: RetryStrategy(maxAttempts: 1))
    }

    mutating func run(progress: (@Sendable (StepOutcome) -> Void)?) async -> [StepOutcome] {
        var outcomes: [StepOutcome] = []
        for step in scenario.steps {
            if outcomes.contains(where: { $0.status == .failed }) {
                let skipped = StepOutcome(
                    title: step.title, location: step.location, status: .skipped, durationMilliseconds: 0)
                outcomes.append(skipped)
                progress?(skipped)
                continue
            }
            let start = ContinuousClock.now
            let failure = await run(step)
            let outcome = StepOutcome(
                title: step.title, location: step.location, status: failure == nil ? .passed : .failed,
                durationMilliseconds: Self.milliseconds(ContinuousClock.now - start), failure: failure)
            outcomes.append(outcome)
            progress?(outcome)
        }
        return outcomes
    }

    /// Runs `step`; nil when it passed, else why not.
    private mutating func run(_ step: Step) async -> String? {
        let response: StepResponse
        var context = ""
        do {
            response = try await perform(step.action)
        } catch let error as ActorSetupError {
            response = .error(code: error.code, message: error.message, status: error.status)
            context = " (from \(error.call) while making the credentials of \(error.actor))"
        } catch let error as StepFailure {
            return "\(step.location): \(error.message)"
        } catch {
            return "\(step.location): \(error)"
        }
        if let mismatch = step.expectation.mismatch(response) {
            return "\(step.location): \(mismatch)\(context)"
        }
        let tree = response.tree
        let assertions: [Assertion]
        do {
            assertions = try step.assertions.map { (assertion) throws(StepFailure) in try substituted(assertion) }
        } catch {
            return "\(step.location): \(error.message)"
        }
        let failures = assertions.compactMap { $0.evaluate(on: tree) }
        if !failures.isEmpty { return failures.map(\.description).joined(separator: "\n") }
        for (variable, path) in step.save {
            guard let value = path.evaluate(in: tree) else {
                return "\(step.location): save \(variable): the response has nothing at \(path): "
                    + JSONWriter.string(tree).prefix(300)
            }
            variables[variable] = value
        }
        return nil
    }

    /// The action's response (an AWS error included); throws only when there is none to check.
    private mutating func perform(_ action: StepAction) async throws -> StepResponse {
        switch action {
        case .call(let service, let operation, let actor, let parameters, let options):
            return try await call(
                service: service, operation: operation, actor: actor, parameters: parameters, options: options)
        case .connectorInit(let options): return try connectorInit(options)
        case .connectorCheck(let options): return try await connectorCheck(options)
        case .clockAdvance(let seconds):
            let response = try await admin("POST", "/clock", ["advance_seconds": .int(seconds)])
            if case .success = response { time.advance(seconds: seconds) }
            return response
        case .faultsAdd(let rule): return try await admin("POST", "/faults", substitute(rule))
        case .faultsClear: return try await admin("DELETE", "/faults")
        case .bedrockScript(let rule): return try await admin("POST", "/bedrock/responses", substitute(rule))
        case .reset:
            let response = try await admin("POST", "/reset")
            if case .success = response {
                time.reset()
                madeCredentials = [:]
            }
            return response
        }
    }

    /// An admin API call; a refusal (`400` with a message) is the step's error response, code `AdminError`.
    private func admin(_ method: String, _ path: String, _ body: JSONValue? = nil) async throws -> StepResponse {
        do {
            return .success(try await backend.admin(method, path, body))
        } catch let failure as RunBackend.AdminFailure {
            return .error(code: "AdminError", message: failure.message, status: failure.status)
        }
    }

    /// `value` with its `${…}` references replaced.
    func substitute(_ value: JSONValue) throws(StepFailure) -> JSONValue {
        do {
            return try Template.substitute(value, variables: variables)
        } catch {
            throw StepFailure(error.description)
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}
