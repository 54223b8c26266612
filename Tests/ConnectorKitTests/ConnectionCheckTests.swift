import AWSWire
import ConnectorKit
import ConnectorKitEmulator
import Emulator
import Foundation
import RoleplaySync
import Synchronization
import Testing

/// The connection check over the in-process emulator: every step passing, and every way the emulator can make
/// one fail, with the hint the customer would see.
@Suite struct ConnectionCheckTests {
    static let customerRoot = EmulatorFixture.root(EmulatorFixture.customerAccount)

    /// The guide's connection: the fixture's role, External ID and region.
    static func connection(roleARN: String = EmulatorFixture.roleARN, externalID: String? = EmulatorFixture.externalID)
        throws -> ConnectionConfiguration
    {
        ConnectionConfiguration(
            name: "bedrock", roleARN: try RoleARN(parsing: roleARN), region: EmulatorFixture.region,
            externalID: externalID)
    }

    static func check(
        _ fixture: EmulatorFixture, _ connection: ConnectionConfiguration,
        options: ConnectionCheck.Options = ConnectionCheck.Options(sessionName: "check-session")
    ) -> ConnectionCheck {
        ConnectionCheck(
            configuration: connection, baseCredentials: fixture.connector, clientConfiguration: fixture.configuration,
            options: options)
    }

    /// A role of the customer trusting the SaaS account under the fixture's External ID, with an inline policy
    /// allowing `actions`.
    static func createRole(_ name: String, allowing actions: [String], in fixture: EmulatorFixture) async throws
        -> String
    {
        let iam = fixture.iam(as: customerRoot)
        try await iam.query(
            "CreateRole",
            [
                ("RoleName", name),
                ("AssumeRolePolicyDocument", EmulatorFixture.trustPolicy(externalID: EmulatorFixture.externalID)),
            ])
        try await iam.query(
            "PutRolePolicy",
            [("RoleName", name), ("PolicyName", "bedrock"), ("PolicyDocument", EmulatorFixture.allowPolicy(actions))])
        return "arn:aws:iam::\(EmulatorFixture.customerAccount):role/\(name)"
    }

    static func statuses(_ report: ConnectionReport) -> [StepResult.Status] { report.steps.map(\.status) }

    // MARK: Passing

    @Test func everyStepPassesAndCloudTrailShowsTheAssumeRole() async throws {
        let fixture = try await EmulatorFixture()
        let options = ConnectionCheck.Options(
            sessionName: "check-session", cloudTrail: CloudTrailVerification(credentials: Self.customerRoot))
        let seen = Locked<[CheckStep]>([])
        let report = await Self.check(fixture, try Self.connection(), options: options).run { result in
            seen.withLock { $0.append(result.step) }
        }
        #expect(report.passed, "\(report)")
        #expect(report.steps.map(\.step) == CheckStep.allCases)
        #expect(seen.withLock { $0 } == CheckStep.allCases)
        let assumedRole = "arn:aws:sts::123456789012:assumed-role/airia-bedrock-access/check-session"
        #expect(report.result(.assumeRole)?.detail.hasPrefix(assumedRole) == true)
        #expect(report.result(.callerIdentity)?.detail.hasPrefix(assumedRole) == true)
        #expect(report.result(.resolveModel)?.detail == "amazon.nova-lite-v1:0, on demand")
        #expect(
            report.result(.converse)?.detail.hasPrefix(
                #""Hello! How can I help you today?" from amazon.nova-lite-v1:0"#) == true)
        let trail = try #require(report.result(.cloudTrail))
        #expect(trail.detail.contains("externalId airia-7f3a9c-external, after 1 lookup"), "\(trail.detail)")
    }

    @Test func withoutCloudTrailTheStepIsNotListed() async throws {
        let fixture = try await EmulatorFixture()
        let report = await Self.check(fixture, try Self.connection()).run()
        #expect(report.passed)
        #expect(report.steps.map(\.step) == [.assumeRole, .callerIdentity, .listModels, .resolveModel, .converse])
    }

    @Test func theReportRoundTripsThroughJSONWithItsVerdict() async throws {
        let fixture = try await EmulatorFixture()
        let report = await Self.check(fixture, try Self.connection(externalID: "reloaded-page")).run()
        let data = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["passed"] as? Bool == false)
        #expect(try JSONDecoder().decode(ConnectionReport.self, from: data) == report)
    }

    // MARK: AssumeRole refused

    @Test func aWrongExternalIDFailsTheFirstStepWithTheReloadHint() async throws {
        let fixture = try await EmulatorFixture()
        let report = await Self.check(fixture, try Self.connection(externalID: "reloaded-page")).run()
        #expect(!report.passed)
        #expect(Self.statuses(report) == [.failed, .skipped, .skipped, .skipped, .skipped])
        let step = try #require(report.result(.assumeRole))
        #expect(step.error?.code == "AccessDenied")
        #expect(step.error?.status == 403)
        #expect(step.error?.requestID?.isEmpty == false)
        let hint = try #require(step.hint)
        #expect(hint.contains("the External ID does not match the role's trust policy — was the set-up page reloaded?"))
        #expect(hint.contains(#"hold "reloaded-page""#))
        #expect(hint.contains("arn:aws:iam::808540602285:root"))
        #expect(hint.contains("does the role arn:aws:iam::123456789012:role/airia-bedrock-access exist?"))
        #expect(report.result(.converse)?.detail == "not run: assume role failed")
    }

    @Test func aMissingExternalIDIsRefusedByTheTrustPolicy() async throws {
        let fixture = try await EmulatorFixture()
        let report = await Self.check(fixture, try Self.connection(externalID: nil)).run()
        let step = try #require(report.result(.assumeRole))
        #expect(step.status == .failed)
        #expect(step.error?.code == "AccessDenied")
        #expect(step.hint?.contains("No External ID was sent") == true)
    }

    @Test func aRoleThatDoesNotExistIsTheSameAccessDenied() async throws {
        let fixture = try await EmulatorFixture()
        let missing = "arn:aws:iam::123456789012:role/no-such-role"
        let report = await Self.check(fixture, try Self.connection(roleARN: missing)).run()
        let step = try #require(report.result(.assumeRole))
        #expect(step.error?.code == "AccessDenied")
        #expect(step.hint?.contains("does the role \(missing) exist?") == true)
        #expect(report.steps.dropFirst().allSatisfy { $0.status == .skipped })
    }

    // MARK: Bedrock permissions

    @Test func aRoleWithoutInvokeModelFailsAtConverse() async throws {
        let fixture = try await EmulatorFixture()
        let role = try await Self.createRole("list-only", allowing: ["bedrock:ListFoundationModels"], in: fixture)
        let report = await Self.check(fixture, try Self.connection(roleARN: role)).run()
        #expect(Self.statuses(report) == [.passed, .passed, .passed, .passed, .failed])
        let step = try #require(report.result(.converse))
        #expect(step.error?.code == "AccessDeniedException")
        #expect(
            step.hint?.hasPrefix(
                "the role lacks bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0"
            )
                == true, "\(step.hint ?? "")")
    }

    @Test func aRoleWithoutListFoundationModelsFailsThere() async throws {
        let fixture = try await EmulatorFixture()
        let role = try await Self.createRole("invoke-only", allowing: ["bedrock:InvokeModel"], in: fixture)
        let report = await Self.check(fixture, try Self.connection(roleARN: role)).run()
        #expect(Self.statuses(report) == [.passed, .passed, .failed, .skipped, .skipped])
        let step = try #require(report.result(.listModels))
        #expect(step.error?.code == "AccessDeniedException")
        #expect(step.hint?.hasPrefix("the role lacks bedrock:ListFoundationModels") == true)
    }

    // MARK: Models that need an inference profile

    @Test(arguments: [
        ("anthropic.claude-sonnet-4-20250514-v1:0", "us.anthropic.claude-sonnet-4-20250514-v1:0"),
        // No `us.` profile routes Claude Haiku 4.5 in the catalog: the global one does.
        ("anthropic.claude-haiku-4-5-20251001-v1:0", "global.anthropic.claude-haiku-4-5-20251001-v1:0"),
    ])
    func aProfileOnlyModelIsCalledThroughItsSystemProfile(_ model: String, _ profile: String) async throws {
        let fixture = try await EmulatorFixture()
        let options = ConnectionCheck.Options(model: model, sessionName: "check-session")
        let report = await Self.check(fixture, try Self.connection(), options: options).run()
        #expect(report.passed, "\(report)")
        #expect(report.result(.resolveModel)?.detail == "\(profile), the inference profile for \(model)")
        #expect(report.result(.converse)?.detail.contains("from \(profile)") == true)
    }

    @Test func withoutListInferenceProfilesTheHintNamesTheProfile() async throws {
        let fixture = try await EmulatorFixture()
        let role = try await Self.createRole(
            "no-profiles", allowing: ["bedrock:ListFoundationModels", "bedrock:InvokeModel"], in: fixture)
        let model = "anthropic.claude-sonnet-4-20250514-v1:0"
        let options = ConnectionCheck.Options(model: model, sessionName: "check-session")
        let report = await Self.check(fixture, try Self.connection(roleARN: role), options: options).run()
        #expect(Self.statuses(report) == [.passed, .passed, .passed, .passed, .failed])
        #expect(report.result(.resolveModel)?.detail.contains("bedrock:ListInferenceProfiles is denied") == true)
        let step = try #require(report.result(.converse))
        #expect(step.error?.code == "ValidationException")
        #expect(step.error?.message.contains("with on-demand throughput isn’t supported") == true)
        #expect(
            step.hint?.hasPrefix(
                "this model needs an inference profile ID such as us.\(model) or global.\(model)") == true,
            "\(step.hint ?? "")")
    }

    @Test func aModelNotOfferedInTheRegionFailsResolution() async throws {
        let fixture = try await EmulatorFixture()
        let options = ConnectionCheck.Options(model: "anthropic.claude-v9", sessionName: "check-session")
        let report = await Self.check(fixture, try Self.connection(), options: options).run()
        let step = try #require(report.result(.resolveModel))
        #expect(step.status == .failed)
        #expect(step.detail == "anthropic.claude-v9 is not offered in us-east-1")
        #expect(step.hint?.hasPrefix("choose a model Bedrock lists in us-east-1 (--model), e.g. ") == true)
        #expect(report.result(.converse)?.status == .skipped)
    }

    // MARK: Expiry

    /// The session expires (virtual clock moved past its hour) between listing the models and the greeting:
    /// Bedrock answers `ExpiredTokenException`, the client drops the session and the role is assumed again.
    @Test func anExpiredSessionIsRenewedMidCheck() async throws {
        let fixture = try await EmulatorFixture()
        let options = ConnectionCheck.Options(
            sessionName: "check-session", cloudTrail: CloudTrailVerification(credentials: Self.customerRoot))
        let report = await Self.check(fixture, try Self.connection(), options: options).run { result in
            if result.step == .listModels { fixture.advanceClock(seconds: 3601) }
        }
        #expect(report.passed, "\(report)")
        let trail = CloudTrailClient(
            region: EmulatorFixture.region, credentials: Self.customerRoot, configuration: fixture.configuration)
        let events = try await trail.lookupAllEvents(.matching(.eventName, "AssumeRole"))
        #expect(events.filter { $0.requestParameter("roleSessionName") == "check-session" }.count == 2)
    }

    // MARK: Throttling

    /// Adds a fault rule (`POST /_roleplay/faults`, docs/faults.md).
    static func addFault(_ rule: String, to fixture: EmulatorFixture) throws {
        let response = fixture.emulator.handle(
            HTTPRequest(
                method: "POST", target: "/_roleplay/faults", headers: [HTTPField("Content-Type", "application/json")],
                body: Array(rule.utf8)))
        try #require(response.status == 200, "fault rule refused")
    }

    /// The fixture's configuration with retries that do not wait, so exhausting them takes no time.
    static func promptRetries(_ fixture: EmulatorFixture) -> ClientConfiguration {
        var configuration = fixture.configuration
        configuration.retry = RetryStrategy(sleep: { _ in })
        return configuration
    }

    @Test func throttlingWithinTheRetriesPasses() async throws {
        let fixture = try await EmulatorFixture()
        try Self.addFault(
            #"{"service":"bedrock","operation":"ListFoundationModels","throttle":true,"count":2}"#, to: fixture)
        let check = ConnectionCheck(
            configuration: try Self.connection(), baseCredentials: fixture.connector,
            clientConfiguration: Self.promptRetries(fixture),
            options: ConnectionCheck.Options(sessionName: "check-session"))
        let report = await check.run()
        #expect(report.passed, "\(report)")
    }

    @Test func throttlingPastTheRetriesFailsWithTheQuotaHint() async throws {
        let fixture = try await EmulatorFixture()
        try Self.addFault(#"{"service":"bedrock-runtime","operation":"Converse","throttle":true}"#, to: fixture)
        let check = ConnectionCheck(
            configuration: try Self.connection(), baseCredentials: fixture.connector,
            clientConfiguration: Self.promptRetries(fixture),
            options: ConnectionCheck.Options(sessionName: "check-session"))
        let report = await check.run()
        let step = try #require(report.result(.converse))
        #expect(step.status == .failed)
        #expect(step.error?.code == "ThrottlingException")
        #expect(step.error?.status == 429)
        #expect(step.hint?.hasPrefix("AWS kept throttling Converse after every retry") == true)
    }

    // MARK: CloudTrail delivery lag

    @Test func theCheckPollsUntilALaggingEventIsDelivered() async throws {
        let bench = try await LaggingTrail(lag: "90s")
        let poll = VirtualPoll(bench.advance)
        let verification = CloudTrailVerification(
            credentials: Self.customerRoot, timeout: .seconds(300), initialBackoff: .seconds(10),
            maxBackoff: .seconds(60), clock: poll.clock)
        let report = try await bench.check(cloudTrail: verification).run()
        #expect(report.passed, "\(report)")
        // Lookups at 0, 10, 30, 70 s see nothing; the one at 130 s finds the event.
        #expect(report.result(.cloudTrail)?.detail.hasSuffix("after 5 lookups") == true, "\(report)")
        #expect(poll.sleeps == [.seconds(10), .seconds(20), .seconds(40), .seconds(60)])
    }

    @Test func anEventNotDeliveredByTheDeadlineExplainsTheLag() async throws {
        let bench = try await LaggingTrail(lag: "15m")
        let poll = VirtualPoll(bench.advance)
        let verification = CloudTrailVerification(
            credentials: Self.customerRoot, timeout: .seconds(60), initialBackoff: .seconds(5),
            maxBackoff: .seconds(20),
            clock: poll.clock)
        let report = try await bench.check(cloudTrail: verification).run()
        #expect(!report.passed)
        let step = try #require(report.result(.cloudTrail))
        #expect(step.status == .failed)
        #expect(step.hint?.hasPrefix("CloudTrail delivers events about 5–15 minutes after the call") == true)
        // 5 + 10 + 20 + 20, then the 5 s left before the deadline.
        #expect(poll.sleeps == [.seconds(5), .seconds(10), .seconds(20), .seconds(20), .seconds(5)])
        #expect(step.detail.contains("after 6 lookups"), "\(step.detail)")
    }

    @Test func aCancelledWaitEndsThePollAsCancelled() async throws {
        let bench = try await LaggingTrail(lag: "5m")
        let clock = PollClock(now: { .zero }, sleep: { _ in throw CancellationError() })
        let report = try await bench.check(
            cloudTrail: CloudTrailVerification(credentials: Self.customerRoot, clock: clock)
        ).run()
        let step = try #require(report.result(.cloudTrail))
        #expect(step.status == .failed)
        #expect(step.hint == "the check was cancelled before this step finished.")
    }

    @Test func cloudTrailWithTheWrongAccountsCredentialsIsDenied() async throws {
        let fixture = try await EmulatorFixture()
        let options = ConnectionCheck.Options(
            sessionName: "check-session", cloudTrail: CloudTrailVerification(credentials: fixture.connector))
        let report = await Self.check(fixture, try Self.connection(), options: options).run()
        let step = try #require(report.result(.cloudTrail))
        #expect(step.error?.code == "AccessDeniedException")
        #expect(step.hint?.contains("cloudtrail:LookupEvents") == true)
    }
}

/// The guide's set-up in an emulator whose CloudTrail delivers each event `lag` after the call (the
/// fixture's emulator has no lag), built with the fixture's own helpers.
struct LaggingTrail {
    let emulator: Emulator
    let configuration: ClientConfiguration
    let connector: StaticCredentialsProvider

    init(lag: String) async throws {
        var settings = EmulatorConfiguration()
        settings.seed = 7
        settings.cloudTrailLag = try #require(DeliveryLag(lag))
        emulator = Emulator(configuration: settings)
        configuration = ClientConfiguration(transport: EmulatorTransport(emulator))
        connector = try await EmulatorFixture.createUser(
            "saas-connector", in: EmulatorFixture.saasAccount, allowing: ["sts:AssumeRole"],
            configuration: configuration)
        let iam = AWSClient(
            service: .iam, region: EmulatorFixture.region, credentials: ConnectionCheckTests.customerRoot,
            configuration: configuration)
        try await iam.query(
            "CreateRole",
            [
                ("RoleName", EmulatorFixture.roleName),
                ("AssumeRolePolicyDocument", EmulatorFixture.trustPolicy(externalID: EmulatorFixture.externalID)),
            ])
        try await iam.query(
            "AttachRolePolicy",
            [("RoleName", EmulatorFixture.roleName), ("PolicyArn", "arn:aws:iam::aws:policy/AmazonBedrockFullAccess")])
    }

    func check(cloudTrail: CloudTrailVerification) throws -> ConnectionCheck {
        ConnectionCheck(
            configuration: try ConnectionCheckTests.connection(), baseCredentials: connector,
            clientConfiguration: configuration,
            options: ConnectionCheck.Options(sessionName: "check-session", cloudTrail: cloudTrail))
    }

    /// Moves the emulator's virtual clock (`POST /_roleplay/clock`), which delivery lag runs on.
    @Sendable func advance(_ seconds: Int) {
        let response = emulator.handle(
            HTTPRequest(
                method: "POST", target: "/_roleplay/clock", headers: [HTTPField("Content-Type", "application/json")],
                body: Array(#"{"advance_seconds":\#(seconds)}"#.utf8)))
        precondition(response.status == 200, "clock advance refused")
    }
}

/// A poll clock on the emulator's virtual time: sleeping advances the emulator's clock by that long instead of
/// waiting, and `now` is the total slept, so a lag of minutes is polled through at once with the real backoff.
final class VirtualPoll: Sendable {
    private let slept = Locked<[Duration]>([])
    private let advance: @Sendable (Int) -> Void

    init(_ advance: @escaping @Sendable (Int) -> Void) { self.advance = advance }

    var sleeps: [Duration] { slept.withLock { $0 } }

    var clock: PollClock {
        PollClock(
            now: { self.sleeps.reduce(.zero, +) },
            sleep: { duration in
                self.slept.withLock { $0.append(duration) }
                self.advance(Int(duration.components.seconds))
            })
    }
}
