import RoleplayCrypto

/// Task 2 of SigV4: `Algorithm \n X-Amz-Date \n Scope \n hex(SHA-256(CanonicalRequest))`.
public struct StringToSign: Sendable, Hashable {
    public let bytes: [UInt8]

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    init(algorithm: SigningAlgorithm, date: AmzDate, scope: CredentialScope, canonicalRequestHash: SHA256Digest) {
        let count = algorithm.wireName.utf8.count + 16 + scope.byteCount + 64 + 3
        bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var w = ByteWriter(buffer)
            w.append(algorithm.wireName)
            w.append(0x0A)
            date.write(to: &w)
            w.append(0x0A)
            scope.write(to: &w)
            w.append(0x0A)
            canonicalRequestHash.withUnsafeBytes { Hex.encode($0, into: UnsafeMutableRawBufferPointer(start: w.reserve(64), count: 64)) }
            initialized = w.count
        }
    }
}
