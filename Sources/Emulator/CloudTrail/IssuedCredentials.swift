import RoleplaySync
import Synchronization

/// The credentials a call minted (AssumeRole, GetSessionToken), kept for its CloudTrail record's
/// `responseElements`.
///
/// STS mints credentials while the response is written, after the state lock is released (see AssumeRole);
/// the record is built after that, so the minting code leaves them here on its way out. One slot per request;
/// the secret access key is never kept.
final class IssuedCredentials: Sendable {
    struct Issued: Sendable {
        var accessKeyID: String
        var sessionToken: String
        var expiration: Int64
        var claims: SessionClaims
    }

    private let slot = Locked<Issued?>(nil)

    func keep(_ issued: Issued) { slot.withLock { $0 = issued } }

    var value: Issued? { slot.withLock { $0 } }
}
