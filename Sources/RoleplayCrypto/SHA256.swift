/// SHA-256, one-shot or incremental (for bodies that arrive in chunks).
///
/// A value type: the hash state is a plain C struct held inline, so copying a `SHA256` forks the
/// computation (HMAC uses this to reuse a keyed state) and hashing allocates nothing. Each value is
/// used by one thread at a time, like any Swift value; no locks are involved.
public struct SHA256: Sendable {
    var state: State

    /// A fresh hash of the empty input.
    public init() { state = State() }

    /// Adds bytes to the hash.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) { state.update(bytes) }

    /// Adds the bytes of a contiguous collection (an array, a string's UTF-8, a slice).
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { state.update(UnsafeRawBufferPointer($0)) }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { state.update($0) }
        }
    }

    /// Ends the computation and returns the digest.
    public func finalize() -> SHA256Digest {
        var copy = state
        return copy.finalize()
    }

    /// SHA-256 of `bytes` in one call.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> SHA256Digest {
        var h = SHA256()
        h.update(bytes)
        return h.finalize()
    }

    /// SHA-256 of a byte sequence in one call.
    public static func hash(_ bytes: some Sequence<UInt8>) -> SHA256Digest {
        var h = SHA256()
        h.update(bytes)
        return h.finalize()
    }

    /// SHA-256 of the empty string: the payload hash of every request without a body.
    public static let emptyHash = SHA256.hash([UInt8]())
}
