import Foundation
import SigV4
import Testing

@testable import Emulator

/// Customer managed policies, their versions, and AWS managed policies as an account sees them.
@Suite("IAM managed policies")
struct IAMManagedPolicyTests {
    let iam = IAMFixture()
    static let document = IAMFixture.allow(["s3:GetObject"])

    // MARK: CreatePolicy, GetPolicy

    @Test("CreatePolicy answers with the policy: ANPA ID, ARN with path, v1 default, no attachments")
    func createPolicyShape() throws {
        let response = iam.call(
            "CreatePolicy",
            [
                "PolicyName": "Scoped", "Path": "/team/", "PolicyDocument": Self.document, "Description": "team access",
                "Tags.member.1.Key": "owner", "Tags.member.1.Value": "ml",
            ])
        response.expectSuccess("CreatePolicy")
        #expect(response.value("Policy/PolicyName") == "Scoped")
        #expect(response.value("Policy/Arn") == "arn:aws:iam::111111111111:policy/team/Scoped")
        #expect(response.value("Policy/Path") == "/team/")
        #expect(response.value("Policy/DefaultVersionId") == "v1")
        #expect(response.value("Policy/AttachmentCount") == "0")
        #expect(response.value("Policy/PermissionsBoundaryUsageCount") == "0")
        #expect(response.value("Policy/IsAttachable") == "true")
        #expect(response.value("Policy/Description") == "team access")
        #expect(response.value("Policy/CreateDate") == "2025-01-15T12:00:00Z")
        #expect(response.value("Policy/UpdateDate") == "2025-01-15T12:00:00Z")
        #expect(response.value("Policy/Tags/member/Key") == "owner")
        let id = try #require(response.value("Policy/PolicyId"))
        #expect(id.count == 21 && id.hasPrefix("ANPA"))
    }

    @Test("policy names are unique in the account, ignoring case and path")
    func duplicatePolicy() throws {
        _ = try iam.createPolicy("Scoped")
        iam.call("CreatePolicy", ["PolicyName": "scoped", "Path": "/other/", "PolicyDocument": Self.document])
            .expectError(
                "EntityAlreadyExists", status: 409,
                message: "A policy called scoped already exists. Duplicate names are not allowed.")
    }

    @Test("CreatePolicy validates the path, the name and the document")
    func createPolicyValidation() {
        iam.call("CreatePolicy", ["PolicyName": "p", "Path": "/bad path/", "PolicyDocument": Self.document])
            .expectError(
                "ValidationError", status: 400,
                message:
                    #"1 validation error detected: Value '/bad path/' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: ((/[A-Za-z0-9\.,\+@=_-]+)*)/"#
            )
        let long = String(repeating: "p", count: 129)
        iam.call("CreatePolicy", ["PolicyName": long, "PolicyDocument": Self.document])
            .expectError(
                "ValidationError", status: 400,
                message:
                    "1 validation error detected: Value '\(long)' at 'policyName' failed to satisfy constraint: Member must have length less than or equal to 128"
            )
        iam.call("CreatePolicy", ["PolicyName": "p", "PolicyDocument": IAMFixture.trust])
            .expectError("MalformedPolicyDocument", status: 400)
    }

    @Test("GetPolicy counts the account's attachments and boundary uses")
    func getPolicyCounts() throws {
        let arn = try iam.createPolicy("Scoped")
        try iam.createRole("a", extra: ["PermissionsBoundary": arn])
        try iam.createRole("b")
        try iam.call("AttachRolePolicy", ["RoleName": "b", "PolicyArn": arn]).succeeded("attach")
        let response = iam.call("GetPolicy", ["PolicyArn": arn])
        response.expectSuccess("GetPolicy")
        #expect(response.value("Policy/AttachmentCount") == "1")
        #expect(response.value("Policy/PermissionsBoundaryUsageCount") == "1")
    }

    @Test("an AWS managed policy is visible to every account, with that account's attachment count")
    func awsManagedPolicy() throws {
        try iam.createRole("r")
        try iam.call("AttachRolePolicy", ["RoleName": "r", "PolicyArn": IAMFixture.readOnly]).succeeded("attach")
        let catalog = try #require(AWSManagedPolicyCatalog.policy(arn: IAMFixture.readOnly))
        let own = iam.call("GetPolicy", ["PolicyArn": IAMFixture.readOnly])
        own.expectSuccess("GetPolicy")
        #expect(own.value("Policy/AttachmentCount") == "1")
        #expect(own.value("Policy/PolicyId") == catalog.policyID)
        #expect(own.value("Policy/DefaultVersionId") == catalog.defaultVersionID)
        #expect(own.value("Policy/Description") == catalog.description)
        let other = iam.endpoint.call(.iam, "GetPolicy", ["PolicyArn": IAMFixture.readOnly], as: .root("222222222222"))
        #expect(other.value("Policy/AttachmentCount") == "0")

        let version = iam.call(
            "GetPolicyVersion", ["PolicyArn": IAMFixture.readOnly, "VersionId": catalog.defaultVersionID])
        version.expectSuccess("GetPolicyVersion")
        #expect(version.value("PolicyVersion/Document")?.removingPercentEncoding == catalog.document)
        #expect(version.value("PolicyVersion/IsDefaultVersion") == "true")
    }

    @Test("GetPolicy of a missing policy is NoSuchEntity; of a malformed ARN, InvalidInput")
    func getPolicyErrors() {
        let missing = "arn:aws:iam::111111111111:policy/Missing"
        iam.call("GetPolicy", ["PolicyArn": missing])
            .expectError("NoSuchEntity", status: 404, message: "Policy \(missing) was not found.")
        iam.call("GetPolicy", ["PolicyArn": "arn:aws:s3:::bucket/not-a-policy"])
            .expectError("InvalidInput", status: 400, message: "ARN arn:aws:s3:::bucket/not-a-policy is not valid.")
    }

    // MARK: ListPolicies

    @Test("ListPolicies by scope, attachment, path prefix, and paged")
    func listPolicies() throws {
        let scoped = try iam.createPolicy("Scoped", path: "/team/")
        _ = try iam.createPolicy("alpha")
        try iam.createRole("r")
        try iam.call("AttachRolePolicy", ["RoleName": "r", "PolicyArn": scoped]).succeeded("attach")
        let awsNames = AWSManagedPolicyCatalog.all.map(\.name)

        let local = iam.call("ListPolicies", ["Scope": "Local"])
        local.expectSuccess("ListPolicies")
        #expect(IAMFixture.members(local, "Policies", field: "PolicyName") == ["alpha", "Scoped"])
        #expect(local.values("Description").isEmpty && local.values("Tags").isEmpty)
        let aws = iam.call("ListPolicies", ["Scope": "AWS"])
        #expect(IAMFixture.members(aws, "Policies", field: "PolicyName") == awsNames)
        let all = IAMFixture.members(iam.call("ListPolicies"), "Policies", field: "PolicyName")
        #expect(all == (awsNames + ["alpha", "Scoped"]).sorted { $0.lowercased() < $1.lowercased() })
        let attached = iam.call("ListPolicies", ["OnlyAttached": "true"])
        #expect(IAMFixture.members(attached, "Policies", field: "PolicyName") == ["Scoped"])
        let team = iam.call("ListPolicies", ["PathPrefix": "/team/"])
        #expect(IAMFixture.members(team, "Policies", field: "Arn") == [scoped])
        #expect(
            try iam.pages("ListPolicies", [("Scope", "Local")], list: "Policies", field: "PolicyName") == [
                "alpha", "Scoped",
            ])
        iam.call("ListPolicies", ["Scope": "Mine"]).expectError(
            "ValidationError", status: 400,
            message:
                "1 validation error detected: Value 'Mine' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]"
        )
    }

    // MARK: Versions

    @Test("CreatePolicyVersion numbers versions, sets the default on request, and stops at five")
    func versions() throws {
        let arn = try iam.createPolicy("Scoped")
        let v2 = iam.call(
            "CreatePolicyVersion", ["PolicyArn": arn, "PolicyDocument": IAMFixture.allow(["s3:PutObject"])])
        v2.expectSuccess("CreatePolicyVersion")
        #expect(v2.value("PolicyVersion/VersionId") == "v2")
        #expect(v2.value("PolicyVersion/IsDefaultVersion") == "false")
        #expect(v2.value("PolicyVersion/Document") == nil)
        let v3Document = IAMFixture.allow(["s3:ListBucket"])
        let v3 = iam.call(
            "CreatePolicyVersion", ["PolicyArn": arn, "PolicyDocument": v3Document, "SetAsDefault": "true"])
        #expect(v3.value("PolicyVersion/IsDefaultVersion") == "true")
        #expect(iam.call("GetPolicy", ["PolicyArn": arn]).value("Policy/DefaultVersionId") == "v3")

        let got = iam.call("GetPolicyVersion", ["PolicyArn": arn, "VersionId": "v3"])
        got.expectSuccess("GetPolicyVersion")
        #expect(got.value("PolicyVersion/Document")?.removingPercentEncoding == v3Document)
        #expect(
            iam.call("GetPolicyVersion", ["PolicyArn": arn, "VersionId": "v1"]).value("PolicyVersion/Document")?
                .removingPercentEncoding == Self.document)

        for _ in 0..<2 {
            try iam.call("CreatePolicyVersion", ["PolicyArn": arn, "PolicyDocument": Self.document]).succeeded(
                "version")
        }
        iam.call("CreatePolicyVersion", ["PolicyArn": arn, "PolicyDocument": Self.document]).expectError(
            "LimitExceeded", status: 409,
            message:
                "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version."
        )

        let listed = iam.call("ListPolicyVersions", ["PolicyArn": arn])
        listed.expectSuccess("ListPolicyVersions")
        #expect(IAMFixture.members(listed, "Versions", field: "VersionId") == ["v5", "v4", "v3", "v2", "v1"])
        #expect(
            IAMFixture.members(listed, "Versions", field: "IsDefaultVersion") == [
                "false", "false", "true", "false", "false",
            ])
        #expect(listed.values("Document").isEmpty)
        #expect(
            try iam.pages("ListPolicyVersions", [("PolicyArn", arn)], list: "Versions", field: "VersionId").count == 5)
    }

    @Test("DeletePolicyVersion spares the default; SetDefaultPolicyVersion switches it; numbers are not reused")
    func deleteAndSetDefault() throws {
        let arn = try iam.createPolicy("Scoped")
        try iam.call("CreatePolicyVersion", ["PolicyArn": arn, "PolicyDocument": Self.document]).succeeded("v2")
        iam.call("DeletePolicyVersion", ["PolicyArn": arn, "VersionId": "v1"])
            .expectError("DeleteConflict", status: 409, message: "Cannot delete the default version of a policy.")
        iam.call("SetDefaultPolicyVersion", ["PolicyArn": arn, "VersionId": "v2"]).expectSuccess(
            "SetDefaultPolicyVersion")
        iam.call("DeletePolicyVersion", ["PolicyArn": arn, "VersionId": "v1"]).expectSuccess("DeletePolicyVersion")
        let v3 = iam.call("CreatePolicyVersion", ["PolicyArn": arn, "PolicyDocument": Self.document])
        #expect(v3.value("PolicyVersion/VersionId") == "v3")
        let gone = "Policy \(arn) version v1 does not exist or is not attachable."
        for action in ["GetPolicyVersion", "DeletePolicyVersion", "SetDefaultPolicyVersion"] {
            iam.call(action, ["PolicyArn": arn, "VersionId": "v1"]).expectError(
                "NoSuchEntity", status: 404, message: gone)
        }
        iam.call("GetPolicyVersion", ["PolicyArn": arn, "VersionId": "1"]).expectError(
            "ValidationError", status: 400,
            message:
                #"1 validation error detected: Value '1' at 'versionId' failed to satisfy constraint: Member must satisfy regular expression pattern: v[1-9][0-9]*(\.[A-Za-z0-9-]*)?"#
        )
    }

    @Test("attachments evaluate the default version")
    func defaultVersionGoverns() throws {
        let arn = try iam.createPolicy("Lister", document: IAMFixture.allow(["iam:ListRoles"]))
        iam.endpoint.emulator.withState { state in
            state.withAccount(IAMFixture.account) { $0.users["intern"]?.attachedPolicyARNs = [arn] }
        }
        iam.call("ListRoles", as: IAMFixture.intern).expectSuccess("ListRoles")
        try iam.call(
            "CreatePolicyVersion",
            ["PolicyArn": arn, "PolicyDocument": IAMFixture.allow(["iam:GetRole"]), "SetAsDefault": "true"]
        ).succeeded("v2")
        iam.call("ListRoles", as: IAMFixture.intern).expectError("AccessDenied", status: 403)
    }

    // MARK: DeletePolicy

    @Test("DeletePolicy is refused while the policy is attached or a boundary")
    func deletePolicy() throws {
        let arn = try iam.createPolicy("Scoped")
        try iam.createRole("r")
        try iam.call("AttachRolePolicy", ["RoleName": "r", "PolicyArn": arn]).succeeded("attach")
        let conflict = "Cannot delete a policy attached to entities."
        iam.call("DeletePolicy", ["PolicyArn": arn]).expectError("DeleteConflict", status: 409, message: conflict)
        try iam.call("DetachRolePolicy", ["RoleName": "r", "PolicyArn": arn]).succeeded("detach")
        try iam.call("PutRolePermissionsBoundary", ["RoleName": "r", "PermissionsBoundary": arn]).succeeded("boundary")
        iam.call("DeletePolicy", ["PolicyArn": arn]).expectError("DeleteConflict", status: 409, message: conflict)
        try iam.call("DeleteRolePermissionsBoundary", ["RoleName": "r"]).succeeded("unbound")
        iam.call("DeletePolicy", ["PolicyArn": arn]).expectSuccess("DeletePolicy")
        iam.call("GetPolicy", ["PolicyArn": arn]).expectError("NoSuchEntity", status: 404)
    }

    // MARK: Tags

    @Test("TagPolicy, UntagPolicy and ListPolicyTags")
    func policyTags() throws {
        let arn = try iam.createPolicy("Scoped")
        iam.call(
            "TagPolicy",
            [
                "PolicyArn": arn, "Tags.member.1.Key": "a", "Tags.member.1.Value": "1",
                "Tags.member.2.Key": "b", "Tags.member.2.Value": "2",
            ]
        ).expectSuccess("TagPolicy")
        #expect(try iam.pages("ListPolicyTags", [("PolicyArn", arn)], list: "Tags", field: "Key") == ["a", "b"])
        iam.call("UntagPolicy", ["PolicyArn": arn, "TagKeys.member.1": "a"]).expectSuccess("UntagPolicy")
        #expect(IAMFixture.members(iam.call("ListPolicyTags", ["PolicyArn": arn]), "Tags", field: "Key") == ["b"])
        #expect(iam.call("GetPolicy", ["PolicyArn": arn]).value("Policy/Tags/member/Key") == "b")
    }

    // MARK: Authorization

    static let awsChanges: [(String, [(String, String)])] = [
        ("DeletePolicy", []),
        ("CreatePolicyVersion", [("PolicyDocument", document)]),
        ("DeletePolicyVersion", [("VersionId", "v1")]),
        ("SetDefaultPolicyVersion", [("VersionId", "v1")]),
        ("TagPolicy", [("Tags.member.1.Key", "a"), ("Tags.member.1.Value", "b")]),
    ]

    @Test("nobody, not even root, may change an AWS managed policy", arguments: awsChanges.map(\.0))
    func awsManagedIsUnmodifiable(_ action: String) {
        let extra = Self.awsChanges.first { $0.0 == action }?.1 ?? []
        iam.call(action, [("PolicyArn", IAMFixture.readOnly)] + extra).expectError(
            "AccessDenied", status: 403,
            message:
                "User: arn:aws:iam::111111111111:root is not authorized to perform: iam:\(action) on resource: policy \(IAMFixture.readOnly)"
        )
    }

    @Test("a user without policies is denied, the policy named as AWS names it")
    func deniedWithoutPolicy() throws {
        let arn = try iam.createPolicy("Scoped")
        let prefix = "User: \(IAMFixture.internARN) is not authorized to perform: "
        iam.call("GetPolicy", ["PolicyArn": arn], as: IAMFixture.intern)
            .expectError("AccessDenied", status: 403, message: prefix + "iam:GetPolicy on resource: policy \(arn)")
        iam.call("ListPolicies", as: IAMFixture.intern)
            .expectError("AccessDenied", status: 403, message: prefix + "iam:ListPolicies on resource: *")
        iam.call("CreatePolicy", ["PolicyName": "x", "PolicyDocument": Self.document], as: IAMFixture.intern)
            .expectError(
                "AccessDenied", status: 403,
                message: prefix + "iam:CreatePolicy on resource: arn:aws:iam::111111111111:policy/x")
        iam.call("GetPolicyVersion", ["PolicyArn": arn, "VersionId": "v1"], as: IAMFixture.intern)
            .expectError(
                "AccessDenied", status: 403, message: prefix + "iam:GetPolicyVersion on resource: policy \(arn)")
    }

    @Test("another account's customer managed policy cannot be read")
    func otherAccountsPolicy() throws {
        let arn = try iam.createPolicy("Scoped")
        let response = iam.endpoint.call(.iam, "GetPolicy", ["PolicyArn": arn], as: .root("222222222222"))
        response.expectError("AccessDenied", status: 403)
    }
}
