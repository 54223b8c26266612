/// A minimal XML writer for the query protocol's responses: elements and escaped text, nothing else.
///
/// AWS's query responses use no attributes except the root `xmlns`, no CDATA and no declaration, so a
/// full XML library would add nothing. Elements are written through closures, so open and close tags always
/// balance. Text is escaped for both element content and attribute values (`& < > " '`); characters XML 1.0
/// forbids even as references (C0 controls other than tab/LF/CR, U+FFFE, U+FFFF) become U+FFFD, because
/// botocore's expat-based parser rejects the whole response otherwise; CR is written as `&#xD;` so it survives
/// the parser's line-end normalization.
public struct XMLWriter: Sendable {
    /// The document so far, UTF-8.
    public private(set) var text: String = ""

    public init() {}

    /// Writes `<name attributes…>body</name>`, or `<name/>` when the body writes nothing.
    public mutating func element(
        _ name: String, attributes: [(name: String, value: String)] = [], _ body: (inout XMLWriter) -> Void
    ) {
        var open = "<" + name
        for attribute in attributes {
            open += " \(attribute.name)=\"\(XMLWriter.escape(attribute.value))\""
        }
        text += open + ">"
        let afterOpen = text.utf8.count
        body(&self)
        if text.utf8.count == afterOpen {
            // Nothing inside: collapse to the empty-element form AWS uses (`<UpdateRoleResult/>`).
            text.removeLast()
            text += "/>"
        } else {
            text += "</" + name + ">"
        }
    }

    /// Writes `<name>escaped text</name>` (`<name></name>` for empty text, which AWS sends for empty strings).
    public mutating func element(_ name: String, text value: String) {
        text += "<" + name + ">" + XMLWriter.escape(value) + "</" + name + ">"
    }

    /// Writes an element only when the value is present.
    public mutating func element(_ name: String, optional value: String?) {
        if let value { element(name, text: value) }
    }

    /// Writes `<name/>`.
    public mutating func emptyElement(_ name: String) {
        text += "<" + name + "/>"
    }

    /// Appends already-escaped text, for callers that embed a fragment built by another writer.
    public mutating func appendRaw(_ fragment: String) {
        text += fragment
    }

    /// The UTF-8 bytes of the document.
    public var bytes: [UInt8] { Array(text.utf8) }

    /// Escapes text for XML content and attribute values.
    public static func escape(_ value: String) -> String {
        var needsWork = false
        for byte in value.utf8
        where byte < 0x20 || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22
            || byte == 0x27 || byte == 0xEF
        {
            needsWork = true
            break
        }
        guard needsWork else { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case "\r": out += "&#xD;"
            case "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
            default:
                if scalar.value < 0x20 { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
