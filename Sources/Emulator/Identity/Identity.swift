public import PolicyEngine

/// Who made a request, as authentication established it.
public struct Identity: Sendable {
    public enum Kind: Sendable {
        /// The account root user (a 12-digit access key, or `test`).
        case root
        /// An IAM user, by its long-term access key.
        case user(name: String)
        /// Temporary credentials from STS.
        case session(SessionClaims)
    }

    public var kind: Kind
    public var account: String
    public var accessKeyID: String
    /// The principal as the policy engine sees it (ARN, role ARN, user ID, principal tags).
    public var caller: Caller

    /// The session's claims, for temporary credentials.
    public var session: SessionClaims? {
        if case .session(let claims) = kind { claims } else { nil }
    }

    /// Whether the caller is a role session (AssumeRole chaining rules apply to it).
    public var isRoleSession: Bool { session?.origin == .assumeRole }

    /// The user name behind a user key or a user's GetSessionToken credentials.
    public var userName: String? {
        switch kind {
        case .user(let name): name
        case .session(let claims) where claims.origin == .getSessionToken && !claims.userName.isEmpty: claims.userName
        default: nil
        }
    }

    /// GetCallerIdentity's `UserId`: the account for root, `AIDA…` for users, `AROA…:session` for sessions.
    public var userID: String { caller.userID ?? account }
}
