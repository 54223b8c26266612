public import SigV4

/// An IAM role: who may assume it (the trust policy), what its sessions may do (inline and attached
/// policies, bounded by the permissions boundary), and when a session last used it.
public struct Role: Sendable {
    public var name: String
    public var path: String
    /// `AROA…`, 21 characters; part of every session's `AssumedRoleId`.
    public var id: String
    public var arn: String
    public var account: String
    public var createDate: AmzDate
    public var trustPolicy: StoredPolicy
    public var description: String?
    public var maxSessionDuration: Int
    public var permissionsBoundaryARN: String?
    public var tags: [Tag]
    public var inlinePolicies: [InlinePolicy]
    /// Attached managed policy ARNs, in attachment order.
    public var attachedPolicyARNs: [String]
    /// The use `GetRole` shows as `RoleLastUsed` (with `--role-last-used-lag`, the last use that has settled).
    public var lastUsed: (date: AmzDate, region: String)?
    /// Uses not yet visible, oldest first (empty without a lag): see Role+LastUsed.swift.
    var pendingUses: [(date: AmzDate, region: String)] = []
}
