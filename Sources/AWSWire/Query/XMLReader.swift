/// Parses the XML that AWS query-protocol services answer with into `XMLElement`s.
///
/// A small reader on purpose: Foundation's `XMLParser` lives in FoundationXML, which needs libxml2 at link time
/// (and again in a static binary). AWS responses use elements, text, the five named entities, numeric character
/// references, an XML declaration and namespaces; comments and CDATA are read too. DTDs and processing
/// instructions other than the declaration are refused. Every size is bounded, so hostile input is an error.
public struct XMLReader: Sendable {
    public var maxBytes: Int
    public var maxDepth: Int

    public init(maxBytes: Int = 16 << 20, maxDepth: Int = 64) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    public struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        /// Byte offset where the problem was found.
        public var offset: Int
        public var reason: String
        public var description: String { "malformed XML at byte \(offset): \(reason)" }
    }

    /// The document's root element.
    public func parse(_ bytes: [UInt8]) throws(Invalid) -> XMLElement {
        guard bytes.count <= maxBytes else { throw Invalid(offset: 0, reason: "document over \(maxBytes) bytes") }
        var cursor = Cursor(bytes: bytes, maxDepth: maxDepth)
        try cursor.skipProlog()
        guard cursor.peek(UInt8(ascii: "<")) else { throw cursor.invalid("expected the root element") }
        let root = try cursor.element(depth: 1)
        try cursor.skipMisc()
        guard cursor.atEnd else { throw cursor.invalid("content after the root element") }
        return root
    }

    public func parse(_ text: String) throws(Invalid) -> XMLElement { try parse(Array(text.utf8)) }
}

/// The reading position in one document.
private struct Cursor {
    let bytes: [UInt8]
    let maxDepth: Int
    var index = 0

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    var atEnd: Bool { index >= bytes.count }

    func invalid(_ reason: String) -> XMLReader.Invalid { XMLReader.Invalid(offset: index, reason: reason) }

    func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

    func starts(with text: String) -> Bool {
        let t = Array(text.utf8)
        return index + t.count <= bytes.count && Array(bytes[index..<index + t.count]) == t
    }

    mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    /// Moves past `terminator`, or fails.
    mutating func skip(past terminator: String, what: String) throws(XMLReader.Invalid) {
        let t = Array(terminator.utf8)
        while index + t.count <= bytes.count {
            if bytes[index] == t[0], Array(bytes[index..<index + t.count]) == t {
                index += t.count
                return
            }
            index += 1
        }
        throw invalid("unterminated \(what)")
    }

    /// The optional declaration, then comments and whitespace.
    mutating func skipProlog() throws(XMLReader.Invalid) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }  // UTF-8 byte order mark
        skipWhitespace()
        if starts(with: "<?xml") { try skip(past: "?>", what: "XML declaration") }
        try skipMisc()
        if starts(with: "<!DOCTYPE") { throw invalid("document type declarations are not accepted") }
    }

    mutating func skipMisc() throws(XMLReader.Invalid) {
        while true {
            skipWhitespace()
            if starts(with: "<!--") {
                try skip(past: "-->", what: "comment")
            } else if starts(with: "<?") {
                throw invalid("processing instructions are not accepted")
            } else {
                return
            }
        }
    }

    mutating func name() throws(XMLReader.Invalid) -> String {
        let start = index
        while index < bytes.count {
            let b = bytes[index]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: ">") || b == UInt8(ascii: "/")
                || b == UInt8(ascii: "=")
            {
                break
            }
            index += 1
        }
        guard index > start else { throw invalid("expected a name") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Skips attributes up to `>` or `/>`; returns true for an empty element (`/>`).
    mutating func skipAttributes() throws(XMLReader.Invalid) -> Bool {
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw invalid("unterminated start tag") }
            if bytes[index] == UInt8(ascii: ">") {
                index += 1
                return false
            }
            if starts(with: "/>") {
                index += 2
                return true
            }
            _ = try name()
            skipWhitespace()
            guard peek(UInt8(ascii: "=")) else { throw invalid("expected = after an attribute name") }
            index += 1
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw invalid("expected a quoted attribute value")
            }
            let quote = bytes[index]
            index += 1
            while index < bytes.count, bytes[index] != quote { index += 1 }
            guard index < bytes.count else { throw invalid("unterminated attribute value") }
            index += 1
        }
    }

    /// An element starting at `<`.
    mutating func element(depth: Int) throws(XMLReader.Invalid) -> XMLElement {
        guard depth <= maxDepth else { throw invalid("elements nested deeper than \(maxDepth)") }
        index += 1  // <
        var element = XMLElement(name: try name())
        if try skipAttributes() { return element }
        var text: [UInt8] = []
        while true {
            guard index < bytes.count else { throw invalid("unclosed element <\(element.name)>") }
            let b = bytes[index]
            if b == UInt8(ascii: "<") {
                if starts(with: "</") {
                    index += 2
                    let closing = try name()
                    guard closing == element.name else {
                        throw invalid("</\(closing)> closes <\(element.name)>")
                    }
                    skipWhitespace()
                    guard peek(UInt8(ascii: ">")) else { throw invalid("expected > in an end tag") }
                    index += 1
                    element.text = String(decoding: text, as: UTF8.self)
                    return element
                } else if starts(with: "<!--") {
                    try skip(past: "-->", what: "comment")
                } else if starts(with: "<![CDATA[") {
                    index += 9
                    let start = index
                    try skip(past: "]]>", what: "CDATA section")
                    text += bytes[start..<index - 3]
                } else if starts(with: "<!") || starts(with: "<?") {
                    throw invalid("declarations and processing instructions are not accepted inside elements")
                } else {
                    element.children.append(try self.element(depth: depth + 1))
                }
            } else if b == UInt8(ascii: "&") {
                text += try entity()
            } else {
                text.append(b)
                index += 1
            }
        }
    }

    /// A reference starting at `&`, decoded to UTF-8.
    mutating func entity() throws(XMLReader.Invalid) -> [UInt8] {
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: ";"), index - start < 12 { index += 1 }
        guard peek(UInt8(ascii: ";")) else { throw invalid("unterminated character reference") }
        let body = String(decoding: bytes[(start + 1)..<index], as: UTF8.self)
        index += 1
        switch body {
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "amp": return [UInt8(ascii: "&")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        default:
            let scalarValue: UInt32?
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                scalarValue = UInt32(body.dropFirst(2), radix: 16)
            } else if body.hasPrefix("#") {
                scalarValue = UInt32(body.dropFirst(), radix: 10)
            } else {
                scalarValue = nil
            }
            guard let scalarValue, let scalar = Unicode.Scalar(scalarValue) else {
                index = start
                throw invalid("unknown reference &\(body);")
            }
            return Array(String(Character(scalar)).utf8)
        }
    }
}
