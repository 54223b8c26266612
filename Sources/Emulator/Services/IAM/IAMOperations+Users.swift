import AWSWire
import PolicyEngine

/// IAM users: create, read, list, rename, delete. Users live in the caller's
/// account, keyed by lowercased name (names are unique ignoring case, as role names are).
extension IAMOperations {
    /// Every user operation: these, the policies, boundary and tags every principal has
    /// (`IAMOperations+PrincipalPolicies.swift`) and the access keys.
    static let userOperations: [Operation] =
        [
            createUser, getUser, listUsers, updateUser, deleteUser,
        ] + principalPolicyOperations(for: User.self) + accessKeyOperations

    struct CreateUserInput: Sendable {
        var name: String
        var path: String
        var permissionsBoundary: String?
        var tags: [Tag]
    }

    /// CreateUser: a new `AIDA…` user. Passing tags needs `iam:TagUser` too, as on AWS.
    static let createUser = Operation.query(
        "CreateUser",
        decode: { (input: QueryInput) throws(AWSError) in
            CreateUserInput(
                name: User.name(from: input),
                path: input.string("Path", min: 1, max: 512, pattern: .path) ?? "/",
                permissionsBoundary: input.string("PermissionsBoundary", min: 20, max: 2048),
                tags: input.tags() ?? [])
        },
        authorize: { input, _, environment throws(AWSError) in
            let arn = IAMResources.user(environment.identity.account, path: input.path, name: input.name)
            var check = withTagContext(IAMResources.check("iam:CreateUser", arn), input.tags)
            if let boundary = input.permissionsBoundary { check.context.set("iam:PermissionsBoundary", boundary) }
            guard !input.tags.isEmpty else { return [check] }
            var tagging = check
            tagging.action = "iam:TagUser"
            return [check, tagging]
        },
        execute: { input, state, environment throws(AWSError) in
            try checkUniqueKeys(input.tags)
            let account = environment.identity.account
            if let boundary = input.permissionsBoundary {
                _ = try IAMAttachments.policyName(boundary, account: account, state: state)
            }
            let user = User(
                name: input.name, path: input.path, id: environment.ids.identifier(prefix: "AIDA", length: 21),
                arn: IAMResources.user(account, path: input.path, name: input.name), account: account,
                createDate: environment.now, permissionsBoundaryARN: input.permissionsBoundary, tags: input.tags,
                inlinePolicies: [], attachedPolicyARNs: [], accessKeyIDs: [])
            try state.withAccount(account) { (account: inout AccountState) throws(AWSError) in
                guard account.user(named: input.name) == nil else {
                    throw .entityAlreadyExists("User with name \(input.name) already exists.")
                }
                account.users[input.name.lowercased()] = user
            }
            return .members { w in w.user(user, detail: .full) }
        })

    /// GetUser: the named user, or without `UserName` the caller itself (for root, the root "user").
    static let getUser = Operation.query(
        "GetUser",
        decode: { (input: QueryInput) throws(AWSError) in
            input.userNameOrCaller()
        },
        authorize: { name, state, environment throws(AWSError) in
            let target = try targetUserName(name, environment.identity)
            let resource = target.map { userARN($0, state, environment) } ?? environment.identity.caller.arn
            return [IAMResources.check("iam:GetUser", resource)]
        },
        execute: { name, state, environment throws(AWSError) in
            guard let target = try targetUserName(name, environment.identity) else {
                let account = environment.identity.account
                return .members { w in w.rootUser(account: account) }
            }
            let user = try User.existing(target, state, environment)
            return .members { w in w.user(user, detail: .full) }
        })

    static let listUsers = listOperation(for: User.self)

    struct UpdateUserInput: Sendable {
        var name: String
        var newName: String?
        var newPath: String?
    }

    /// UpdateUser: rename and/or move. Renaming needs permission on the new name too (IAM User Guide,
    /// "Renaming an IAM user"); the user's access keys follow it.
    static let updateUser = Operation.query(
        "UpdateUser",
        decode: { (input: QueryInput) throws(AWSError) in
            UpdateUserInput(
                name: User.name(from: input, maxLength: User.existingNameLength),
                newName: input.string("NewUserName", min: 1, max: 64, pattern: .entityName),
                newPath: input.string("NewPath", min: 1, max: 512, pattern: .path))
        },
        authorize: { input, state, environment throws(AWSError) in
            let current = state.account(environment.identity.account)?.user(named: input.name)
            let source = IAMResources.check("iam:UpdateUser", userARN(input.name, state, environment))
            guard input.newName != nil || input.newPath != nil else { return [source] }
            let target = IAMResources.user(
                environment.identity.account, path: input.newPath ?? current?.path ?? "/",
                name: input.newName ?? input.name)
            return [source, IAMResources.check("iam:UpdateUser", target)]
        },
        execute: { input, state, environment throws(AWSError) in
            let account = environment.identity.account
            let renamed = try state.withAccount(account) { (account: inout AccountState) throws(AWSError) -> User in
                guard var user = account.user(named: input.name) else { throw User.notFound(input.name) }
                let newName = input.newName ?? user.name
                if newName.lowercased() != user.name.lowercased(), account.user(named: newName) != nil {
                    throw .entityAlreadyExists("User with name \(newName) already exists.")
                }
                account.users[user.name.lowercased()] = nil
                user.name = newName
                user.path = input.newPath ?? user.path
                user.arn = IAMResources.user(account.id, path: user.path, name: user.name)
                account.users[newName.lowercased()] = user
                return user
            }
            for id in renamed.accessKeyIDs { state.accessKeys[id]?.userName = renamed.name }
            return .none
        })

    /// DeleteUser: only a user with nothing left attached, in the order AWS checks (access keys, inline
    /// policies, managed policies).
    static let deleteUser = Operation.query(
        "DeleteUser",
        decode: { (input: QueryInput) throws(AWSError) in
            User.name(from: input, maxLength: User.existingNameLength)
        },
        authorize: { name, state, environment throws(AWSError) in
            [IAMResources.check("iam:DeleteUser", userARN(name, state, environment))]
        },
        execute: { name, state, environment throws(AWSError) in
            try state.withAccount(environment.identity.account) { (account: inout AccountState) throws(AWSError) in
                guard let user = account.user(named: name) else { throw User.notFound(name) }
                if !user.accessKeyIDs.isEmpty {
                    throw .deleteConflict("Cannot delete entity, must delete access keys first.")
                }
                if !user.inlinePolicies.isEmpty {
                    throw .deleteConflict("Cannot delete entity, must delete policies first.")
                }
                if !user.attachedPolicyARNs.isEmpty {
                    throw .deleteConflict("Cannot delete entity, must detach all policies first.")
                }
                account.users[name.lowercased()] = nil
            }
            return .none
        })
}

// MARK: - Shared by the user and access key operations

extension IAMOperations {
    /// The ARN authorization names for a user: its own (path included) if it exists, else `user/NAME`, so a
    /// caller without permission is denied before learning whether the user exists.
    static func userARN(_ name: String, _ state: EmulatorState, _ environment: RequestEnvironment) -> String {
        let account = environment.identity.account
        return state.account(account)?.user(named: name)?.arn ?? IAMResources.user(account, name: name)
    }

    /// Whom an operation with an optional `UserName` (GetUser, the access key operations) acts on: the user
    /// named, else the calling user, else nil for the account root (and its GetSessionToken sessions).
    /// - Throws: AWS's `ValidationError` for role sessions without `UserName`: they are no user.
    static func targetUserName(_ name: String?, _ identity: Identity) throws(AWSError) -> String? {
        if let name { return name }
        if let name = identity.userName { return name }
        if case .root = identity.kind { return nil }
        if let session = identity.session, session.origin == .getSessionToken { return nil }
        throw .validationError("Must specify userName when calling with non-User credentials")
    }
}

extension QueryInput {
    /// The optional `UserName` of GetUser and the access key operations (1–128 of `[\w+=,.@-]`); absent means
    /// the caller (`targetUserName`).
    func userNameOrCaller() -> String? { string("UserName", min: 1, max: 128, pattern: .entityName) }
}
