import AWSWire
import PolicyEngine

/// Roles (spec §5.2–§5.4): create, read, list, update, delete, and the trust policy.
extension IAMOperations {
    /// Every role operation: these, and the policies, boundary and tags every principal has
    /// (`IAMOperations+PrincipalPolicies.swift`).
    static let roleOperations: [Operation] =
        [
            createRole, getRole, listRoles, updateRole, updateRoleDescription, deleteRole, updateAssumeRolePolicy,
        ] + principalPolicyOperations(for: Role.self)

    struct CreateRoleInput: Sendable {
        var name: String
        var path: String
        var trustPolicy: String
        var description: String?
        var maxSessionDuration: Int
        var permissionsBoundary: String?
        var tags: [Tag]
    }

    /// CreateRole: the trust policy must be valid and name only principals that exist (spec §5.5); the name is
    /// unique in the account ignoring case; a permissions boundary must be an attachable managed policy.
    static let createRole = Operation.query(
        "CreateRole",
        decode: { (input: QueryInput) throws(AWSError) in
            CreateRoleInput(
                name: input.roleName(),
                path: input.string("Path", min: 1, max: 512, pattern: .path) ?? "/",
                trustPolicy: input.required("AssumeRolePolicyDocument", min: 1, max: 131_072, pattern: .policyDocument),
                description: input.string("Description", max: 1000, pattern: .description),
                maxSessionDuration: input.int("MaxSessionDuration", min: 3_600, max: 43_200) ?? 3_600,
                permissionsBoundary: input.string("PermissionsBoundary", min: 20, max: 2048),
                tags: input.tags() ?? [])
        },
        authorize: { input, _, environment throws(AWSError) in
            var check = IAMResources.check(
                "iam:CreateRole", IAMResources.role(environment.identity.account, path: input.path, name: input.name))
            if let boundary = input.permissionsBoundary { check.context.set("iam:PermissionsBoundary", boundary) }
            return [withTagContext(check, input.tags)]
        },
        execute: { input, state, environment throws(AWSError) in
            let account = environment.identity.account
            if state.account(account)?.role(named: input.name) != nil {
                throw .entityAlreadyExists("Role with name \(input.name) already exists.")
            }
            try checkUniqueKeys(input.tags)
            let trust = try IAMDocuments.store(input.trustPolicy, kind: .trust, name: input.name, state: state)
            if let boundary = input.permissionsBoundary {
                _ = try IAMAttachments.policyName(boundary, account: account, state: state)
            }
            let role = Role(
                name: input.name, path: input.path, id: environment.ids.identifier(prefix: "AROA", length: 21),
                arn: IAMResources.role(account, path: input.path, name: input.name), account: account,
                createDate: environment.now, trustPolicy: trust, description: input.description,
                maxSessionDuration: input.maxSessionDuration, permissionsBoundaryARN: input.permissionsBoundary,
                tags: input.tags, inlinePolicies: [], attachedPolicyARNs: [], lastUsed: nil)
            state.withAccount(account) { $0.roles[input.name.lowercased()] = role }
            return .members { w in w.role(role, detail: .created) }
        })

    static let getRole = Operation.query(
        "GetRole",
        decode: { (input: QueryInput) throws(AWSError) in input.roleName() },
        authorize: { name, state, environment throws(AWSError) in [roleCheck("iam:GetRole", name, state, environment)]
        },
        execute: { name, state, environment throws(AWSError) in
            var role = try Role.existing(name, state, environment)
            role.settleUses(now: environment.now, lag: state.roleLastUsedLag)
            return .members { w in w.role(role, detail: .full) }
        })

    static let listRoles = listOperation(for: Role.self)

    struct UpdateRoleInput: Sendable {
        var name: String
        var description: String?
        var maxSessionDuration: Int?
    }

    /// UpdateRole: an empty output shape, so `<UpdateRoleResult/>` (spec §3.1: boto3 needs it).
    static let updateRole = Operation.query(
        "UpdateRole",
        decode: { (input: QueryInput) throws(AWSError) in
            UpdateRoleInput(
                name: input.roleName(), description: input.string("Description", max: 1000, pattern: .description),
                maxSessionDuration: input.int("MaxSessionDuration", min: 3_600, max: 43_200))
        },
        authorize: { input, state, environment throws(AWSError) in
            [roleCheck("iam:UpdateRole", input.name, state, environment)]
        },
        execute: { input, state, environment throws(AWSError) in
            try Role.updating(input.name, &state, environment) { (role: inout Role) throws(AWSError) in
                if let description = input.description { role.description = description }
                if let duration = input.maxSessionDuration { role.maxSessionDuration = duration }
            }
            return .members { _ in }
        })

    struct UpdateRoleDescriptionInput: Sendable {
        var name: String
        var description: String
    }

    /// UpdateRoleDescription: the older form of UpdateRole, which answers with the whole role.
    static let updateRoleDescription = Operation.query(
        "UpdateRoleDescription",
        decode: { (input: QueryInput) throws(AWSError) in
            UpdateRoleDescriptionInput(
                name: input.roleName(), description: input.required("Description", max: 1000, pattern: .description))
        },
        authorize: { input, state, environment throws(AWSError) in
            [roleCheck("iam:UpdateRoleDescription", input.name, state, environment)]
        },
        execute: { input, state, environment throws(AWSError) in
            let lag = state.roleLastUsedLag
            let role = try Role.updating(input.name, &state, environment) { (role: inout Role) throws(AWSError) in
                role.description = input.description
                role.settleUses(now: environment.now, lag: lag)
                return role
            }
            return .members { w in w.role(role, detail: .full) }
        })

    /// DeleteRole: refused while managed policies are attached, then while inline policies remain (IAM checks
    /// in that order). Sessions of the role stop working: their policies are looked up by role ID.
    static let deleteRole = Operation.query(
        "DeleteRole",
        decode: { (input: QueryInput) throws(AWSError) in input.roleName() },
        authorize: { name, state, environment throws(AWSError) in
            [roleCheck("iam:DeleteRole", name, state, environment)]
        },
        execute: { name, state, environment throws(AWSError) in
            let role = try Role.existing(name, state, environment)
            if !role.attachedPolicyARNs.isEmpty {
                throw .deleteConflict("Cannot delete entity, must detach all policies first.")
            }
            if !role.inlinePolicies.isEmpty {
                throw .deleteConflict("Cannot delete entity, must delete policies first.")
            }
            state.withAccount(environment.identity.account) { $0.roles[name.lowercased()] = nil }
            return .none
        })

    struct UpdateAssumeRolePolicyInput: Sendable {
        var name: String
        var document: String
    }

    static let updateAssumeRolePolicy = Operation.query(
        "UpdateAssumeRolePolicy",
        decode: { (input: QueryInput) throws(AWSError) in
            UpdateAssumeRolePolicyInput(
                name: input.roleName(),
                document: input.required("PolicyDocument", min: 1, max: 131_072, pattern: .policyDocument))
        },
        authorize: { input, state, environment throws(AWSError) in
            [roleCheck("iam:UpdateAssumeRolePolicy", input.name, state, environment)]
        },
        execute: { input, state, environment throws(AWSError) in
            let current = try Role.existing(input.name, state, environment)
            let trust = try IAMDocuments.store(input.document, kind: .trust, name: current.name, state: state)
            try Role.updating(input.name, &state, environment) { (role: inout Role) throws(AWSError) in
                role.trustPolicy = trust
            }
            return .none
        })

    // MARK: Shared by the role operations

    /// The order of IAM's listings: alphabetical, ignoring case (exact order breaks ties, so it is total).
    static func alphabetical(_ a: String, _ b: String) -> Bool { (a.lowercased(), a) < (b.lowercased(), b) }

    /// The permission a call on an existing role needs: the action on the role's ARN (with its path, when the
    /// role exists). AWS's denial names the resource as `role NAME` for these calls.
    static func roleCheck(
        _ action: String, _ name: String, _ state: EmulatorState, _ environment: RequestEnvironment,
        context: RequestContext = RequestContext()
    ) -> AuthorizationCheck {
        let account = environment.identity.account
        let path = state.account(account)?.role(named: name)?.path ?? "/"
        var check = IAMResources.check(action, IAMResources.role(account, path: path, name: name))
        check.messageResource = "role \(name)"
        check.context = context
        return check
    }
}

extension QueryInput {
    /// `RoleName`: 1–64 of `[\w+=,.@-]`.
    func roleName() -> String { Role.name(from: self) }
}
