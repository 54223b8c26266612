import TestSupport
import RoleplayCrypto
import Testing

/// CRC-32 bit by bit (reflected 0xEDB88320, init and final XOR 0xFFFFFFFF): the slow, obviously
/// correct form, as a reference for the slicing-by-8 tables.
func referenceCRC32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return crc ^ 0xFFFF_FFFF
}

/// A known CRC-32 value.
struct CRC32Check: Sendable, CustomTestStringConvertible {
    let text: String
    let value: UInt32
    var testDescription: String { "CRC-32(\"\(text)\") = 0x\(String(value, radix: 16, uppercase: true))" }
}

@Suite("CRC-32")
struct CRC32Tests {
    @Test(
        "known values",
        arguments: [
            CRC32Check(text: "123456789", value: 0xCBF4_3926),  // the catalogue check value of CRC-32/ISO-HDLC
            CRC32Check(text: "", value: 0),
            CRC32Check(text: "a", value: 0xE8B7_BE43),
            CRC32Check(text: "The quick brown fox jumps over the lazy dog", value: 0x414F_A339),
        ])
    func knownValues(_ c: CRC32Check) {
        #expect(CRC32.checksum(Array(c.text.utf8)) == c.value)
        #expect(CRC32.checksum(c.text.utf8) == c.value)
        #expect(referenceCRC32(Array(c.text.utf8)) == c.value)
    }

    @Test("random inputs of every length up to 80, and some long ones, match the bitwise reference")
    func randomInputs() {
        var rng = SplitMix64(seed: 0x4352_4333_32)
        for length in Array(0...80) + [255, 256, 1000, 4099] {
            for _ in 0..<4 {
                let input = rng.bytes(length)
                #expect(CRC32.checksum(input) == referenceCRC32(input), "length \(length)")
            }
        }
    }

    @Test("incremental updates over random splits, from unaligned slices, equal one call")
    func randomSplits() {
        var rng = SplitMix64(seed: 0x5350_4C49_54)
        for _ in 0..<300 {
            let input = rng.bytes(Int.random(in: 0...300, using: &rng))
            let cuts = rng.cuts(in: input.count, pieces: Int.random(in: 1...7, using: &rng))
            var crc = CRC32()
            for (i, (a, b)) in zip(cuts, cuts.dropFirst()).enumerated() {
                if i % 2 == 0 {
                    crc.update(input[a..<b])
                } else {
                    input.withUnsafeBytes { crc.update(UnsafeRawBufferPointer(rebasing: $0[a..<b])) }
                }
            }
            #expect(crc.value == referenceCRC32(input), "length \(input.count), cuts \(cuts)")
        }
    }

    @Test("a non-contiguous sequence gives the same checksum as its bytes")
    func nonContiguous() {
        let input = Array("123456789".utf8)
        #expect(CRC32.checksum(input.lazy.map { $0 }) == 0xCBF4_3926)
    }
}
