/// Which IAM API a document is written for; IAM's grammar and size limits differ by kind.
///
/// A role's trust policy must name principals and may not name resources; identity, managed and
/// session policies must not name principals and must name resources; a generic resource policy
/// (an S3 bucket policy, a KMS key policy) names both.
public enum PolicyKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A role's trust policy (`AssumeRolePolicyDocument` of CreateRole / UpdateAssumeRolePolicy).
    case trust
    /// An inline identity policy (PutRolePolicy, PutUserPolicy, PutGroupPolicy).
    case identity
    /// A customer managed policy (CreatePolicy / CreatePolicyVersion), also used as a permissions boundary.
    case managed
    /// A resource-based policy other than a trust policy.
    case resource
    /// A session policy (AssumeRole's `Policy` parameter, or a managed policy passed in `PolicyArns`).
    case session

    public var description: String { rawValue }

    /// Whether statements must carry `Principal` (true) or must not (false).
    var requiresPrincipal: Bool { self == .trust || self == .resource }

    /// Human name used in explanations ("trust policy statement AllowSystemAccount …").
    public var displayName: String {
        switch self {
        case .trust: "trust policy"
        case .identity: "identity policy"
        case .managed: "managed policy"
        case .resource: "resource policy"
        case .session: "session policy"
        }
    }
}

/// Which entity an inline identity policy is embedded in; IAM's aggregate limit differs.
public enum InlinePolicyEntity: Sendable, Hashable {
    case role(name: String)
    case user(name: String)
    case group(name: String)
}

/// IAM's size quotas, counted the way IAM counts them.
///
/// IAM does not count white space for identity, managed and trust policies; STS counts every
/// character of a session policy's plain text (AssumeRole's model constraint is 1–2,048).
public struct PolicySizeLimits: Sendable, Hashable {
    /// Role trust policy length (`ACLSizePerRole`), default 2,048, adjustable to 4,096.
    public var trustPolicy: Int = 2_048
    /// Managed policy length (`PolicySize`).
    public var managedPolicy: Int = 6_144
    /// Aggregate inline policy size per role.
    public var inlineRolePolicies: Int = 10_240
    /// Aggregate inline policy size per user.
    public var inlineUserPolicies: Int = 2_048
    /// Aggregate inline policy size per group.
    public var inlineGroupPolicies: Int = 5_120
    /// Plain-text session policy length passed to AssumeRole.
    public var sessionPolicy: Int = 2_048
    /// Resource policy length (S3's bucket policy limit, 20 KB, the most common resource policy).
    public var resourcePolicy: Int = 20_480

    public init() {}
}
