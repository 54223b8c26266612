internal import AWSWire
internal import Foundation

/// Runs the check's steps in order for one `ConnectionCheck.run`, records each result, and marks the steps
/// after the first failure as skipped.
struct StepRunner {
    let check: ConnectionCheck
    let progress: (@Sendable (StepResult) -> Void)?
    private var results: [StepResult] = []
    /// The model ID the hints name: the configured one until the resolve step picks another.
    private var modelID: String

    init(check: ConnectionCheck, progress: (@Sendable (StepResult) -> Void)?) {
        self.check = check
        self.progress = progress
        modelID = check.modelID
    }

    /// Every due step, in order.
    mutating func all() async -> [StepResult] {
        let check = check
        let region = check.configuration.region
        let configuration = check.clientConfiguration
        let sts = STSClient(region: region, credentials: check.baseCredentials, configuration: configuration)
        let request = check.assumeRoleRequest

        let assumed = await step(.assumeRole) {
            let response = try await sts.assumeRole(request)
            let expiry = response.credentials.expiration.map { ", expires \(Self.timestamp($0))" } ?? ""
            return (response, response.assumedRoleARN + expiry)
        }
        guard let assumed else { return finish() }

        let renewal = AssumeRoleCredentialsProvider(sts: sts, request: request, now: configuration.now)
        let session = SessionCredentials(first: assumed.credentials, renewal: renewal, now: configuration.now)
        let sessionSTS = STSClient(region: region, credentials: session, configuration: configuration)
        let expectedARN = check.configuration.roleARN.assumedRoleARN(sessionName: check.options.sessionName)
        let identified: Void? = await step(.callerIdentity) {
            let identity = try await sessionSTS.getCallerIdentity()
            guard identity.arn == expectedARN else {
                throw StepFailure(
                    detail: "the session is \(identity.arn), not \(expectedARN)",
                    hint: "the credentials AssumeRole returned are not the configured role's session: check that "
                        + "the endpoint is AWS's (or the emulator the role was made in).")
            }
            return ((), "\(identity.arn) in account \(identity.account)")
        }
        guard identified != nil else { return finish() }

        let bedrock = BedrockClient(region: region, credentials: session, configuration: configuration)
        let models = await step(.listModels) {
            let models = try await bedrock.listFoundationModels()
            return (models, "\(models.count) foundation models in \(region)")
        }
        guard let models else { return finish() }

        let wanted = modelID
        let partition = check.configuration.roleARN.partition
        let resolved = await step(.resolveModel) {
            try await Self.resolve(wanted, among: models, region: region, partition: partition, bedrock: bedrock)
        }
        guard let resolved else { return finish() }
        modelID = resolved

        let runtime = BedrockRuntimeClient(region: region, credentials: session, configuration: configuration)
        let greeting = check.options.greeting
        let answered: Void? = await step(.converse) {
            let response = try await runtime.converse(.greeting(modelID: resolved, text: greeting))
            let reply = response.outputText.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reply.isEmpty else {
                throw StepFailure(
                    detail: "\(resolved) answered with no text (stop reason \(response.stopReason))",
                    hint: "the model answered but said nothing: try another model (--model).")
            }
            return ((), "\"\(reply)\" from \(resolved) (\(response.usage.outputTokens) output tokens)")
        }
        guard answered != nil else { return finish() }

        if let verification = check.options.cloudTrail {
            let roleARN = check.configuration.roleARN
            let sessionName = check.options.sessionName
            _ = await step(.cloudTrail) {
                try await Self.findAssumeRole(
                    roleARN: roleARN, sessionName: sessionName, region: region, verification: verification,
                    configuration: configuration)
            }
        }
        return finish()
    }

    /// The model ID to call: as given for a profile ID or ARN; the model's own when it runs on demand; else
    /// the system inference profile that routes it from `region`.
    static func resolve(
        _ modelID: String, among models: [FoundationModelSummary], region: String, partition: Partition,
        bedrock: BedrockClient
    ) async throws -> (String, String) {
        if ModelResolution.isProfileOrARN(modelID) { return (modelID, "\(modelID), used as given") }
        guard let model = models.first(where: { $0.modelID == modelID }) else {
            let offered = models.filter { $0.supportsOnDemand && $0.outputModalities.contains("TEXT") }.prefix(3)
            throw StepFailure(
                detail: "\(modelID) is not offered in \(region)",
                hint: "choose a model Bedrock lists in \(region) (--model)"
                    + (offered.isEmpty ? "." : ", e.g. " + offered.map(\.modelID).joined(separator: ", ") + "."))
        }
        if model.supportsOnDemand { return (modelID, "\(modelID), on demand") }
        guard model.needsInferenceProfile else {
            throw StepFailure(
                detail:
                    "\(modelID) supports only \(model.inferenceTypesSupported.joined(separator: ", ")) in \(region)",
                hint: "this model needs provisioned throughput: choose an on-demand model (--model).")
        }
        let profiles: [InferenceProfileSummary]
        do {
            profiles = try await bedrock.listInferenceProfiles(type: "SYSTEM_DEFINED")
        } catch let error as ServiceError where error.code == "AccessDeniedException" {
            // Without the listing the profile cannot be known for sure: call the model directly, and let the
            // Converse step's hint name the likely profile IDs.
            let detail =
                "called directly: bedrock:ListInferenceProfiles is denied, so its inference profile cannot be looked up"
            return (modelID, "\(modelID), \(detail)")
        }
        guard let profile = ModelResolution.profile(for: modelID, region: region, partition: partition, in: profiles)
        else {
            throw StepFailure(
                detail: "\(modelID) runs only through an inference profile, and none routes it from \(region)",
                hint: "use the model from a region one of its inference profiles serves, or choose another model "
                    + "(--model).")
        }
        return (profile.id, "\(profile.id), the inference profile for \(modelID)")
    }

    /// Looks up the customer's `AssumeRole` events until one is this check's session of the role, backing off
    /// exponentially, until `verification.timeout` has passed on its clock.
    static func findAssumeRole(
        roleARN: RoleARN, sessionName: String, region: String, verification: CloudTrailVerification,
        configuration: ClientConfiguration
    ) async throws -> (Void, String) {
        let trail = CloudTrailClient(
            region: region, credentials: verification.credentials, configuration: configuration)
        let clock = verification.clock
        let deadline = clock.now() + verification.timeout
        var backoff = verification.initialBackoff
        var lookups = 0
        while true {
            lookups += 1
            // Newest first: a few pages reach back well past this run's call even in a busy account.
            let events = try await trail.lookupAllEvents(
                .matching(.eventName, "AssumeRole", maxResults: 50), maxPages: 4)
            let match = events.first {
                $0.requestParameter("roleSessionName") == sessionName
                    && $0.requestParameter("roleArn") == roleARN.description
                    && ($0.recipientAccountID ?? roleARN.accountID) == roleARN.accountID
            }
            if let match {
                let externalID = match.requestParameter("externalId").map { "externalId \($0)" } ?? "no externalId"
                let tries = lookups == 1 ? "1 lookup" : "\(lookups) lookups"
                return ((), "event \(match.eventID) at \(timestamp(match.eventTime)), \(externalID), after \(tries)")
            }
            let left = deadline - clock.now()
            guard left > .zero else {
                throw StepFailure(
                    detail: "no AssumeRole event for session \(sessionName) in account \(roleARN.accountID) "
                        + "(\(region)) after \(lookups) lookups over \(verification.timeout)",
                    hint: "CloudTrail delivers events about 5–15 minutes after the call, so it is most likely not "
                        + "delivered yet: look again later (Event history, Event name = AssumeRole) or allow a longer "
                        + "wait. The lookup must use the customer's credentials (account \(roleARN.accountID)) in "
                        + "\(region).")
            }
            try await clock.sleep(min(backoff, left))
            backoff = min(backoff * 2, verification.maxBackoff)
        }
    }

    /// Runs one step's body, timing it and recording its result; nil when it failed.
    private mutating func step<T>(_ step: CheckStep, _ body: () async throws -> (T, String)) async -> T? {
        let start = ContinuousClock.now
        func elapsed() -> Int { Self.milliseconds(ContinuousClock.now - start) }
        do {
            let (value, detail) = try await body()
            record(StepResult(step: step, status: .passed, durationMilliseconds: elapsed(), detail: detail))
            return value
        } catch {
            record(failure(error, in: step, milliseconds: elapsed()))
            return nil
        }
    }

    private func failure(_ error: any Error, in step: CheckStep, milliseconds: Int) -> StepResult {
        let context = CheckHints.Context(configuration: check.configuration, modelID: modelID)
        switch error {
        case let failure as StepFailure:
            return StepResult(
                step: step, status: .failed, durationMilliseconds: milliseconds, detail: failure.detail,
                hint: failure.hint)
        case let error as ServiceError:
            return StepResult(
                step: step, status: .failed, durationMilliseconds: milliseconds,
                detail: "\(error.code): \(error.message)", error: ReportedError(error),
                hint: CheckHints.hint(for: error, in: step, context))
        case let error as TransportError:
            let endpoint = check.clientConfiguration.endpoints.endpoint(
                for: step.service, region: check.configuration.region)
            return StepResult(
                step: step, status: .failed, durationMilliseconds: milliseconds, detail: error.description,
                hint: CheckHints.hint(for: error, endpoint: endpoint.baseURL))
        default:
            return StepResult(
                step: step, status: .failed, durationMilliseconds: milliseconds, detail: String(describing: error),
                hint: CheckHints.hint(forOther: error, in: step))
        }
    }

    private mutating func record(_ result: StepResult) {
        results.append(result)
        progress?(result)
    }

    /// The results, with every due step not run marked skipped.
    private mutating func finish() -> [StepResult] {
        let failed = results.first { $0.status == .failed }?.step
        for step in CheckStep.allCases where step != .cloudTrail || check.options.cloudTrail != nil {
            guard !results.contains(where: { $0.step == step }) else { continue }
            record(
                StepResult(
                    step: step, status: .skipped, durationMilliseconds: 0,
                    detail: "not run: \(failed?.title ?? "an earlier step") failed"))
        }
        return results
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }

    /// `2026-11-26T18:16:53Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

extension CheckStep {
    /// The service the step calls (for naming the endpoint when none answered).
    var service: AWSService {
        switch self {
        case .assumeRole, .callerIdentity: .sts
        case .listModels, .resolveModel: .bedrock
        case .converse: .bedrockRuntime
        case .cloudTrail: .cloudTrail
        }
    }
}
