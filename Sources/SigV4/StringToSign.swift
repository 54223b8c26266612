import RoleplayCrypto

/// Task 2 of SigV4: `Algorithm \n X-Amz-Date \n Scope \n hex(SHA-256(CanonicalRequest))`.
public struct StringToSign: Sendable, Hashable {
    public let bytes: [UInt8]

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    init(algorithm: SigningAlgorithm, date: AmzDate, scope: CredentialScope, canonicalRequestHash: SHA256Digest) {
        bytes = [UInt8](unsafeUninitializedCapacity: Self.byteCount(algorithm, scope)) { buffer, initialized in
            var w = ByteWriter(buffer)
            Self.write(algorithm, date, scope, canonicalRequestHash, to: &w)
            initialized = w.count
        }
    }

    /// HMAC of the string to sign, built in temporary (stack) memory: the verifier's path, which needs the
    /// text only to explain a mismatch.
    static func authenticationCode(
        key: HMACKey, algorithm: SigningAlgorithm, date: AmzDate, scope: CredentialScope, canonicalRequestHash: SHA256Digest
    ) -> SHA256Digest {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: byteCount(algorithm, scope)) { buffer in
            var w = ByteWriter(buffer)
            write(algorithm, date, scope, canonicalRequestHash, to: &w)
            return key.authenticationCode(for: UnsafeRawBufferPointer(start: buffer.baseAddress, count: w.count))
        }
    }

    static func byteCount(_ algorithm: SigningAlgorithm, _ scope: CredentialScope) -> Int {
        algorithm.wireName.utf8.count + 16 + scope.byteCount + 64 + 3
    }

    static func write(
        _ algorithm: SigningAlgorithm, _ date: AmzDate, _ scope: CredentialScope, _ hash: SHA256Digest,
        to w: inout ByteWriter
    ) {
        w.append(algorithm.wireName)
        w.append(0x0A)
        date.write(to: &w)
        w.append(0x0A)
        scope.write(to: &w)
        w.append(0x0A)
        hash.withUnsafeBytes { Hex.encode($0, into: UnsafeMutableRawBufferPointer(start: w.reserve(64), count: 64)) }
    }
}
