import PolicyEngine
import SigV4
import Testing

@testable import Emulator

/// IAM users and their policies through signed in-process requests: the response shapes boto3 parses, and
/// every error with AWS's code, status and message.
@Suite("IAM users and user policies")
struct IAMUserTests: IAMSuite {
    let endpoint = TestEndpoint()

    // MARK: Users

    @Test("CreateUser returns the user with an AIDA id, its path in the ARN, and its tags")
    func createUser() throws {
        let response = iam(
            "CreateUser",
            ["UserName": "alice", "Path": "/eng/", "Tags.member.1.Key": "team", "Tags.member.1.Value": "ml"])
        #expect(response.status == 200)
        #expect(response.value("CreateUserResult/User/UserName") == "alice")
        #expect(response.value("User/Path") == "/eng/")
        #expect(response.value("User/Arn") == "arn:aws:iam::111111111111:user/eng/alice")
        #expect(response.value("User/CreateDate") == TestEndpoint.epoch.iso8601())
        #expect(response.values("Key") == ["team"])
        let id = try #require(response.value("User/UserId"))
        #expect(id.hasPrefix("AIDA") && id.count == 21)
        #expect(id.dropFirst(4).allSatisfy { $0.isUppercase || $0.isNumber })
    }

    @Test("a user name is taken ignoring case")
    func duplicateUser() {
        iam("CreateUser", ["UserName": "alice"])
        let response = iam("CreateUser", ["UserName": "ALICE"])
        #expect(response.status == 409)
        #expect(response.errorCode == "EntityAlreadyExists")
        #expect(response.errorMessage == "User with name ALICE already exists.")
    }

    @Test("a user name outside [\\w+=,.@-] is a validation error")
    func invalidName() {
        let response = iam("CreateUser", ["UserName": "no spaces"])
        #expect(response.status == 400)
        #expect(response.errorCode == "ValidationError")
        #expect(
            response.errorMessage
                == #"1 validation error detected: Value 'no spaces' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+"#
        )
    }

    @Test(
        "operations on a missing user answer NoSuchEntity 404",
        arguments: [
            "GetUser", "DeleteUser", "ListUserPolicies", "ListUserTags", "ListAttachedUserPolicies", "ListAccessKeys",
        ])
    func missingUser(action: String) {
        let response = endpoint.call(.iam, action, [("UserName", "ghost")], as: Self.root)
        #expect(response.status == 404)
        #expect(response.errorCode == "NoSuchEntity")
        #expect(response.errorMessage == "The user with name ghost cannot be found.")
    }

    @Test("GetUser without UserName: the root answers as the root user, a user as itself")
    func getUserImplicit() throws {
        let rootAnswer = iam("GetUser")
        #expect(rootAnswer.value("User/UserId") == Self.account)
        #expect(rootAnswer.value("User/Arn") == "arn:aws:iam::111111111111:root")
        #expect(rootAnswer.value("User/UserName") == nil)

        let bob = try endpoint.createUser("bob", in: Self.account, allowing: ["iam:GetUser"])
        let bobAnswer = iam("GetUser", as: bob)
        #expect(bobAnswer.value("User/UserName") == "bob")
        #expect(bobAnswer.value("User/Arn") == "arn:aws:iam::111111111111:user/bob")
    }

    @Test("ListUsers sorts by name, filters by path prefix and pages with Marker")
    func listUsers() throws {
        for (name, path) in [("carol", "/ops/"), ("alice", "/eng/"), ("bob", "/eng/")] {
            try iam("CreateUser", ["UserName": name, "Path": path]).succeeded("CreateUser")
        }
        #expect(iam("ListUsers").values("UserName") == ["alice", "bob", "carol"])
        #expect(iam("ListUsers", ["PathPrefix": "/eng/"]).values("UserName") == ["alice", "bob"])

        let first = iam("ListUsers", ["MaxItems": "2"])
        #expect(first.values("UserName") == ["alice", "bob"])
        #expect(first.value("IsTruncated") == "true")
        let marker = try #require(first.value("Marker"))
        let second = iam("ListUsers", ["MaxItems": "2", "Marker": marker])
        #expect(second.values("UserName") == ["carol"])
        #expect(second.value("IsTruncated") == "false")
        // Listings leave tags out, as IAM's do.
        try iam("TagUser", ["UserName": "alice", "Tags.member.1.Key": "k", "Tags.member.1.Value": "v"]).succeeded(
            "TagUser")
        #expect(iam("ListUsers").values("Tags").isEmpty)
    }

    @Test("UpdateUser renames and moves a user; its access key follows it")
    func updateUser() throws {
        let key = try endpoint.createUser("alice", in: Self.account)
        let update = iam("UpdateUser", ["UserName": "alice", "NewUserName": "alicia", "NewPath": "/eng/"])
        #expect(update.status == 200)
        #expect(update.value("UpdateUserResult") == nil)
        #expect(iam("GetUser", ["UserName": "alice"]).status == 404)
        #expect(iam("GetUser", ["UserName": "alicia"]).value("User/Arn") == "arn:aws:iam::111111111111:user/eng/alicia")
        let identity = endpoint.call(.sts, "GetCallerIdentity", as: key)
        #expect(identity.value("Arn") == "arn:aws:iam::111111111111:user/eng/alicia")

        try iam("CreateUser", ["UserName": "bob"]).succeeded("CreateUser")
        let clash = iam("UpdateUser", ["UserName": "bob", "NewUserName": "Alicia"])
        #expect(clash.status == 409)
        #expect(clash.errorMessage == "User with name Alicia already exists.")
    }

    struct DeleteConflict: Sendable, CustomTestStringConvertible {
        var what: String
        var setUp: [(String, [(String, String)])]
        var message: String
        var testDescription: String { what }
    }

    static let conflicts = [
        DeleteConflict(
            what: "an access key", setUp: [("CreateAccessKey", [])],
            message: "Cannot delete entity, must delete access keys first."),
        DeleteConflict(
            what: "an inline policy",
            setUp: [("PutUserPolicy", [("PolicyName", "p"), ("PolicyDocument", ConnectorFlow.allowPolicy(["s3:*"]))])],
            message: "Cannot delete entity, must delete policies first."),
        DeleteConflict(
            what: "an attached policy", setUp: [("AttachUserPolicy", [("PolicyArn", ConnectorFlow.bedrockFullAccess)])],
            message: "Cannot delete entity, must detach all policies first."),
    ]

    @Test("DeleteUser refuses a user that still has", arguments: conflicts)
    func deleteConflict(_ conflict: DeleteConflict) throws {
        try iam("CreateUser", ["UserName": "alice"]).succeeded("CreateUser")
        for (action, parameters) in conflict.setUp {
            try endpoint.call(.iam, action, [("UserName", "alice")] + parameters, as: Self.root).succeeded(action)
        }
        let response = iam("DeleteUser", ["UserName": "alice"])
        #expect(response.status == 409)
        #expect(response.errorCode == "DeleteConflict")
        #expect(response.errorMessage == conflict.message)
    }

    @Test("DeleteUser removes a bare user")
    func deleteUser() throws {
        try iam("CreateUser", ["UserName": "alice"]).succeeded("CreateUser")
        let response = iam("DeleteUser", ["UserName": "alice"])
        #expect(response.status == 200)
        #expect(response.value("DeleteUserResult") == nil)
        #expect(iam("GetUser", ["UserName": "alice"]).status == 404)
    }

    @Test("tags are added, replaced ignoring case, listed and removed")
    func tags() throws {
        try iam("CreateUser", ["UserName": "alice"]).succeeded("CreateUser")
        try iam(
            "TagUser",
            [
                "UserName": "alice", "Tags.member.1.Key": "team", "Tags.member.1.Value": "ml",
                "Tags.member.2.Key": "env",
                "Tags.member.2.Value": "dev",
            ]
        ).succeeded("TagUser")
        try iam("TagUser", ["UserName": "alice", "Tags.member.1.Key": "TEAM", "Tags.member.1.Value": "ops"]).succeeded(
            "TagUser")
        let listed = iam("ListUserTags", ["UserName": "alice"])
        #expect(listed.values("Key") == ["TEAM", "env"])
        #expect(listed.values("Value") == ["ops", "dev"])
        try iam("UntagUser", ["UserName": "alice", "TagKeys.member.1": "team"]).succeeded("UntagUser")
        #expect(iam("ListUserTags", ["UserName": "alice"]).values("Key") == ["env"])
        #expect(iam("GetUser", ["UserName": "alice"]).values("Key") == ["env"])

        let duplicate = iam(
            "TagUser",
            [
                "UserName": "alice", "Tags.member.1.Key": "a", "Tags.member.1.Value": "1", "Tags.member.2.Key": "A",
                "Tags.member.2.Value": "2",
            ])
        #expect(duplicate.status == 400)
        #expect(duplicate.errorCode == "InvalidInput")
    }

    @Test("more than 50 tags on a user exceed the quota")
    func tagQuota() throws {
        try iam("CreateUser", ["UserName": "alice"]).succeeded("CreateUser")
        let batch = { (offset: Int) in
            (1...50).flatMap { i in
                [("Tags.member.\(i).Key", "k\(offset + i)"), ("Tags.member.\(i).Value", "v")]
            }
        }
        try endpoint.call(.iam, "TagUser", [("UserName", "alice")] + batch(0), as: Self.root).succeeded("TagUser")
        let response = endpoint.call(
            .iam, "TagUser", [("UserName", "alice")] + Array(batch(50).prefix(2)), as: Self.root)
        #expect(response.status == 409)
        #expect(response.errorCode == "LimitExceeded")
        #expect(response.errorMessage == "Cannot exceed quota for TagsPerUser: 50")
    }

    @Test("a permissions boundary is set, shown by GetUser, and removed")
    func permissionsBoundary() throws {
        let boundary = "arn:aws:iam::aws:policy/ReadOnlyAccess"
        try iam("CreateUser", ["UserName": "alice"]).succeeded("CreateUser")
        try iam("PutUserPermissionsBoundary", ["UserName": "alice", "PermissionsBoundary": boundary]).succeeded("Put")
        let user = iam("GetUser", ["UserName": "alice"])
        #expect(user.value("PermissionsBoundary/PermissionsBoundaryArn") == boundary)
        #expect(user.value("PermissionsBoundary/PermissionsBoundaryType") == "PermissionsBoundaryPolicy")
        try iam("DeleteUserPermissionsBoundary", ["UserName": "alice"]).succeeded("Delete")
        let after = try iam("GetUser", ["UserName": "alice"]).succeeded("GetUser")
        #expect(after.value("PermissionsBoundary") == nil)

        let missing = iam(
            "PutUserPermissionsBoundary",
            ["UserName": "alice", "PermissionsBoundary": "arn:aws:iam::111111111111:policy/Nope"])
        #expect(missing.status == 404)
        #expect(missing.errorCode == "NoSuchEntity")
    }

    // MARK: User policies

    @Test("an inline policy is stored, returned URL-encoded, listed and deleted")
    func inlinePolicy() throws {
        let document = ConnectorFlow.allowPolicy(["s3:GetObject"])
        try iam("CreateUser", ["UserName": "alice"]).succeeded("CreateUser")
        let put = iam("PutUserPolicy", ["UserName": "alice", "PolicyName": "read", "PolicyDocument": document])
        #expect(put.status == 200)
        #expect(put.value("PutUserPolicyResult") == nil)
        let got = iam("GetUserPolicy", ["UserName": "alice", "PolicyName": "read"])
        #expect(got.value("UserName") == "alice")
        #expect(got.value("PolicyName") == "read")
        #expect(got.value("PolicyDocument") == IAMDocuments.encoded(document))
        try iam("PutUserPolicy", ["UserName": "alice", "PolicyName": "another", "PolicyDocument": document]).succeeded(
            "Put")
        #expect(iam("ListUserPolicies", ["UserName": "alice"]).values("member") == ["another", "read"])
        try iam("DeleteUserPolicy", ["UserName": "alice", "PolicyName": "read"]).succeeded("Delete")
        let gone = iam("GetUserPolicy", ["UserName": "alice", "PolicyName": "read"])
        #expect(gone.status == 404)
        #expect(gone.errorMessage == "The user policy with name read cannot be found.")
        let deleteAgain = iam("DeleteUserPolicy", ["UserName": "alice", "PolicyName": "read"])
        #expect(deleteAgain.errorMessage == "The user policy with name read cannot be found.")
    }

    @Test("an inline policy IAM would refuse is MalformedPolicyDocument 400")
    func malformedInlinePolicy() throws {
        try iam("CreateUser", ["UserName": "alice"]).succeeded("CreateUser")
        let noResource = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}"#
        let response = iam("PutUserPolicy", ["UserName": "alice", "PolicyName": "p", "PolicyDocument": noResource])
        #expect(response.status == 400)
        #expect(response.errorCode == "MalformedPolicyDocument")
        #expect(response.errorMessage == "Policy statement must contain resources.")
    }

    @Test("a user's inline policies together stay within 2,048 characters")
    func inlineQuota() throws {
        try iam("CreateUser", ["UserName": "alice"]).succeeded("CreateUser")
        // Each document is about 1,100 non-white-space characters: one fits, two do not.
        let actions = (0..<60).map { "s3:GetObjectVersion\($0)" }
        let document = ConnectorFlow.allowPolicy(actions)
        let size = PolicyValidator.nonWhitespaceCount(document)
        #expect(size > 1_024 && size < 2_048)
        try iam("PutUserPolicy", ["UserName": "alice", "PolicyName": "one", "PolicyDocument": document]).succeeded(
            "Put")
        // Replacing the same policy counts it once.
        try iam("PutUserPolicy", ["UserName": "alice", "PolicyName": "one", "PolicyDocument": document]).succeeded(
            "Put")
        let response = iam("PutUserPolicy", ["UserName": "alice", "PolicyName": "two", "PolicyDocument": document])
        #expect(response.status == 409)
        #expect(response.errorCode == "LimitExceeded")
        #expect(response.errorMessage == "Maximum policy size of 2048 bytes exceeded for user alice")
    }

    @Test("managed policies are attached, listed and detached")
    func attachedPolicies() throws {
        let policy = ConnectorFlow.bedrockFullAccess
        try iam("CreateUser", ["UserName": "alice"]).succeeded("CreateUser")
        try iam("AttachUserPolicy", ["UserName": "alice", "PolicyArn": policy]).succeeded("Attach")
        let listed = iam("ListAttachedUserPolicies", ["UserName": "alice"])
        #expect(listed.values("PolicyName") == ["AmazonBedrockFullAccess"])
        #expect(listed.values("PolicyArn") == [policy])
        #expect(listed.value("IsTruncated") == "false")
        try iam("DetachUserPolicy", ["UserName": "alice", "PolicyArn": policy]).succeeded("Detach")
        #expect(iam("ListAttachedUserPolicies", ["UserName": "alice"]).values("PolicyArn").isEmpty)

        let notAttached = iam("DetachUserPolicy", ["UserName": "alice", "PolicyArn": policy])
        #expect(notAttached.status == 404)
        #expect(notAttached.errorMessage == "Policy \(policy) was not found.")
        let missing = iam(
            "AttachUserPolicy", ["UserName": "alice", "PolicyArn": "arn:aws:iam::aws:policy/NoSuchPolicy"])
        #expect(missing.status == 404)
        #expect(
            missing.errorMessage == "Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable.")
    }

    // MARK: Authorization

    @Test("a user allowed iam:ListUsers can list users but not create one")
    func userPermissions() throws {
        let viewer = try endpoint.createUser("viewer", in: Self.account, allowing: ["iam:ListUsers"])
        #expect(iam("ListUsers", as: viewer).values("UserName") == ["viewer"])
        let denied = iam("CreateUser", ["UserName": "mallory"], as: viewer)
        #expect(denied.status == 403)
        #expect(denied.errorCode == "AccessDenied")
        #expect(
            denied.errorMessage
                == "User: arn:aws:iam::111111111111:user/viewer is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::111111111111:user/mallory"
        )
        #expect(iam("GetUser", ["UserName": "mallory"]).status == 404)
    }

    @Test("an attached managed policy grants as an inline one does")
    func attachedPolicyGrants() throws {
        let reader = try endpoint.createUser("reader", in: Self.account)
        try iam("AttachUserPolicy", ["UserName": "reader", "PolicyArn": "arn:aws:iam::aws:policy/IAMReadOnlyAccess"])
            .succeeded("Attach")
        #expect(iam("GetUser", ["UserName": "reader"], as: reader).status == 200)
        #expect(iam("DeleteUser", ["UserName": "reader"], as: reader).status == 403)
    }
}
