/// How a service canonicalizes requests, and what the signer adds. The defaults are those of every AWS
/// service except S3.
public struct SigningOptions: Sendable, Hashable {
    /// What the last line of the canonical request holds.
    public enum Payload: Sendable, Hashable {
        /// The hex SHA-256 of the body (or of `x-amz-content-sha256` when the request carries that header).
        case hashBody
        /// `UNSIGNED-PAYLOAD`: the body is not covered by the signature.
        case unsigned
        /// A hash the caller already computed (streamed bodies), as lowercase hex.
        case precomputed(String)
    }

    /// Remove `.`/`..` segments and merge repeated slashes before encoding (not S3).
    public var normalizePath: Bool
    /// Percent-encode the path as it appears on the wire, which encodes existing `%XX` again (not S3).
    public var doubleEncodePath: Bool
    public var payload: Payload
    /// Add and sign an `x-amz-content-sha256` header with the payload hash (header signing only).
    public var addContentSHA256Header: Bool
    /// Sign the session token (`X-Amz-Security-Token`); false adds it after signing, as a few services want.
    public var signSessionToken: Bool
    /// Lowercase names of headers never signed: they change in transit or are added by proxies.
    public var unsignedHeaders: Set<String>

    /// The headers AWS SDKs leave unsigned: botocore's list (hop-by-hop headers, which proxies change, plus
    /// `expect`, `user-agent` and `x-amzn-trace-id`) and `authorization` itself.
    public static let defaultUnsignedHeaders: Set<String> = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
        "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    public init(
        normalizePath: Bool = true, doubleEncodePath: Bool = true, payload: Payload = .hashBody,
        addContentSHA256Header: Bool = false, signSessionToken: Bool = true,
        unsignedHeaders: Set<String> = SigningOptions.defaultUnsignedHeaders
    ) {
        self.normalizePath = normalizePath
        self.doubleEncodePath = doubleEncodePath
        self.payload = payload
        self.addContentSHA256Header = addContentSHA256Header
        self.signSessionToken = signSessionToken
        self.unsignedHeaders = unsignedHeaders
    }

    /// The canonicalization rules of a signing name: S3 alone keeps paths as they are and encodes once.
    public static func forService(_ service: String) -> SigningOptions {
        service == "s3" ? SigningOptions(normalizePath: false, doubleEncodePath: false) : SigningOptions()
    }
}
