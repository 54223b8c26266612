/// Writes `JSONValue`s back out, compact or indented, keeping member order.
///
/// Used where the exact text matters: turning policies embedded in test vectors back into
/// documents, the "pretty-printed copy decides alike" property, and `--json` output.
package enum JSONWriter {
    /// Compact JSON (no whitespace), or two-space-indented JSON when `pretty` is true.
    package static func write(_ value: JSONValue, pretty: Bool = false) -> String {
        var out = ""
        write(value, into: &out, pretty: pretty, indent: 0)
        return out
    }

    private static func write(_ value: JSONValue, into out: inout String, pretty: Bool, indent: Int) {
        switch value {
        case .string(let text): writeString(text, into: &out)
        case .number(let literal): out += literal
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .array(let elements):
            if elements.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { out += "," }
                newline(into: &out, pretty: pretty, indent: indent + 1)
                write(element, into: &out, pretty: pretty, indent: indent + 1)
            }
            newline(into: &out, pretty: pretty, indent: indent)
            out += "]"
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            for (position, member) in members.enumerated() {
                if position > 0 { out += "," }
                newline(into: &out, pretty: pretty, indent: indent + 1)
                writeString(member.key, into: &out)
                out += pretty ? ": " : ":"
                write(member.value, into: &out, pretty: pretty, indent: indent + 1)
            }
            newline(into: &out, pretty: pretty, indent: indent)
            out += "}"
        }
    }

    private static func newline(into out: inout String, pretty: Bool, indent: Int) {
        guard pretty else { return }
        out += "\n"
        out += String(repeating: "  ", count: indent)
    }

    /// Writes a JSON string literal, escaping quotes, backslashes and control characters.
    package static func writeString(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// A JSON string literal for `text`.
    package static func quoted(_ text: String) -> String {
        var out = ""
        writeString(text, into: &out)
        return out
    }
}
