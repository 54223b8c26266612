import TestSupport
import RoleplayCrypto
import Testing

/// A FIPS 180-2 example: a message (a text repeated `repeatCount` times) and its digest.
struct SHA256Vector: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let message: String
    let repeatCount: Int
    let digestHex: String

    enum CodingKeys: String, CodingKey {
        case name, message
        case repeatCount = "repeat"
        case digestHex = "digest_hex"
    }

    static let file = "vectors/crypto/sha256-fips180-2.json"
    static func all() throws -> [SHA256Vector] { try VectorFile<SHA256Vector>.load(file).cases }

    var bytes: [UInt8] { Array(String(repeating: message, count: repeatCount).utf8) }
    var testDescription: String { "\(name) (\(message.utf8.count * repeatCount) bytes)" }
}

@Suite("SHA-256")
struct SHA256Tests {
    @Test("the vector file names its source")
    func provenance() throws {
        #expect(try VectorFile<SHA256Vector>.load(SHA256Vector.file).source.contains("FIPS 180-2"))
    }

    @Test("one-shot hashing gives the FIPS 180-2 digests", arguments: try SHA256Vector.all())
    func oneShot(_ v: SHA256Vector) {
        let message = v.bytes
        #expect(SHA256.hash(message).hex == v.digestHex)
        message.withUnsafeBytes { raw in #expect(SHA256.hash(raw).hex == v.digestHex) }
    }

    @Test("incremental hashing in uneven chunks gives the FIPS 180-2 digests", arguments: try SHA256Vector.all())
    func unevenChunks(_ v: SHA256Vector) {
        // Sizes straddle the 64-byte block and the 56-byte padding boundary; the pattern does not divide 10^6.
        let sizes = [1, 3, 55, 56, 57, 63, 64, 65, 127, 129, 1000, 4093]
        let message = v.bytes
        var hash = SHA256()
        var offset = 0
        var k = 0
        while offset < message.count {
            let n = min(sizes[k % sizes.count], message.count - offset)
            if k % 2 == 0 {
                hash.update(message[offset..<offset + n])
            } else {
                message.withUnsafeBytes { raw in hash.update(UnsafeRawBufferPointer(rebasing: raw[offset..<offset + n]))
                }
            }
            offset += n
            k += 1
        }
        #expect(hash.finalize().hex == v.digestHex)
    }

    @Test("the empty message hashes to e3b0…b855 by every route")
    func emptyMessage() {
        let expected = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        #expect(SHA256.emptyHash.hex == expected)
        #expect(SHA256().finalize().hex == expected)
        #expect(SHA256.hash([UInt8]()).hex == expected)
        #expect(SHA256.hash(UnsafeRawBufferPointer(start: nil, count: 0)).hex == expected)
        var h = SHA256()
        h.update([UInt8]())
        h.update(UnsafeRawBufferPointer(start: nil, count: 0))
        #expect(h.finalize() == SHA256.emptyHash)
    }

    @Test("incremental hashing over random splits equals one-shot hashing")
    func randomSplits() {
        var rng = SplitMix64(seed: 0x5348_4132_3536)
        for _ in 0..<300 {
            let message = rng.bytes(Int.random(in: 0...700, using: &rng))
            let cuts = rng.cuts(in: message.count, pieces: Int.random(in: 1...8, using: &rng))
            var h = SHA256()
            for (a, b) in zip(cuts, cuts.dropFirst()) { h.update(message[a..<b]) }
            #expect(h.finalize() == SHA256.hash(message), "length \(message.count), cuts \(cuts)")
        }
    }

    @Test("a non-contiguous sequence hashes like its bytes")
    func nonContiguousSequence() {
        let message = Array("The quick brown fox jumps over the lazy dog".utf8)
        #expect(SHA256.hash(message.lazy.map { $0 }) == SHA256.hash(message))
        #expect(SHA256.hash(message).hex == "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592")
    }

    @Test("finalize leaves the state usable, and a copy forks the computation")
    func valueSemantics() {
        let a = Array("abc".utf8)
        let b = Array("def".utf8)
        var h = SHA256()
        h.update(a)
        let fork = h
        #expect(h.finalize() == h.finalize())
        h.update(b)
        #expect(fork.finalize() == SHA256.hash(a))
        #expect(h.finalize() == SHA256.hash(a + b))
    }
}

@Suite("SHA256Digest")
struct SHA256DigestTests {
    static let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

    @Test("bytes, hex and appendHex agree with the digest's bytes")
    func representations() throws {
        let digest = SHA256.hash(Array("abc".utf8))
        #expect(digest.bytes == bytes(hex: Self.abc))
        #expect(digest.hex == Self.abc)
        var buffer = Array("prefix:".utf8)
        digest.appendHex(to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "prefix:" + Self.abc)
        #expect(try #require(SHA256Digest(bytes: bytes(hex: Self.abc))) == digest)
    }

    @Test("a digest is built from exactly 32 bytes", arguments: [0, 1, 31, 33, 64])
    func wrongLength(_ count: Int) {
        #expect(SHA256Digest(bytes: [UInt8](repeating: 7, count: count)) == nil)
    }

    @Test("equal digests are equal and hash alike; one differing byte makes them differ")
    func hashable() throws {
        var rng = SplitMix64(seed: 32)
        let raw = rng.bytes(32)
        let a = try #require(SHA256Digest(bytes: raw))
        #expect(a == (try #require(SHA256Digest(bytes: raw))))
        for i in 0..<32 {
            var changed = raw
            changed[i] ^= 0x80
            let b = try #require(SHA256Digest(bytes: changed))
            #expect(a != b, "byte \(i)")
            #expect(Set([a, b]).count == 2)
        }
    }
}
