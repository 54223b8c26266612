/// Bounds the scanner enforces before and while reading, so hostile input costs little.
///
/// IAM documents are small (CreateRole caps `AssumeRolePolicyDocument` at 131,072 characters) and
/// shallow (a valid policy nests about six levels deep), so anything far beyond is refused early
/// instead of being scanned, recursed into or allocated.
package struct JSONScanLimits: Sendable, Hashable {
    /// Largest input, in bytes, that is scanned at all.
    package var maxBytes: Int
    /// Deepest nesting of arrays and objects; deeper input is refused without recursing further.
    package var maxDepth: Int

    package init(maxBytes: Int = 262_144, maxDepth: Int = 64) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }
}

/// Why a byte sequence is not a JSON document we accept, and where.
package struct JSONScanError: Error, Sendable, Hashable, CustomStringConvertible {
    package enum Kind: Sendable, Hashable {
        case empty
        case tooLarge(size: Int, limit: Int)
        case tooDeep(limit: Int)
        case invalidUTF8
        case unexpectedByte(UInt8)
        case unexpectedEnd
        case invalidNumber
        case invalidEscape
        case controlCharacterInString
        case loneSurrogate
        case trailingContent
    }

    package var kind: Kind
    /// Byte offset of the problem.
    package var offset: Int

    package var description: String {
        switch kind {
        case .empty: "the document is empty"
        case .tooLarge(let size, let limit): "the document is \(size) bytes, more than the \(limit) bytes scanned"
        case .tooDeep(let limit): "nesting deeper than \(limit) levels at byte \(offset)"
        case .invalidUTF8: "invalid UTF-8 at byte \(offset)"
        case .unexpectedByte(let byte):
            if byte >= 0x20 && byte < 0x7F {
                "unexpected character '\(Character(Unicode.Scalar(byte)))' at byte \(offset)"
            } else {
                "unexpected byte 0x\(String(byte, radix: 16)) at byte \(offset)"
            }
        case .unexpectedEnd: "the document ends early, at byte \(offset)"
        case .invalidNumber: "malformed number at byte \(offset)"
        case .invalidEscape: "malformed escape sequence at byte \(offset)"
        case .controlCharacterInString: "unescaped control character in a string at byte \(offset)"
        case .loneSurrogate: "unpaired UTF-16 surrogate escape at byte \(offset)"
        case .trailingContent: "content after the JSON value at byte \(offset)"
        }
    }
}

/// A key that appears twice in one JSON object.
package struct JSONDuplicateKey: Sendable, Hashable {
    package var key: String
    package var offset: Int
}

/// What scanning produced: a value (nil when the input is not JSON), the error that stopped it,
/// and every duplicate key found on the way.
package struct JSONScanResult: Sendable {
    package var value: JSONValue?
    package var error: JSONScanError?
    package var duplicateKeys: [JSONDuplicateKey]
}

/// A small, bounded JSON reader written for policy documents.
///
/// Foundation's `JSONSerialization` silently keeps the last of two equal keys, recurses without a
/// bound and cannot say where a problem is; IAM-grade validation needs all three, and parsing must
/// be fast enough to validate a trust policy in a few microseconds. This is RFC 8259 JSON with
/// strict UTF-8, no extensions.
package enum JSONScanner {
    /// Scans UTF-8 bytes.
    package static func scan(bytes: [UInt8], limits: JSONScanLimits = .init()) -> JSONScanResult {
        bytes.withUnsafeBufferPointer { scan($0, limits: limits) }
    }

    /// Scans a string's UTF-8 form (a Swift string is always valid Unicode).
    package static func scan(_ text: String, limits: JSONScanLimits = .init()) -> JSONScanResult {
        var text = text
        return text.withUTF8 { scan($0, limits: limits) }
    }

    /// Scans a buffer of UTF-8 bytes.
    package static func scan(_ buffer: UnsafeBufferPointer<UInt8>, limits: JSONScanLimits) -> JSONScanResult {
        if buffer.count > limits.maxBytes {
            return .init(
                value: nil, error: .init(kind: .tooLarge(size: buffer.count, limit: limits.maxBytes), offset: 0),
                duplicateKeys: [])
        }
        if let bad = UTF8Check.firstInvalidOffset(buffer) {
            return .init(value: nil, error: .init(kind: .invalidUTF8, offset: bad), duplicateKeys: [])
        }
        var reader = Reader(bytes: buffer, maxDepth: limits.maxDepth)
        do throws(JSONScanError) {
            reader.skipWhitespace()
            guard reader.index < buffer.count else { throw JSONScanError(kind: .empty, offset: 0) }
            let value = try reader.readValue(depth: 1)
            reader.skipWhitespace()
            if reader.index < buffer.count { throw JSONScanError(kind: .trailingContent, offset: reader.index) }
            return .init(value: value, error: nil, duplicateKeys: reader.duplicates)
        } catch {
            return .init(value: nil, error: error, duplicateKeys: reader.duplicates)
        }
    }
}

/// Recursive-descent reader over a byte buffer; recursion depth is bounded by `maxDepth`.
private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var index = 0
    var duplicates: [JSONDuplicateKey] = []
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    func fail(_ kind: JSONScanError.Kind, at offset: Int? = nil) -> JSONScanError {
        JSONScanError(kind: kind, offset: offset ?? index)
    }

    mutating func readValue(depth: Int) throws(JSONScanError) -> JSONValue {
        guard index < bytes.count else { throw fail(.unexpectedEnd) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try readObject(depth: depth)
        case UInt8(ascii: "["): return try readArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"):
            try expectWord("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try readNumber())
        default: throw fail(.unexpectedByte(bytes[index]))
        }
    }

    mutating func expectWord(_ word: StaticString) throws(JSONScanError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw fail(.unexpectedEnd, at: bytes.count) }
        let start = word.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] {
            throw fail(.unexpectedByte(bytes[index + offset]), at: index + offset)
        }
        index += count
    }

    mutating func readObject(depth: Int) throws(JSONScanError) -> JSONValue {
        guard depth <= maxDepth else { throw fail(.tooDeep(limit: maxDepth)) }
        index += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        var seen: Set<String>? = nil
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            guard bytes[index] == UInt8(ascii: "\"") else { throw fail(.unexpectedByte(bytes[index])) }
            let keyOffset = index
            let key = try readString()
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            guard bytes[index] == UInt8(ascii: ":") else { throw fail(.unexpectedByte(bytes[index])) }
            index += 1
            skipWhitespace()
            let value = try readValue(depth: depth + 1)
            // Small objects are checked linearly; a set takes over past 16 members.
            if members.count < 16 {
                if members.contains(where: { $0.key == key }) {
                    duplicates.append(.init(key: key, offset: keyOffset))
                }
            } else {
                if seen == nil { seen = Set(members.map(\.key)) }
                if !seen!.insert(key).inserted { duplicates.append(.init(key: key, offset: keyOffset)) }
            }
            members.append(JSONMember(key: key, value: value, offset: keyOffset))
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            default: throw fail(.unexpectedByte(bytes[index]))
            }
        }
    }

    mutating func readArray(depth: Int) throws(JSONScanError) -> JSONValue {
        guard depth <= maxDepth else { throw fail(.tooDeep(limit: maxDepth)) }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try readValue(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            default: throw fail(.unexpectedByte(bytes[index]))
            }
        }
    }

    /// Reads a string starting at its opening quote. Bytes were validated as UTF-8 up front.
    mutating func readString() throws(JSONScanError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes, so the bytes are the string.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fail(.controlCharacterInString) }
            index += 1
        }
        guard index < bytes.count else { throw fail(.unexpectedEnd) }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try readEscape()
            case 0..<0x20:
                throw fail(.controlCharacterInString)
            default:
                scratch.append(byte)
                index += 1
            }
        }
        throw fail(.unexpectedEnd)
    }

    mutating func readEscape() throws(JSONScanError) {
        let escapeStart = index
        index += 1
        guard index < bytes.count else { throw fail(.unexpectedEnd) }
        let code = bytes[index]
        index += 1
        switch code {
        case UInt8(ascii: "\""): scratch.append(0x22)
        case UInt8(ascii: "\\"): scratch.append(0x5C)
        case UInt8(ascii: "/"): scratch.append(0x2F)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4(escapeStart: escapeStart)
            if (0xD800...0xDBFF).contains(scalar) {
                // A high surrogate must be followed by an escaped low surrogate.
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw fail(.loneSurrogate, at: escapeStart) }
                index += 2
                let low = try readHex4(escapeStart: escapeStart)
                guard (0xDC00...0xDFFF).contains(low) else { throw fail(.loneSurrogate, at: escapeStart) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw fail(.loneSurrogate, at: escapeStart)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw fail(.invalidEscape, at: escapeStart) }
            scratch.append(contentsOf: UTF8.encode(unicode)!)
        default:
            throw fail(.invalidEscape, at: escapeStart)
        }
    }

    mutating func readHex4(escapeStart: Int) throws(JSONScanError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail(.unexpectedEnd, at: bytes.count) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw fail(.invalidEscape, at: escapeStart)
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// Reads a number per RFC 8259 and returns its literal text.
    mutating func readNumber() throws(JSONScanError) -> String {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw fail(.invalidNumber, at: start) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if isDigit(bytes[index]) {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        } else {
            throw fail(.invalidNumber, at: start)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail(.invalidNumber, at: start) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail(.invalidNumber, at: start) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}

/// Strict UTF-8 validation (no overlong forms, no surrogates, nothing past U+10FFFF).
package enum UTF8Check {
    /// The offset of the first byte that starts an invalid sequence, or nil if all is valid.
    package static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch lead {
            case 0xC2...0xDF:
                length = 2
                minimum = 0x80
                scalar = UInt32(lead & 0x1F)
            case 0xE0...0xEF:
                length = 3
                minimum = 0x800
                scalar = UInt32(lead & 0x0F)
            case 0xF0...0xF4:
                length = 4
                minimum = 0x10000
                scalar = UInt32(lead & 0x07)
            default: return index
            }
            guard index + length <= count else { return index }
            for offset in 1..<length {
                let continuation = bytes[index + offset]
                guard continuation & 0xC0 == 0x80 else { return index }
                scalar = scalar << 6 | UInt32(continuation & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
            index += length
        }
        return nil
    }
}
