import PolicyEngine
import SigV4

/// Turns an access key ID (and session token) into an identity and the secret its signature must use.
///
/// The identity convention of ARCHITECTURE.md: a 12-digit key is that account's root with secret `test`;
/// `test` is the root of `000000000000`; `AKIA…` keys are IAM users' (inactive ones are refused); `ASIA…` keys
/// are temporary and carry their claims in the session token. Anything else is unknown. Expiry is judged on
/// virtual time.
struct IdentityResolver {
    let state: EmulatorState
    let tokens: SessionTokenCodec
    let now: Int64

    static let defaultAccount = "000000000000"
    static let rootSecret = "test"

    func resolve(accessKeyID: String, sessionToken: String?) -> Result<(Identity, secret: String), AuthFailure> {
        // Only temporary keys have tokens: AWS refuses a token sent with a long-term key (a stale
        // AWS_SESSION_TOKEN next to new keys) rather than ignoring it.
        if sessionToken != nil, !accessKeyID.hasPrefix("ASIA") { return .failure(.unknownAccessKey(accessKeyID)) }
        if accessKeyID == "test" { return .success((Self.root(account: Self.defaultAccount, accessKeyID: accessKeyID), Self.rootSecret)) }
        if accessKeyID.utf8.count == 12, accessKeyID.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return .success((Self.root(account: accessKeyID, accessKeyID: accessKeyID), Self.rootSecret))
        }
        if accessKeyID.hasPrefix("ASIA") {
            guard let token = sessionToken, let claims = tokens.decode(token, accessKeyID: accessKeyID) else {
                return .failure(.unknownAccessKey(accessKeyID))
            }
            guard claims.expiration > now else { return .failure(.expiredToken) }
            guard let identity = session(claims, accessKeyID) else { return .failure(.unknownAccessKey(accessKeyID)) }
            return .success((identity, tokens.secret(for: accessKeyID)))
        }
        guard let key = state.accessKeys[accessKeyID], key.status == .active,
            let user = state.account(key.account)?.user(named: key.userName)
        else { return .failure(.unknownAccessKey(accessKeyID)) }
        return .success((Self.user(user, accessKeyID: accessKeyID), key.secret))
    }

    // Callers are built from their parts, not parsed back from ARNs: this runs on every request.

    static func root(account: String, accessKeyID: String) -> Identity {
        var caller = Caller(kind: .root, arn: "arn:aws:iam::\(account):root", account: account)
        caller.userID = account
        return Identity(kind: .root, account: account, accessKeyID: accessKeyID, caller: caller)
    }

    static func user(_ user: User, accessKeyID: String) -> Identity {
        var caller = Caller(kind: .user, arn: user.arn, account: user.account)
        caller.userID = user.id
        caller.userName = user.name
        return Identity(
            kind: .user(name: user.name), account: user.account, accessKeyID: accessKeyID,
            caller: user.tags.isEmpty ? caller : caller.tagged(user.tags.dictionary))
    }

    /// A session's identity. A GetSessionToken session of a user that has since been deleted is refused.
    private func session(_ claims: SessionClaims, _ accessKeyID: String) -> Identity? {
        switch claims.origin {
        case .assumeRole:
            var caller = Caller(kind: .assumedRole, arn: claims.assumedRoleARN, account: claims.account)
            caller.roleARN = claims.roleARN
            caller.userID = claims.assumedRoleID
            // Session tags override the role's own tags of the same key (IAM User Guide, "Passing session tags").
            var tags = state.account(claims.account)?.role(named: claims.roleName)?.tags ?? []
            tags.merge(claims.tags)
            return Identity(
                kind: .session(claims), account: claims.account, accessKeyID: accessKeyID,
                caller: tags.isEmpty ? caller : caller.tagged(tags.dictionary))
        case .getSessionToken:
            if claims.userName.isEmpty {
                var identity = Self.root(account: claims.account, accessKeyID: accessKeyID)
                identity.kind = .session(claims)
                return identity
            }
            guard let user = state.account(claims.account)?.user(named: claims.userName) else { return nil }
            var identity = Self.user(user, accessKeyID: accessKeyID)
            identity.kind = .session(claims)
            return identity
        }
    }
}
