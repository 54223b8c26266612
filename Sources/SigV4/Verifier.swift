import RoleplayCrypto

/// Server-side SigV4/SigV4a verification: parse the signature parameters, check scope and time, look the
/// secret up, re-sign, compare in constant time.
///
/// Never throws and never traps on input: every outcome is a `Verdict`. A mismatch carries the server's
/// canonical request and string to sign so it can be explained.
public struct Verifier: Sendable {
    /// Finds the secret access key of an access key ID; nil when the key is unknown.
    public typealias SecretLookup = @Sendable (_ accessKeyID: String) -> String?

    public var secretLookup: SecretLookup
    /// Allowed distance, in seconds, between a header-signed request's date and `now` (AWS: 15 minutes for
    /// STS/IAM, 5 for JSON and rest-json services). A presigned request is instead valid until its expiry.
    public var clockSkew: Int64
    /// The canonicalization rules; nil picks them from the scope's service (S3 differs from the rest).
    public var options: SigningOptions?
    public var keyCache: SigningKeyCache

    public init(
        clockSkew: Int64 = 900, options: SigningOptions? = nil, keyCache: SigningKeyCache = SigningKeyCache(),
        secretLookup: @escaping SecretLookup
    ) {
        self.clockSkew = clockSkew
        self.options = options
        self.keyCache = keyCache
        self.secretLookup = secretLookup
    }

    /// The outcome of verifying one request.
    public enum Verdict: Sendable, Hashable {
        case valid(SignatureParameters)
        case invalid(AuthFailure)
    }

    /// Verifies `request` as received, at server time `now`.
    public func verify(_ request: SigV4Request, now: AmzDate) -> Verdict {
        let headers = AuthenticationHeaders(request.headers)
        let parameters: SignatureParameters
        do {
            parameters = try SignatureParameters.parse(request, headers)
        } catch {
            return .invalid(error)
        }
        return verify(request, headers: headers, parameters: parameters, now: now)
    }

    /// Verifies `request` whose signature parameters the caller already parsed (`SignatureParameters.parse`):
    /// a server that needs the access key before verifying (to find the identity) parses once, not twice.
    public func verify(_ request: SigV4Request, parameters: SignatureParameters, now: AmzDate) -> Verdict {
        verify(request, headers: AuthenticationHeaders(request.headers), parameters: parameters, now: now)
    }

    private func verify(
        _ request: SigV4Request, headers: AuthenticationHeaders, parameters: SignatureParameters, now: AmzDate
    ) -> Verdict {
        do {
            try checkTime(parameters, now: now)
        } catch {
            return .invalid(error)
        }
        guard let secret = secretLookup(parameters.accessKeyID) else {
            return .invalid(.unknownAccessKey(parameters.accessKeyID))
        }
        let settings = options ?? .forService(parameters.scope.service)
        let payloadHash: CanonicalRequest.PayloadHash
        switch contentHash(request, claimed: headers.contentSHA256, settings: settings) {
        case .success(let hash): payloadHash = hash
        case .failure(let failure): return .invalid(failure)
        }
        let excluded = parameters.placement == .header ? nil : "X-Amz-Signature"
        let selection = CanonicalRequest.HeaderSelection.only(parameters.signedHeaders)
        let canonicalHash = CanonicalRequest.hash(
            request, headers: selection, payloadHash: payloadHash, options: settings, excludedQueryKey: excluded)
        let matches: Bool
        switch parameters.algorithm {
        case .hmacSHA256:
            let key = keyCache.hmacKey(secretAccessKey: secret, scope: parameters.scope)
            let mac = StringToSign.authenticationCode(
                key: key, algorithm: .hmacSHA256, date: parameters.date, scope: parameters.scope,
                canonicalRequestHash: canonicalHash)
            matches = ConstantTime.equals(mac, hex: parameters.signature)
        case .ecdsaP256SHA256:
            let sts = StringToSign(
                algorithm: .ecdsaP256SHA256, date: parameters.date, scope: parameters.scope,
                canonicalRequestHash: canonicalHash)
            guard let der = Hex.decode(parameters.signature),
                let key = try? keyCache.ecdsaKey(accessKeyID: parameters.accessKeyID, secretAccessKey: secret)
            else {
                matches = false
                break
            }
            matches = key.publicKey.isValidSignature(der, for: sts.bytes)
        }
        if matches { return .valid(parameters) }
        // Only a failure pays for the full texts, which explain it.
        let canonical = CanonicalRequest.build(
            request, headers: selection, payloadHash: payloadHash, options: settings, excludedQueryKey: excluded)
        let sts = StringToSign(
            algorithm: parameters.algorithm, date: parameters.date, scope: parameters.scope,
            canonicalRequestHash: canonical.hash)
        return .invalid(.signatureMismatch(canonicalRequest: canonical.text, stringToSign: sts.text))
    }

    /// Header signatures must fall within `clockSkew` of now; presigned ones must not be from the future
    /// (beyond the skew) nor past `X-Amz-Date + X-Amz-Expires`.
    func checkTime(_ p: SignatureParameters, now: AmzDate) throws(AuthFailure) {
        let minutes = clockSkew / 60
        if p.date > now.adding(seconds: clockSkew) {
            throw .signatureRejected(
                "Signature not yet current: \(p.date) is still later than \(now.adding(seconds: clockSkew)) (\(now) + \(minutes) min.)")
        }
        switch p.placement {
        case .header:
            if p.date < now.adding(seconds: -clockSkew) {
                throw .signatureRejected(
                    "Signature expired: \(p.date) is now earlier than \(now.adding(seconds: -clockSkew)) (\(now) - \(minutes) min.)")
            }
        case .query(let expires):
            if now > p.date.adding(seconds: Int64(expires)) {
                throw .signatureRejected(
                    "Signature expired: \(p.date) is now earlier than \(now.adding(seconds: -Int64(expires))) (\(now) - \(expires) sec.)")
            }
        }
    }

    /// The payload hash to verify against. A client-sent `x-amz-content-sha256` is what it signed; when it
    /// is a hash it must also match the body, or the body could be swapped under a valid signature.
    func contentHash(_ request: SigV4Request, claimed: String?, settings: SigningOptions)
        -> Result<CanonicalRequest.PayloadHash, AuthFailure>
    {
        guard case .hashBody = settings.payload, let claimed else {
            return .success(Signer.payloadHash(of: request, options: settings))
        }
        if claimed.utf8.count == 64, Hex.decode(claimed) != nil,
            !ConstantTime.equals(SHA256.hash(request.body), hex: claimed.lowercased())
        {
            return .failure(.signatureRejected("The provided 'x-amz-content-sha256' header does not match what was computed."))
        }
        return .success(.literal(claimed))
    }
}
