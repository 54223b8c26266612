/// The two SigV4 algorithms: HMAC (one region per scope) and SigV4a (ECDSA P-256, a region set).
public enum SigningAlgorithm: String, Sendable, Hashable, CaseIterable {
    case hmacSHA256 = "AWS4-HMAC-SHA256"
    case ecdsaP256SHA256 = "AWS4-ECDSA-P256-SHA256"

    /// The wire name that starts an `Authorization` header and fills `X-Amz-Algorithm`.
    public var wireName: String { rawValue }
}
