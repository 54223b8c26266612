import ConnectorKit
import Foundation
import SigV4
import Testing

/// `AssumeRoleCredentialsProvider`: caching, refresh ahead of expiry, one AssumeRole per refresh however many
/// callers wait, and errors reaching every waiter. AssumeRoles are counted in the emulator's CloudTrail.
@Suite struct AssumeRoleProviderTests {
    static let callers = 100

    @Test func cachesUntilTheMarginThenRefreshes() async throws {
        let fixture = try await EmulatorFixture()
        let clock = ProviderTestClock(fixture.emulatorNow)
        let provider = AssumeRoleCredentialsProvider(
            sts: fixture.connectorSTS, request: EmulatorFixture.connectorRequest(), refreshMargin: .seconds(300),
            now: clock.reader)

        let first = try await provider.credentials()
        let again = try await provider.credentials()
        #expect(again == first)
        #expect(try await fixture.assumeRoleEvents(in: EmulatorFixture.saasAccount).count == 1)

        let expiration = try #require(first.expiration)
        clock.set(expiration.addingTimeInterval(-301))
        #expect(try await provider.credentials() == first)
        // The service's time moves on too, so the new session expires an hour after the refresh.
        fixture.advanceClock(seconds: 3300)
        clock.set(expiration.addingTimeInterval(-300))
        let refreshed = try await provider.credentials()
        #expect(refreshed.credentials.accessKeyID != first.credentials.accessKeyID)
        #expect(try await fixture.assumeRoleEvents(in: EmulatorFixture.saasAccount).count == 2)
    }

    @Test func invalidateForcesANewSession() async throws {
        let fixture = try await EmulatorFixture()
        let provider = AssumeRoleCredentialsProvider(
            sts: fixture.connectorSTS, request: EmulatorFixture.connectorRequest())
        let first = try await provider.credentials()
        await provider.invalidate()
        let second = try await provider.credentials()
        #expect(second.credentials.accessKeyID != first.credentials.accessKeyID)
        // As AWSClient calls it on ExpiredToken: through the protocol, not the default no-op.
        let erased: any CredentialsProvider = provider
        await erased.invalidate()
        let third = try await erased.credentials()
        #expect(third.credentials.accessKeyID != second.credentials.accessKeyID)
        #expect(try await fixture.assumeRoleEvents(in: EmulatorFixture.saasAccount).count == 3)
    }

    @Test(
        "Credential refresh under 100 concurrent callers: exactly one AssumeRole per refresh (counted in the emulator's CloudTrail)"
    )
    func oneAssumeRolePerRefreshUnderConcurrentCallers() async throws {
        let fixture = try await EmulatorFixture()
        let clock = ProviderTestClock(fixture.emulatorNow)
        let provider = AssumeRoleCredentialsProvider(
            sts: fixture.connectorSTS, request: EmulatorFixture.connectorRequest(), now: clock.reader)

        let cold = try await Self.concurrentKeys(provider)
        #expect(cold.count == 1)
        #expect(try await fixture.assumeRoleEvents(in: EmulatorFixture.saasAccount).count == 1)

        let expiration = try #require(try await provider.credentials().expiration)
        fixture.advanceClock(seconds: 3301)
        clock.set(expiration.addingTimeInterval(-299))
        let refreshed = try await Self.concurrentKeys(provider)
        #expect(refreshed.count == 1)
        #expect(refreshed != cold)
        #expect(try await fixture.assumeRoleEvents(in: EmulatorFixture.saasAccount).count == 2)
    }

    @Test func aFailedRefreshReachesEveryWaiterAndIsNotCached() async throws {
        let fixture = try await EmulatorFixture()
        var request = EmulatorFixture.connectorRequest()
        request.externalID = "reloaded-page"
        // The refresh's answer waits until every caller is in: a caller arriving after a failure has been
        // thrown starts a new refresh, as it should, which would make the count depend on scheduling.
        let gate = RefreshGateTransport(fixture.configuration.transport)
        var configuration = fixture.configuration
        configuration.transport = gate
        let sts = STSClient(
            region: EmulatorFixture.region, credentials: fixture.connector, configuration: configuration)
        let provider = AssumeRoleCredentialsProvider(sts: sts, request: request)
        let started = CallerCount()

        let outcomes = await withTaskGroup(of: (any Error)?.self) { group in
            for _ in 0..<Self.callers {
                group.addTask {
                    started.increment()
                    do {
                        _ = try await provider.credentials()
                        return nil
                    } catch {
                        return error
                    }
                }
            }
            while started.value < Self.callers { await Task.yield() }
            // Each started caller is at most one actor hop from waiting on the refresh.
            try? await Task.sleep(for: .milliseconds(200))
            gate.open()
            return await group.reduce(into: []) { $0.append($1) }
        }
        let errors = outcomes.compactMap { $0 as? ServiceError }
        #expect(errors.count == Self.callers)
        #expect(Set(errors).count == 1)
        #expect(errors.first?.code == "AccessDenied")
        #expect(errors.first?.status == 403)
        #expect(try await fixture.assumeRoleEvents(in: EmulatorFixture.saasAccount).count == 1)

        // Not cached: the next call asks STS again.
        await #expect(throws: ServiceError.self) { try await provider.credentials() }
        #expect(try await fixture.assumeRoleEvents(in: EmulatorFixture.saasAccount).count == 2)
    }

    /// Calls `credentials()` from `callers` tasks at once; the distinct access key IDs they got.
    static func concurrentKeys(_ provider: AssumeRoleCredentialsProvider) async throws -> Set<String> {
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<callers {
                group.addTask { try await provider.credentials().credentials.accessKeyID }
            }
            return try await group.reduce(into: []) { $0.insert($1) }
        }
    }
}
