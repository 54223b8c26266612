import AWSWire
import SigV4
import Testing

@testable import Emulator

/// What a session carries besides its role: session tags (principal tags, transitive along a chain) and a
/// source identity, each of which needs its own permission from both the caller and the trust policy.
@Suite("STS session tags and source identity")
struct STSSessionAttributeTests {
    let endpoint = TestEndpoint()
    static let teamTag = [("Tags.member.1.Key", "team"), ("Tags.member.1.Value", "ml")]

    static func denied(_ action: String) -> String {
        "User: \(ConnectorFlow.userARN) is not authorized to perform: \(action) on resource: \(ConnectorFlow.roleARN)"
    }

    /// Lets the connector user perform `actions` (besides `sts:AssumeRole`).
    func allowCaller(_ actions: [String]) throws {
        try endpoint.call(
            .iam, "PutUserPolicy",
            [
                "UserName": ConnectorFlow.userName, "PolicyName": "session-attributes",
                "PolicyDocument": ConnectorFlow.allowPolicy(actions),
            ],
            as: .root(ConnectorFlow.saasAccount)
        ).succeeded("PutUserPolicy")
    }

    /// Lets the role's trust policy allow `actions` too.
    func allowInTrust(_ actions: [String]) throws {
        try endpoint.call(
            .iam, "UpdateAssumeRolePolicy",
            [
                "RoleName": ConnectorFlow.roleName,
                "PolicyDocument": ConnectorFlow.trustPolicy(actions: ["sts:AssumeRole"] + actions),
            ],
            as: .root(ConnectorFlow.customerAccount)
        ).succeeded("UpdateAssumeRolePolicy")
    }

    @Test("session tags need sts:TagSession from both the caller's policies and the trust policy")
    func tagsNeedTagSession() throws {
        let flow = try endpoint.connectorFlow()
        let denied = Self.denied("sts:TagSession")
        endpoint.assumeConnectorRole(flow, extra: Self.teamTag).expectError(
            "AccessDenied", status: 403, message: denied)
        try allowCaller(["sts:TagSession"])
        endpoint.assumeConnectorRole(flow, extra: Self.teamTag).expectError(
            "AccessDenied", status: 403, message: denied)
        try allowInTrust(["sts:TagSession"])
        let tagged = endpoint.assumeConnectorRole(flow, extra: Self.teamTag)
        tagged.expectSuccess("AssumeRole")
        #expect(tagged.value("PackedPolicySize") != nil)
    }

    @Test("SourceIdentity needs sts:SetSourceIdentity, comes back in the result and stays on chained sessions")
    func sourceIdentity() throws {
        let flow = try endpoint.connectorFlow()
        let extra = [("SourceIdentity", "alice@example.com")]
        endpoint.assumeConnectorRole(flow, extra: extra)
            .expectError("AccessDenied", status: 403, message: Self.denied("sts:SetSourceIdentity"))
        try allowCaller(["sts:SetSourceIdentity"])
        try allowInTrust(["sts:SetSourceIdentity"])
        let response = endpoint.assumeConnectorRole(flow, extra: extra)
        response.expectSuccess("AssumeRole")
        #expect(response.value("SourceIdentity") == "alice@example.com")
        // Only Policy, PolicyArns and Tags count towards the packed size.
        #expect(response.value("PackedPolicySize") == nil)

        try endpoint.createRole(
            "next", trust: ConnectorFlow.trustPolicy(principal: ConnectorFlow.roleARN, externalID: nil),
            in: ConnectorFlow.customerAccount)
        try endpoint.call(
            .iam, "PutRolePolicy",
            [
                "RoleName": ConnectorFlow.roleName, "PolicyName": "chain",
                "PolicyDocument": ConnectorFlow.allowPolicy(["sts:AssumeRole"]),
            ],
            as: .root(ConnectorFlow.customerAccount)
        ).succeeded("PutRolePolicy")
        let session = try #require(response.credentials)
        let chained = endpoint.call(
            .sts, "AssumeRole", [("RoleArn", "arn:aws:iam::123456789012:role/next"), ("RoleSessionName", "chain")],
            as: session)
        chained.expectSuccess("AssumeRole")
        #expect(chained.value("SourceIdentity") == "alice@example.com")
    }

    /// The role's own policy is replaced by one that allows `iam:ListRoles` only to sessions tagged `team=ml`,
    /// plus AssumeRole and TagSession for chaining.
    func conditionRoleOnTeamTag(_ role: String) throws {
        let policy =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*","#
            + #""Condition":{"StringEquals":{"aws:PrincipalTag/team":"ml"}}},"#
            + #"{"Effect":"Allow","Action":["sts:AssumeRole","sts:TagSession"],"Resource":"*"}]}"#
        try endpoint.call(
            .iam, "PutRolePolicy", ["RoleName": role, "PolicyName": "team-only", "PolicyDocument": policy],
            as: .root(ConnectorFlow.customerAccount)
        ).succeeded("PutRolePolicy \(role)")
    }

    @Test("session tags are the session's principal tags; transitive ones pass along a chain, unchangeable")
    func principalAndTransitiveTags() throws {
        let flow = try endpoint.connectorFlow()
        try allowCaller(["sts:TagSession"])
        try allowInTrust(["sts:TagSession"])
        let customer = Credentials.root(ConnectorFlow.customerAccount)
        try endpoint.call(
            .iam, "DetachRolePolicy",
            ["RoleName": ConnectorFlow.roleName, "PolicyArn": ConnectorFlow.bedrockFullAccess],
            as: customer
        ).succeeded("DetachRolePolicy")
        try conditionRoleOnTeamTag(ConnectorFlow.roleName)

        let tagged = try #require(
            endpoint.assumeConnectorRole(
                flow, sessionName: "tagged", extra: Self.teamTag + [("TransitiveTagKeys.member.1", "team")]
            ).credentials)
        let untagged = try #require(endpoint.assumeConnectorRole(flow, sessionName: "untagged").credentials)
        endpoint.call(.iam, "ListRoles", as: tagged).expectSuccess("ListRoles")
        endpoint.call(.iam, "ListRoles", as: untagged).expectError("AccessDenied", status: 403)

        try endpoint.createRole(
            "next",
            trust: ConnectorFlow.trustPolicy(
                principal: ConnectorFlow.roleARN, actions: ["sts:AssumeRole", "sts:TagSession"], externalID: nil),
            in: ConnectorFlow.customerAccount)
        try conditionRoleOnTeamTag("next")
        let next = [("RoleArn", "arn:aws:iam::123456789012:role/next"), ("RoleSessionName", "chain")]
        let chained = try #require(endpoint.call(.sts, "AssumeRole", next, as: tagged).credentials)
        endpoint.call(.iam, "ListRoles", as: chained).expectSuccess("ListRoles")
        endpoint.call(
            .sts, "AssumeRole", next + [("Tags.member.1.Key", "team"), ("Tags.member.1.Value", "ops")], as: tagged
        )
        .expectError("InvalidParameterValue", status: 400)
    }
}
