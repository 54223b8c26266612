import SigV4
import Testing

@testable import Emulator

/// `RoleLastUsed` (spec §5.3): GetRole shows when and in which region a session of the role last made an
/// authenticated request; an unused role shows `<RoleLastUsed/>`.
@Suite("RoleLastUsed")
struct RoleLastUsedTests {
    @Test("unused, the role shows an empty RoleLastUsed; after its session calls, the date and region of the call")
    func recordsSessionUse() throws {
        let endpoint = TestEndpoint()
        let flow = try endpoint.connectorFlow()
        let owner = Credentials.root(ConnectorFlow.customerAccount)
        let before = try endpoint.call(.iam, "GetRole", ["RoleName": ConnectorFlow.roleName], as: owner)
            .succeeded("GetRole")
        #expect(before.body.contains("<RoleLastUsed/>"))

        let session = try #require(endpoint.assumeConnectorRole(flow).succeeded("AssumeRole").credentials)
        endpoint.advanceVirtualClock(seconds: 120)
        try endpoint.call(.sts, "GetCallerIdentity", as: session, region: "eu-west-1").succeeded("GetCallerIdentity")

        let after = try endpoint.call(.iam, "GetRole", ["RoleName": ConnectorFlow.roleName], as: owner)
            .succeeded("GetRole")
        #expect(after.value("Role/RoleLastUsed/LastUsedDate") == TestEndpoint.epoch.adding(seconds: 120).iso8601())
        #expect(after.value("Role/RoleLastUsed/Region") == "eu-west-1")
    }

    @Test("a session of a role deleted and re-created under the same name does not mark the new role")
    func ignoresOtherRoleIDs() throws {
        let endpoint = TestEndpoint()
        let flow = try endpoint.connectorFlow()
        let owner = Credentials.root(ConnectorFlow.customerAccount)
        let session = try #require(endpoint.assumeConnectorRole(flow).succeeded("AssumeRole").credentials)
        let detach = [("RoleName", ConnectorFlow.roleName), ("PolicyArn", ConnectorFlow.bedrockFullAccess)]
        try endpoint.call(.iam, "DetachRolePolicy", detach, as: owner).succeeded("DetachRolePolicy")
        try endpoint.call(.iam, "DeleteRole", ["RoleName": ConnectorFlow.roleName], as: owner).succeeded("DeleteRole")
        try endpoint.createRole(
            ConnectorFlow.roleName, trust: ConnectorFlow.trustPolicy(), in: ConnectorFlow.customerAccount)
        _ = endpoint.call(.sts, "GetCallerIdentity", as: session)
        let role = try endpoint.call(.iam, "GetRole", ["RoleName": ConnectorFlow.roleName], as: owner)
            .succeeded("GetRole")
        #expect(role.body.contains("<RoleLastUsed/>"))
    }

    // MARK: --role-last-used-lag

    /// The connector set-up on an emulator whose RoleLastUsed lags `lag` seconds, and a session of the role.
    static func laggingFlow(lag: Int64) throws -> (TestEndpoint, Credentials) {
        let endpoint = TestEndpoint { $0.roleLastUsedLagSeconds = lag }
        let flow = try endpoint.connectorFlow()
        let session = try #require(endpoint.assumeConnectorRole(flow).succeeded("AssumeRole").credentials)
        return (endpoint, session)
    }

    /// GetRole's `RoleLastUsed` as (date, region), nil when empty.
    static func shown(_ endpoint: TestEndpoint) throws -> [String]? {
        let role = try endpoint.call(
            .iam, "GetRole", ["RoleName": ConnectorFlow.roleName], as: .root(ConnectorFlow.customerAccount)
        ).succeeded("GetRole")
        guard let date = role.value("Role/RoleLastUsed/LastUsedDate") else { return nil }
        return [date, role.value("Role/RoleLastUsed/Region") ?? "?"]
    }

    static func at(_ seconds: Int64) -> String { TestEndpoint.epoch.adding(seconds: seconds).iso8601() }

    @Test("with a lag, a use shows only once virtual time is at least the lag past it")
    func lagDelaysUse() throws {
        let (endpoint, session) = try Self.laggingFlow(lag: 300)
        endpoint.advanceVirtualClock(seconds: 120)
        try endpoint.call(.sts, "GetCallerIdentity", as: session, region: "eu-west-1").succeeded("GetCallerIdentity")
        #expect(try Self.shown(endpoint) == nil)
        endpoint.advanceVirtualClock(seconds: 299)
        #expect(try Self.shown(endpoint) == nil)
        endpoint.advanceVirtualClock(seconds: 1)
        #expect(try Self.shown(endpoint) == [Self.at(120), "eu-west-1"])
    }

    @Test("UpdateRoleDescription, which answers with the whole role, shows the same RoleLastUsed as GetRole")
    func updateRoleDescriptionShowsSettledUse() throws {
        let (endpoint, session) = try Self.laggingFlow(lag: 60)
        try endpoint.call(.sts, "GetCallerIdentity", as: session, region: "eu-west-1").succeeded("GetCallerIdentity")
        endpoint.advanceVirtualClock(seconds: 60)
        let updated = try endpoint.call(
            .iam, "UpdateRoleDescription", ["RoleName": ConnectorFlow.roleName, "Description": "d"],
            as: .root(ConnectorFlow.customerAccount)
        ).succeeded("UpdateRoleDescription")
        #expect(updated.value("Role/RoleLastUsed/LastUsedDate") == Self.at(0))
        #expect(updated.value("Role/RoleLastUsed/Region") == "eu-west-1")
    }

    @Test("a pending use never hides an earlier visible one, and each use appears exactly lag after it happened")
    func pendingUsesKeepOrder() throws {
        let (endpoint, session) = try Self.laggingFlow(lag: 150)
        try endpoint.call(.sts, "GetCallerIdentity", as: session, region: "us-east-1").succeeded("first use")
        endpoint.advanceVirtualClock(seconds: 100)
        try endpoint.call(.sts, "GetCallerIdentity", as: session, region: "us-west-2").succeeded("second use")
        endpoint.advanceVirtualClock(seconds: 60)
        // t=160: the first use (t=0) is visible, the second (t=100) still pending.
        #expect(try Self.shown(endpoint) == [Self.at(0), "us-east-1"])
        try endpoint.call(.sts, "GetCallerIdentity", as: session, region: "eu-west-1").succeeded("third use")
        #expect(try Self.shown(endpoint) == [Self.at(0), "us-east-1"])
        endpoint.advanceVirtualClock(seconds: 90)
        // t=250: the second use is due, the third (t=160) is not.
        #expect(try Self.shown(endpoint) == [Self.at(100), "us-west-2"])
        endpoint.advanceVirtualClock(seconds: 60)
        #expect(try Self.shown(endpoint) == [Self.at(160), "eu-west-1"])
    }

    @Test("moving the clock back does not take back a use already shown")
    func clockBackKeepsShownUse() throws {
        let (endpoint, session) = try Self.laggingFlow(lag: 60)
        try endpoint.call(.sts, "GetCallerIdentity", as: session).succeeded("use")
        endpoint.advanceVirtualClock(seconds: 120)
        try endpoint.call(.sts, "GetCallerIdentity", as: session, region: "us-west-2").succeeded("later use")
        #expect(try Self.shown(endpoint) == [Self.at(0), "us-east-1"])
        endpoint.advanceVirtualClock(seconds: -100)
        #expect(try Self.shown(endpoint) == [Self.at(0), "us-east-1"])
    }

    @Test("pending uses are bounded: a busy role keeps the oldest pending uses and the newest one")
    func pendingBounded() throws {
        let (endpoint, _) = try Self.laggingFlow(lag: 1_000)
        var role = try #require(endpoint.emulator.state.role(arn: ConnectorFlow.roleARN))
        for second in 0..<200 { role.recordUse(at: TestEndpoint.epoch.adding(seconds: Int64(second)), region: "r\(second)", lag: 1_000) }
        #expect(role.pendingUses.count == Role.maxPendingUses)
        #expect(role.pendingUses.first?.region == "r0")
        #expect(role.pendingUses.last?.region == "r199")
        role.settleUses(now: TestEndpoint.epoch.adding(seconds: 1_200), lag: 1_000)
        #expect(role.lastUsed?.region == "r199")
        #expect(role.pendingUses.isEmpty)
    }
}
