import AWSWire

/// Attaching managed policies to roles and users (and naming them as permissions boundaries): the policy
/// must exist, be AWS's or the entity's own account's, and an entity holds at most ten.
enum IAMAttachments {
    /// IAM's default `PoliciesPerRole` / `PoliciesPerUser` quota.
    static let maxAttached = 10

    /// The name of the managed policy `arn` names, checked to be attachable by an entity of `account`.
    static func policyName(_ arn: String, account: String, state: EmulatorState) throws(AWSError) -> String {
        guard let parsed = ManagedPolicyARN(arn) else { throw .invalidInput("ARN \(arn) is not valid.") }
        if parsed.account == "aws", let policy = AWSManagedPolicyCatalog.policy(arn: arn) { return policy.name }
        if parsed.account == account, let policy = state.account(account)?.policies[arn] { return policy.name }
        throw .noSuchEntity("Policy \(arn) does not exist or is not attachable.")
    }

    /// Adds `arn` to `attached` (no-op if present), enforcing the quota.
    static func attach(_ arn: String, to attached: inout [String], entity: String) throws(AWSError) {
        guard !attached.contains(arn) else { return }
        guard attached.count < maxAttached else {
            throw .limitExceeded("Cannot exceed quota for PoliciesPer\(entity): \(maxAttached)")
        }
        attached.append(arn)
    }

    /// Removes `arn` from `attached`, or throws IAM's NoSuchEntity.
    static func detach(_ arn: String, from attached: inout [String]) throws(AWSError) {
        guard let index = attached.firstIndex(of: arn) else {
            throw .noSuchEntity("Policy \(arn) was not found.")
        }
        attached.remove(at: index)
    }

    /// `<AttachedPolicies><member><PolicyName/><PolicyArn/></member>…`.
    static func writeAttached(_ arns: [String], names: (String) -> String, to writer: inout XMLWriter) {
        writer.element("AttachedPolicies") { w in
            for arn in arns {
                w.element("member") { w in
                    w.element("PolicyName", text: names(arn))
                    w.element("PolicyArn", text: arn)
                }
            }
        }
    }

    /// The name part of a managed policy ARN (for listing what is attached, even if since deleted).
    static func name(of arn: String) -> String { ManagedPolicyARN(arn)?.name ?? arn }
}
