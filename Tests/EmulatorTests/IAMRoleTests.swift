import Foundation
import SigV4
import Testing

@testable import Emulator

/// IAM role operations through `Emulator.handle` with signed requests: each success shape, each error with
/// AWS's code, status and message, URL-encoded documents, paging, and denials for a user without policies.
@Suite("IAM roles")
struct IAMRoleTests {
    let iam = IAMFixture()

    // MARK: CreateRole, GetRole

    @Test("CreateRole answers with the role, its document URL-encoded, and no RoleLastUsed")
    func createRoleShape() throws {
        let response = iam.call(
            "CreateRole",
            [
                "RoleName": "ConnectorRole", "Path": "/connectors/", "AssumeRolePolicyDocument": IAMFixture.trust,
                "Description": "Cross-account connector", "MaxSessionDuration": "7200",
                "Tags.member.1.Key": "app", "Tags.member.1.Value": "connector",
            ])
        response.expectSuccess("CreateRole")
        #expect(response.value("Role/RoleName") == "ConnectorRole")
        #expect(response.value("Role/Path") == "/connectors/")
        #expect(response.value("Role/Arn") == "arn:aws:iam::111111111111:role/connectors/ConnectorRole")
        #expect(response.value("Role/CreateDate") == "2025-01-15T12:00:00Z")
        #expect(response.value("Role/MaxSessionDuration") == "7200")
        #expect(response.value("Role/Description") == "Cross-account connector")
        #expect(response.value("Role/Tags/member/Key") == "app")
        #expect(response.value("Role/Tags/member/Value") == "connector")
        #expect(response.value("Role/RoleLastUsed") == nil)
        let id = try #require(response.value("Role/RoleId"))
        #expect(id.count == 21 && id.hasPrefix("AROA"))
        #expect(id.dropFirst(4).allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) })
        let document = try #require(response.value("Role/AssumeRolePolicyDocument"))
        #expect(!document.contains("{"))
        #expect(document.removingPercentEncoding == IAMFixture.trust)
    }

    @Test("role names are unique ignoring case")
    func duplicateRole() throws {
        try iam.createRole("ConnectorRole")
        iam.call("CreateRole", ["RoleName": "connectorrole", "AssumeRolePolicyDocument": IAMFixture.trust])
            .expectError("EntityAlreadyExists", status: 409, message: "Role with name connectorrole already exists.")
    }

    @Test("GetRole adds RoleLastUsed (empty until used), Tags and the permissions boundary")
    func getRole() throws {
        try iam.createRole(
            "Reader",
            extra: [
                "PermissionsBoundary": IAMFixture.readOnly, "Tags.member.1.Key": "team",
                "Tags.member.1.Value": "ml",
            ])
        let response = iam.call("GetRole", ["RoleName": "Reader"])
        response.expectSuccess("GetRole")
        #expect(response.body.contains("<RoleLastUsed/>"))
        #expect(response.value("Role/PermissionsBoundary/PermissionsBoundaryType") == "PermissionsBoundaryPolicy")
        #expect(response.value("Role/PermissionsBoundary/PermissionsBoundaryArn") == IAMFixture.readOnly)
        #expect(response.value("Role/Tags/member/Key") == "team")
        #expect(response.value("Role/MaxSessionDuration") == "3600")
        #expect(response.value("Role/Path") == "/")

        iam.endpoint.emulator.withState { state in
            state.withAccount(IAMFixture.account) { account in
                account.roles["reader"]?.lastUsed = (TestEndpoint.epoch.adding(seconds: 300), "eu-west-1")
            }
        }
        let used = iam.call("GetRole", ["RoleName": "Reader"])
        #expect(used.value("Role/RoleLastUsed/LastUsedDate") == "2025-01-15T12:05:00Z")
        #expect(used.value("Role/RoleLastUsed/Region") == "eu-west-1")
    }

    @Test("GetRole of a missing role is NoSuchEntity")
    func getMissingRole() {
        iam.call("GetRole", ["RoleName": "Missing"])
            .expectError("NoSuchEntity", status: 404, message: "The role with name Missing cannot be found.")
    }

    struct InvalidCase: Sendable, CustomTestStringConvertible {
        var action: String
        var parameters: [(String, String)]
        var message: String
        var testDescription: String { "\(action): \(message.prefix(60))" }
    }

    static let invalid: [InvalidCase] = [
        InvalidCase(
            action: "CreateRole",
            parameters: [("RoleName", "bad name!"), ("AssumeRolePolicyDocument", IAMFixture.trust)],
            message:
                #"1 validation error detected: Value 'bad name!' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+"#
        ),
        InvalidCase(
            action: "CreateRole",
            parameters: [("RoleName", "r"), ("Path", "connectors"), ("AssumeRolePolicyDocument", IAMFixture.trust)],
            message:
                #"1 validation error detected: Value 'connectors' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\u002F)|(\u002F[\u0021-\u007E]+\u002F)"#
        ),
        InvalidCase(
            action: "CreateRole",
            parameters: [
                ("RoleName", "r"), ("MaxSessionDuration", "100"), ("AssumeRolePolicyDocument", IAMFixture.trust),
            ],
            message:
                "1 validation error detected: Value '100' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600"
        ),
        InvalidCase(
            action: "CreateRole", parameters: [("RoleName", String(repeating: "r", count: 65))],
            message:
                "2 validation errors detected: Value '\(String(repeating: "r", count: 65))' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64; Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null"
        ),
        InvalidCase(
            action: "ListRoles", parameters: [("MaxItems", "0")],
            message:
                "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"
        ),
        InvalidCase(
            action: "PutRolePolicy", parameters: [("RoleName", "r"), ("PolicyName", "a b"), ("PolicyDocument", "{}")],
            message:
                #"1 validation error detected: Value 'a b' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+"#
        ),
    ]

    @Test("invalid parameters are a ValidationError naming the member", arguments: invalid)
    func validation(_ c: InvalidCase) {
        iam.call(c.action, c.parameters).expectError("ValidationError", status: 400, message: c.message)
    }

    @Test("a trust policy naming a resource or a role that does not exist is MalformedPolicyDocument")
    func malformedTrust() {
        let withResource =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole","Resource":"*"}]}"#
        iam.call("CreateRole", ["RoleName": "r", "AssumeRolePolicyDocument": withResource])
            .expectError("MalformedPolicyDocument", status: 400, message: "Has prohibited field Resource")
        let missing = IAMFixture.trust(principal: "arn:aws:iam::111111111111:role/Missing")
        iam.call("CreateRole", ["RoleName": "r", "AssumeRolePolicyDocument": missing])
            .expectError(
                "MalformedPolicyDocument", status: 400,
                message: #"Invalid principal in policy: "AWS":"arn:aws:iam::111111111111:role/Missing""#)
        #expect(iam.call("GetRole", ["RoleName": "r"]).status == 404)
    }

    @Test("a permissions boundary must be an existing managed policy")
    func boundaryMustExist() {
        let missing = "arn:aws:iam::111111111111:policy/Nope"
        iam.call(
            "CreateRole",
            ["RoleName": "r", "AssumeRolePolicyDocument": IAMFixture.trust, "PermissionsBoundary": missing]
        )
        .expectError("NoSuchEntity", status: 404, message: "Policy \(missing) does not exist or is not attachable.")
        iam.call(
            "CreateRole",
            [
                "RoleName": "r", "AssumeRolePolicyDocument": IAMFixture.trust,
                "PermissionsBoundary": "not-an-arn-at-all-really",
            ]
        ).expectError("InvalidInput", status: 400, message: "ARN not-an-arn-at-all-really is not valid.")
    }

    // MARK: ListRoles

    @Test("ListRoles sorts by name, filters by path, pages, and leaves out RoleLastUsed, Tags and boundary")
    func listRoles() throws {
        for (name, path) in [("charlie", "/"), ("alpha", "/team/"), ("bravo", "/")] {
            try iam.createRole(
                name,
                extra: [
                    "Path": path, "Tags.member.1.Key": "k", "Tags.member.1.Value": "v",
                    "PermissionsBoundary": IAMFixture.readOnly,
                ])
        }
        let all = iam.call("ListRoles")
        all.expectSuccess("ListRoles")
        #expect(IAMFixture.members(all, "Roles", field: "RoleName") == ["alpha", "bravo", "charlie"])
        #expect(all.value("IsTruncated") == "false")
        #expect(all.value("Marker") == nil)
        for absent in ["RoleLastUsed", "Tags", "PermissionsBoundary"] { #expect(all.values(absent).isEmpty) }

        let team = iam.call("ListRoles", ["PathPrefix": "/team/"])
        #expect(IAMFixture.members(team, "Roles", field: "RoleName") == ["alpha"])

        #expect(try iam.pages("ListRoles", [], list: "Roles", field: "RoleName") == ["alpha", "bravo", "charlie"])
    }

    // MARK: Updates

    @Test("UpdateRole answers with an empty UpdateRoleResult and changes description and duration")
    func updateRole() throws {
        try iam.createRole("r")
        let response = iam.call("UpdateRole", ["RoleName": "r", "Description": "new", "MaxSessionDuration": "43200"])
        response.expectSuccess("UpdateRole")
        #expect(response.body.contains("<UpdateRoleResult/>"))
        let role = iam.call("GetRole", ["RoleName": "r"])
        #expect(role.value("Role/Description") == "new")
        #expect(role.value("Role/MaxSessionDuration") == "43200")
        iam.call("UpdateRole", ["RoleName": "gone"]).expectError("NoSuchEntity", status: 404)
    }

    @Test("UpdateRoleDescription answers with the whole role")
    func updateRoleDescription() throws {
        try iam.createRole("r")
        let response = iam.call("UpdateRoleDescription", ["RoleName": "r", "Description": "described"])
        response.expectSuccess("UpdateRoleDescription")
        #expect(response.value("Role/Description") == "described")
        #expect(response.value("Role/Arn") == "arn:aws:iam::111111111111:role/r")
    }

    @Test("UpdateAssumeRolePolicy replaces the trust policy, validated like CreateRole's")
    func updateAssumeRolePolicy() throws {
        try iam.createRole("r")
        let trust = IAMFixture.trust(principal: "arn:aws:iam::222222222222:root")
        let response = iam.call("UpdateAssumeRolePolicy", ["RoleName": "r", "PolicyDocument": trust])
        response.expectSuccess("UpdateAssumeRolePolicy")
        #expect(response.value("UpdateAssumeRolePolicyResult") == nil)
        let stored = iam.call("GetRole", ["RoleName": "r"]).value("Role/AssumeRolePolicyDocument")
        #expect(stored?.removingPercentEncoding == trust)
        iam.call("UpdateAssumeRolePolicy", ["RoleName": "r", "PolicyDocument": "{"])
            .expectError("MalformedPolicyDocument", status: 400, message: "This policy contains invalid Json")
    }

    // MARK: DeleteRole

    @Test("DeleteRole is refused while managed, then inline, policies remain")
    func deleteRole() throws {
        try iam.createRole("r")
        try iam.call("AttachRolePolicy", ["RoleName": "r", "PolicyArn": IAMFixture.readOnly]).succeeded("attach")
        try iam.call(
            "PutRolePolicy", ["RoleName": "r", "PolicyName": "p", "PolicyDocument": IAMFixture.allow(["s3:*"])]
        )
        .succeeded("put")
        iam.call("DeleteRole", ["RoleName": "r"])
            .expectError(
                "DeleteConflict", status: 409, message: "Cannot delete entity, must detach all policies first.")
        try iam.call("DetachRolePolicy", ["RoleName": "r", "PolicyArn": IAMFixture.readOnly]).succeeded("detach")
        iam.call("DeleteRole", ["RoleName": "r"])
            .expectError("DeleteConflict", status: 409, message: "Cannot delete entity, must delete policies first.")
        try iam.call("DeleteRolePolicy", ["RoleName": "r", "PolicyName": "p"]).succeeded("delete policy")
        let deleted = iam.call("DeleteRole", ["RoleName": "r"])
        deleted.expectSuccess("DeleteRole")
        #expect(deleted.value("DeleteRoleResult") == nil)
        iam.call("DeleteRole", ["RoleName": "r"])
            .expectError("NoSuchEntity", status: 404, message: "The role with name r cannot be found.")
    }

    // MARK: Tags and boundary

    @Test("TagRole merges ignoring case, UntagRole removes, ListRoleTags pages")
    func tags() throws {
        try iam.createRole("r", extra: ["Tags.member.1.Key": "Team", "Tags.member.1.Value": "ml"])
        try iam.call(
            "TagRole",
            [
                "RoleName": "r", "Tags.member.1.Key": "team", "Tags.member.1.Value": "ai",
                "Tags.member.2.Key": "env", "Tags.member.2.Value": "prod",
            ]
        ).succeeded("tag")
        let listed = iam.call("ListRoleTags", ["RoleName": "r"])
        listed.expectSuccess("ListRoleTags")
        #expect(IAMFixture.members(listed, "Tags", field: "Key") == ["team", "env"])
        #expect(IAMFixture.members(listed, "Tags", field: "Value") == ["ai", "prod"])
        #expect(try iam.pages("ListRoleTags", [("RoleName", "r")], list: "Tags", field: "Key") == ["team", "env"])
        try iam.call("UntagRole", ["RoleName": "r", "TagKeys.member.1": "TEAM"]).succeeded("untag")
        #expect(IAMFixture.members(iam.call("ListRoleTags", ["RoleName": "r"]), "Tags", field: "Key") == ["env"])
        iam.call(
            "TagRole",
            [
                "RoleName": "r", "Tags.member.1.Key": "a", "Tags.member.1.Value": "1",
                "Tags.member.2.Key": "A", "Tags.member.2.Value": "2",
            ]
        )
        .expectError(
            "InvalidInput", status: 400,
            message: "Duplicate tag keys found. Please note that Tag keys are case insensitive.")
    }

    @Test("PutRolePermissionsBoundary sets the boundary, DeleteRolePermissionsBoundary removes it")
    func boundary() throws {
        try iam.createRole("r")
        iam.call("PutRolePermissionsBoundary", ["RoleName": "r", "PermissionsBoundary": IAMFixture.readOnly])
            .expectSuccess("PutRolePermissionsBoundary")
        #expect(
            iam.call("GetRole", ["RoleName": "r"]).value("Role/PermissionsBoundary/PermissionsBoundaryArn")
                == IAMFixture.readOnly)
        #expect(
            iam.call("GetPolicy", ["PolicyArn": IAMFixture.readOnly]).value("Policy/PermissionsBoundaryUsageCount")
                == "1")
        iam.call("DeleteRolePermissionsBoundary", ["RoleName": "r"]).expectSuccess("DeleteRolePermissionsBoundary")
        let after = iam.call("GetRole", ["RoleName": "r"])
        after.expectSuccess("GetRole")
        #expect(after.value("Role/PermissionsBoundary") == nil)
    }

    // MARK: Inline policies

    @Test("PutRolePolicy stores the document; GetRolePolicy returns it URL-encoded; List and Delete")
    func inlinePolicies() throws {
        try iam.createRole("r")
        let document = IAMFixture.allow(["bedrock:InvokeModel", "s3:GetObject"])
        for name in ["zeta", "alpha"] {
            iam.call("PutRolePolicy", ["RoleName": "r", "PolicyName": name, "PolicyDocument": document])
                .expectSuccess("PutRolePolicy")
        }
        let got = iam.call("GetRolePolicy", ["RoleName": "r", "PolicyName": "alpha"])
        got.expectSuccess("GetRolePolicy")
        #expect(got.value("RoleName") == "r")
        #expect(got.value("PolicyName") == "alpha")
        #expect(got.value("PolicyDocument")?.removingPercentEncoding == document)
        let listed = iam.call("ListRolePolicies", ["RoleName": "r"])
        #expect(listed.values("member") == ["alpha", "zeta"])
        #expect(try iam.pages("ListRolePolicies", [("RoleName", "r")], list: "PolicyNames") == ["alpha", "zeta"])
        iam.call("DeleteRolePolicy", ["RoleName": "r", "PolicyName": "zeta"]).expectSuccess("DeleteRolePolicy")
        for action in ["GetRolePolicy", "DeleteRolePolicy"] {
            iam.call(action, ["RoleName": "r", "PolicyName": "zeta"])
                .expectError("NoSuchEntity", status: 404, message: "The role policy with name zeta cannot be found.")
        }
        iam.call("PutRolePolicy", ["RoleName": "nobody", "PolicyName": "p", "PolicyDocument": document])
            .expectError("NoSuchEntity", status: 404, message: "The role with name nobody cannot be found.")
        iam.call("PutRolePolicy", ["RoleName": "r", "PolicyName": "p", "PolicyDocument": IAMFixture.trust])
            .expectError("MalformedPolicyDocument", status: 400)
    }

    @Test("the inline quota is the sum of the role's documents, white space not counted")
    func inlineAggregateQuota() throws {
        try iam.createRole("r")
        let big = IAMFixture.sizedPolicy(6_000)
        try iam.call("PutRolePolicy", ["RoleName": "r", "PolicyName": "one", "PolicyDocument": big]).succeeded("first")
        // Replacing a document counts it once.
        try iam.call("PutRolePolicy", ["RoleName": "r", "PolicyName": "one", "PolicyDocument": big]).succeeded(
            "replace")
        iam.call("PutRolePolicy", ["RoleName": "r", "PolicyName": "two", "PolicyDocument": big])
            .expectError(
                "LimitExceeded", status: 409, message: "Maximum policy size of 10240 bytes exceeded for role r")
        #expect(iam.call("ListRolePolicies", ["RoleName": "r"]).values("member") == ["one"])
        let spaced = IAMFixture.sizedPolicy(4_000).replacingOccurrences(of: ",", with: ",    \n    ")
        try iam.call("PutRolePolicy", ["RoleName": "r", "PolicyName": "two", "PolicyDocument": spaced]).succeeded(
            "spaced")
    }

    // MARK: Attachments

    @Test("AttachRolePolicy, ListAttachedRolePolicies (path prefix, paging), DetachRolePolicy")
    func attachments() throws {
        try iam.createRole("r")
        let custom = try iam.createPolicy("Scoped", path: "/team/")
        for arn in [IAMFixture.readOnly, custom, IAMFixture.readOnly] {
            iam.call("AttachRolePolicy", ["RoleName": "r", "PolicyArn": arn]).expectSuccess("AttachRolePolicy")
        }
        let listed = iam.call("ListAttachedRolePolicies", ["RoleName": "r"])
        listed.expectSuccess("ListAttachedRolePolicies")
        #expect(IAMFixture.members(listed, "AttachedPolicies", field: "PolicyArn") == [IAMFixture.readOnly, custom])
        #expect(IAMFixture.members(listed, "AttachedPolicies", field: "PolicyName") == ["ReadOnlyAccess", "Scoped"])
        let team = iam.call("ListAttachedRolePolicies", ["RoleName": "r", "PathPrefix": "/team/"])
        #expect(IAMFixture.members(team, "AttachedPolicies", field: "PolicyName") == ["Scoped"])
        #expect(
            try iam.pages(
                "ListAttachedRolePolicies", [("RoleName", "r")], list: "AttachedPolicies",
                field: "PolicyName") == ["ReadOnlyAccess", "Scoped"])
        #expect(iam.call("GetPolicy", ["PolicyArn": custom]).value("Policy/AttachmentCount") == "1")

        let missing = "arn:aws:iam::111111111111:policy/Missing"
        iam.call("AttachRolePolicy", ["RoleName": "r", "PolicyArn": missing])
            .expectError("NoSuchEntity", status: 404, message: "Policy \(missing) does not exist or is not attachable.")
        iam.call("DetachRolePolicy", ["RoleName": "r", "PolicyArn": custom]).expectSuccess("DetachRolePolicy")
        iam.call("DetachRolePolicy", ["RoleName": "r", "PolicyArn": custom])
            .expectError("NoSuchEntity", status: 404, message: "Policy \(custom) was not found.")
        iam.call("AttachRolePolicy", ["RoleName": "nobody", "PolicyArn": custom])
            .expectError("NoSuchEntity", status: 404, message: "The role with name nobody cannot be found.")
    }

    // MARK: Authorization

    struct DeniedCase: Sendable, CustomTestStringConvertible {
        var action: String
        var parameters: [(String, String)]
        var resource: String
        var testDescription: String { action }
    }

    static let denied: [DeniedCase] = [
        DeniedCase(
            action: "CreateRole", parameters: [("RoleName", "x"), ("AssumeRolePolicyDocument", IAMFixture.trust)],
            resource: "arn:aws:iam::111111111111:role/x"),
        DeniedCase(action: "GetRole", parameters: [("RoleName", "existing")], resource: "role existing"),
        DeniedCase(action: "ListRoles", parameters: [], resource: "*"),
        DeniedCase(action: "DeleteRole", parameters: [("RoleName", "existing")], resource: "role existing"),
        DeniedCase(
            action: "AttachRolePolicy", parameters: [("RoleName", "existing"), ("PolicyArn", IAMFixture.readOnly)],
            resource: "role existing"),
        DeniedCase(
            action: "PutRolePolicy",
            parameters: [
                ("RoleName", "existing"), ("PolicyName", "p"), ("PolicyDocument", IAMFixture.allow(["s3:*"])),
            ],
            resource: "role existing"),
        DeniedCase(action: "ListRoleTags", parameters: [("RoleName", "existing")], resource: "role existing"),
    ]

    @Test("a user without policies is denied every role operation, naming the resource as AWS does", arguments: denied)
    func deniedWithoutPolicy(_ c: DeniedCase) throws {
        try iam.createRole("existing")
        iam.call(c.action, c.parameters, as: IAMFixture.intern).expectError(
            "AccessDenied", status: 403,
            message:
                "User: \(IAMFixture.internARN) is not authorized to perform: iam:\(c.action) on resource: \(c.resource)"
        )
    }

    @Test("a user allowed iam:GetRole on the role's ARN may read it")
    func allowedByPolicy() throws {
        try iam.createRole("existing", extra: ["Path": "/team/"])
        try iam.grantIntern(
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":"arn:aws:iam::111111111111:role/team/*"}]}"#
        )
        iam.call("GetRole", ["RoleName": "existing"], as: IAMFixture.intern).expectSuccess("GetRole")
        iam.call("ListRoles", as: IAMFixture.intern).expectError("AccessDenied", status: 403)
    }
}
