/// Lowercase hexadecimal encoding and decoding, by table rather than `String(format:)`, because
/// SigV4 hex-encodes two or three hashes per signature and that must not allocate.
public enum Hex {
    /// The lowercase hex digit of a value 0…15, by arithmetic (no table, no branch on secret data).
    @inline(__always)
    public static func lowercaseDigit(_ nibble: UInt8) -> UInt8 {
        // '0' + n for n < 10, 'a' + n - 10 otherwise: the mask is 0xFF exactly when n > 9.
        let n = nibble & 0x0F
        let above9 = UInt8(truncatingIfNeeded: (Int(9) - Int(n)) >> 8)
        return 0x30 &+ n &+ (above9 & 0x27)
    }

    /// Writes `2 × input.count` lowercase hex digits into `output`, which must be that large.
    public static func encode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        precondition(output.count >= input.count * 2, "hex output buffer too small")
        guard let out = output.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        for i in 0..<input.count {
            let byte = input[i]
            out[2 * i] = lowercaseDigit(byte >> 4)
            out[2 * i + 1] = lowercaseDigit(byte & 0x0F)
        }
    }

    /// Lowercase hex of `bytes`.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out = [UInt8]()
        for byte in bytes {
            out.append(lowercaseDigit(byte >> 4))
            out.append(lowercaseDigit(byte & 0x0F))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes hex digits (either case); nil for an odd length or a non-hex character.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let hi = value(of: utf8[i]), let lo = value(of: utf8[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
