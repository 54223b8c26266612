/// A minimal XML writer for the query protocol's responses: elements and escaped text, nothing else.
///
/// AWS's query responses use no attributes except the root `xmlns`, no CDATA and no declaration, so a
/// full XML library would add nothing. Elements are written through closures, so open and close tags always
/// balance. Text is escaped for both element content and attribute values (`& < > " '`); characters XML 1.0
/// forbids even as references (C0 controls other than tab/LF/CR, U+FFFE, U+FFFF) become U+FFFD, because
/// botocore's expat-based parser rejects the whole response otherwise; CR is written as `&#xD;` so it survives
/// the parser's line-end normalization.
public struct XMLWriter: Sendable {
    /// The document so far, UTF-8. Bytes rather than a `String`: responses are built on every request, and
    /// appending bytes to one buffer is the cheapest way to build them.
    public private(set) var bytes: [UInt8] = []

    public init() { bytes.reserveCapacity(1024) }

    /// The document so far, as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Writes `<name attributes…>body</name>`, or `<name/>` when the body writes nothing.
    public mutating func element(
        _ name: String, attributes: [(name: String, value: String)] = [], _ body: (inout XMLWriter) -> Void
    ) {
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: name.utf8)
        for attribute in attributes {
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: attribute.name.utf8)
            bytes.append(contentsOf: "=\"".utf8)
            XMLWriter.escape(attribute.value, into: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: ">"))
        let afterOpen = bytes.count
        body(&self)
        if bytes.count == afterOpen {
            // Nothing inside: collapse to the empty-element form AWS uses (`<UpdateRoleResult/>`).
            bytes.removeLast()
            bytes.append(contentsOf: "/>".utf8)
        } else {
            close(name)
        }
    }

    /// Writes `<name>escaped text</name>` (`<name></name>` for empty text, which AWS sends for empty strings).
    public mutating func element(_ name: String, text value: String) {
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: ">"))
        XMLWriter.escape(value, into: &bytes)
        close(name)
    }

    /// Writes an element only when the value is present.
    public mutating func element(_ name: String, optional value: String?) {
        if let value { element(name, text: value) }
    }

    /// Writes `<name/>`.
    public mutating func emptyElement(_ name: String) {
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: "/>".utf8)
    }

    private mutating func close(_ name: String) {
        bytes.append(contentsOf: "</".utf8)
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: ">"))
    }

    /// Escapes text for XML content and attribute values.
    public static func escape(_ value: String) -> String {
        var out: [UInt8] = []
        escape(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes that start something to rewrite: C0 controls, `& < > " '`, and 0xEF (the lead byte of U+FFFE
    /// and U+FFFF).
    private static let needsEscape: [Bool] = (0..<256).map { byte in
        byte < 0x20 || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 || byte == 0xEF
    }

    /// Appends `value` escaped: plain runs are copied as they are, only the characters that need it rewritten.
    static func escape(_ value: String, into out: inout [UInt8]) {
        let scan: (UnsafeBufferPointer<UInt8>) -> Bool = { bytes in bytes.contains { XMLWriter.needsEscape[Int($0)] } }
        // Native strings are contiguous UTF-8; scanning the buffer is several times faster than the view.
        let needsWork = value.utf8.withContiguousStorageIfAvailable(scan) ?? Array(value.utf8).withUnsafeBufferPointer(scan)
        guard needsWork else {
            out.append(contentsOf: value.utf8)
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".utf8)
            case "<": out.append(contentsOf: "&lt;".utf8)
            case ">": out.append(contentsOf: "&gt;".utf8)
            case "\"": out.append(contentsOf: "&quot;".utf8)
            case "'": out.append(contentsOf: "&apos;".utf8)
            case "\t", "\n": out.append(UInt8(scalar.value))
            case "\r": out.append(contentsOf: "&#xD;".utf8)
            case "\u{FFFE}", "\u{FFFF}": out.append(contentsOf: "\u{FFFD}".utf8)
            default:
                if scalar.value < 0x20 { out.append(contentsOf: "\u{FFFD}".utf8) } else { out.append(contentsOf: String(scalar).utf8) }
            }
        }
    }
}
