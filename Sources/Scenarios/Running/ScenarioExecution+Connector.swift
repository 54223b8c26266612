internal import AWSWire
internal import ConnectorKit
internal import Foundation

extension ScenarioExecution {
    /// `connector.init: {systemAccount, externalId?}`: ConnectorKit's set-up, `{externalId, trustPolicy}`. An
    /// External ID or account ConnectorKit refuses is the step's error response, code `SetupError`.
    func connectorInit(_ options: JSONValue) throws(StepFailure) -> StepResponse {
        let options = try substitute(options)
        guard let account = options["systemAccount"]?.stringValue else {
            throw StepFailure("connector.init needs systemAccount")
        }
        let accountID = scenario.accountID(account) ?? account
        do {
            let externalID = try options["externalId"]?.stringValue ?? ExternalID.generate()
            let policy = try TrustPolicy.render(systemAccountID: accountID, externalID: externalID)
            return .success(["externalId": .string(externalID), "trustPolicy": .string(policy)])
        } catch {
            return .error(code: "SetupError", message: String(describing: error), status: 400)
        }
    }

    /// `connector.check: {as, role, externalId, model?, cloudTrail?, retries?, cloudTrailTimeout?}`: ConnectorKit's
    /// connection check with the actor's credentials as the SaaS's own, answered by its report:
    /// `{passed, steps: [{step, status, detail, error?: {code, message, status}, hint?}]}`.
    ///
    /// The CloudTrail wait keeps ConnectionCheck's defaults (a minute, AWS's backoff sequence) unless
    /// `cloudTrailTimeout` sets another, as a connector would; against the emulator it runs on the virtual clock:
    /// each backoff advances it (in process, or over the admin API), so a minute's polling costs no real time.
    /// Against another endpoint it waits in real time, as `roleplay connector check` does. `retries: standard`
    /// replaces the runner's one attempt per call with ConnectorKit's standard retry mode.
    mutating func connectorCheck(_ options: JSONValue) async throws -> StepResponse {
        let options = try substitute(options)
        guard let actor = options["as"]?.stringValue, let role = options["role"]?.stringValue else {
            throw StepFailure("connector.check needs as and role")
        }
        let roleARN: RoleARN
        do {
            roleARN = try RoleARN(parsing: role)
        } catch {
            return .error(code: "SetupError", message: error.description, status: 400)
        }
        let base = try await credentials(of: actor)
        var verification: CloudTrailVerification?
        if let trailActor = options["cloudTrail"]?.stringValue {
            let trailCredentials = try await credentials(of: trailActor)
            let credentials = StaticCredentialsProvider(trailCredentials)
            verification =
                isEmulator
                ? CloudTrailVerification(credentials: credentials, clock: pollClock())
                : CloudTrailVerification(credentials: credentials)
            if let seconds = options["cloudTrailTimeout"]?.numberValue?.int64 {
                verification?.timeout = .seconds(seconds)
            }
        }
        var clientConfiguration = configuration
        if options["retries"]?.stringValue == "standard" { clientConfiguration.retry = standardRetry() }
        let check = ConnectionCheck(
            configuration: ConnectionConfiguration(
                name: scenario.name, roleARN: roleARN, region: scenario.region,
                externalID: options["externalId"]?.stringValue),
            baseCredentials: StaticCredentialsProvider(base), clientConfiguration: clientConfiguration,
            options: ConnectionCheck.Options(
                model: options["model"]?.stringValue, sessionName: "connector-check", cloudTrail: verification))
        return .success(Self.json(await check.run()))
    }

    /// ConnectorKit's standard retry mode (3 attempts, its backoff and quota) as a connector runs it. Against the
    /// emulator the pauses are skipped: its throttling faults count requests, not time, and the virtual clock is
    /// left where the scenario put it. Elsewhere they are waited out.
    private func standardRetry() -> RetryStrategy {
        isEmulator ? RetryStrategy(sleep: { _ in }) : RetryStrategy()
    }

    /// A poll clock whose sleep advances the target's virtual clock instead of waiting.
    private func pollClock() -> PollClock {
        let backend = backend
        let time = time
        let elapsed = VirtualTime()
        return PollClock(
            now: { elapsed.offset },
            sleep: { duration in
                let seconds = max(1, duration.components.seconds)
                _ = try await backend.admin("POST", "/clock", ["advance_seconds": .int(seconds)])
                time.advance(seconds: seconds)
                elapsed.advance(seconds: seconds)
            })
    }

    static func json(_ report: ConnectionReport) -> JSONValue {
        let steps: [JSONValue] = report.steps.map { result in
            var members = [
                JSONMember("step", .string(result.step.rawValue)),
                JSONMember("status", .string(result.status.rawValue)),
                JSONMember("detail", .string(result.detail)),
            ]
            if let error = result.error {
                members.append(
                    JSONMember(
                        "error", ResponseTree.error(code: error.code, message: error.message, status: error.status)))
            }
            if let hint = result.hint { members.append(JSONMember("hint", .string(hint))) }
            return .object(members)
        }
        return ["passed": .bool(report.passed), "steps": .array(steps)]
    }
}
