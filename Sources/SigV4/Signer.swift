public import RoleplayCrypto

/// Signs requests with SigV4 or SigV4a, in the `Authorization` header or as a presigned query string.
///
/// Pure: it reads no clock (the caller passes `at:`) and does no I/O. A `SigningKeyCache` makes repeated
/// signatures with one scope skip the key derivation; without one every signature derives its key.
///
/// ```swift
/// let signed = try Signer(credentials: creds, region: "us-east-1", service: "sts").sign(request, at: now)
/// signed.canonicalRequest; signed.stringToSign; signed.signature; signed.authorizationHeader
/// ```
public struct Signer: Sendable {
    public var credentials: Credentials
    /// The region of the scope (SigV4), or the region set written to `X-Amz-Region-Set` (SigV4a, e.g. `*`).
    public var region: String
    public var service: String
    public var algorithm: SigningAlgorithm
    public var options: SigningOptions
    public var keyCache: SigningKeyCache?

    public init(
        credentials: Credentials, region: String, service: String, algorithm: SigningAlgorithm = .hmacSHA256,
        options: SigningOptions? = nil, keyCache: SigningKeyCache? = nil
    ) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.algorithm = algorithm
        self.options = options ?? .forService(service)
        self.keyCache = keyCache
    }

    /// The scope of a signature made at `date`.
    public func scope(at date: AmzDate) -> CredentialScope {
        CredentialScope(
            date: date.dateStamp, region: algorithm == .hmacSHA256 ? region : "", service: service,
            algorithm: algorithm)
    }

    /// Signs in the `Authorization` header: adds `X-Amz-Date` (replacing any), `X-Amz-Security-Token`,
    /// `X-Amz-Region-Set` (SigV4a) and `x-amz-content-sha256` when the options ask for it.
    ///
    /// A request that carries a `Date` header and no `X-Amz-Date` is dated by `Date` instead (rewritten to
    /// the signing time), as SigV4 allows and botocore does.
    ///
    /// - Throws: `CryptoError` only for SigV4a, if OpenSSL fails to sign.
    public func sign(_ request: SigV4Request, at date: AmzDate) throws(CryptoError) -> SignedRequest {
        var r = request
        r.headers.reserveCapacity(r.headers.count + 5)  // one copy for every header the signer adds
        if r.header("X-Amz-Date") == nil, r.header("Date") != nil {
            r.setHeader("Date", date.httpDate)
        } else {
            r.setHeader("X-Amz-Date", date.amzFormat)
        }
        if let token = credentials.sessionToken, options.signSessionToken { r.setHeader("X-Amz-Security-Token", token) }
        if algorithm == .ecdsaP256SHA256 { r.setHeader("X-Amz-Region-Set", region) }
        let payloadHash = Self.payloadHash(of: r, options: options)
        if options.addContentSHA256Header { r.setHeader("x-amz-content-sha256", payloadHash.text) }

        let canonical = CanonicalRequest.build(
            r, headers: .allExcept(options.unsignedHeaders), payloadHash: payloadHash, options: options)
        let scope = scope(at: date)
        let (sts, signature) = try finish(canonical, scope: scope, date: date)

        r.setHeader("Authorization", authorization(scope: scope, canonical: canonical, signature: signature))
        if let token = credentials.sessionToken, !options.signSessionToken { r.setHeader("X-Amz-Security-Token", token) }
        return SignedRequest(
            request: r, algorithm: algorithm, scope: scope, date: date, canonical: canonical, stringToSignValue: sts,
            signature: signature)
    }

    /// Presigns: the `X-Amz-*` authentication parameters go into the query string, which the canonical
    /// request covers (all but `X-Amz-Signature`); no header is added.
    ///
    /// - Parameter expires: `X-Amz-Expires`, seconds the URL stays valid (1…604800).
    public func presign(_ request: SigV4Request, at date: AmzDate, expires: Int) throws(CryptoError) -> SignedRequest {
        let scope = scope(at: date)
        let signedHeaders = CanonicalRequest.signedHeaders(request.headers, selection: .allExcept(options.unsignedHeaders))
        var parameters: [(String, String)] = [
            ("X-Amz-Algorithm", algorithm.wireName),
            ("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope)"),
            ("X-Amz-Date", date.amzFormat),
            ("X-Amz-SignedHeaders", signedHeaders),
            ("X-Amz-Expires", String(expires)),
        ]
        if let token = credentials.sessionToken, options.signSessionToken {
            parameters.append(("X-Amz-Security-Token", token))
        }
        if algorithm == .ecdsaP256SHA256 { parameters.append(("X-Amz-Region-Set", region)) }

        let payloadHash = Self.payloadHash(of: request, options: options)
        let canonical = CanonicalRequest.build(
            request, headers: .allExcept(options.unsignedHeaders), payloadHash: payloadHash, options: options,
            extraQuery: parameters)
        let (sts, signature) = try finish(canonical, scope: scope, date: date)

        parameters.append(("X-Amz-Signature", signature))
        if let token = credentials.sessionToken, !options.signSessionToken {
            parameters.append(("X-Amz-Security-Token", token))
        }
        var r = request
        let added = parameters.map { "\(URIEncoding.encode($0.0))=\(URIEncoding.encode($0.1))" }.joined(separator: "&")
        r.query = r.query.isEmpty ? added : "\(r.query)&\(added)"
        return SignedRequest(
            request: r, algorithm: algorithm, scope: scope, date: date, canonical: canonical, stringToSignValue: sts,
            signature: signature)
    }

    static let authorizationParts = [" Credential=", ", SignedHeaders=", ", Signature="]

    /// `ALG Credential=AKID/scope, SignedHeaders=…, Signature=…`, written into one buffer.
    func authorization(scope: CredentialScope, canonical: CanonicalRequest, signature: String) -> String {
        let parts = Self.authorizationParts
        let count = algorithm.wireName.utf8.count + credentials.accessKeyID.utf8.count + 1 + scope.byteCount
            + canonical.signedHeadersRange.count + signature.utf8.count + parts.reduce(0) { $0 + $1.utf8.count }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var w = ByteWriter(buffer)
            w.append(algorithm.wireName)
            w.append(parts[0])
            w.append(credentials.accessKeyID)
            w.append(UInt8(ascii: "/"))
            scope.write(to: &w)
            w.append(parts[1])
            canonical.bytes[canonical.signedHeadersRange].withUnsafeBufferPointer { w.append($0) }
            w.append(parts[2])
            w.append(signature)
            return w.count
        }
    }

    /// Tasks 2–4: string to sign, then the HMAC (SigV4) or ECDSA (SigV4a) signature of it.
    func finish(_ canonical: CanonicalRequest, scope: CredentialScope, date: AmzDate) throws(CryptoError)
        -> (StringToSign, String)
    {
        let sts = StringToSign(algorithm: algorithm, date: date, scope: scope, canonicalRequestHash: canonical.hash)
        switch algorithm {
        case .hmacSHA256:
            let key =
                keyCache?.hmacKey(secretAccessKey: credentials.secretAccessKey, scope: scope)
                ?? SigningKey.derive(secretAccessKey: credentials.secretAccessKey, scope: scope)
            return (sts, key.authenticationCode(for: sts.bytes).hex)
        case .ecdsaP256SHA256:
            let key: P256PrivateKey
            if let keyCache {
                key = try keyCache.ecdsaKey(accessKeyID: credentials.accessKeyID, secretAccessKey: credentials.secretAccessKey)
            } else {
                key = try P256PrivateKey.sigV4a(accessKeyID: credentials.accessKeyID, secretAccessKey: credentials.secretAccessKey)
            }
            return (sts, Hex.encode(try key.signature(for: sts.bytes)))
        }
    }

    /// The last line of the canonical request. With `.hashBody`, a client-supplied `x-amz-content-sha256`
    /// wins (that is what the client signed); otherwise the body is hashed.
    static func payloadHash(of request: SigV4Request, options: SigningOptions) -> CanonicalRequest.PayloadHash {
        switch options.payload {
        case .unsigned: return .literal("UNSIGNED-PAYLOAD")
        case .precomputed(let hash): return .literal(hash)
        case .hashBody:
            if let claimed = request.header("x-amz-content-sha256") { return .literal(claimed) }
            return .digest(request.body.isEmpty ? SHA256.emptyHash : SHA256.hash(request.body))
        }
    }
}
