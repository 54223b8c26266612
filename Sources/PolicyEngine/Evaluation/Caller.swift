/// Who makes a request: the authenticated principal, with what IAM knows about it.
///
/// Policies name principals in several forms (account, user ARN, role ARN, session ARN, service),
/// and the same caller matches them differently: an assumed-role session matches its session ARN
/// exactly, its role's ARN as "a session of that role", and its account's root as "someone in
/// that account". The caller therefore carries its role ARN (with path) besides its own ARN.
public struct Caller: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The account root user (`arn:aws:iam::111122223333:root`).
        case root
        case user
        /// A role itself (rare as a caller; sessions are `assumedRole`).
        case role
        case assumedRole
        case federatedUser
        /// An AWS service principal such as `ec2.amazonaws.com`.
        case service
        /// A web-identity or SAML provider calling AssumeRoleWithWebIdentity / WithSAML.
        case webIdentity
        case anonymous
    }

    public var kind: Kind
    /// The caller's ARN as it appears in CloudTrail and error messages (for a session, the
    /// `sts` assumed-role ARN); for a service, its name; for a provider, its ARN or host.
    public var arn: String
    /// The 12-digit account, or empty for services, providers and anonymous callers.
    public var account: String
    public var partition: String
    /// For an assumed-role session: the role's IAM ARN, path included.
    public var roleARN: String?
    /// For an IAM user: the user name (`aws:username`).
    public var userName: String?
    /// The unique ID (`aws:userid`): `AIDA…` for users, `AROA…:session` for sessions.
    public var userID: String?
    /// The principal's tags (`aws:PrincipalTag/…`), keyed by lowercased tag key.
    public private(set) var tags: [String: String] = [:]
    /// The S3 canonical user ID, if any.
    public var canonicalUserID: String?

    /// A caller read from its ARN: root, user, role, assumed-role session or federated user.
    ///
    /// For a session the role ARN is rebuilt without a path; set `roleARN` when the role has one.
    public init?(arn: String) {
        guard let parsed = ARN(arn), PrincipalName.isAccountID(parsed.account) else { return nil }
        self.arn = arn
        self.account = String(parsed.account)
        self.partition = String(parsed.partition)
        let resource = parsed.resource
        switch parsed.service {
        case "iam" where resource == "root":
            kind = .root
            userID = account
        case "iam" where resource.hasPrefix("user/"):
            kind = .user
            userName = resource.split(separator: "/").last.map(String.init)
        case "iam" where resource.hasPrefix("role/"):
            kind = .role
            roleARN = arn
        case "sts" where resource.hasPrefix("assumed-role/"):
            let parts = resource.split(separator: "/")
            guard parts.count == 3 else { return nil }
            kind = .assumedRole
            roleARN = "arn:\(partition):iam::\(account):role/\(parts[1])"
        case "sts" where resource.hasPrefix("federated-user/"):
            kind = .federatedUser
            userID = "\(account):\(resource.dropFirst("federated-user/".count))"
        default:
            return nil
        }
    }

    /// A caller of any kind, for services, providers and anonymous requests.
    public init(kind: Kind, arn: String, account: String = "", partition: String = "aws") {
        self.kind = kind
        self.arn = arn
        self.account = account
        self.partition = partition
    }

    /// An AWS service principal, such as `bedrock.amazonaws.com`.
    public static func service(_ name: String) -> Caller { Caller(kind: .service, arn: name) }

    /// An unauthenticated caller.
    public static let anonymous = Caller(kind: .anonymous, arn: "*")

    /// Returns a copy with the given principal tags.
    public func tagged(_ tags: [String: String]) -> Caller {
        var copy = self
        copy.tags = Dictionary(tags.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        return copy
    }

    /// `aws:PrincipalArn`: for a session, its role's ARN; otherwise the caller's own ARN.
    public var principalARN: String { kind == .assumedRole ? (roleARN ?? arn) : arn }

    /// `aws:PrincipalType`.
    public var principalType: String {
        switch kind {
        case .root: "Account"
        case .user: "User"
        case .role, .assumedRole: "AssumedRole"
        case .federatedUser: "FederatedUser"
        case .service: "Service"
        case .webIdentity: "WebIdentityUser"
        case .anonymous: "Anonymous"
        }
    }

    /// Whether the caller is an IAM principal of some account (not a service, provider or anonymous).
    public var isAccountPrincipal: Bool {
        switch kind {
        case .root, .user, .role, .assumedRole, .federatedUser: true
        case .service, .webIdentity, .anonymous: false
        }
    }

    public var description: String { arn }
}
