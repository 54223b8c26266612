/// A signed request and every intermediate stage, so tests and `roleplay sign --explain` can show them.
public struct SignedRequest: Sendable, Hashable {
    /// The request as it goes on the wire: with `Authorization` and `X-Amz-*` headers (header signing),
    /// or with the `X-Amz-*` query parameters (presigning).
    public var request: SigV4Request
    public var algorithm: SigningAlgorithm
    public var scope: CredentialScope
    public var date: AmzDate
    public var canonical: CanonicalRequest
    public var stringToSignValue: StringToSign
    /// Lowercase hex (SigV4: HMAC; SigV4a: DER-encoded ECDSA signature).
    public var signature: String

    /// Stage 1, as text.
    public var canonicalRequest: String { canonical.text }
    /// Stage 2, as text.
    public var stringToSign: String { stringToSignValue.text }

    /// The `Authorization` header value of a header-signed request (nil for a presigned one).
    public var authorizationHeader: String? {
        request.header("Authorization")
    }
}
