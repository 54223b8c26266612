import AWSWire
import PolicyEngine

/// Customer managed policies, and AWS managed policies as every account sees them (spec §5.4, §5.6).
///
/// AWS managed policies belong to no account: every account reads them, attaches them and sees its own
/// attachment counts, and none may change them. A change is refused as AWS refuses it, with `AccessDenied`
/// naming `policy ARN`, since the policy lies outside the caller's account.
extension IAMOperations {
    /// Managed policies and their versions (the versions are in `IAMOperations+PolicyVersions.swift`).
    static let managedPolicyOperations: [Operation] =
        [
            createPolicy, getPolicy, listPolicies, deletePolicy,
            createPolicyVersion, getPolicyVersion, listPolicyVersions, deletePolicyVersion, setDefaultPolicyVersion,
        ] + tagOperations(for: ManagedPolicy.self)

    struct CreatePolicyInput: Sendable {
        var name: String
        var path: String
        var document: String
        var description: String?
        var tags: [Tag]
    }

    /// CreatePolicy: a valid managed policy document becomes version `v1`, the default. Names are unique in the
    /// account ignoring case and path.
    static let createPolicy = Operation.query(
        "CreatePolicy",
        decode: { (input: QueryInput) throws(AWSError) in
            CreatePolicyInput(
                name: input.policyName(),
                path: input.string("Path", min: 1, max: 512, pattern: .policyPathPrefix) ?? "/",
                document: input.required("PolicyDocument", min: 1, max: 131_072, pattern: .policyDocument),
                description: input.string("Description", max: 1000), tags: input.tags() ?? [])
        },
        authorize: { input, _, environment throws(AWSError) in
            let check = IAMResources.check(
                "iam:CreatePolicy",
                IAMResources.policy(environment.identity.account, path: input.path, name: input.name))
            return [withTagContext(check, input.tags)]
        },
        execute: { input, state, environment throws(AWSError) in
            let account = environment.identity.account
            let lowered = input.name.lowercased()
            if state.account(account)?.policies.values.contains(where: { $0.name.lowercased() == lowered }) == true {
                throw .entityAlreadyExists(
                    "A policy called \(input.name) already exists. Duplicate names are not allowed.")
            }
            try checkUniqueKeys(input.tags)
            let document = try IAMDocuments.store(input.document, kind: .managed, name: input.name, state: nil)
            let arn = IAMResources.policy(account, path: input.path, name: input.name)
            let policy = ManagedPolicy(
                name: input.name, path: input.path, id: environment.ids.identifier(prefix: "ANPA", length: 21),
                arn: arn,
                description: input.description, createDate: environment.now, updateDate: environment.now,
                versions: [.init(id: "v1", policy: document, createDate: environment.now)], defaultVersionID: "v1",
                nextVersionNumber: 2, tags: input.tags)
            let view = state.withAccount(account) { account in
                account.policies[arn] = policy
                return PolicyView(policy, in: account)
            }
            return .members { w in w.policy(view) }
        })

    /// GetPolicy: AWS's or the caller's account's policy, with this account's attachment counts.
    static let getPolicy = Operation.query(
        "GetPolicy",
        decode: { (input: QueryInput) throws(AWSError) in input.policyARN() },
        authorize: { arn, _, environment throws(AWSError) in [policyCheck("iam:GetPolicy", arn, environment)] },
        execute: { arn, state, environment throws(AWSError) in
            let view = try policyView(arn, state, environment)
            return .members { w in w.policy(view) }
        })

    struct ListPoliciesInput: Sendable {
        var scope: String
        var onlyAttached: Bool
        var usage: String?
        var pathPrefix: String
        var marker: String?
        var maxItems: Int?
    }

    /// ListPolicies: AWS managed (`Scope=AWS`), the account's own (`Local`) or both (`All`, the default),
    /// alphabetically ignoring case; `OnlyAttached` keeps those this account attaches (or, with
    /// `PolicyUsageFilter=PermissionsBoundary`, uses as a boundary).
    static let listPolicies = Operation.query(
        "ListPolicies",
        decode: { (input: QueryInput) throws(AWSError) in
            let paging = input.paging()
            return ListPoliciesInput(
                scope: input.oneOf("Scope", ["All", "AWS", "Local"]) ?? "All",
                onlyAttached: input.bool("OnlyAttached") ?? false,
                usage: input.oneOf("PolicyUsageFilter", ["PermissionsPolicy", "PermissionsBoundary"]),
                pathPrefix: input.policyPathPrefix(), marker: paging.marker, maxItems: paging.maxItems)
        },
        authorize: { _, _, environment throws(AWSError) in [IAMResources.check("iam:ListPolicies", "*")] },
        execute: { input, state, environment throws(AWSError) in
            let account = state.account(environment.identity.account)
            var views: [PolicyView] = []
            if input.scope != "Local" { views += AWSManagedPolicyCatalog.all.map { PolicyView($0, in: account) } }
            if input.scope != "AWS", let account {
                views += account.policies.values.map { PolicyView($0, in: account) }
            }
            let matching = views.filter { view in
                guard view.path.hasPrefix(input.pathPrefix) else { return false }
                guard input.onlyAttached else { return true }
                return input.usage == "PermissionsBoundary" ? view.boundaryUsageCount > 0 : view.attachmentCount > 0
            }.sorted { alphabetical($0.name, $1.name) || ($0.name == $1.name && $0.arn < $1.arn) }
            let page = try IAMPage(matching, marker: input.marker, maxItems: input.maxItems)
            return .members { w in
                w.element("Policies") { w in
                    for view in page.items { w.policy(view, listing: true, element: "member") }
                }
                page.writeTruncation(to: &w)
            }
        })

    /// DeletePolicy: refused while any role or user attaches it or uses it as a boundary; deletes every version.
    static let deletePolicy = Operation.query(
        "DeletePolicy",
        decode: { (input: QueryInput) throws(AWSError) in input.policyARN() },
        authorize: { arn, _, environment throws(AWSError) in
            [policyCheck("iam:DeletePolicy", arn, environment, changes: true)]
        },
        execute: { arn, state, environment throws(AWSError) in
            let view = try policyView(arn, state, environment)
            if view.attachmentCount > 0 || view.boundaryUsageCount > 0 {
                throw .deleteConflict("Cannot delete a policy attached to entities.")
            }
            state.withAccount(environment.identity.account) { $0.policies[arn] = nil }
            return .none
        })

    // MARK: Shared by the managed policy operations

    /// The policy `arn` names as the caller sees it: AWS's, or one of the caller's account's.
    /// - Throws: `InvalidInput` for a malformed ARN, `NoSuchEntity` for a policy that does not exist.
    static func policyView(_ arn: String, _ state: EmulatorState, _ environment: RequestEnvironment) throws(AWSError)
        -> PolicyView
    {
        let account = state.account(environment.identity.account)
        if let policy = AWSManagedPolicyCatalog.policy(arn: arn) { return PolicyView(policy, in: account) }
        let policy = try customerPolicy(arn, state, environment)
        return PolicyView(policy, in: account ?? AccountState(id: environment.identity.account))
    }

    /// The caller's account's customer managed policy `arn`.
    static func customerPolicy(_ arn: String, _ state: EmulatorState, _ environment: RequestEnvironment)
        throws(AWSError) -> ManagedPolicy
    {
        guard ManagedPolicyARN(arn) != nil else { throw .invalidInput("ARN \(arn) is not valid.") }
        guard let policy = state.account(environment.identity.account)?.policies[arn] else {
            throw .noSuchEntity("Policy \(arn) was not found.")
        }
        return policy
    }

    /// Changes the caller's customer managed policy `arn`; nothing is stored when `body` throws.
    @discardableResult
    static func updatingPolicy<R>(
        _ arn: String, _ state: inout EmulatorState, _ environment: RequestEnvironment,
        _ body: (inout ManagedPolicy) throws(AWSError) -> R
    ) throws(AWSError) -> R {
        var policy = try customerPolicy(arn, state, environment)
        let result = try body(&policy)
        state.withAccount(environment.identity.account) { $0.policies[arn] = policy }
        return result
    }

    /// The permission a call on a managed policy needs. AWS's denial names the resource `policy ARN`. An AWS
    /// managed policy is read as if it were the caller's account's own (every account sees them), and changing
    /// one is denied whatever the caller's policies say (the decision log notes why); a customer managed policy
    /// of another account is that account's resource.
    static func policyCheck(
        _ action: String, _ arn: String, _ environment: RequestEnvironment, changes: Bool = false
    ) -> AuthorizationCheck {
        var check = IAMResources.check(action, arn)
        check.messageResource = "policy \(arn)"
        if ManagedPolicyARN(arn)?.account == "aws" {
            if changes {
                check.missingResource = "AWS managed policies cannot be changed"
            } else {
                check.resourceAccount = environment.identity.account
            }
        }
        return check
    }
}

extension QueryInput {
    /// An enum member: one of `values`, or a violation naming them as AWS does.
    func oneOf(_ name: String, _ values: [String]) -> String? {
        guard let value = string(name) else { return nil }
        guard values.contains(value) else {
            violation(
                "Value '\(value)' at '\(Self.memberName(name))' failed to satisfy constraint: Member must satisfy enum value set: [\(values.joined(separator: ", "))]"
            )
            return nil
        }
        return value
    }
}
