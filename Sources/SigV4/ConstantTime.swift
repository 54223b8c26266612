public import RoleplayCrypto

/// Comparison whose time depends only on the lengths, never on where the first difference is, so a
/// caller cannot learn a signature byte by byte from response times.
public enum ConstantTime {
    public static func equals(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        return a.withUTF8Bytes { p in
            b.withUTF8Bytes { q in
                var difference: UInt8 = 0
                for i in 0..<p.count { difference |= p[i] ^ q[i] }
                return difference == 0
            }
        }
    }

    /// Byte-string equality in the same constant time: MACs, and digests of bearer tokens.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<a.count { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    /// Whether `hex` is the lowercase hex of `digest`, comparing all 64 digits whatever they hold.
    public static func equals(_ digest: SHA256Digest, hex: String) -> Bool {
        guard hex.utf8.count == 64 else { return false }
        return hex.withUTF8Bytes { given in
            digest.withUnsafeBytes { bytes in
                var difference: UInt8 = 0
                for i in 0..<32 {
                    difference |= given[2 * i] ^ Hex.lowercaseDigit(bytes[i] >> 4)
                    difference |= given[2 * i + 1] ^ Hex.lowercaseDigit(bytes[i] & 0x0F)
                }
                return difference == 0
            }
        }
    }
}
