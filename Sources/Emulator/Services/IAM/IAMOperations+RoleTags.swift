import AWSWire
import PolicyEngine

/// A role's tags and permissions boundary: the parts of a role that say how it is governed rather than what
/// it may do.
extension IAMOperations {
    struct TagRoleInput: Sendable {
        var name: String
        var tags: [Tag]
    }

    /// TagRole: adds or replaces tags (keys ignore case); at most 50 in all.
    static let tagRole = Operation.query(
        "TagRole",
        decode: { (input: QueryInput) throws(AWSError) in
            TagRoleInput(name: input.roleName(), tags: input.requiredTags())
        },
        authorize: { input, state, environment throws(AWSError) in
            [withTagContext(roleCheck("iam:TagRole", input.name, state, environment), input.tags)]
        },
        execute: { input, state, environment throws(AWSError) in
            try checkUniqueKeys(input.tags)
            try updatingRole(input.name, &state, environment) { (role: inout Role) throws(AWSError) in
                var tags = role.tags
                tags.merge(input.tags)
                guard tags.count <= maxTags else {
                    throw .limitExceeded("Cannot exceed quota for TagsPerRole: \(maxTags)")
                }
                role.tags = tags
            }
            return .none
        })

    struct UntagRoleInput: Sendable {
        var name: String
        var keys: [String]
    }

    /// UntagRole: removes the tags with these keys (ignoring case); unknown keys are not an error.
    static let untagRole = Operation.query(
        "UntagRole",
        decode: { (input: QueryInput) throws(AWSError) in
            let name = input.roleName()
            guard let keys = input.strings("TagKeys", maxCount: 50, min: 1, max: 128, pattern: .tag) else {
                input.violation("Value null at 'tagKeys' failed to satisfy constraint: Member must not be null")
                return UntagRoleInput(name: name, keys: [])
            }
            return UntagRoleInput(name: name, keys: keys)
        },
        authorize: { input, state, environment throws(AWSError) in
            var context = RequestContext()
            if !input.keys.isEmpty { context.set("aws:TagKeys", values: input.keys) }
            return [roleCheck("iam:UntagRole", input.name, state, environment, context: context)]
        },
        execute: { input, state, environment throws(AWSError) in
            let keys = Set(input.keys.map { $0.lowercased() })
            try updatingRole(input.name, &state, environment) { (role: inout Role) throws(AWSError) in
                role.tags.removeAll { keys.contains($0.key.lowercased()) }
            }
            return .none
        })

    struct ListRoleTagsInput: Sendable {
        var name: String
        var marker: String?
        var maxItems: Int?
    }

    /// ListRoleTags: in the order the tags were first set, paged.
    static let listRoleTags = Operation.query(
        "ListRoleTags",
        decode: { (input: QueryInput) throws(AWSError) in
            let paging = input.paging()
            return ListRoleTagsInput(name: input.roleName(), marker: paging.marker, maxItems: paging.maxItems)
        },
        authorize: { input, state, environment throws(AWSError) in
            [roleCheck("iam:ListRoleTags", input.name, state, environment)]
        },
        execute: { input, state, environment throws(AWSError) in
            let role = try existingRole(input.name, state, environment)
            let page = try IAMPage(role.tags, marker: input.marker, maxItems: input.maxItems)
            return .members { w in
                // Always present (required in the model), even when empty.
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

    struct PutRolePermissionsBoundaryInput: Sendable {
        var name: String
        var boundary: String
    }

    /// PutRolePermissionsBoundary: the boundary must be an attachable managed policy (AWS's or the account's).
    static let putRolePermissionsBoundary = Operation.query(
        "PutRolePermissionsBoundary",
        decode: { (input: QueryInput) throws(AWSError) in
            PutRolePermissionsBoundaryInput(
                name: input.roleName(), boundary: input.required("PermissionsBoundary", min: 20, max: 2048))
        },
        authorize: { input, state, environment throws(AWSError) in
            var context = RequestContext()
            context.set("iam:PermissionsBoundary", input.boundary)
            return [roleCheck("iam:PutRolePermissionsBoundary", input.name, state, environment, context: context)]
        },
        execute: { input, state, environment throws(AWSError) in
            _ = try existingRole(input.name, state, environment)
            _ = try IAMAttachments.policyName(input.boundary, account: environment.identity.account, state: state)
            try updatingRole(input.name, &state, environment) { (role: inout Role) throws(AWSError) in
                role.permissionsBoundaryARN = input.boundary
            }
            return .none
        })

    /// DeleteRolePermissionsBoundary: removing a boundary the role does not have is not an error.
    static let deleteRolePermissionsBoundary = Operation.query(
        "DeleteRolePermissionsBoundary",
        decode: { (input: QueryInput) throws(AWSError) in input.roleName() },
        authorize: { name, state, environment throws(AWSError) in
            [roleCheck("iam:DeleteRolePermissionsBoundary", name, state, environment)]
        },
        execute: { name, state, environment throws(AWSError) in
            try updatingRole(name, &state, environment) { (role: inout Role) throws(AWSError) in
                role.permissionsBoundaryARN = nil
            }
            return .none
        })
}
