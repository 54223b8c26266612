import AWSWire
import SigV4

/// Credentials STS hands out: a new `ASIA…` key, its derived secret, and a token that carries the claims.
struct TemporaryCredentials {
    var accessKeyID: String
    var secretAccessKey: String
    var sessionToken: String
    var expiration: AmzDate

    /// Mints credentials for `claims` (which fix the expiry).
    static func issue(_ claims: SessionClaims, _ environment: RequestEnvironment) -> TemporaryCredentials {
        let accessKeyID = environment.ids.identifier(prefix: "ASIA", length: 20, alphabet: .base32)
        let sessionToken = environment.tokens.encode(claims, accessKeyID: accessKeyID)
        environment.issued.keep(
            .init(accessKeyID: accessKeyID, sessionToken: sessionToken, expiration: claims.expiration, claims: claims))
        return TemporaryCredentials(
            accessKeyID: accessKeyID, secretAccessKey: environment.tokens.secret(for: accessKeyID),
            sessionToken: sessionToken, expiration: AmzDate(secondsSince1970: claims.expiration))
    }

    /// `<Credentials>…</Credentials>` as AssumeRole and GetSessionToken return it (spec §4.1).
    func write(to writer: inout XMLWriter) {
        writer.element("Credentials") { w in
            w.element("AccessKeyId", text: accessKeyID)
            w.element("SecretAccessKey", text: secretAccessKey)
            w.element("SessionToken", text: sessionToken)
            w.element("Expiration", text: expiration.iso8601())
        }
    }
}
