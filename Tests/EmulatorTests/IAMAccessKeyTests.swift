import SigV4
import Testing

@testable import Emulator

/// IAM users' long-term access keys: created keys authenticate as their user, stop when made inactive or
/// deleted, and the quota and error answers are AWS's.
@Suite("IAM access keys")
struct IAMAccessKeyTests: IAMSuite {
    let endpoint = TestEndpoint()

    /// Creates `alice` and one key for her.
    func aliceWithKey() throws -> (userID: String, key: Credentials) {
        let user = try iam("CreateUser", ["UserName": "alice"]).succeeded("CreateUser")
        let created = try iam("CreateAccessKey", ["UserName": "alice"]).succeeded("CreateAccessKey")
        let id = try #require(created.value("AccessKey/AccessKeyId"))
        let secret = try #require(created.value("AccessKey/SecretAccessKey"))
        return (try #require(user.value("User/UserId")), Credentials(accessKeyID: id, secretAccessKey: secret))
    }

    func callerIdentity(_ credentials: Credentials) -> TestResponse {
        endpoint.call(.sts, "GetCallerIdentity", as: credentials)
    }

    @Test("CreateAccessKey returns an active AKIA key with a 40-character secret")
    func createShape() throws {
        try iam("CreateUser", ["UserName": "alice"]).succeeded("CreateUser")
        let response = iam("CreateAccessKey", ["UserName": "alice"])
        #expect(response.status == 200)
        #expect(response.value("AccessKey/UserName") == "alice")
        #expect(response.value("AccessKey/Status") == "Active")
        #expect(response.value("AccessKey/CreateDate") == TestEndpoint.epoch.iso8601())
        let id = try #require(response.value("AccessKey/AccessKeyId"))
        #expect(id.hasPrefix("AKIA") && id.count == 20)
        #expect(id.dropFirst(4).allSatisfy { "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".contains($0) })
        let secret = try #require(response.value("AccessKey/SecretAccessKey"))
        #expect(secret.count == 40)
        #expect(endpoint.emulator.state.accessKeys[id]?.userName == "alice")
    }

    @Test("a user's key authenticates as that user")
    func keyAuthenticates() throws {
        let (userID, key) = try aliceWithKey()
        let identity = callerIdentity(key)
        #expect(identity.status == 200)
        #expect(identity.value("Arn") == "arn:aws:iam::111111111111:user/alice")
        #expect(identity.value("UserId") == userID)
        #expect(identity.value("Account") == Self.account)
    }

    @Test("an inactive key is refused until it is activated again")
    func inactiveKey() throws {
        let (_, key) = try aliceWithKey()
        let update = iam(
            "UpdateAccessKey", ["UserName": "alice", "AccessKeyId": key.accessKeyID, "Status": "Inactive"])
        #expect(update.status == 200)
        #expect(iam("ListAccessKeys", ["UserName": "alice"]).value("Status") == "Inactive")
        let refused = callerIdentity(key)
        #expect(refused.status == 403)
        #expect(refused.errorCode == "InvalidClientTokenId")
        #expect(refused.errorMessage == "The security token included in the request is invalid.")
        try iam("UpdateAccessKey", ["UserName": "alice", "AccessKeyId": key.accessKeyID, "Status": "Active"]).succeeded(
            "Update")
        #expect(callerIdentity(key).status == 200)
    }

    @Test("a deleted key is refused and no longer listed")
    func deletedKey() throws {
        let (_, key) = try aliceWithKey()
        let delete = iam("DeleteAccessKey", ["UserName": "alice", "AccessKeyId": key.accessKeyID])
        #expect(delete.status == 200)
        #expect(delete.value("DeleteAccessKeyResult") == nil)
        #expect(callerIdentity(key).errorCode == "InvalidClientTokenId")
        #expect(iam("ListAccessKeys", ["UserName": "alice"]).values("AccessKeyId").isEmpty)
        // With no key left the user can be deleted.
        #expect(iam("DeleteUser", ["UserName": "alice"]).status == 200)
    }

    @Test("a user holds at most two keys")
    func quota() throws {
        let (_, first) = try aliceWithKey()
        let second = try iam("CreateAccessKey", ["UserName": "alice"]).succeeded("second key")
        let third = iam("CreateAccessKey", ["UserName": "alice"])
        #expect(third.status == 409)
        #expect(third.errorCode == "LimitExceeded")
        #expect(third.errorMessage == "Cannot exceed quota for AccessKeysPerUser: 2")
        let listed = iam("ListAccessKeys", ["UserName": "alice"])
        #expect(listed.values("AccessKeyId") == [first.accessKeyID, try #require(second.value("AccessKeyId"))])
        #expect(listed.values("UserName") == ["alice", "alice"])
        #expect(listed.values("SecretAccessKey").isEmpty)
        #expect(listed.value("IsTruncated") == "false")
    }

    @Test("without UserName a user manages its own keys")
    func implicitUser() throws {
        let key = try endpoint.createUser(
            "bob", in: Self.account, allowing: ["iam:ListAccessKeys", "iam:CreateAccessKey", "iam:UpdateAccessKey"])
        let created = iam("CreateAccessKey", as: key)
        #expect(created.value("AccessKey/UserName") == "bob")
        #expect(iam("ListAccessKeys", as: key).values("UserName") == ["bob", "bob"])
        let update = iam("UpdateAccessKey", ["AccessKeyId": key.accessKeyID, "Status": "Inactive"], as: key)
        #expect(update.status == 200)
        #expect(callerIdentity(key).status == 403)
    }

    @Test("the root user has no stored keys: it lists none and may not create one")
    func rootKeys() {
        let listed = iam("ListAccessKeys")
        #expect(listed.status == 200)
        #expect(listed.values("AccessKeyId").isEmpty)
        let created = iam("CreateAccessKey")
        #expect(created.status == 400)
        #expect(created.errorCode == "InvalidInput")
    }

    @Test(
        "an unknown key is NoSuchEntity 404", arguments: ["UpdateAccessKey", "DeleteAccessKey", "GetAccessKeyLastUsed"])
    func unknownKey(action: String) throws {
        try iam("CreateUser", ["UserName": "alice"]).succeeded("CreateUser")
        var parameters = [("AccessKeyId", "AKIAAAAAAAAAAAAAAAAA")]
        if action != "GetAccessKeyLastUsed" { parameters.append(("UserName", "alice")) }
        if action == "UpdateAccessKey" { parameters.append(("Status", "Inactive")) }
        let response = endpoint.call(.iam, action, parameters, as: Self.root)
        #expect(response.status == 404)
        #expect(response.errorCode == "NoSuchEntity")
        #expect(response.errorMessage == "The Access Key with id AKIAAAAAAAAAAAAAAAAA cannot be found.")
    }

    @Test("another user's key is not found under this user")
    func wrongOwner() throws {
        let (_, key) = try aliceWithKey()
        try iam("CreateUser", ["UserName": "bob"]).succeeded("CreateUser")
        let response = iam("DeleteAccessKey", ["UserName": "bob", "AccessKeyId": key.accessKeyID])
        #expect(response.status == 404)
        #expect(callerIdentity(key).status == 200)
    }

    @Test("a status outside the model's enum is a validation error")
    func invalidStatus() throws {
        let (_, key) = try aliceWithKey()
        let response = iam(
            "UpdateAccessKey", ["UserName": "alice", "AccessKeyId": key.accessKeyID, "Status": "Paused"])
        #expect(response.status == 400)
        #expect(response.errorCode == "ValidationError")
        #expect(
            response.errorMessage
                == "1 validation error detected: Value 'Paused' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]"
        )
    }

    @Test("CreateAccessKey for a missing user is NoSuchEntity")
    func missingUser() {
        let response = iam("CreateAccessKey", ["UserName": "ghost"])
        #expect(response.status == 404)
        #expect(response.errorMessage == "The user with name ghost cannot be found.")
    }

    @Test("GetAccessKeyLastUsed names the owner and reports an unused key as N/A")
    func lastUsed() throws {
        let (_, key) = try aliceWithKey()
        let response = iam("GetAccessKeyLastUsed", ["AccessKeyId": key.accessKeyID])
        #expect(response.status == 200)
        #expect(response.value("GetAccessKeyLastUsedResult/UserName") == "alice")
        #expect(response.value("AccessKeyLastUsed/ServiceName") == "N/A")
        #expect(response.value("AccessKeyLastUsed/Region") == "N/A")
        #expect(response.value("AccessKeyLastUsed/LastUsedDate") == nil)
    }

    @Test("a key of another account is not found")
    func otherAccount() throws {
        let (_, key) = try aliceWithKey()
        let response = endpoint.call(
            .iam, "GetAccessKeyLastUsed", ["AccessKeyId": key.accessKeyID], as: .root("222222222222"))
        #expect(response.status == 404)
    }
}
