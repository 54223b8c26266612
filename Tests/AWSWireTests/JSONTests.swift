import AWSWire
import TestSupport
import Testing

@Suite("JSON value, writer and bounded reader")
struct JSONTests {
    let reader = JSONReader()

    @Test("writer keeps member order and writes compact output")
    func writerOrder() {
        let value: JSONValue = [
            "z": 1, "a": [true, false, nil], "m": ["k": "v"], "n": .double(0.2), "t": .double(1_736_942_400),
            "big": .int(Int64.max), "neg": -3, "inf": .double(.infinity),
        ]
        #expect(
            JSONWriter.string(value)
                == #"{"z":1,"a":[true,false,null],"m":{"k":"v"},"n":0.2,"t":1736942400,"big":9223372036854775807,"neg":-3,"inf":null}"#
        )
    }

    @Test("writer escapes quotes, backslashes, controls and U+2028/2029, keeps other UTF-8 raw")
    func writerEscapes() {
        #expect(JSONWriter.quoted("a\"b\\c/") == #""a\"b\\c/""#)
        #expect(JSONWriter.quoted("\n\r\t\u{8}\u{C}\u{0}\u{1F}\u{7F}") == #""\n\r\t\b\f\u0000\u001f"# + "\u{7F}\"")
        #expect(JSONWriter.quoted("\u{2028}\u{2029}") == #""\u2028\u2029""#)
        #expect(JSONWriter.quoted("isn’t ✓ 😀") == "\"isn’t ✓ 😀\"")
    }

    @Test("reader parses every kind and keeps number text")
    func readerKinds() throws {
        let value = try reader.decode(
            #" {"a": [1, -0.5e+2, 1736942400.0, 12345678901234567890], "b": {"c": null, "d": true}, "e": "x\u00e9\ud83d\ude00\/"} "#
        )
        let numbers = (value["a"]?.arrayValue ?? []).compactMap { $0.numberValue }
        try #require(numbers.count == 4)
        #expect(numbers.map(\.text) == ["1", "-0.5e+2", "1736942400.0", "12345678901234567890"])
        #expect(numbers[1].double == -50)
        #expect(numbers[0].int64 == 1)
        #expect(numbers[3].int64 == nil)
        #expect(value["b"]?["c"]?.isNull == true)
        #expect(value["b"]?["d"]?.boolValue == true)
        #expect(value["e"]?.stringValue == "xé😀/")
        #expect(value.objectValue?.map(\.key) == ["a", "b", "e"])
    }

    @Test("writer output reads back to the same value")
    func roundTrip() throws {
        let value: JSONValue = [
            "s": "quote\" back\\ nl\n tab\t nul\u{0} ls\u{2028} emoji😀", "a": [[], [:], 0, -1, 2.5], "b": false,
        ]
        #expect(try reader.decode(JSONWriter.bytes(value)) == value)
    }

    @Test(
        "invalid documents are errors with a code",
        arguments: [
            ("", JSONDecodingError.Code.unexpectedEnd), ("{", .unexpectedEnd), ("[1,]", .unexpectedCharacter),
            ("{\"a\":1,}", .unexpectedCharacter), ("01", .trailingData), ("1.", .invalidNumber), ("-", .invalidNumber),
            ("1e", .invalidNumber), ("+1", .unexpectedCharacter), (".5", .unexpectedCharacter),
            ("NaN", .unexpectedCharacter),
            ("tru", .unexpectedEnd), ("nul!", .unexpectedCharacter), ("\"a", .unexpectedEnd),
            ("\"\\x\"", .invalidEscape),
            ("\"\\u12zz\"", .invalidUnicodeEscape), ("\"\\u12\"", .unexpectedEnd),
            ("\"\\ud800\"", .invalidUnicodeEscape),
            ("\"\\udc00\"", .invalidUnicodeEscape), ("\"\\ud800\\u0041\"", .invalidUnicodeEscape),
            ("\"a\tb\"", .controlCharacterInString), ("{\"a\":1,\"a\":2}", .duplicateKey),
            ("{1:2}", .unexpectedCharacter),
            ("[1] [2]", .trailingData), ("{\"a\" 1}", .unexpectedCharacter),
        ])
    func invalid(_ text: String, _ code: JSONDecodingError.Code) {
        #expect {
            try reader.decode(text)
        } throws: { error in
            (error as? JSONDecodingError)?.code == code
        }
    }

    @Test(
        "invalid UTF-8 inside strings is an error",
        arguments: [
            [0x22, 0xFF, 0x22], [0x22, 0xC0, 0x80, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xE2, 0x9C, 0x22],
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x22, 0xC3],
        ] as [[UInt8]])
    func invalidUTF8(_ bytes: [UInt8]) {
        #expect(throws: JSONDecodingError.self) { try reader.decode(bytes) }
    }

    @Test("duplicate key error names the key")
    func duplicateKey() {
        #expect(throws: JSONDecodingError(.duplicateKey, offset: 12, key: "Effect")) {
            try reader.decode(#"{"Effect":1,"Effect":2}"#)
        }
    }

    @Test("depth, size and string limits")
    func limits() throws {
        let small = JSONReader(limits: .init(maxBytes: 64, maxDepth: 3, maxStringBytes: 5))
        #expect(try small.decode("[[[1]]]") == [[[1]]])
        #expect(throws: JSONDecodingError.self) { try small.decode("[[[[1]]]]") }
        #expect(throws: JSONDecodingError.self) { try small.decode(#"{"a":{"b":{"c":{}}}}"#) }
        #expect(throws: JSONDecodingError.self) { try small.decode(String(repeating: " ", count: 65)) }
        #expect(throws: JSONDecodingError.self) { try small.decode(#""abcdefg""#) }
        // Default depth stops a deep nest long before the stack could.
        #expect(throws: JSONDecodingError.self) { try reader.decode(String(repeating: "[", count: 100_000)) }
    }

    @Test("errors map to each protocol's 400")
    func awsErrors() {
        let error = JSONDecodingError(.duplicateKey, offset: 3, key: "a")
        #expect(error.awsError(.json).code == .serializationException)
        #expect(error.awsError(.restJSON).code == .validationException)
        #expect(error.awsError(.json).httpStatus == 400)
    }

    @Test("fuzz: truncations, flips and random bytes never trap; what parses re-encodes and re-parses equal")
    func fuzz() throws {
        var rng = SplitMix64(seed: 0x4A53_4F4E)
        let seed = Array(
            #"{"messages":[{"role":"user","content":[{"text":"Say hello \u00e9 ✓"}]}],"inferenceConfig":{"maxTokens":256,"temperature":0.2},"x":[true,false,null,-1e3]}"#
                .utf8)
        for _ in 0..<3000 {
            var input = seed
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: input = Array(input.prefix(Int.random(in: 0...input.count, using: &rng)))
            case 1:
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    input[Int.random(in: 0..<input.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
            default: input = rng.bytes(Int.random(in: 0...32, using: &rng))
            }
            if let value = try? reader.decode(input) {
                #expect(try reader.decode(JSONWriter.bytes(value)) == value)
            }
        }
    }
}
