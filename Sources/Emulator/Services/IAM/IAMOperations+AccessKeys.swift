import AWSWire
import PolicyEngine
import SigV4

/// Long-term access keys of IAM users. A key is stored twice over: in `EmulatorState.accessKeys` (where
/// authentication looks it up by ID) and in its user's `accessKeyIDs` (which DeleteUser and ListAccessKeys
/// read). An inactive key stays listed but no longer authenticates (`InvalidClientTokenId`).
///
/// Without `UserName` these operations act on the caller. For the account root AWS would manage root access
/// keys; Roleplay's root signs with its account ID and `test` and has no stored keys, so root lists none and
/// CreateAccessKey without `UserName` as root is refused with `InvalidInput` saying so.
extension IAMOperations {
    static let accessKeyOperations: [Operation] = [
        createAccessKey, listAccessKeys, updateAccessKey, deleteAccessKey, getAccessKeyLastUsed,
    ]

    /// IAM's `AccessKeysPerUser` quota.
    static let maxAccessKeys = 2

    /// CreateAccessKey: a new active `AKIA…` key and its 40-character secret, returned this once.
    static let createAccessKey = Operation.query(
        "CreateAccessKey",
        decode: { (input: QueryInput) throws(AWSError) in
            input.userNameOrCaller()
        },
        authorize: { name, state, environment throws(AWSError) in
            [try keyOwnerCheck("iam:CreateAccessKey", name, state, environment)]
        },
        execute: { name, state, environment throws(AWSError) in
            guard let owner = try targetUserName(name, environment.identity) else {
                throw .invalidInput(
                    "Roleplay does not create access keys for the root user: the root of account "
                        + "\(environment.identity.account) signs with access key ID \(environment.identity.account) "
                        + "and secret access key test.")
            }
            let user = try User.existing(owner, state, environment)
            guard user.accessKeyIDs.count < maxAccessKeys else {
                throw .limitExceeded("Cannot exceed quota for AccessKeysPerUser: \(maxAccessKeys)")
            }
            let key = AccessKey(
                id: environment.ids.identifier(prefix: "AKIA", length: 20, alphabet: .base32),
                secret: environment.ids.secretAccessKey(), account: user.account, userName: user.name,
                status: .active, createDate: environment.now)
            state.accessKeys[key.id] = key
            try User.updating(user.name, &state, environment) { (user: inout User) throws(AWSError) in
                user.accessKeyIDs.append(key.id)
            }
            return .members { w in w.accessKey(key) }
        })

    /// ListAccessKeys: the user's keys, oldest first, without their secrets.
    static let listAccessKeys = Operation.query(
        "ListAccessKeys",
        decode: { (input: QueryInput) throws(AWSError) in
            (name: input.userNameOrCaller(), paging: input.paging())
        },
        authorize: { input, state, environment throws(AWSError) in
            [try keyOwnerCheck("iam:ListAccessKeys", input.name, state, environment)]
        },
        execute: { input, state, environment throws(AWSError) in
            let keys = try ownedKeys(input.name, state, environment)
            let page = try IAMPage(keys, marker: input.paging.marker, maxItems: input.paging.maxItems)
            return .members { w in
                w.element("AccessKeyMetadata") { w in
                    for key in page.items { w.accessKeyMetadata(key) }
                }
                page.writeTruncation(to: &w)
            }
        })

    struct UpdateAccessKeyInput: Sendable {
        var userName: String?
        var accessKeyID: String
        var status: AccessKey.Status?
    }

    /// UpdateAccessKey: activates or deactivates a key. `Expired` is in the model's enum but is not a state a
    /// caller can set.
    static let updateAccessKey = Operation.query(
        "UpdateAccessKey",
        decode: { (input: QueryInput) throws(AWSError) in
            let name = input.userNameOrCaller()
            let id = input.required("AccessKeyId", min: 16, max: 128, pattern: .word)
            let text = input.required("Status")
            if !text.isEmpty, !["Active", "Inactive", "Expired"].contains(text) {
                input.violation(
                    "Value '\(text)' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]"
                )
            }
            return UpdateAccessKeyInput(userName: name, accessKeyID: id, status: AccessKey.Status(rawValue: text))
        },
        authorize: { input, state, environment throws(AWSError) in
            [try keyOwnerCheck("iam:UpdateAccessKey", input.userName, state, environment)]
        },
        execute: { input, state, environment throws(AWSError) in
            guard let status = input.status else {
                throw .invalidInput("The status of an access key can only be set to Active or Inactive.")
            }
            let key = try ownedKey(input.accessKeyID, of: input.userName, state, environment)
            state.accessKeys[key.id]?.status = status
            return .none
        })

    /// DeleteAccessKey: the key stops authenticating at once.
    static let deleteAccessKey = Operation.query(
        "DeleteAccessKey",
        decode: { (input: QueryInput) throws(AWSError) in
            (
                name: input.userNameOrCaller(),
                id: input.required("AccessKeyId", min: 16, max: 128, pattern: .word)
            )
        },
        authorize: { input, state, environment throws(AWSError) in
            [try keyOwnerCheck("iam:DeleteAccessKey", input.name, state, environment)]
        },
        execute: { input, state, environment throws(AWSError) in
            let key = try ownedKey(input.id, of: input.name, state, environment)
            state.accessKeys[key.id] = nil
            try User.updating(key.userName, &state, environment) { (user: inout User) throws(AWSError) in
                user.accessKeyIDs.removeAll { $0 == key.id }
            }
            return .none
        })

    /// GetAccessKeyLastUsed: whose key it is. Roleplay does not track key use, so it always answers as AWS
    /// does for a key never used: `Region` and `ServiceName` `N/A`, no `LastUsedDate`.
    static let getAccessKeyLastUsed = Operation.query(
        "GetAccessKeyLastUsed",
        decode: { (input: QueryInput) throws(AWSError) in
            input.required("AccessKeyId", min: 16, max: 128, pattern: .word)
        },
        authorize: { id, state, environment throws(AWSError) in
            let key = state.accessKeys[id].flatMap { $0.account == environment.identity.account ? $0 : nil }
            return [
                IAMResources.check(
                    "iam:GetAccessKeyLastUsed", key.map { userARN($0.userName, state, environment) } ?? "*")
            ]
        },
        execute: { id, state, environment throws(AWSError) in
            guard let key = state.accessKeys[id], key.account == environment.identity.account else {
                throw accessKeyNotFound(id)
            }
            return .members { w in
                w.element("UserName", text: key.userName)
                w.element("AccessKeyLastUsed") { w in
                    w.element("ServiceName", text: "N/A")
                    w.element("Region", text: "N/A")
                }
            }
        })

    // MARK: Helpers

    static func accessKeyNotFound(_ id: String) -> AWSError {
        .noSuchEntity("The Access Key with id \(id) cannot be found.")
    }

    /// The check for an access key operation on `name`'s keys, or the caller's own when `name` is nil.
    static func keyOwnerCheck(
        _ action: String, _ name: String?, _ state: EmulatorState, _ environment: RequestEnvironment
    ) throws(AWSError) -> AuthorizationCheck {
        let owner = try targetUserName(name, environment.identity)
        return IAMResources.check(
            action, owner.map { userARN($0, state, environment) } ?? environment.identity.caller.arn)
    }

    /// The keys of `name` (or of the caller; root has none), oldest first.
    static func ownedKeys(_ name: String?, _ state: EmulatorState, _ environment: RequestEnvironment)
        throws(AWSError) -> [AccessKey]
    {
        guard let owner = try targetUserName(name, environment.identity) else { return [] }
        return try User.existing(owner, state, environment).accessKeyIDs.compactMap { state.accessKeys[$0] }
    }

    /// The key `id` of `name` (or of the caller), or IAM's NoSuchEntity.
    static func ownedKey(_ id: String, of name: String?, _ state: EmulatorState, _ environment: RequestEnvironment)
        throws(AWSError) -> AccessKey
    {
        guard let key = try ownedKeys(name, state, environment).first(where: { $0.id == id }) else {
            throw accessKeyNotFound(id)
        }
        return key
    }
}

extension MemberPattern {
    /// `[\w]+`: access key IDs.
    static let word = MemberPattern(text: #"[\w]+"#) {
        !$0.isEmpty && $0.unicodeScalars.allSatisfy { isNameScalar($0) && !"+=,.@-".unicodeScalars.contains($0) }
    }
}
