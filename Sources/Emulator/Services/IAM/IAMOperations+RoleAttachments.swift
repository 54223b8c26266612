import AWSWire
import PolicyEngine

/// Managed policies attached to a role (spec §5.4). The role keeps the ARNs; `IAMAttachments` checks them.
extension IAMOperations {
    struct RoleAttachmentInput: Sendable {
        var roleName: String
        var policyARN: String
    }

    /// AttachRolePolicy: the policy must be AWS's or the caller's account's; attaching twice changes nothing;
    /// at most ten per role. The policy's ARN is the `iam:PolicyARN` condition key.
    static let attachRolePolicy = Operation.query(
        "AttachRolePolicy",
        decode: { (input: QueryInput) throws(AWSError) in
            RoleAttachmentInput(roleName: input.roleName(), policyARN: input.policyARN())
        },
        authorize: { input, state, environment throws(AWSError) in
            [
                roleCheck(
                    "iam:AttachRolePolicy", input.roleName, state, environment,
                    context: policyARNContext(input.policyARN))
            ]
        },
        execute: { input, state, environment throws(AWSError) in
            _ = try existingRole(input.roleName, state, environment)
            _ = try IAMAttachments.policyName(input.policyARN, account: environment.identity.account, state: state)
            try updatingRole(input.roleName, &state, environment) { (role: inout Role) throws(AWSError) in
                try IAMAttachments.attach(input.policyARN, to: &role.attachedPolicyARNs, entity: "Role")
            }
            return .none
        })

    static let detachRolePolicy = Operation.query(
        "DetachRolePolicy",
        decode: { (input: QueryInput) throws(AWSError) in
            RoleAttachmentInput(roleName: input.roleName(), policyARN: input.policyARN())
        },
        authorize: { input, state, environment throws(AWSError) in
            [
                roleCheck(
                    "iam:DetachRolePolicy", input.roleName, state, environment,
                    context: policyARNContext(input.policyARN))
            ]
        },
        execute: { input, state, environment throws(AWSError) in
            try updatingRole(input.roleName, &state, environment) { (role: inout Role) throws(AWSError) in
                try IAMAttachments.detach(input.policyARN, from: &role.attachedPolicyARNs)
            }
            return .none
        })

    struct ListAttachedRolePoliciesInput: Sendable {
        var roleName: String
        var pathPrefix: String
        var marker: String?
        var maxItems: Int?
    }

    /// ListAttachedRolePolicies: in attachment order, filtered by the policies' path, paged.
    static let listAttachedRolePolicies = Operation.query(
        "ListAttachedRolePolicies",
        decode: { (input: QueryInput) throws(AWSError) in
            let paging = input.paging()
            return ListAttachedRolePoliciesInput(
                roleName: input.roleName(), pathPrefix: input.policyPathPrefix(), marker: paging.marker,
                maxItems: paging.maxItems)
        },
        authorize: { input, state, environment throws(AWSError) in
            [roleCheck("iam:ListAttachedRolePolicies", input.roleName, state, environment)]
        },
        execute: { input, state, environment throws(AWSError) in
            let role = try existingRole(input.roleName, state, environment)
            let matching = role.attachedPolicyARNs.filter {
                (ManagedPolicyARN($0)?.path ?? "/").hasPrefix(input.pathPrefix)
            }
            let page = try IAMPage(matching, marker: input.marker, maxItems: input.maxItems)
            return .members { w in
                IAMAttachments.writeAttached(page.items, names: IAMAttachments.name(of:), to: &w)
                page.writeTruncation(to: &w)
            }
        })

    /// `iam:PolicyARN`, the condition key of the attach and detach actions.
    static func policyARNContext(_ arn: String) -> RequestContext {
        var context = RequestContext()
        context.set("iam:PolicyARN", arn)
        return context
    }
}

extension QueryInput {
    /// `PolicyArn`: 20–2048 characters (its form is checked by whoever resolves it: `InvalidInput`).
    func policyARN() -> String { required("PolicyArn", min: 20, max: 2048) }

    /// `PathPrefix` of the policy listings (`((/[A-Za-z0-9\.,\+@=_-]+)*)/`), `/` when absent.
    func policyPathPrefix() -> String { string("PathPrefix", min: 1, max: 512, pattern: .policyPathPrefix) ?? "/" }
}
