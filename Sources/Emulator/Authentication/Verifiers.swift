import AWSWire
import SigV4

/// The two signature verifiers the services need, sharing one signing-key cache: the query protocol allows
/// 15 minutes of clock skew, JSON and rest-json 5 (spec §2.3).
struct Verifiers: Sendable {
    let query: Verifier
    let other: Verifier

    init() {
        let cache = SigningKeyCache()
        query = Verifier(clockSkew: 900, keyCache: cache) { _ in nil }
        other = Verifier(clockSkew: 300, keyCache: cache) { _ in nil }
    }

    /// A verifier for `service` that knows exactly one secret: the one identity resolution found.
    func verifier(for service: Service, secret: String) -> Verifier {
        var verifier = service.wireProtocol == .query ? query : other
        verifier.secretLookup = { _ in secret }
        return verifier
    }
}
