import RoleplayCrypto

/// Task 2 of SigV4: `Algorithm \n X-Amz-Date \n Scope \n hex(SHA-256(CanonicalRequest))`.
public struct StringToSign: Sendable, Hashable {
    public let bytes: [UInt8]

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    init(algorithm: SigningAlgorithm, date: AmzDate, scope: CredentialScope, canonicalRequestHash: SHA256Digest) {
        var out = [UInt8]()
        out.reserveCapacity(160)
        out += algorithm.wireName.utf8
        out.append(0x0A)
        date.appendAmz(to: &out)
        out.append(0x0A)
        scope.append(to: &out)
        out.append(0x0A)
        canonicalRequestHash.appendHex(to: &out)
        bytes = out
    }
}
