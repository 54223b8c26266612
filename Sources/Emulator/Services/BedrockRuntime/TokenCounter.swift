import AWSWire

/// The emulator's stand-in for a model tokenizer: a run of letters or digits is one token, and so is every
/// other visible character; whitespace is free.
///
/// It is deterministic and cheap (one pass over UTF-8), and every count the runtime reports comes from it,
/// so headers, `usage` and `amazon-bedrock-invocationMetrics` always agree with each other.
enum TokenCounter {
    /// The number of tokens in `text`.
    static func count(_ text: String) -> Int {
        // Over the contiguous buffer: every prompt and reply is counted, and stepping `String.UTF8View` costs
        // more than the per-byte test.
        var text = text
        return text.withUTF8(count(utf8:))
    }

    private static func count(utf8: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var inWord = false
        for byte in utf8 {
            if isWordByte(byte) {
                if !inWord { count += 1 }
                inWord = true
            } else {
                inWord = false
                if !isSpace(byte) { count += 1 }
            }
        }
        return count
    }

    /// The longest prefix of `text` holding at most `limit` tokens, ending after its last token (so trailing
    /// whitespace is dropped).
    static func prefix(_ text: String, tokens limit: Int) -> Substring {
        var count = 0
        var inWord = false
        var end = text.utf8.startIndex
        var index = text.utf8.startIndex
        while index < text.utf8.endIndex {
            let byte = text.utf8[index]
            if isWordByte(byte) {
                if !inWord {
                    if count == limit { break }
                    count += 1
                }
                inWord = true
                end = text.utf8.index(after: index)
            } else {
                inWord = false
                if !isSpace(byte) {
                    if count == limit { break }
                    count += 1
                    end = text.utf8.index(after: index)
                }
            }
            index = text.utf8.index(after: index)
        }
        // `end` follows an ASCII byte or a word byte; step forward to a scalar boundary if it fell inside one.
        while end < text.utf8.endIndex, text.utf8[end] & 0xC0 == 0x80 { end = text.utf8.index(after: end) }
        return text[..<end]
    }

    /// The tokens of every string in a request document under a key that carries conversation text
    /// (`text`, `content`, `prompt`, `inputText`, `system`): what the model reads.
    static func count(conversation value: JSONValue) -> Int {
        if let members = value.objectValue {
            var sum = 0
            for member in members {
                if let text = member.value.stringValue {
                    if textKeys.contains(member.key) { sum += count(text) }
                } else {
                    sum += count(conversation: member.value)
                }
            }
            return sum
        }
        return value.arrayValue?.reduce(0) { $0 + count(conversation: $1) } ?? 0
    }

    private static let textKeys: Set<String> = ["text", "content", "prompt", "inputText", "system"]

    /// ASCII letters and digits, and every byte of a non-ASCII scalar.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...:
            true
        default: false
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) || byte < 0x20 }
}
