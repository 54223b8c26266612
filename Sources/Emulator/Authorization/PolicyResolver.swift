import PolicyEngine

/// Gathers the policies that bear on a caller's requests: identity policies (inline and attached), the
/// permissions boundary, and a session's session policies.
///
/// Root has none (the policy engine allows root in its own account). A role session gets its role's policies
/// as they are now, not as they were when the session began, as on AWS; a session whose role was deleted has
/// no identity policy left and is denied everything that needs one.
struct PolicyResolver {
    let state: EmulatorState
    let sessionPolicies: SessionPolicyCache

    func policies(for identity: Identity) -> PolicySet {
        guard let account = state.account(identity.account) else { return PolicySet(session: sessionSide(identity)) }
        if let session = identity.session, session.origin == .assumeRole {
            guard let role = account.role(named: session.roleName), role.id == session.roleID else {
                return PolicySet(session: sessionSide(identity))
            }
            return PolicySet(
                identity: identityPolicies(inline: role.inlinePolicies, attached: role.attachedPolicyARNs),
                permissionsBoundary: role.permissionsBoundaryARN.flatMap(managedPolicy),
                session: sessionSide(identity))
        }
        if let name = identity.userName, let user = account.user(named: name) {
            return PolicySet(
                identity: identityPolicies(inline: user.inlinePolicies, attached: user.attachedPolicyARNs),
                permissionsBoundary: user.permissionsBoundaryARN.flatMap(managedPolicy))
        }
        return PolicySet()
    }

    private func identityPolicies(inline: [InlinePolicy], attached: [String]) -> [CompiledPolicy] {
        inline.map(\.policy.compiled) + attached.compactMap(managedPolicy)
    }

    /// The session policies of a role session: its inline `Policy` and its `PolicyArns`. A managed session
    /// policy deleted since contributes nothing (so allows nothing).
    private func sessionSide(_ identity: Identity) -> [CompiledPolicy]? {
        guard let session = identity.session, session.origin == .assumeRole,
            session.sessionPolicy != nil || !session.sessionPolicyARNs.isEmpty
        else { return nil }
        var list: [CompiledPolicy] = []
        if let text = session.sessionPolicy, let policy = sessionPolicies.policy(text) { list.append(policy) }
        list += session.sessionPolicyARNs.compactMap(managedPolicy)
        // A session that had session policies keeps being limited by them even if they all vanished.
        return list.isEmpty ? [Self.denyNothingAllowed] : list
    }

    /// The compiled default version of a managed policy, AWS's or the account's.
    func managedPolicy(_ arn: String) -> CompiledPolicy? {
        if let compiled = AWSManagedPolicyCatalog.compiled(arn: arn) { return compiled }
        guard let account = ManagedPolicyARN(arn)?.account else { return nil }
        return state.account(account)?.policies[arn]?.defaultVersion?.policy.compiled
    }

    /// A session policy that allows nothing, standing in for session policies that no longer exist.
    static let denyNothingAllowed = CompiledPolicy(
        PolicyDocument(version: .v2012_10_17, statements: [], originalText: #"{"Version":"2012-10-17","Statement":[]}"#),
        name: "session policy (deleted)", kind: .session)
}

/// The parts of a managed policy ARN, `arn:aws:iam::ACCOUNT:policy/PATH/NAME` (ACCOUNT is `aws` for AWS's).
struct ManagedPolicyARN: Sendable, Hashable {
    var account: String
    var path: String
    var name: String

    init?(_ text: String) {
        let fields = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn", fields[2] == "iam", fields[3].isEmpty,
            fields[4] == "aws" || (fields[4].count == 12 && fields[4].allSatisfy(\.isASCIIDigit)),
            fields[5].hasPrefix("policy/")
        else { return nil }
        let resource = fields[5].dropFirst("policy/".count)
        let slash = resource.lastIndex(of: "/")
        let name = slash.map { resource[resource.index(after: $0)...] } ?? resource
        guard !name.isEmpty else { return nil }
        account = String(fields[4])
        path = slash.map { "/" + resource[...$0] } ?? "/"
        self.name = String(name)
    }
}
