import AWSWire
import ConnectorKit
import ConnectorKitEmulator
import Emulator
import Foundation
import SigV4
import Testing

/// Clock-skew correction: the emulator's wall clock set far from the client's, as a machine whose clock is
/// wrong sees AWS. The emulator answers a skewed signature with the protocol's signature error and a `Date`
/// from its own clock (spec §2.3).
@Suite struct ClockSkewTests {
    static let account = "123456789012"

    /// An emulator whose wall clock is `ahead` seconds after the local one, and a client of `service` reaching it
    /// as the account's root over a recording transport.
    static func skewed(
        by ahead: TimeInterval, _ service: AWSService, clockSkew: ClockSkew = ClockSkew()
    ) -> (AWSClient, RecordingTransport) {
        var settings = EmulatorConfiguration()
        settings.wallClock = { AmzDate(Date().addingTimeInterval(ahead)) }
        let transport = RecordingTransport(EmulatorTransport(Emulator(configuration: settings)))
        let configuration = ClientConfiguration(
            transport: transport, retry: RecordedSleeps().strategy(), clockSkew: clockSkew)
        let client = AWSClient(
            service: service, region: "us-east-1", credentials: EmulatorFixture.root(account),
            configuration: configuration)
        return (client, transport)
    }

    @Test(arguments: [7200, -7200, 86_400 * 400] as [TimeInterval])
    func aQueryCallSignedAtTheWrongTimeIsSignedAgainAtTheServicesTime(ahead: TimeInterval) async throws {
        let skew = ClockSkew()
        let (sts, transport) = Self.skewed(by: ahead, .sts, clockSkew: skew)
        let identity = try await sts.query("GetCallerIdentity", [])
        #expect(identity.value(at: "GetCallerIdentityResult/Account") == Self.account)
        #expect(transport.attempts == 2)
        #expect(abs(skew.offset - ahead) < 5)
        let dates = transport.requests.compactMap { request in
            request.headers.first { $0.name == "X-Amz-Date" }.flatMap { AmzDate(amzFormat: $0.value) }
        }
        #expect(dates.count == 2 && abs(Double(dates[1].secondsSince1970 - dates[0].secondsSince1970) - ahead) < 5)
        // The offset is shared: the next call is signed right the first time.
        try await sts.query("GetCallerIdentity", [])
        #expect(transport.attempts == 3)
    }

    @Test func aRestJSONCallIsCorrectedFromInvalidSignatureException() async throws {
        let (bedrock, transport) = Self.skewed(by: -3600, .bedrock)
        let response = try await bedrock.send(.rest("ListFoundationModels", method: "GET", path: "/foundation-models"))
        #expect(response.status == 200)
        #expect(transport.attempts == 2)
    }

    @Test func anOffsetThatDoesNotLearnLetsTheSkewErrorThrough() async throws {
        let skew = ClockSkew(learns: false)
        let (sts, transport) = Self.skewed(by: 7200, .sts, clockSkew: skew)
        let error = await #expect(throws: ServiceError.self) { try await sts.query("GetCallerIdentity", []) }
        #expect(error?.code == "SignatureDoesNotMatch")
        #expect(error?.message.hasPrefix("Signature expired: ") == true)
        #expect(transport.attempts == 1)
        #expect(skew.offset == 0)
    }

    @Test func skewWithinFourMinutesIsLeftToTheServiceToJudge() async throws {
        // Three minutes ahead is inside every service's window: one attempt, no offset learned.
        let skew = ClockSkew()
        let (sts, transport) = Self.skewed(by: 180, .sts, clockSkew: skew)
        try await sts.query("GetCallerIdentity", [])
        #expect(transport.attempts == 1)
        #expect(skew.offset == 0)
    }

    @Test func aWrongSecretIsNotMistakenForSkew() async throws {
        let fixture = try await EmulatorFixture()
        let transport = RecordingTransport(fixture.configuration.transport)
        let skew = ClockSkew()
        var configuration = fixture.configuration(over: transport, retry: RecordedSleeps().strategy())
        configuration.clockSkew = skew
        let sts = AWSClient(
            service: .sts, region: "us-east-1",
            credentials: StaticCredentialsProvider(
                accessKeyID: fixture.connector.value.credentials.accessKeyID, secretAccessKey: "not-the-secret"),
            configuration: configuration)
        let error = await #expect(throws: ServiceError.self) { try await sts.query("GetCallerIdentity", []) }
        #expect(error?.code == "SignatureDoesNotMatch")
        #expect(transport.attempts == 1)
        #expect(skew.offset == 0)
    }

    @Test func skewIsCorrectedOncePerCall() async throws {
        // A service whose clock runs away between attempts: after one correction the error is the caller's.
        let transport = ScriptedDateTransport()
        let client = AWSClient(
            service: .bedrock, region: "us-east-1", credentials: EmulatorFixture.root(Self.account),
            configuration: ClientConfiguration(transport: transport, retry: RecordedSleeps().strategy()))
        let error = await #expect(throws: ServiceError.self) {
            try await client.send(.rest("ListFoundationModels", method: "GET", path: "/foundation-models"))
        }
        #expect(error?.code == "InvalidSignatureException")
        #expect(transport.attempts == 2)
    }
}
