import COpenSSL

extension SHA256 {
    /// OpenSSL's low-level SHA-256 state (see `COpenSSL/shim.h` for why this API and not EVP).
    ///
    /// `@unchecked Sendable`: the struct is plain data with no pointers, so a copy is independent.
    struct State: @unchecked Sendable {
        var context = SHA256_CTX()

        init() { SHA256_Init(&context) }

        mutating func update(_ bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress, bytes.count > 0 else { return }
            SHA256_Update(&context, base, bytes.count)
        }

        mutating func finalize() -> SHA256Digest {
            var digest = SHA256Digest(words: (0, 0, 0, 0))
            withUnsafeMutableBytes(of: &digest.words) { raw in
                _ = SHA256_Final(raw.baseAddress!.assumingMemoryBound(to: UInt8.self), &context)
            }
            return digest
        }
    }
}
