/// `Principal` or `NotPrincipal`: either the bare wildcard `"*"` or typed lists of principals.
public struct PrincipalElement: Sendable, Hashable {
    /// True for `NotPrincipal`.
    public var negated: Bool
    /// True when written as the bare string `"*"` rather than an object.
    ///
    /// Resource policies treat `"Principal": "*"` like `{"AWS": "*"}`; IAM refuses the bare form
    /// in a role trust policy, so the distinction must survive parsing.
    public var isBareWildcard: Bool
    public var entries: [PrincipalEntry]

    public init(negated: Bool = false, isBareWildcard: Bool = false, entries: [PrincipalEntry] = []) {
        self.negated = negated
        self.isBareWildcard = isBareWildcard
        self.entries = entries
    }
}

/// One typed principal list, such as `"AWS": ["arn:aws:iam::111122223333:root", "444455556666"]`.
public struct PrincipalEntry: Sendable, Hashable {
    public var type: PrincipalType
    public var values: [String]

    public init(type: PrincipalType, _ values: [String]) {
        self.type = type
        self.values = values
    }
}

/// The key of a principal entry.
public enum PrincipalType: Sendable, Hashable, CustomStringConvertible {
    case aws
    case service
    case federated
    case canonicalUser
    /// Any other key (IAM rejects it; kept so the diagnostic can quote it).
    case other(String)

    init(key: String) {
        switch key {
        case "AWS": self = .aws
        case "Service": self = .service
        case "Federated": self = .federated
        case "CanonicalUser": self = .canonicalUser
        default: self = .other(key)
        }
    }

    /// The key as written in policies.
    public var description: String {
        switch self {
        case .aws: "AWS"
        case .service: "Service"
        case .federated: "Federated"
        case .canonicalUser: "CanonicalUser"
        case .other(let key): key
        }
    }
}
