import AWSWire
import ConnectorKit
import Testing

/// An expired session token: the client invalidates its credentials once and signs again with fresh ones, as
/// the service's clock (here the emulator's virtual clock) may be ahead of what the provider believed.
@Suite struct ExpiredCredentialsTests {
    static let listModels = ServiceRequest.rest("ListFoundationModels", method: "GET", path: "/foundation-models")

    @Test func anExpiredSessionIsInvalidatedAndFetchedAgain() async throws {
        let fixture = try await EmulatorFixture()
        let provider = CountingRoleProvider(fixture: fixture)
        let transport = RecordingTransport(fixture.configuration.transport)
        let bedrock = AWSClient(
            service: .bedrock, region: EmulatorFixture.region, credentials: provider,
            configuration: fixture.configuration(over: transport, retry: RecordedSleeps().strategy()))
        #expect(try await bedrock.send(Self.listModels).status == 200)
        fixture.advanceClock(seconds: 901)
        #expect(try await bedrock.send(Self.listModels).status == 200)
        #expect(await provider.invalidations == 1)
        #expect(await provider.fetches == 2)
        #expect(transport.attempts == 3)
        let tokens = transport.requests.map { request in
            request.headers.first { $0.name == "X-Amz-Security-Token" }?.value
        }
        #expect(tokens[1] == tokens[0] && tokens[2] != tokens[1])
    }

    @Test func credentialsThatStayExpiredAreRefreshedOnlyOnce() async throws {
        let fixture = try await EmulatorFixture()
        let provider = CountingRoleProvider(fixture: fixture, refreshes: false)
        let transport = RecordingTransport(fixture.configuration.transport)
        let sts = AWSClient(
            service: .sts, region: EmulatorFixture.region, credentials: provider,
            configuration: fixture.configuration(over: transport, retry: RecordedSleeps().strategy()))
        _ = try await provider.credentials()
        fixture.advanceClock(seconds: 901)
        let error = await #expect(throws: ServiceError.self) { try await sts.query("GetCallerIdentity", []) }
        #expect(error?.code == "ExpiredToken")
        #expect(transport.attempts == 2)
        #expect(await provider.invalidations == 1)
    }
}
