public import RoleplayCrypto

/// Task 3 of SigV4: the signing key, `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.
///
/// Deriving it costs four HMACs (four keyings and four MACs), more than signing itself, so signers and
/// verifiers keep derived keys in a `SigningKeyCache`.
public enum SigningKey {
    /// Derives the HMAC signing key of a scope, ready to MAC a string to sign.
    public static func derive(secretAccessKey: String, scope: CredentialScope) -> HMACKey {
        let kDate = HMACKey(Array("AWS4\(secretAccessKey)".utf8)).authenticationCode(for: scope.date.utf8)
        let kRegion = HMACKey(kDate).authenticationCode(for: scope.region.utf8)
        let kService = HMACKey(kRegion).authenticationCode(for: scope.service.utf8)
        let kSigning = HMACKey(kService).authenticationCode(for: CredentialScope.terminator.utf8)
        return HMACKey(kSigning)
    }
}
