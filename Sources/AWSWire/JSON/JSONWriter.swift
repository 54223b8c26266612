/// Writes a ``JSONValue`` as compact UTF-8 JSON, members in the order given.
///
/// Deterministic output (no whitespace, no key sorting, fixed escapes) lets tests compare bytes. Strings
/// escape `"`, `\`, every C0 control (short forms `\b \f \n \r \t`, else `\u00XX`) and U+2028/U+2029,
/// which are legal JSON but break JavaScript consumers that embed the text; everything else is raw UTF-8
/// (so `isn’t` goes out as UTF-8, spec §9.4).
public enum JSONWriter {
    public static func string(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    public static func bytes(_ value: JSONValue) -> [UInt8] { Array(string(value).utf8) }

    static func write(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n.text
        case .string(let s): writeString(s, into: &out)
        case .array(let elements):
            out += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { out += "," }
                write(element, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                writeString(member.key, into: &out)
                out += ":"
                write(member.value, into: &out)
            }
            out += "}"
        }
    }

    /// A quoted, escaped JSON string.
    public static func quoted(_ s: String) -> String {
        var out = ""
        writeString(s, into: &out)
        return out
    }

    /// Strings without anything to escape (most keys and values) are appended whole; in the others, the runs
    /// between escapes are copied whole into one buffer, appended once (appending scalar by scalar made long
    /// strings, such as CloudTrail's record-in-a-string, the cost of a whole request).
    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        let escapes = s.utf8.withContiguousStorageIfAvailable { $0.contains(where: needsEscape) }
        if escapes == false || (escapes == nil && !s.utf8.contains(where: needsEscape)) {
            out += s
            out += "\""
            return
        }
        let hex = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count + 16)
        var text = s
        text.withUTF8 { source in
            var run = 0
            var i = 0
            while i < source.count {
                let byte = source[i]
                guard needsEscape(byte) else {
                    i += 1
                    continue
                }
                let isLineSeparator =
                    byte == 0xE2 && i + 2 < source.count && source[i + 1] == 0x80
                    && (source[i + 2] == 0xA8 || source[i + 2] == 0xA9)
                if byte == 0xE2 && !isLineSeparator {
                    i += 1
                    continue
                }
                // Everything since the last escape goes in one copy.
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[run..<i]))
                switch byte {
                case 0x22, 0x5C:
                    bytes.append(0x5C)
                    bytes.append(byte)
                case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
                case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
                case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
                case 0x08: bytes.append(contentsOf: #"\b"#.utf8)
                case 0x0C: bytes.append(contentsOf: #"\f"#.utf8)
                case 0xE2:
                    // U+2028 and U+2029 (E2 80 A8, E2 80 A9).
                    bytes.append(contentsOf: (source[i + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8)
                    i += 2
                default:
                    bytes.append(contentsOf: #"\u00"#.utf8)
                    bytes.append(hex[Int(byte >> 4)])
                    bytes.append(hex[Int(byte & 0xF)])
                }
                i += 1
                run = i
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[run..<source.count]))
        }
        out += String(decoding: bytes, as: UTF8.self)
        out += "\""
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2
    }
}
