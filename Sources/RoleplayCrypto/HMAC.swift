/// HMAC-SHA256 (RFC 2104) with the key's work done once.
///
/// Keying HMAC costs two SHA-256 block compressions (the ipad and opad blocks). `HMACKey` does them at
/// init and keeps both states; each MAC then copies them, which is why a cached SigV4 signing key costs
/// just the message hashing. OpenSSL 3's one-shot `HMAC()` re-fetches the algorithm on every call
/// (measured about 2× slower); this stays on the fast path without per-thread C contexts.
public struct HMACKey: Sendable {
    let inner: SHA256
    let outer: SHA256

    /// Keys HMAC-SHA256. Keys longer than the 64-byte block are hashed first, as RFC 2104 says.
    public init(_ key: UnsafeRawBufferPointer) {
        var block = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        withUnsafeMutableBytes(of: &block) { raw in
            if key.count > 64 {
                SHA256.hash(key).withUnsafeBytes { d in raw.copyMemory(from: d) }
            } else if key.count > 0 {
                raw.copyMemory(from: key)
            }
        }
        var ipad = SHA256()
        var opad = SHA256()
        withUnsafeMutableBytes(of: &block) { raw in
            for i in 0..<64 { raw[i] ^= 0x36 }
            ipad.update(UnsafeRawBufferPointer(raw))
            for i in 0..<64 { raw[i] ^= 0x36 ^ 0x5C }
            opad.update(UnsafeRawBufferPointer(raw))
            for i in 0..<64 { raw[i] = 0 }
        }
        inner = ipad
        outer = opad
    }

    /// Keys HMAC-SHA256 with the bytes of a sequence (a string's UTF-8, an array, a digest's bytes).
    public init(_ key: some Sequence<UInt8>) {
        let bytes = Array(key)
        self = bytes.withUnsafeBytes { HMACKey($0) }
    }

    /// Keys HMAC-SHA256 with a previous MAC, as SigV4's key derivation chains them.
    public init(_ key: SHA256Digest) {
        self = key.withUnsafeBytes { HMACKey($0) }
    }

    /// The MAC of `message`.
    public func authenticationCode(for message: UnsafeRawBufferPointer) -> SHA256Digest {
        var mac = HMACSHA256(key: self)
        mac.update(message)
        return mac.finalize()
    }

    /// The MAC of a byte sequence.
    public func authenticationCode(for message: some Sequence<UInt8>) -> SHA256Digest {
        var mac = HMACSHA256(key: self)
        mac.update(message)
        return mac.finalize()
    }
}

/// An HMAC-SHA256 computation in progress, for messages built in pieces.
public struct HMACSHA256: Sendable {
    var inner: SHA256
    let outer: SHA256

    public init(key: HMACKey) {
        inner = key.inner
        outer = key.outer
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) { inner.update(bytes) }
    public mutating func update(_ bytes: some Sequence<UInt8>) { inner.update(bytes) }

    public func finalize() -> SHA256Digest {
        var o = outer
        inner.finalize().withUnsafeBytes { o.update($0) }
        return o.finalize()
    }
}
