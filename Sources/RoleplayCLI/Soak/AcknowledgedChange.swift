import SigV4

/// A change the server acknowledged: its 2xx response was read to the end before the server was killed.
///
/// Persistence promises that every acknowledged change survives `kill -9` (docs/persistence.md: the record is
/// written before the response is sent), so each one carries what is needed to look it up again after a restart,
/// and the request ID its CloudTrail event must carry.
struct AcknowledgedChange: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case role(name: String, roleID: String)
        case rolePolicy(role: String, policy: String, document: String)
        case user(name: String, userID: String)
        /// An IAM user's access key: after the restart it must still authenticate as that user.
        case accessKey(user: String, credentials: Credentials)
        /// AssumeRole's temporary credentials: they must keep working after a restart, until they expire.
        case session(credentials: Credentials)
    }

    var kind: Kind
    /// The account whose IAM (and CloudTrail history) holds the change.
    var account: String
    var requestID: String

    var label: String {
        switch kind {
        case .role(let name, _): "role \(name)"
        case .rolePolicy(let role, let policy, _): "policy \(policy) of role \(role)"
        case .user(let name, _): "user \(name)"
        case .accessKey(let user, let credentials): "access key \(credentials.accessKeyID) of \(user)"
        case .session(let credentials): "session \(credentials.accessKeyID)"
        }
    }
}
