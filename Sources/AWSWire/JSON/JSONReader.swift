/// A bounded, strict JSON decoder (RFC 8259) producing ``JSONValue``.
///
/// Request bodies are attacker-controlled, so every limit is explicit: total size, nesting depth and string
/// length. Duplicate keys are an error (AWS's JSON services reject them, and last-one-wins would let a
/// signed-looking body say two things). Invalid UTF-8 and lone surrogates are errors. Recursion depth is
/// bounded by `maxDepth`, so the stack is too.
public struct JSONReader: Sendable {
    public struct Limits: Sendable, Hashable {
        public var maxBytes: Int
        public var maxDepth: Int
        public var maxStringBytes: Int

        /// 32 MiB (Converse bodies carry base64 images and documents), depth 128, strings up to the body size.
        public static let `default` = Limits(maxBytes: 32 << 20, maxDepth: 128, maxStringBytes: 32 << 20)

        public init(maxBytes: Int, maxDepth: Int, maxStringBytes: Int) {
            self.maxBytes = maxBytes
            self.maxDepth = maxDepth
            self.maxStringBytes = maxStringBytes
        }
    }

    public var limits: Limits

    public init(limits: Limits = .default) { self.limits = limits }

    /// Decodes one JSON value, allowing surrounding whitespace.
    public func decode(_ bytes: [UInt8]) throws(JSONDecodingError) -> JSONValue {
        guard bytes.count <= limits.maxBytes else { throw JSONDecodingError(.tooLarge, offset: limits.maxBytes) }
        var parser = Parser(bytes: bytes, limits: limits)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw JSONDecodingError(.trailingData, offset: parser.index) }
        return value
    }

    public func decode(_ text: String) throws(JSONDecodingError) -> JSONValue { try decode(Array(text.utf8)) }
}

private struct Parser {
    let bytes: [UInt8]
    let limits: JSONReader.Limits
    var index = 0

    init(bytes: [UInt8], limits: JSONReader.Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    mutating func skipWhitespace() {
        while index < bytes.count,
            bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09
        {
            index += 1
        }
    }

    func peek() throws(JSONDecodingError) -> UInt8 {
        guard index < bytes.count else { throw JSONDecodingError(.unexpectedEnd, offset: index) }
        return bytes[index]
    }

    mutating func parseValue(depth: Int) throws(JSONDecodingError) -> JSONValue {
        switch try peek() {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw JSONDecodingError(.unexpectedCharacter, offset: index)
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONDecodingError) {
        let count = word.utf8CodeUnitCount
        for i in 0..<count {
            let expected = word.utf8Start[i]
            guard index + i < bytes.count else { throw JSONDecodingError(.unexpectedEnd, offset: bytes.count) }
            guard bytes[index + i] == expected else { throw JSONDecodingError(.unexpectedCharacter, offset: index + i) }
        }
        index += count
    }

    mutating func parseObject(depth: Int) throws(JSONDecodingError) -> JSONValue {
        guard depth <= limits.maxDepth else { throw JSONDecodingError(.tooDeep, offset: index) }
        index += 1
        var members: [JSONMember] = []
        var seen: Set<String> = []
        skipWhitespace()
        if try peek() == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            let keyOffset = index
            guard try peek() == UInt8(ascii: "\"") else { throw JSONDecodingError(.unexpectedCharacter, offset: index) }
            let key = try parseString()
            guard seen.insert(key).inserted else { throw JSONDecodingError(.duplicateKey, offset: keyOffset, key: key) }
            skipWhitespace()
            guard try peek() == UInt8(ascii: ":") else { throw JSONDecodingError(.unexpectedCharacter, offset: index) }
            index += 1
            skipWhitespace()
            members.append(JSONMember(key, try parseValue(depth: depth)))
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            default: throw JSONDecodingError(.unexpectedCharacter, offset: index)
            }
        }
    }

    mutating func parseArray(depth: Int) throws(JSONDecodingError) -> JSONValue {
        guard depth <= limits.maxDepth else { throw JSONDecodingError(.tooDeep, offset: index) }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if try peek() == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            default: throw JSONDecodingError(.unexpectedCharacter, offset: index)
            }
        }
    }

    /// Number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func parseNumber() throws(JSONDecodingError) -> JSONNumber {
        let start = index
        func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard isDigit(index) else { throw JSONDecodingError(.invalidNumber, offset: index) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(index) else { throw JSONDecodingError(.invalidNumber, offset: index) }
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard isDigit(index) else { throw JSONDecodingError(.invalidNumber, offset: index) }
            while isDigit(index) { index += 1 }
        }
        return JSONNumber(validatedText: String(decoding: bytes[start..<index], as: UTF8.self))
    }

    mutating func parseString() throws(JSONDecodingError) -> String {
        let start = index
        index += 1  // opening quote
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else { throw JSONDecodingError(.unexpectedEnd, offset: index) }
            guard out.count <= limits.maxStringBytes else { throw JSONDecodingError(.tooLarge, offset: start) }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &out)
            case 0x00..<0x20:
                throw JSONDecodingError(.controlCharacterInString, offset: index)
            case 0x20..<0x80:
                // A run of plain ASCII in one append: prompts are mostly that, and a byte-at-a-time append was
                // most of the parse. The run stops one byte past the limit, where the check above throws as it
                // would have byte by byte.
                let room = limits.maxStringBytes - out.count  // not negative: checked above
                let limit = bytes.count - index > room ? index + room + 1 : bytes.count
                var end = index + 1
                while end < limit, Self.isPlain(bytes[end]) { end += 1 }
                out.append(contentsOf: bytes[index..<end])
                index = end
            default:
                try copyUTF8Scalar(into: &out)
            }
        }
    }

    /// A string byte copied as it is: printable ASCII other than `"` and `\`.
    static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x80 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
    }

    /// Validates one multi-byte UTF-8 sequence (no overlongs, no surrogates, ≤ U+10FFFF) and copies it.
    mutating func copyUTF8Scalar(into out: inout [UInt8]) throws(JSONDecodingError) {
        let lead = bytes[index]
        let length: Int
        var lowerBound: UInt8 = 0x80
        var upperBound: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowerBound = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upperBound = 0x9F
        case 0xF0: length = 4; lowerBound = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upperBound = 0x8F
        default: throw JSONDecodingError(.invalidUTF8, offset: index)
        }
        guard index + length <= bytes.count else { throw JSONDecodingError(.invalidUTF8, offset: index) }
        let second = bytes[index + 1]
        guard second >= lowerBound, second <= upperBound else {
            throw JSONDecodingError(.invalidUTF8, offset: index + 1)
        }
        for i in 2..<max(2, length) where bytes[index + i] & 0xC0 != 0x80 {
            throw JSONDecodingError(.invalidUTF8, offset: index + i)
        }
        out.append(contentsOf: bytes[index..<index + length])
        index += length
    }

    mutating func parseEscape(into out: inout [UInt8]) throws(JSONDecodingError) {
        let at = index
        guard index + 1 < bytes.count else { throw JSONDecodingError(.unexpectedEnd, offset: bytes.count) }
        let c = bytes[index + 1]
        index += 2
        switch c {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw JSONDecodingError(.invalidUnicodeEscape, offset: at) }
                index += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw JSONDecodingError(.invalidUnicodeEscape, offset: at)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw JSONDecodingError(.invalidUnicodeEscape, offset: at)
            }
            guard let unicode = Unicode.Scalar(scalar) else {
                throw JSONDecodingError(.invalidUnicodeEscape, offset: at)
            }
            UTF8.encode(unicode) { out.append($0) }
        default:
            throw JSONDecodingError(.invalidEscape, offset: at)
        }
    }

    mutating func hex4() throws(JSONDecodingError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw JSONDecodingError(.unexpectedEnd, offset: bytes.count) }
        var value: UInt32 = 0
        for i in 0..<4 {
            let c = bytes[index + i]
            let digit: UInt32
            switch c {
            case 0x30...0x39: digit = UInt32(c - 0x30)
            case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
            default: throw JSONDecodingError(.invalidUnicodeEscape, offset: index + i)
            }
            value = value << 4 | digit
        }
        index += 4
        return value
    }
}
