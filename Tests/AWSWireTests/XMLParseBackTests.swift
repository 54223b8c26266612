import AWSWire
import Foundation
import TestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Collects the text of one element with libxml2 (FoundationXML), an XML parser independent of our writer.
private final class TextCollector: NSObject, XMLParserDelegate {
    var text = ""
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}

@Suite("XML writer output parses back with an independent parser")
struct XMLParseBackTests {
    /// What a conforming parser should return for `original` after escaping: forbidden characters replaced.
    static func expected(_ original: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in original.unicodeScalars {
            let forbidden =
                (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r")
                || scalar == "\u{FFFE}" || scalar == "\u{FFFF}"
            out.append(forbidden ? "\u{FFFD}" : scalar)
        }
        return String(out)
    }

    @Test("random text with specials, controls and non-ASCII survives a parse")
    func fuzz() throws {
        var rng = SplitMix64(seed: 0x584D_4C)
        let pool: [Unicode.Scalar] = [
            "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "a", "Z", " ", "é", "’",
            "✓", "😀", "\u{2028}", "\u{FFFE}", "\u{FFFF}", "]", "%",
        ]
        for _ in 0..<300 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...24, using: &rng) { scalars.append(pool.randomElement(using: &rng)!) }
            let original = String(scalars)
            var writer = XMLWriter()
            writer.element("Message", text: original)
            let parser = XMLParser(data: Data(writer.bytes))
            let collector = TextCollector()
            parser.delegate = collector
            #expect(parser.parse(), "\(writer.text.debugDescription)")
            #expect(collector.text == Self.expected(original), "\(original.debugDescription)")
        }
    }
}
