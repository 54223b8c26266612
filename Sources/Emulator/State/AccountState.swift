/// Everything IAM holds for one AWS account. Accounts come into being on first use, empty.
public struct AccountState: Sendable {
    public let id: String
    /// Roles by lowercased name: IAM role names are unique ignoring case (spec §5.1).
    public var roles: [String: Role] = [:]
    /// Users by lowercased name, unique ignoring case like roles.
    public var users: [String: User] = [:]
    /// Customer managed policies by ARN.
    public var policies: [String: ManagedPolicy] = [:]

    public init(id: String) { self.id = id }

    public func role(named name: String) -> Role? { roles[name.lowercased()] }
    public func user(named name: String) -> User? { users[name.lowercased()] }

    /// How many roles and users of this account attach the policy (IAM's `AttachmentCount`).
    public func attachmentCount(of policyARN: String) -> Int {
        roles.values.count { $0.attachedPolicyARNs.contains(policyARN) }
            + users.values.count { $0.attachedPolicyARNs.contains(policyARN) }
    }

    /// How many roles and users use the policy as their boundary (`PermissionsBoundaryUsageCount`).
    public func boundaryUsageCount(of policyARN: String) -> Int {
        roles.values.count { $0.permissionsBoundaryARN == policyARN }
            + users.values.count { $0.permissionsBoundaryARN == policyARN }
    }
}
