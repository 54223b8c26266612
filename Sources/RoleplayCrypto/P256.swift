/// A P-256 (secp256r1) private key, for SigV4a signatures.
///
/// `@unchecked Sendable`: the wrapped `EVP_PKEY` is never mutated after init, and OpenSSL 3 allows
/// concurrent signing with one key (each signature gets its own `EVP_MD_CTX`).
public final class P256PrivateKey: @unchecked Sendable {
    let handle: OpaquePointer
    /// The 32-byte big-endian private scalar d.
    public let scalar: [UInt8]
    public let publicKey: P256PublicKey

    /// A key from its 32-byte big-endian scalar (1 ≤ d < n).
    public init(scalar: [UInt8]) throws(CryptoError) {
        guard scalar.count == 32 else { throw .invalidKey("a P-256 scalar has 32 bytes, not \(scalar.count)") }
        let point = try Self.publicPoint(of: scalar)
        self.scalar = scalar
        self.publicKey = try P256PublicKey(uncompressed: point)
        self.handle = try Self.makeKeyPair(scalar: scalar, publicPoint: point)
    }

    deinit { Self.free(handle) }

    /// An ECDSA signature of SHA-256(`message`), DER-encoded (SEQUENCE of r, s). ECDSA is randomized:
    /// two signatures of one message differ, and both verify.
    public func signature(for message: some Sequence<UInt8>) throws(CryptoError) -> [UInt8] {
        try sign(Array(message))
    }

    /// The SigV4a key of a credential pair, by the derivation aws-c-auth publishes (NIST SP 800-108
    /// counter-mode KDF with HMAC-SHA256, retried with the next counter until the candidate is below n − 1):
    ///
    /// ```
    /// K = "AWS4A" || secret
    /// fixed(c) = 0x00000001 || "AWS4-ECDSA-P256-SHA256" || 0x00 || accessKeyID || c || 0x00000100
    /// k0 = HMAC(K, fixed(c));  if k0 ≤ n − 2 { d = k0 + 1 }
    /// ```
    public static func sigV4a(accessKeyID: String, secretAccessKey: String) throws(CryptoError) -> P256PrivateKey {
        let kdfKey = HMACKey(Array("AWS4A\(secretAccessKey)".utf8))
        for counter in 1...254 {
            var fixed: [UInt8] = [0, 0, 0, 1]
            fixed += "AWS4-ECDSA-P256-SHA256".utf8
            fixed.append(0)
            fixed += accessKeyID.utf8
            fixed.append(UInt8(counter))
            fixed += [0, 0, 1, 0]
            let candidate = kdfKey.authenticationCode(for: fixed).bytes
            if !candidate.lexicographicallyPrecedes(orderMinusOne) { continue }  // need k0 < n − 1
            return try P256PrivateKey(scalar: addOne(candidate))
        }
        throw .keyDerivationExhausted
    }

    /// n − 1 for P-256, big-endian: k0 ≤ n − 2 ⇔ k0 < n − 1.
    static let orderMinusOne: [UInt8] = [
        0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x50,
    ]

    static func addOne(_ value: [UInt8]) -> [UInt8] {
        var out = value
        var i = out.count - 1
        while i >= 0 {
            let (sum, overflow) = out[i].addingReportingOverflow(1)
            out[i] = sum
            if !overflow { break }
            i -= 1
        }
        return out
    }
}

/// A P-256 public key, for verifying SigV4a signatures.
///
/// `@unchecked Sendable`: the wrapped `EVP_PKEY` is immutable after init; verification is thread-safe.
public final class P256PublicKey: @unchecked Sendable {
    let handle: OpaquePointer
    /// Affine coordinates, 32 bytes each, big-endian (as `public-key.json` writes them in hex).
    public let x: [UInt8]
    public let y: [UInt8]

    public convenience init(x: [UInt8], y: [UInt8]) throws(CryptoError) {
        guard x.count == 32, y.count == 32 else { throw .invalidKey("P-256 coordinates have 32 bytes each") }
        try self.init(uncompressed: [0x04] + x + y)
    }

    /// A key from the 65-byte uncompressed point `04 || X || Y`; the point must lie on the curve.
    public init(uncompressed point: [UInt8]) throws(CryptoError) {
        guard point.count == 65, point[0] == 0x04 else { throw .invalidKey("expected a 65-byte uncompressed point") }
        x = Array(point[1..<33])
        y = Array(point[33..<65])
        handle = try Self.makePublicKey(point: point)
    }

    deinit { P256PrivateKey.free(handle) }

    /// Whether `signature` (DER) is a valid ECDSA signature of SHA-256(`message`) under this key.
    public func isValidSignature(_ signature: [UInt8], for message: some Sequence<UInt8>) -> Bool {
        verify(signature, Array(message))
    }
}
