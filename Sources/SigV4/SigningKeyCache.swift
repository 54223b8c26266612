public import RoleplayCrypto
import RoleplaySync
import Synchronization

/// Derived signing keys, shared by every thread of a signer or a verifier.
///
/// HMAC keys are cached per (secret, date, region, service) and SigV4a ECDSA keys per (access key,
/// secret): both derivations cost far more than a signature. The cache holds at most `capacity` entries
/// of each kind and is emptied when full (keys change daily, so a simple reset loses little). All state
/// sits behind one `Locked` (the project's `Mutex`); critical sections are dictionary look-ups only.
public final class SigningKeyCache: Sendable {
    struct HMACEntry: Hashable {
        let secret: String
        let date: String
        let region: String
        let service: String
    }

    struct ECDSAEntry: Hashable {
        let accessKeyID: String
        let secret: String
    }

    struct Entries: ~Copyable {
        /// The key of the last look-up: a signer or a busy client signs with one scope all day, and comparing
        /// strings that share storage is a pointer check, where hashing a 40-character secret is not.
        var last: (HMACEntry, HMACKey)?
        var hmac: [HMACEntry: HMACKey] = [:]
        var ecdsa: [ECDSAEntry: P256PrivateKey] = [:]
    }

    private let entries = Locked(Entries())
    public let capacity: Int

    public init(capacity: Int = 4096) { self.capacity = max(1, capacity) }

    /// The HMAC signing key of `scope`, derived on first use.
    public func hmacKey(secretAccessKey: String, scope: CredentialScope) -> HMACKey {
        let key = HMACEntry(secret: secretAccessKey, date: scope.date, region: scope.region, service: scope.service)
        let hit: HMACKey? = entries.withLock { e in
            if let last = e.last, last.0 == key { return last.1 }
            guard let found = e.hmac[key] else { return nil }
            e.last = (key, found)
            return found
        }
        if let hit { return hit }
        let derived = SigningKey.derive(secretAccessKey: secretAccessKey, scope: scope)
        entries.withLock { e in
            if e.hmac.count >= capacity { e.hmac.removeAll(keepingCapacity: true) }
            e.hmac[key] = derived
            e.last = (key, derived)
        }
        return derived
    }

    /// The SigV4a private key of a credential pair, derived on first use.
    public func ecdsaKey(accessKeyID: String, secretAccessKey: String) throws(CryptoError) -> P256PrivateKey {
        let key = ECDSAEntry(accessKeyID: accessKeyID, secret: secretAccessKey)
        if let hit = entries.withLock({ $0.ecdsa[key] }) { return hit }
        let derived = try P256PrivateKey.sigV4a(accessKeyID: accessKeyID, secretAccessKey: secretAccessKey)
        entries.withLock { e in
            if e.ecdsa.count >= capacity { e.ecdsa.removeAll(keepingCapacity: true) }
            e.ecdsa[key] = derived
        }
        return derived
    }
}
