import RoleplayCrypto
import SigV4

/// The bearer token `/_roleplay/*` requires when `roleplay serve --admin-token` sets one (docs/security.md).
///
/// Only the token's SHA-256 is kept, and a presented token is hashed before the comparison, so the constant-time
/// comparison always runs over 32 bytes: its time reveals neither where a guess first differs nor how long the
/// real token is.
public struct AdminToken: Sendable {
    private let digest: [UInt8]

    /// Nil for an empty token, which would protect nothing.
    public init?(_ token: String) {
        guard !token.isEmpty else { return nil }
        digest = SHA256.hash(Array(token.utf8)).bytes
    }

    /// Whether an `Authorization` header value is `Bearer <this token>` (the scheme name is case-insensitive,
    /// as RFC 9110 §11.1 says).
    public func accepts(authorization: String?) -> Bool {
        guard let authorization, authorization.count > 7,
            authorization.prefix(7).lowercased() == "bearer "
        else { return false }
        let presented = SHA256.hash(Array(authorization.utf8.dropFirst(7))).bytes
        return ConstantTime.equals(presented, digest)
    }
}
