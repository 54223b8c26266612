/// Cryptographically secure random bytes (OpenSSL's DRBG, seeded by the OS), for secrets and IDs
/// that must be unguessable: access keys, session tokens, External IDs.
public enum SecureRandom {
    /// Fills `buffer` with random bytes.
    /// - Throws: `CryptoError.openSSL` if the generator is not seeded (practically never on Linux).
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(CryptoError) {
        try fillFromOpenSSL(buffer)
    }

    /// `count` random bytes.
    public static func bytes(_ count: Int) throws(CryptoError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var failure: CryptoError? = nil
        out.withUnsafeMutableBytes { raw in
            do throws(CryptoError) { try fill(raw) } catch { failure = error }
        }
        if let failure { throw failure }
        return out
    }
}
