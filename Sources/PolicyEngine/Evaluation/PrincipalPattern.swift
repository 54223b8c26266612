/// One value of a `Principal` element, classified when the policy is compiled.
///
/// IAM allows no wildcards in principals except `"*"` itself, so matching is by kind and
/// equality, never by pattern.
enum PrincipalPattern: Sendable, Hashable {
    case anyone
    case account(String)
    case arn(String)
    case service(String)
    case federated(String)
    case canonicalUser(String)
    /// A value IAM would reject; it matches nobody.
    case unrecognized(String)

    init(type: PrincipalType, value: String) {
        switch type {
        case .aws:
            if value == "*" {
                self = .anyone
                return
            }
            switch PrincipalName.classify(value) {
            case .account(let id)?: self = .account(id)
            case nil: self = .unrecognized(value)
            default: self = .arn(value)
            }
        case .service: self = value == "*" ? .anyone : .service(value)
        case .federated: self = .federated(value)
        case .canonicalUser: self = .canonicalUser(value)
        case .other: self = .unrecognized(value)
        }
    }

    /// How this value names `caller`.
    func match(_ caller: Caller) -> PrincipalMatch {
        switch self {
        case .anyone:
            return .exact
        case .account(let id):
            return caller.isAccountPrincipal && caller.account == id ? .account : .none
        case .arn(let arn):
            if arn == caller.arn { return .exact }
            if caller.kind == .assumedRole, arn == caller.roleARN { return .roleOfSession }
            return .none
        case .service(let name):
            return caller.kind == .service && caller.arn == name ? .exact : .none
        case .federated(let provider):
            return caller.kind == .webIdentity && caller.arn == provider ? .exact : .none
        case .canonicalUser(let id):
            return caller.canonicalUserID == id ? .exact : .none
        case .unrecognized:
            return .none
        }
    }
}

/// How a policy's `Principal` element names the caller; the strength decides whether a
/// resource policy grants on its own or only delegates to the caller's account.
public enum PrincipalMatch: Int, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The element does not name the caller.
    case none
    /// It names the caller's account (`123456789012` or `arn:aws:iam::123456789012:root`):
    /// the account's own policies decide who in it may act.
    case account
    /// It names the role whose session is calling: grants the session, but the session's
    /// permissions boundary and session policy still limit it.
    case roleOfSession
    /// It names the caller itself (its user, session or federated-user ARN, its service, or `*`).
    case exact

    public static func < (lhs: PrincipalMatch, rhs: PrincipalMatch) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .none: "does not name the caller"
        case .account: "names the caller's account"
        case .roleOfSession: "names the role of the caller's session"
        case .exact: "names the caller"
        }
    }
}
