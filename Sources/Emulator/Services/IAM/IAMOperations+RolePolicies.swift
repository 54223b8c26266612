import AWSWire
import PolicyEngine

/// A role's inline policies (spec §5.4): embedded documents, named per role, that live and die with it.
extension IAMOperations {
    struct PutRolePolicyInput: Sendable {
        var roleName: String
        var policyName: String
        var document: String
    }

    /// PutRolePolicy: adds or replaces the named policy. Each document must be a valid identity policy, and
    /// all of the role's inline documents together must stay within IAM's aggregate quota.
    static let putRolePolicy = Operation.query(
        "PutRolePolicy",
        decode: { (input: QueryInput) throws(AWSError) in
            PutRolePolicyInput(
                roleName: input.roleName(), policyName: input.policyName(),
                document: input.required("PolicyDocument", min: 1, max: 131_072, pattern: .policyDocument))
        },
        authorize: { input, state, environment throws(AWSError) in
            [roleCheck("iam:PutRolePolicy", input.roleName, state, environment)]
        },
        execute: { input, state, environment throws(AWSError) in
            let role = try existingRole(input.roleName, state, environment)
            let policy = try IAMDocuments.store(
                input.document, kind: .identity, name: input.policyName, state: nil, entity: .role(name: role.name))
            var policies = role.inlinePolicies
            policies.put(InlinePolicy(name: input.policyName, policy: policy))
            try policies.checkAggregateSize(entity: .role(name: role.name))
            try updatingRole(input.roleName, &state, environment) { (role: inout Role) throws(AWSError) in
                role.inlinePolicies = policies
            }
            return .none
        })

    struct RolePolicyInput: Sendable {
        var roleName: String
        var policyName: String
    }

    /// GetRolePolicy: the document as it was sent, URL-encoded (spec §5.1).
    static let getRolePolicy = Operation.query(
        "GetRolePolicy",
        decode: { (input: QueryInput) throws(AWSError) in
            RolePolicyInput(roleName: input.roleName(), policyName: input.policyName())
        },
        authorize: { input, state, environment throws(AWSError) in
            [roleCheck("iam:GetRolePolicy", input.roleName, state, environment)]
        },
        execute: { input, state, environment throws(AWSError) in
            let role = try existingRole(input.roleName, state, environment)
            guard let inline = role.inlinePolicies.first(where: { $0.name == input.policyName }) else {
                throw noSuchRolePolicy(input.policyName)
            }
            return .members { w in
                w.element("RoleName", text: role.name)
                w.element("PolicyName", text: inline.name)
                w.element("PolicyDocument", text: IAMDocuments.encoded(inline.policy.text))
            }
        })

    struct ListRolePoliciesInput: Sendable {
        var roleName: String
        var marker: String?
        var maxItems: Int?
    }

    /// ListRolePolicies: the names, alphabetically, paged.
    static let listRolePolicies = Operation.query(
        "ListRolePolicies",
        decode: { (input: QueryInput) throws(AWSError) in
            let paging = input.paging()
            return ListRolePoliciesInput(roleName: input.roleName(), marker: paging.marker, maxItems: paging.maxItems)
        },
        authorize: { input, state, environment throws(AWSError) in
            [roleCheck("iam:ListRolePolicies", input.roleName, state, environment)]
        },
        execute: { input, state, environment throws(AWSError) in
            let role = try existingRole(input.roleName, state, environment)
            let page = try IAMPage(
                role.inlinePolicies.map(\.name).sorted(by: alphabetical), marker: input.marker, maxItems: input.maxItems
            )
            return .members { w in
                w.element("PolicyNames") { w in
                    for name in page.items { w.element("member", text: name) }
                }
                page.writeTruncation(to: &w)
            }
        })

    static let deleteRolePolicy = Operation.query(
        "DeleteRolePolicy",
        decode: { (input: QueryInput) throws(AWSError) in
            RolePolicyInput(roleName: input.roleName(), policyName: input.policyName())
        },
        authorize: { input, state, environment throws(AWSError) in
            [roleCheck("iam:DeleteRolePolicy", input.roleName, state, environment)]
        },
        execute: { input, state, environment throws(AWSError) in
            try updatingRole(input.roleName, &state, environment) { (role: inout Role) throws(AWSError) in
                guard let index = role.inlinePolicies.firstIndex(where: { $0.name == input.policyName }) else {
                    throw noSuchRolePolicy(input.policyName)
                }
                role.inlinePolicies.remove(at: index)
            }
            return .none
        })

    static func noSuchRolePolicy(_ name: String) -> AWSError {
        .noSuchEntity("The role policy with name \(name) cannot be found.")
    }
}

extension QueryInput {
    /// `PolicyName`: 1–128 of `[\w+=,.@-]`.
    func policyName() -> String { required("PolicyName", min: 1, max: 128, pattern: .entityName) }
}

extension [InlinePolicy] {
    /// Adds the policy, or replaces the one of the same name in place (IAM names inline policies exactly).
    mutating func put(_ policy: InlinePolicy) {
        if let index = firstIndex(where: { $0.name == policy.name }) {
            self[index] = policy
        } else {
            append(policy)
        }
    }

    /// IAM's inline quota is an aggregate: the SUM of all of an entity's inline documents, counted without
    /// white space, must stay within 10,240 characters for a role (2,048 for a user, 5,120 for a group).
    ///
    /// `PolicyValidator` sees one document at a time, so it catches a single document over the limit; the
    /// sum is checked here, against the same limits and with the same `LimitExceeded` message
    /// (`PolicyEngine`'s `IAMMessages.inlineTooLarge`).
    /// - Throws: `LimitExceeded` 409, `Maximum policy size of 10240 bytes exceeded for role NAME`.
    func checkAggregateSize(entity: InlinePolicyEntity, limits: PolicySizeLimits = PolicySizeLimits()) throws(AWSError)
    {
        let (limit, kind, name): (Int, String, String) =
            switch entity {
            case .role(let name): (limits.inlineRolePolicies, "role", name)
            case .user(let name): (limits.inlineUserPolicies, "user", name)
            case .group(let name): (limits.inlineGroupPolicies, "group", name)
            }
        let total = reduce(0) { $0 + IAMOperations.countedCharacters($1.policy.text) }
        guard total > limit else { return }
        throw .limitExceeded("Maximum policy size of \(limit) bytes exceeded for \(kind) \(name)")
    }
}
