/// The outcome of an authorization.
///
/// Two kinds of deny matter to users: an explicit deny (some `Deny` statement applied, and no
/// allow anywhere can override it) and an implicit deny (nothing allowed the request). AWS
/// returns the same `AccessDenied` for both; the explanation tells them apart.
public enum Decision: String, Sendable, Hashable {
    case allowed
    case explicitDeny
    case implicitDeny
}

/// Which of AWS's documented rules settled the decision.
public enum DecisionReason: String, Sendable, Hashable {
    /// A `Deny` statement applied.
    case explicitDeny
    /// The account root user may never call `sts:AssumeRole`.
    case rootCannotAssumeRole
    /// The account root user acting in its own account.
    case rootAccount
    /// Same account: an identity policy allowed (and any boundary and session policy did too).
    case identityPolicyAllows
    /// A resource policy named the caller (or its role) and allowed on its own.
    case resourcePolicyAllows
    /// The trust policy named the caller's account root, and the caller's identity policies allowed.
    case trustDelegatesToAccount
    /// Cross-account: the resource policy and the caller's identity policies both allowed.
    case crossAccountAllowed
    /// No identity policy statement allowed the request.
    case noIdentityAllow
    /// The permissions boundary did not allow the request.
    case boundaryDoesNotAllow
    /// The session policies did not allow the request.
    case sessionPolicyDoesNotAllow
    /// No trust policy statement allowed this caller.
    case trustPolicyDoesNotAllow
    /// Cross-account: no resource policy statement allowed this caller.
    case resourcePolicyDoesNotAllow
    /// Cross-account request to a resource without a resource policy.
    case noResourcePolicy

    /// The `AccessDenied` message AWS sends instead of its usual `User: … is not authorized to
    /// perform: …` template, when it has a special one.
    ///
    /// STS answers root credentials calling AssumeRole with a fixed sentence (quoted in many public
    /// issue reports, e.g. kubeflow/testing#961), whatever the policies say.
    public var specialAccessDeniedMessage: String? {
        self == .rootCannotAssumeRole ? "Roles may not be assumed by root accounts." : nil
    }
}

/// A decision with its reason, the statements that settled it, and a trace of every statement.
public struct Evaluation: Sendable {
    public var decision: Decision
    public var reason: DecisionReason
    /// For an allow, the Allow statements that granted; for an explicit deny, the Deny statements
    /// that applied; for an implicit deny, the Allow statements of the blocking policy that came
    /// closest (right action and resource, but principal or conditions failed).
    public var decidingStatements: [StatementReference]
    /// Every statement of every policy, in evaluation order.
    public var trace: [StatementTrace]
    public var caller: Caller
    public var action: String
    public var resource: String
    /// Whether caller and resource were in the same account.
    public var sameAccount: Bool
}
