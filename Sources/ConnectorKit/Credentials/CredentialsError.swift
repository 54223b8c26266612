/// Why a credentials provider produced no credentials (errors of the services it calls pass through as
/// `ServiceError`).
public enum CredentialsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The source holds no credentials at all (no variables set, no such profile): a chain tries the next one.
    case notFound(String)
    /// The source holds some credentials but not a usable set (a key ID without its secret).
    case incomplete(String)
    /// A profile exists but cannot be used: a missing or bad setting, a `source_profile` loop, an unsupported
    /// `credential_source`. `file` names where the profile was read from.
    case invalidProfile(profile: String, file: String?, reason: String)
    /// Every provider of a chain found nothing: one line per provider, in the order they were tried.
    case noProviderSucceeded([String])

    public var description: String {
        switch self {
        case .notFound(let detail): "no credentials: \(detail)"
        case .incomplete(let detail): "incomplete credentials: \(detail)"
        case .invalidProfile(let profile, let file, let reason):
            "profile \"\(profile)\"" + (file.map { " in \($0)" } ?? "") + ": \(reason)"
        case .noProviderSucceeded(let tried):
            "no credentials from any provider: " + tried.joined(separator: "; ")
        }
    }
}
