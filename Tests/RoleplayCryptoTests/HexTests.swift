import TestSupport
import RoleplayCrypto
import Testing

/// Text that is not hex, and why.
struct BadHex: Sendable, CustomTestStringConvertible {
    let text: String
    let reason: String
    var testDescription: String { "\(reason): \"\(text)\"" }
}

@Suite("Hex")
struct HexTests {
    @Test("encodes to lowercase, two digits per byte")
    func encodes() {
        #expect(Hex.encode([UInt8]()) == "")
        #expect(Hex.encode([0x00]) == "00")
        #expect(Hex.encode([0x0F, 0xF0]) == "0ff0")
        #expect(Hex.encode([0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF]) == "0123456789abcdef")
        #expect(Hex.encode(0...255) == (0...255).map { hexString([UInt8($0)]) }.joined())
    }

    @Test("encodes into a caller's buffer")
    func encodesIntoBuffer() {
        var out = [UInt8](repeating: UInt8(ascii: "."), count: 10)
        let input: [UInt8] = [0xDE, 0xAD, 0xBE, 0xEF]
        input.withUnsafeBytes { input in
            out.withUnsafeMutableBytes { Hex.encode(input, into: UnsafeMutableRawBufferPointer(rebasing: $0[1..<9])) }
        }
        #expect(String(decoding: out, as: UTF8.self) == ".deadbeef.")
    }

    @Test("decodes either case")
    func decodes() {
        #expect(Hex.decode("") == [])
        #expect(Hex.decode("0123456789abcdef") == [0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF])
        #expect(Hex.decode("ABCDEF") == [0xAB, 0xCD, 0xEF])
        #expect(Hex.decode("aBcD"[...]) == [0xAB, 0xCD])
    }

    @Test("random bytes survive encode then decode, and the text survives decode then encode")
    func roundTrip() {
        var rng = SplitMix64(seed: 0x4845_58)
        for length in 0..<200 {
            let input = rng.bytes(length)
            let text = Hex.encode(input)
            #expect(text.utf8.count == 2 * length)
            #expect(text == hexString(input))
            #expect(Hex.decode(text) == input)
            #expect(Hex.decode(text.uppercased()) == input)
        }
    }

    @Test(
        "rejects text that is not an even run of hex digits",
        arguments: [
            BadHex(text: "0", reason: "odd length"),
            BadHex(text: "abc", reason: "odd length"),
            BadHex(text: "zz", reason: "not a hex digit"),
            BadHex(text: "0g", reason: "not a hex digit"),
            BadHex(text: "g0", reason: "not a hex digit"),
            BadHex(text: " 00 ", reason: "surrounding spaces"),
            BadHex(text: "0x00", reason: "0x prefix"),
            BadHex(text: "-1", reason: "sign"),
            BadHex(text: "00:11", reason: "separator"),
            BadHex(text: "é", reason: "non-ASCII letter (two UTF-8 bytes)"),
            BadHex(text: "\u{0661}\u{0662}", reason: "Arabic-Indic digits"),
            BadHex(text: "０１", reason: "fullwidth digits"),
            BadHex(text: "0\u{0}", reason: "NUL"),
            BadHex(text: String(repeating: "ab", count: 32) + "x", reason: "a long digest with one bad trailing digit"),
        ])
    func rejects(_ bad: BadHex) {
        #expect(Hex.decode(bad.text) == nil)
    }
}
