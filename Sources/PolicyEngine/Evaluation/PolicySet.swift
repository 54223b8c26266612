/// Every policy that bears on one request, by the part it plays.
///
/// For `sts:AssumeRole` the caller's identity policies (and boundary, and session policies if the
/// caller is itself a session) form the identity side, and the role's trust policy is the resource
/// policy. For a Bedrock call made with the session's credentials, the role's permission policies
/// are the identity side and the session policy passed to AssumeRole narrows them.
public struct PolicySet: Sendable {
    /// Identity-based policies: inline and attached managed policies, including the groups' for a user.
    public var identity: [CompiledPolicy]
    /// The permissions boundary, if the user or role has one (IAM allows one).
    public var permissionsBoundary: CompiledPolicy?
    /// Session policies passed when the session was created; nil when none were passed.
    public var session: [CompiledPolicy]?
    /// The resource's policy; for AssumeRole, the role's trust policy (kind `.trust`).
    public var resource: CompiledPolicy?

    public init(
        identity: [CompiledPolicy] = [], permissionsBoundary: CompiledPolicy? = nil,
        session: [CompiledPolicy]? = nil, resource: CompiledPolicy? = nil
    ) {
        self.identity = identity
        self.permissionsBoundary = permissionsBoundary
        self.session = session?.isEmpty == true ? nil : session
        self.resource = resource
    }
}
