import AWSWire
import PolicyEngine

/// IAM users: create, read, list, rename, delete, tags and permissions boundary. Users live in the caller's
/// account, keyed by lowercased name (names are unique ignoring case, as role names are).
extension IAMOperations {
    /// Every user operation: these, the user policies and the access keys.
    static let userOperations: [Operation] =
        [
            createUser, getUser, listUsers, updateUser, deleteUser, tagUser, untagUser, listUserTags,
            putUserPermissionsBoundary, deleteUserPermissionsBoundary,
        ] + userPolicyOperations + accessKeyOperations

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
                name: input.required("UserName", min: 1, max: 64, pattern: .entityName),
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
            input.string("UserName", min: 1, max: 128, pattern: .entityName)
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
            let user = try existingUser(target, state, environment)
            return .members { w in w.user(user, detail: .full) }
        })

    struct ListUsersInput: Sendable {
        var pathPrefix: String
        var marker: String?
        var maxItems: Int?
    }

    /// ListUsers: by name, filtered by path prefix, paged. ListUsers cannot be scoped to resources (`*`).
    static let listUsers = Operation.query(
        "ListUsers",
        decode: { (input: QueryInput) throws(AWSError) in
            let paging = input.paging()
            return ListUsersInput(
                pathPrefix: input.string("PathPrefix", min: 1, max: 512, pattern: .pathPrefix) ?? "/",
                marker: paging.marker, maxItems: paging.maxItems)
        },
        authorize: { _, _, _ throws(AWSError) in [IAMResources.check("iam:ListUsers", "*")] },
        execute: { input, state, environment throws(AWSError) in
            let users = (state.account(environment.identity.account)?.users ?? [:])
                .sorted { $0.key < $1.key }.map(\.value)
                .filter { $0.path.hasPrefix(input.pathPrefix) }
            let page = try IAMPage(users, marker: input.marker, maxItems: input.maxItems)
            return .members { w in
                w.element("Users") { w in
                    for user in page.items { w.user(user, detail: .listing, element: "member") }
                }
                page.writeTruncation(to: &w)
            }
        })

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
                name: input.required("UserName", min: 1, max: 128, pattern: .entityName),
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
                guard var user = account.user(named: input.name) else { throw userNotFound(input.name) }
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
            input.required("UserName", min: 1, max: 128, pattern: .entityName)
        },
        authorize: { name, state, environment throws(AWSError) in
            [IAMResources.check("iam:DeleteUser", userARN(name, state, environment))]
        },
        execute: { name, state, environment throws(AWSError) in
            try state.withAccount(environment.identity.account) { (account: inout AccountState) throws(AWSError) in
                guard let user = account.user(named: name) else { throw userNotFound(name) }
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

    struct UserTagsInput: Sendable {
        var name: String
        var tags: [Tag]
    }

    /// TagUser: adds or replaces tags (keys ignore case); at most 50 per user.
    static let tagUser = Operation.query(
        "TagUser",
        decode: { (input: QueryInput) throws(AWSError) in
            UserTagsInput(
                name: input.required("UserName", min: 1, max: 128, pattern: .entityName), tags: input.requiredTags())
        },
        authorize: { input, state, environment throws(AWSError) in
            [withTagContext(IAMResources.check("iam:TagUser", userARN(input.name, state, environment)), input.tags)]
        },
        execute: { input, state, environment throws(AWSError) in
            try checkUniqueKeys(input.tags)
            try withUser(input.name, &state, environment) { (user: inout User) throws(AWSError) in
                var tags = user.tags
                tags.merge(input.tags)
                guard tags.count <= maxTags else {
                    throw .limitExceeded("Cannot exceed quota for TagsPerUser: \(maxTags)")
                }
                user.tags = tags
            }
            return .none
        })

    struct UntagUserInput: Sendable {
        var name: String
        var keys: [String]
    }

    /// UntagUser: removes the tags with these keys (ignoring case); unknown keys are no error.
    static let untagUser = Operation.query(
        "UntagUser",
        decode: { (input: QueryInput) throws(AWSError) in
            let name = input.required("UserName", min: 1, max: 128, pattern: .entityName)
            let keys = input.strings("TagKeys", maxCount: 50, min: 1, max: 128, pattern: .tag)
            if keys == nil {
                input.violation("Value null at 'tagKeys' failed to satisfy constraint: Member must not be null")
            }
            return UntagUserInput(name: name, keys: keys ?? [])
        },
        authorize: { input, state, environment throws(AWSError) in
            var check = IAMResources.check("iam:UntagUser", userARN(input.name, state, environment))
            check.context.set("aws:TagKeys", values: input.keys)
            return [check]
        },
        execute: { input, state, environment throws(AWSError) in
            let keys = Set(input.keys.map { $0.lowercased() })
            try withUser(input.name, &state, environment) { (user: inout User) throws(AWSError) in
                user.tags.removeAll { keys.contains($0.key.lowercased()) }
            }
            return .none
        })

    /// ListUserTags: the user's tags in the order they were added, paged.
    static let listUserTags = Operation.query(
        "ListUserTags",
        decode: { (input: QueryInput) throws(AWSError) in
            (name: input.required("UserName", min: 1, max: 128, pattern: .entityName), paging: input.paging())
        },
        authorize: { input, state, environment throws(AWSError) in
            [IAMResources.check("iam:ListUserTags", userARN(input.name, state, environment))]
        },
        execute: { input, state, environment throws(AWSError) in
            let user = try existingUser(input.name, state, environment)
            let page = try IAMPage(user.tags, marker: input.paging.marker, maxItems: input.paging.maxItems)
            return .members { w in
                w.element("Tags") { w in
                    for tag in page.items {
                        w.element("member") { w in
                            w.element("Key", text: tag.key)
                            w.element("Value", text: tag.value)
                        }
                    }
                }
                page.writeTruncation(to: &w)
            }
        })

    /// PutUserPermissionsBoundary: the managed policy (AWS's or the account's) that caps the user's permissions.
    static let putUserPermissionsBoundary = Operation.query(
        "PutUserPermissionsBoundary",
        decode: { (input: QueryInput) throws(AWSError) in
            (
                name: input.required("UserName", min: 1, max: 64, pattern: .entityName),
                boundary: input.required("PermissionsBoundary", min: 20, max: 2048)
            )
        },
        authorize: { input, state, environment throws(AWSError) in
            var check = IAMResources.check("iam:PutUserPermissionsBoundary", userARN(input.name, state, environment))
            check.context.set("iam:PermissionsBoundary", input.boundary)
            return [check]
        },
        execute: { input, state, environment throws(AWSError) in
            _ = try IAMAttachments.policyName(input.boundary, account: environment.identity.account, state: state)
            try withUser(input.name, &state, environment) { (user: inout User) throws(AWSError) in
                user.permissionsBoundaryARN = input.boundary
            }
            return .none
        })

    /// DeleteUserPermissionsBoundary: removes the boundary (a user without one is left as it is).
    static let deleteUserPermissionsBoundary = Operation.query(
        "DeleteUserPermissionsBoundary",
        decode: { (input: QueryInput) throws(AWSError) in
            input.required("UserName", min: 1, max: 64, pattern: .entityName)
        },
        authorize: { name, state, environment throws(AWSError) in
            [IAMResources.check("iam:DeleteUserPermissionsBoundary", userARN(name, state, environment))]
        },
        execute: { name, state, environment throws(AWSError) in
            try withUser(name, &state, environment) { (user: inout User) throws(AWSError) in
                user.permissionsBoundaryARN = nil
            }
            return .none
        })
}

// MARK: - Shared by the user, user policy and access key operations

extension IAMOperations {
    /// IAM's `TagsPerUser` quota.
    static let maxTags = 50

    static func userNotFound(_ name: String) -> AWSError {
        .noSuchEntity("The user with name \(name) cannot be found.")
    }

    /// The user of the caller's account, or IAM's NoSuchEntity.
    static func existingUser(_ name: String, _ state: EmulatorState, _ environment: RequestEnvironment)
        throws(AWSError) -> User
    {
        guard let user = state.account(environment.identity.account)?.user(named: name) else {
            throw userNotFound(name)
        }
        return user
    }

    /// Runs `body` on the user of the caller's account, or throws IAM's NoSuchEntity.
    static func withUser<R>(
        _ name: String, _ state: inout EmulatorState, _ environment: RequestEnvironment,
        _ body: (inout User) throws(AWSError) -> R
    ) throws(AWSError) -> R {
        try state.withAccount(environment.identity.account) { (account: inout AccountState) throws(AWSError) -> R in
            let key = name.lowercased()
            guard account.users[key] != nil else { throw userNotFound(name) }
            return try body(&account.users[key]!)
        }
    }

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

    /// IAM refuses tag keys given twice, ignoring case.
    static func checkUniqueKeys(_ tags: [Tag]) throws(AWSError) {
        var seen = Set<String>()
        for tag in tags where !seen.insert(tag.key.lowercased()).inserted {
            throw .invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.")
        }
    }

    /// The check with the request's tags as AWS presents them to conditions: `aws:RequestTag/KEY` and
    /// `aws:TagKeys` (tag-on-create and TagUser).
    static func withTagContext(_ check: AuthorizationCheck, _ tags: [Tag]) -> AuthorizationCheck {
        guard !tags.isEmpty else { return check }
        var check = check
        for tag in tags { check.context.set("aws:RequestTag/\(tag.key)", tag.value) }
        check.context.set("aws:TagKeys", values: tags.map(\.key))
        return check
    }
}

extension QueryInput {
    /// `Tags`, which must be present (TagUser).
    func requiredTags() -> [Tag] {
        guard let tags = tags() else {
            violation("Value null at 'tags' failed to satisfy constraint: Member must not be null")
            return []
        }
        return tags
    }
}
