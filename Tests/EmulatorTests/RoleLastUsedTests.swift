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
}
