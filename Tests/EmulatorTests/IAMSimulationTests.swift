import SigV4
import Testing

@testable import Emulator

/// The policy simulator answers from the engine that authorizes requests: decisions, matched statements,
/// missing context keys, and principals' own policies.
@Suite("IAM policy simulator")
struct IAMSimulationTests {
    static let account = "111111111111"
    static let root = Credentials.root(account)

    let endpoint = TestEndpoint()

    static let allowS3Read =
        #"{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#
    static let denyDelete =
        #"{"Version":"2012-10-17","Statement":[{"Sid":"NoDelete","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"},{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#
    static let regionBound =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}"#

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var policies: [String]
        var action: String
        var decision: String
        var matched: [String]
        var testDescription: String { name }
    }

    static let cases = [
        Case(
            name: "allow", policies: [allowS3Read], action: "s3:GetObject", decision: "allowed",
            matched: ["PolicyInputList.1"]),
        Case(
            name: "explicit deny", policies: [denyDelete], action: "s3:DeleteObject", decision: "explicitDeny",
            matched: ["PolicyInputList.1"]),
        Case(
            name: "implicit deny", policies: [allowS3Read], action: "s3:PutObject", decision: "implicitDeny",
            matched: []),
        Case(
            name: "deny in a second policy beats allow in the first", policies: [allowS3Read, denyDelete],
            action: "s3:DeleteObject", decision: "explicitDeny", matched: ["PolicyInputList.2"]),
    ]

    func simulateCustom(
        _ policies: [String], actions: [String], extra: [(String, String)] = [], as credentials: Credentials = root
    )
        -> TestResponse
    {
        let policyParameters = policies.enumerated().map { ("PolicyInputList.member.\($0.offset + 1)", $0.element) }
        return endpoint.call(
            .iam, "SimulateCustomPolicy", policyParameters + Self.actionNames(actions) + extra, as: credentials)
    }

    /// SimulatePrincipalPolicy, as root, for the principal `arn:aws:iam::111111111111:RESOURCE`.
    func simulatePrincipal(_ resource: String, actions: [String], extra: [(String, String)] = []) -> TestResponse {
        let source = ("PolicySourceArn", "arn:aws:iam::\(Self.account):\(resource)")
        return endpoint.call(
            .iam, "SimulatePrincipalPolicy", [source] + Self.actionNames(actions) + extra, as: Self.root)
    }

    static func actionNames(_ actions: [String]) -> [(String, String)] {
        actions.enumerated().map { ("ActionNames.member.\($0.offset + 1)", $0.element) }
    }

    @Test("SimulateCustomPolicy decides as the engine does", arguments: cases)
    func customDecision(_ c: Case) {
        let response = simulateCustom(c.policies, actions: [c.action])
        #expect(response.status == 200)
        #expect(response.value("EvaluationResults/member/EvalActionName") == c.action)
        #expect(response.value("EvalResourceName") == "*")
        #expect(response.value("EvalDecision") == c.decision)
        #expect(response.values("SourcePolicyId") == c.matched)
        #expect(response.value("IsTruncated") == "false")
    }

    @Test("a condition key the request lacks is reported missing, and decides once given")
    func missingContext() {
        let missing = simulateCustom([Self.regionBound], actions: ["s3:GetObject"])
        #expect(missing.value("EvalDecision") == "implicitDeny")
        #expect(missing.values("MissingContextValues").count == 1)
        #expect(missing.value("MissingContextValues/member") == "aws:RequestedRegion")

        let given = simulateCustom(
            [Self.regionBound], actions: ["s3:GetObject"],
            extra: [
                ("ContextEntries.member.1.ContextKeyName", "aws:RequestedRegion"),
                ("ContextEntries.member.1.ContextKeyValues.member.1", "eu-west-1"),
                ("ContextEntries.member.1.ContextKeyType", "string"),
            ])
        #expect(given.value("EvalDecision") == "allowed")
        #expect(given.value("MissingContextValues/member") == nil)
    }

    @Test("every action is simulated on every resource, in order, and pages")
    func actionsTimesResources() throws {
        let resources = [("ResourceArns.member.1", "arn:aws:s3:::a/x"), ("ResourceArns.member.2", "arn:aws:s3:::b/y")]
        let response = simulateCustom([Self.allowS3Read], actions: ["s3:GetObject", "s3:PutObject"], extra: resources)
        #expect(response.values("EvalActionName") == ["s3:GetObject", "s3:GetObject", "s3:PutObject", "s3:PutObject"])
        #expect(
            response.values("EvalResourceName") == [
                "arn:aws:s3:::a/x", "arn:aws:s3:::b/y", "arn:aws:s3:::a/x", "arn:aws:s3:::b/y",
            ])
        #expect(response.values("EvalDecision") == ["allowed", "allowed", "implicitDeny", "implicitDeny"])

        let first = simulateCustom(
            [Self.allowS3Read], actions: ["s3:GetObject", "s3:PutObject"], extra: [("MaxItems", "3")])
        #expect(first.values("EvalDecision").count == 2)
        #expect(first.value("IsTruncated") == "false")
        let paged = simulateCustom(
            [Self.allowS3Read], actions: ["s3:GetObject", "s3:PutObject"], extra: resources + [("MaxItems", "3")])
        #expect(paged.value("IsTruncated") == "true")
        let marker = try #require(paged.value("Marker"))
        let rest = simulateCustom(
            [Self.allowS3Read], actions: ["s3:GetObject", "s3:PutObject"], extra: resources + [("Marker", marker)])
        #expect(rest.values("EvalResourceName") == ["arn:aws:s3:::b/y"])
    }

    @Test("a malformed policy input is InvalidInput")
    func malformedInput() {
        let response = simulateCustom(["{"], actions: ["s3:GetObject"])
        #expect(response.status == 400)
        #expect(response.errorCode == "InvalidInput")
    }

    @Test("SimulateCustomPolicy without PolicyInputList is a validation error")
    func missingPolicies() {
        let response = endpoint.call(
            .iam, "SimulateCustomPolicy", [("ActionNames.member.1", "s3:GetObject")], as: Self.root)
        #expect(response.status == 400)
        #expect(response.errorCode == "ValidationError")
    }

    @Test("SimulatePrincipalPolicy evaluates a user's own inline policy and names it")
    func principalUser() throws {
        _ = try endpoint.createUser("alice", in: Self.account)
        try endpoint.call(
            .iam, "PutUserPolicy", ["UserName": "alice", "PolicyName": "s3-read", "PolicyDocument": Self.allowS3Read],
            as: Self.root
        ).succeeded("PutUserPolicy")
        let response = simulatePrincipal("user/alice", actions: ["s3:GetObject", "s3:PutObject"])
        #expect(response.status == 200)
        #expect(response.values("EvalDecision") == ["allowed", "implicitDeny"])
        #expect(response.values("SourcePolicyId") == ["s3-read"])
        #expect(response.values("SourcePolicyType") == ["user"])
    }

    @Test("a permissions boundary input caps the principal's policies")
    func boundaryInput() throws {
        _ = try endpoint.createUser("alice", in: Self.account, allowing: ["s3:*"])
        let response = simulatePrincipal(
            "user/alice", actions: ["s3:PutObject"],
            extra: [("PermissionsBoundaryPolicyInputList.member.1", Self.allowS3Read)])
        #expect(response.value("EvalDecision") == "implicitDeny")
        #expect(response.value("PermissionsBoundaryDecisionDetail/AllowedByPermissionsBoundary") == "false")
    }

    @Test("SimulatePrincipalPolicy on a role reports its AWS managed policy")
    func principalRole() throws {
        try endpoint.createRole("reader", trust: ConnectorFlow.trustPolicy(principal: Self.account), in: Self.account)
        try endpoint.call(
            .iam, "AttachRolePolicy", ["RoleName": "reader", "PolicyArn": "arn:aws:iam::aws:policy/IAMReadOnlyAccess"],
            as: Self.root
        ).succeeded("AttachRolePolicy")
        let response = simulatePrincipal("role/reader", actions: ["iam:GetRole", "iam:DeleteRole"])
        #expect(response.values("EvalDecision") == ["allowed", "implicitDeny"])
        #expect(response.values("SourcePolicyId") == ["IAMReadOnlyAccess"])
        #expect(response.values("SourcePolicyType") == ["aws-managed"])
    }

    @Test("SimulatePrincipalPolicy on a missing user is NoSuchEntity")
    func missingPrincipal() {
        let response = simulatePrincipal("user/ghost", actions: ["s3:GetObject"])
        #expect(response.status == 404)
        #expect(response.errorMessage == "The user with name ghost cannot be found.")
    }

    @Test("simulating needs iam:SimulateCustomPolicy")
    func simulatorPermission() throws {
        let nobody = try endpoint.createUser("nobody", in: Self.account)
        let response = simulateCustom([Self.allowS3Read], actions: ["s3:GetObject"], as: nobody)
        #expect(response.status == 403)
        #expect(
            response.errorMessage
                == "User: arn:aws:iam::111111111111:user/nobody is not authorized to perform: iam:SimulateCustomPolicy on resource: *"
        )
    }
}
