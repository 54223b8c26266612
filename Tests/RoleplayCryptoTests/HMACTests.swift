import TestSupport
import RoleplayCrypto
import Testing

/// An RFC 4231 test case: key, data and HMAC-SHA-256 (for test case 5, only its first 128 bits).
struct HMACVector: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let note: String?
    let keyHex: String
    let dataHex: String
    let truncatedBits: Int?
    let macHex: String

    enum CodingKeys: String, CodingKey {
        case name, note
        case keyHex = "key_hex"
        case dataHex = "data_hex"
        case truncatedBits = "truncated_bits"
        case macHex = "mac_hex"
    }

    static let file = "vectors/crypto/hmac-sha256-rfc4231.json"
    static func all() throws -> [HMACVector] { try VectorFile<HMACVector>.load(file).cases }

    var key: [UInt8] { bytes(hex: keyHex) }
    var data: [UInt8] { bytes(hex: dataHex) }
    var testDescription: String {
        "RFC 4231 \(name) (\(keyHex.count / 2)-byte key\(note.map { "; \($0)" } ?? ""))"
    }

    /// The expected MAC compared with `mac`, truncated as the RFC states it.
    func matches(_ mac: SHA256Digest) -> Bool {
        let hex = mac.hex
        return truncatedBits.map { hex.prefix($0 / 4) == macHex } ?? (hex == macHex)
    }
}

/// RFC 2104 written out with the one-shot SHA-256, as a reference for the keyed-state implementation:
/// H((K' ⊕ opad) ‖ H((K' ⊕ ipad) ‖ m)), K' = H(K) when K is longer than the 64-byte block, zero-padded.
func referenceHMAC(key: [UInt8], message: [UInt8]) -> SHA256Digest {
    var block = key.count > 64 ? SHA256.hash(key).bytes : key
    block += [UInt8](repeating: 0, count: 64 - block.count)
    let inner = SHA256.hash(block.map { $0 ^ 0x36 } + message)
    return SHA256.hash(block.map { $0 ^ 0x5C } + inner.bytes)
}

@Suite("HMAC-SHA256")
struct HMACTests {
    @Test("the vector file names RFC 4231 and holds test cases 1 to 7")
    func provenance() throws {
        let file = try VectorFile<HMACVector>.load(HMACVector.file)
        #expect(file.source.contains("RFC 4231"))
        #expect(file.cases.map(\.name) == (1...7).map { "test case \($0)" })
        #expect(file.cases.filter { $0.keyHex.count == 262 }.count == 2)  // the two 131-byte keys
    }

    @Test("every keying route gives the RFC 4231 result", arguments: try HMACVector.all())
    func rfc4231(_ v: HMACVector) {
        let key = v.key
        let data = v.data
        #expect(v.matches(HMACKey(key).authenticationCode(for: data)))
        key.withUnsafeBytes { rawKey in
            data.withUnsafeBytes { rawData in #expect(v.matches(HMACKey(rawKey).authenticationCode(for: rawData))) }
        }
        var incremental = HMACSHA256(key: HMACKey(key))
        for byte in data { incremental.update([byte]) }
        #expect(v.matches(incremental.finalize()))
        #expect(v.matches(referenceHMAC(key: key, message: data)))
    }

    @Test("test case 5: the full 256-bit MAC starts with the RFC's 128 truncated bits")
    func truncation() throws {
        let v = try #require(try HMACVector.all().first { $0.truncatedBits != nil })
        let mac = HMACKey(v.key).authenticationCode(for: v.data).hex
        #expect(v.truncatedBits == 128)
        #expect(mac.count == 64)
        #expect(mac.hasPrefix(v.macHex))
        #expect(mac != v.macHex)
    }

    @Test(
        "keys around the 64-byte block boundary match the RFC 2104 reference",
        arguments: [0, 1, 20, 31, 32, 33, 63, 64, 65, 100, 128, 131, 200])
    func keyLengths(_ length: Int) {
        var rng = SplitMix64(seed: UInt64(length) &+ 0x484D_4143)
        let key = rng.bytes(length)
        for messageLength in [0, 1, 55, 64, 65, 200] {
            let message = rng.bytes(messageLength)
            #expect(
                HMACKey(key).authenticationCode(for: message) == referenceHMAC(key: key, message: message),
                "key \(length) bytes, message \(messageLength) bytes")
        }
    }

    @Test("incremental MACs over random splits equal one-shot MACs")
    func randomSplits() {
        var rng = SplitMix64(seed: 0x4849_4E43)
        for _ in 0..<200 {
            let key = HMACKey(rng.bytes(Int.random(in: 0...140, using: &rng)))
            let message = rng.bytes(Int.random(in: 0...500, using: &rng))
            let cuts = rng.cuts(in: message.count, pieces: Int.random(in: 1...6, using: &rng))
            var mac = HMACSHA256(key: key)
            for (a, b) in zip(cuts, cuts.dropFirst()) { mac.update(message[a..<b]) }
            #expect(mac.finalize() == key.authenticationCode(for: message), "length \(message.count), cuts \(cuts)")
        }
    }

    @Test("a key reused for many messages keeps no state between them")
    func keyReuse() {
        let key = HMACKey(Array("key".utf8))
        let first = key.authenticationCode(for: Array("first".utf8))
        _ = key.authenticationCode(for: Array("second".utf8))
        var partial = HMACSHA256(key: key)
        partial.update(Array("unfinished".utf8))
        #expect(key.authenticationCode(for: Array("first".utf8)) == first)
        #expect(partial.finalize() == partial.finalize())
    }

    @Test("keying with a digest equals keying with its 32 bytes (SigV4's key chain)")
    func digestKey() {
        let digest = SHA256.hash(Array("kDate".utf8))
        let message = Array("us-east-1".utf8)
        #expect(
            HMACKey(digest).authenticationCode(for: message) == HMACKey(digest.bytes).authenticationCode(for: message))
    }
}
