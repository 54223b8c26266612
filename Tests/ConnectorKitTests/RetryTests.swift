import AWSWire
import ConnectorKit
import ConnectorKitEmulator
import Emulator
import Testing

/// The standard retry mode through `AWSClient`: faults injected into the in-process emulator, or a scripted
/// transport where no service would fail on cue. Pauses are recorded, never slept.
@Suite struct RetryTests {
    static let getCallerIdentity = ServiceRequest.query(action: "GetCallerIdentity", version: "2011-06-15", parameters: [])

    /// The fixture's STS client over a recording transport, with pauses recorded in `sleeps`.
    static func sts(
        _ fixture: EmulatorFixture, sleeps: RecordedSleeps, quota: RetryQuota = RetryQuota()
    ) -> (AWSClient, RecordingTransport) {
        let transport = RecordingTransport(fixture.configuration.transport)
        let configuration = fixture.configuration(over: transport, retry: sleeps.strategy(quota: quota))
        let client = AWSClient(
            service: .sts, region: EmulatorFixture.region, credentials: fixture.connector, configuration: configuration)
        return (client, transport)
    }

    @Test func throttledTwiceSucceedsOnTheThirdAttempt() async throws {
        let fixture = try await EmulatorFixture()
        fixture.addFault(#"{"service":"sts","operation":"GetCallerIdentity","throttle":true,"count":2}"#)
        let sleeps = RecordedSleeps()
        let quota = RetryQuota()
        let (sts, transport) = Self.sts(fixture, sleeps: sleeps, quota: quota)
        let response = try await sts.send(Self.getCallerIdentity)
        #expect(response.status == 200)
        #expect(transport.attempts == 3)
        #expect(sleeps.all == [.milliseconds(500), .seconds(1)])
        // Two retries took 5 each; the success gave back the last one's 5.
        #expect(quota.available == RetryQuota.initialTokens - RetryQuota.retryCost)
        let rules = fixture.emulator.handle(HTTPRequest(method: "GET", target: "/_roleplay/faults", headers: [], body: []))
        guard case .bytes(let body) = rules.body else { Issue.record("streamed fault list"); return }
        #expect(String(decoding: body, as: UTF8.self).contains(#""hits":2"#))
    }

    @Test func throttledThreeTimesFailsWithThrottlingAfterThreeAttempts() async throws {
        let fixture = try await EmulatorFixture()
        fixture.addFault(#"{"service":"sts","operation":"GetCallerIdentity","throttle":true,"count":3}"#)
        let sleeps = RecordedSleeps()
        let (sts, transport) = Self.sts(fixture, sleeps: sleeps)
        let error = await #expect(throws: ServiceError.self) { try await sts.send(Self.getCallerIdentity) }
        #expect(error?.code == "Throttling")
        #expect(transport.attempts == 3)
        #expect(sleeps.all.count == 2)
    }

    @Test func accessDeniedIsSentOnce() async throws {
        let fixture = try await EmulatorFixture()
        let sleeps = RecordedSleeps()
        let (sts, transport) = Self.sts(fixture, sleeps: sleeps)
        let error = await #expect(throws: ServiceError.self) {
            try await sts.send(
                .query(
                    action: "AssumeRole", version: "2011-06-15",
                    parameters: [
                        ("RoleArn", EmulatorFixture.roleARN), ("RoleSessionName", "connector-session"), ("ExternalId", "wrong"),
                    ]))
        }
        #expect(error?.code == "AccessDenied")
        #expect(transport.attempts == 1)
        #expect(sleeps.all.isEmpty)
    }

    @Test(arguments: [("ServiceUnavailable", 503), ("InternalFailure", 500)])
    func serverErrorsAreRetried(code: String, status: Int) async throws {
        let fixture = try await EmulatorFixture()
        fixture.addFault(
            #"{"service":"sts","operation":"GetCallerIdentity","count":2,"error":{"code":"\#(code)","status":\#(status)}}"#)
        let (sts, transport) = Self.sts(fixture, sleeps: RecordedSleeps())
        #expect(try await sts.send(Self.getCallerIdentity).status == 200)
        #expect(transport.attempts == 3)
    }

    @Test func anUnknownCodeIsRetriedForItsStatusOnly() async throws {
        let statuses = ScriptedTransport([.status(502, code: "BadGateway"), .ok])
        let client = Self.scripted(statuses, sleeps: RecordedSleeps())
        #expect(try await client.send(Self.listModels).status == 200)
        #expect(statuses.attempts == 2)
        let badRequest = ScriptedTransport([.status(400, code: "ValidationException"), .ok])
        await #expect(throws: ServiceError.self) { try await Self.scripted(badRequest, sleeps: RecordedSleeps()).send(Self.listModels) }
        #expect(badRequest.attempts == 1)
    }

    @Test func transportFailuresBeforeAnAnswerAreRetried() async throws {
        let transport = ScriptedTransport([.failure(.connectionLost), .failure(.timedOut), .ok])
        let quota = RetryQuota()
        let client = Self.scripted(transport, sleeps: RecordedSleeps(), quota: quota)
        #expect(try await client.send(Self.listModels).status == 200)
        #expect(transport.attempts == 3)
        // The lost connection took 5, the timeout 10; the success gave back the last retry's 10.
        #expect(quota.available == RetryQuota.initialTokens - RetryQuota.retryCost)
        let tooLarge = ScriptedTransport([.failure(.bodyTooLarge), .ok])
        await #expect(throws: TransportError.self) {
            try await Self.scripted(tooLarge, sleeps: RecordedSleeps()).send(Self.listModels)
        }
        #expect(tooLarge.attempts == 1)
    }

    @Test func anEmptyQuotaStopsRetrying() async throws {
        // 12 tokens: the first call's two retries take 10, so the second call cannot afford one.
        let quota = RetryQuota(capacity: 12)
        let transport = ScriptedTransport([.status(500, code: "InternalServerException")])
        let client = Self.scripted(transport, sleeps: RecordedSleeps(), quota: quota)
        await #expect(throws: ServiceError.self) { try await client.send(Self.listModels) }
        #expect(transport.attempts == 3)
        #expect(quota.available == 2)
        await #expect(throws: ServiceError.self) { try await client.send(Self.listModels) }
        #expect(transport.attempts == 4)
        // Nor, with 2 left, a refused connection (5) or a timeout (10).
        let broken = ScriptedTransport([.failure(.connectionFailed)])
        await #expect(throws: TransportError.self) {
            try await Self.scripted(broken, sleeps: RecordedSleeps(), quota: quota).send(Self.listModels)
        }
        #expect(broken.attempts == 1)
        let slow = ScriptedTransport([.failure(.timedOut)])
        await #expect(throws: TransportError.self) {
            try await Self.scripted(slow, sleeps: RecordedSleeps(), quota: quota).send(Self.listModels)
        }
        #expect(slow.attempts == 1)
        #expect(quota.available == 2)
    }

    @Test func successesRefillTheQuotaUpToItsCapacity() async throws {
        let quota = RetryQuota(capacity: 20)
        let client = Self.scripted(ScriptedTransport([.status(429, code: "ThrottlingException"), .ok]), sleeps: RecordedSleeps(), quota: quota)
        _ = try await client.send(Self.listModels)
        #expect(quota.available == 20)
        let failing = Self.scripted(ScriptedTransport([.status(503, code: "ServiceUnavailableException")]), sleeps: RecordedSleeps(), quota: quota)
        await #expect(throws: ServiceError.self) { try await failing.send(Self.listModels) }
        #expect(quota.available == 10)
        let succeeding = Self.scripted(ScriptedTransport([.ok]), sleeps: RecordedSleeps(), quota: quota)
        _ = try await succeeding.send(Self.listModels)
        #expect(quota.available == 10 + RetryQuota.noRetryIncrement)
    }

    @Test func backoffIsFullJitterOverABaseCappedAtTwentySeconds() {
        let highest = RetryStrategy(random: { 0.999_999 })
        #expect(highest.backoff(afterAttempt: 1) > .milliseconds(999) && highest.backoff(afterAttempt: 1) < .seconds(1))
        #expect(highest.backoff(afterAttempt: 2) > .milliseconds(1999) && highest.backoff(afterAttempt: 2) < .seconds(2))
        #expect(highest.backoff(afterAttempt: 5) > .milliseconds(15_999) && highest.backoff(afterAttempt: 5) < .seconds(16))
        #expect(highest.backoff(afterAttempt: 6) > .milliseconds(19_999) && highest.backoff(afterAttempt: 6) < .seconds(20))
        #expect(highest.backoff(afterAttempt: 100) > .milliseconds(19_999) && highest.backoff(afterAttempt: 100) < .seconds(20))
        // Past the cap the jitter still spans the whole range: half of 20 s, not 20 s.
        #expect(RetryStrategy(random: { 0.5 }).backoff(afterAttempt: 9) == .seconds(10))
        #expect(RetryStrategy(random: { 0 }).backoff(afterAttempt: 3) == .zero)
        let real = RetryStrategy()
        for attempt in 1...8 {
            let pause = real.backoff(afterAttempt: attempt)
            #expect(pause >= .zero && pause <= min(.seconds(1 << (attempt - 1)), .seconds(20)))
        }
    }

    @Test func maxAttemptsIsConfigurable() async throws {
        let transport = ScriptedTransport([.status(429, code: "ThrottlingException")])
        let client = Self.scripted(transport, sleeps: RecordedSleeps(), maxAttempts: 5)
        await #expect(throws: ServiceError.self) { try await client.send(Self.listModels) }
        #expect(transport.attempts == 5)
    }

    @Test func aStreamCutAfterASuccessfulStatusIsNotRetried() async throws {
        let fixture = try await EmulatorFixture()
        fixture.addFault(#"{"service":"bedrock-runtime","operation":"ConverseStream","cut_stream_after":1}"#)
        let transport = RecordingTransport(fixture.configuration.transport)
        let runtime = AWSClient(
            service: .bedrockRuntime, region: EmulatorFixture.region,
            credentials: EmulatorFixture.root(EmulatorFixture.customerAccount),
            configuration: fixture.configuration(over: transport, retry: RecordedSleeps().strategy()))
        let response = try await runtime.open(ConverseStreamRequest.novaMicro)
        #expect(response.status == 200)
        let error = await #expect(throws: TransportError.self) { _ = try await response.body.collect() }
        #expect(error?.kind == .connectionLost)
        #expect(transport.attempts == 1)
    }

    static let listModels = ServiceRequest.rest("ListFoundationModels", method: "GET", path: "/foundation-models")

    static func scripted(
        _ transport: ScriptedTransport, sleeps: RecordedSleeps, quota: RetryQuota = RetryQuota(), maxAttempts: Int = 3
    ) -> AWSClient {
        AWSClient(
            service: .bedrock, region: "us-east-1", credentials: EmulatorFixture.root(EmulatorFixture.customerAccount),
            configuration: ClientConfiguration(
                transport: transport, retry: sleeps.strategy(maxAttempts: maxAttempts, quota: quota)))
    }
}
