/// What a temporary credential stands for, carried inside its own session token.
///
/// AWS's session tokens are opaque, self-contained blobs; Roleplay's are too. Keeping the claims in the token
/// (authenticated by `SessionTokenCodec`) means issuing credentials stores nothing: a million AssumeRoles
/// cost no memory and no lookup-table growth, and a reset invalidates them all by changing the key.
public struct SessionClaims: Sendable, Hashable {
    public enum Origin: UInt8, Sendable {
        /// `sts:AssumeRole`: a role session.
        case assumeRole = 1
        /// `sts:GetSessionToken`: the calling user (or root) itself, for a limited time.
        case getSessionToken = 2
    }

    public var origin: Origin
    public var account: String
    public var issuedAt: Int64
    public var expiration: Int64
    /// Role sessions: the role's name, path and ID at the time it was assumed.
    public var roleName: String = ""
    public var rolePath: String = "/"
    public var roleID: String = ""
    public var sessionName: String = ""
    public var sourceIdentity: String?
    /// Session tags, and which of them pass on to chained sessions.
    public var tags: [Tag] = []
    public var transitiveTagKeys: [String] = []
    /// The inline session policy (`Policy`), as sent.
    public var sessionPolicy: String?
    /// Managed session policies (`PolicyArns`), resolved when a request is authorized.
    public var sessionPolicyARNs: [String] = []
    /// GetSessionToken: the user the credentials stand for; empty for the account root.
    public var userName: String = ""
    /// Whether MFA was presented when the credentials were issued.
    public var multiFactorAuthenticated: Bool = false

    public init(origin: Origin, account: String, issuedAt: Int64, expiration: Int64) {
        self.origin = origin
        self.account = account
        self.issuedAt = issuedAt
        self.expiration = expiration
    }

    /// `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`: the role path is dropped (spec §2.5).
    public var assumedRoleARN: String { "arn:aws:sts::\(account):assumed-role/\(roleName)/\(sessionName)" }
    /// `AROA…:SESSION`.
    public var assumedRoleID: String { "\(roleID):\(sessionName)" }
    /// The role's IAM ARN, path included.
    public var roleARN: String { "arn:aws:iam::\(account):role\(rolePath)\(roleName)" }
}
