/// The 32 bytes of a SHA-256 (or HMAC-SHA256) result, held inline so producing one never allocates.
public struct SHA256Digest: Sendable, Hashable {
    /// The digest bytes in order, as four machine words (memory order, not numeric value).
    var words: (UInt64, UInt64, UInt64, UInt64)

    init(words: (UInt64, UInt64, UInt64, UInt64)) { self.words = words }

    /// Builds a digest from exactly 32 bytes.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        self.words = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
    }

    /// Lends the 32 bytes.
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        var copy = words
        return try Swift.withUnsafeBytes(of: &copy) { (raw) throws(E) -> R in try body(raw) }
    }

    /// The 32 bytes as an array.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Lowercase hexadecimal, as SigV4 writes hashes and signatures.
    public var hex: String {
        String(unsafeUninitializedCapacity: 64) { out in
            withUnsafeBytes { Hex.encode($0, into: UnsafeMutableRawBufferPointer(out)) }
            return 64
        }
    }

    /// Appends the 64 lowercase hex digits to `buffer` without an intermediate string.
    public func appendHex(to buffer: inout [UInt8]) {
        withUnsafeBytes { raw in
            let start = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: 64))
            buffer.withUnsafeMutableBytes { out in
                Hex.encode(raw, into: UnsafeMutableRawBufferPointer(rebasing: out[start..<start + 64]))
            }
        }
    }

    public static func == (lhs: SHA256Digest, rhs: SHA256Digest) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1
            && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
