import AWSWire
import Foundation
import TestSupport
import Testing

@Suite("JSON writer output parses with Foundation's independent parser")
struct JSONIndependentParseTests {
    @Test("random strings with quotes, controls, separators and non-ASCII survive JSONSerialization")
    func strings() throws {
        var rng = SplitMix64(seed: 0x2028_2029)
        let pool: [Unicode.Scalar] = [
            "\"", "\\", "/", "\u{0}", "\u{8}", "\u{C}", "\n", "\r", "\t", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}",
            "a", " ", "é", "’", "😀", "\u{FFFF}",
        ]
        for _ in 0..<300 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...20, using: &rng) { scalars.append(pool.randomElement(using: &rng)!) }
            let original = String(scalars)
            let bytes = JSONWriter.bytes(["k": .string(original), "n": .int(-42), "d": .double(0.1)])
            let parsed = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
            #expect(parsed?["k"] as? String == original, "\(original.debugDescription)")
            #expect((parsed?["n"] as? NSNumber)?.intValue == -42)
            #expect((parsed?["d"] as? NSNumber)?.doubleValue == 0.1)
        }
    }

    @Test("our reader accepts what JSONSerialization writes")
    func readsFoundationOutput() throws {
        let object: [String: Any] = ["a": [1, 2.5, "x\u{1}y", ["b": NSNull()]], "c": true, "é": "’"]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        let value = try JSONReader().decode(Array(data))
        #expect(value["c"] == .bool(true))
        #expect(value["é"] == .string("’"))
        #expect(value["a"]?.arrayValue?[2] == .string("x\u{1}y"))
        #expect(value["a"]?.arrayValue?[3]["b"]?.isNull == true)
    }
}
