import AWSWire

/// Makes the emulated model's default answer (issue 5 item 4): a greeting for a greeting, otherwise a
/// sentence picked from a fixed vocabulary by a hash of the model and the prompt.
///
/// The same model and prompt always give the same answer, in every process and run, so tests and recorded
/// transcripts can rely on it; different prompts give visibly different answers.
enum ReplyWriter {
    static let greeting = "Hello! How can I help you today?"

    /// The answer to `prompt` from `modelID`. A forced tool choice (`any` or one named tool) calls that tool
    /// (the first offered for `any`) with an empty input.
    static func reply(to prompt: Prompt, modelID: String) -> Reply {
        switch prompt.toolChoice {
        case .any where !prompt.tools.isEmpty:
            return Reply(text: "", toolCall: .init(name: prompt.tools[0], input: .object([])), for: prompt)
        case .tool(let name):
            return Reply(text: "", toolCall: .init(name: name, input: .object([])), for: prompt)
        default:
            return Reply(text: text(for: prompt.lastUserText, modelID: modelID), for: prompt)
        }
    }

    /// The answer text alone.
    static func text(for userText: String, modelID: String) -> String {
        if isGreeting(userText) { return greeting }
        var hash = FNV1a()
        hash.add(modelID)
        hash.add([0])
        hash.add(userText)
        var state = hash.value
        let count = 6 + Int(state % 7)
        var words: [String] = []
        for _ in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            words.append(vocabulary[Int(state >> 58)])
        }
        let sentence = words.joined(separator: " ")
        return sentence.prefix(1).uppercased() + sentence.dropFirst() + "."
    }

    /// "hello", "hi there!", "Say hello", "good morning", …: the user's words, lowercased and stripped of
    /// punctuation, start with a greeting or ask for one.
    static func isGreeting(_ text: String) -> Bool {
        // Three words are all that count; a prompt may be megabytes long.
        let words = asciiWords(text) ?? text.prefix(64).lowercased().split { !$0.isLetter }.prefix(3).map(String.init)
        guard let first = words.first else { return false }
        if ["hello", "hi", "hey", "hiya", "howdy", "greetings"].contains(first) { return true }
        if first == "good", words.count > 1, ["morning", "afternoon", "evening", "day"].contains(words[1]) {
            return true
        }
        if first == "say", words.count > 1, ["hello", "hi", "hey"].contains(words[1]) { return true }
        return false
    }

    /// The first three words of the first 64 characters, lowercased, read byte by byte when those characters
    /// are all ASCII (nearly every prompt): the same words as lowercasing and splitting Characters, without
    /// Unicode case mapping and letter tables on every call. Nil when a non-ASCII byte is among them or
    /// right after them (it could join the last character), where Unicode rules apply.
    private static func asciiWords(_ text: String) -> [String]? {
        let utf8 = text.utf8
        var words: [String] = []
        var word: [UInt8] = []
        var characters = 0
        var index = utf8.startIndex
        while index < utf8.endIndex, characters < 64 {
            var byte = utf8[index]
            guard byte < 0x80 else { return nil }
            index = utf8.index(after: index)
            // CR LF is one character.
            if byte == UInt8(ascii: "\r"), index < utf8.endIndex, utf8[index] == UInt8(ascii: "\n") {
                index = utf8.index(after: index)
            }
            characters += 1
            if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) { byte |= 0x20 }
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) {
                word.append(byte)
            } else if !word.isEmpty {
                if words.count < 3 { words.append(String(decoding: word, as: UTF8.self)) }
                word.removeAll(keepingCapacity: true)
            }
        }
        if index < utf8.endIndex, utf8[index] >= 0x80 { return nil }
        if !word.isEmpty, words.count < 3 { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    /// 64 words, so six bits of the hash pick one.
    private static let vocabulary = [
        "the", "model", "answers", "with", "a", "steady", "reply", "about", "your", "request", "and", "its",
        "context", "here", "is", "one", "clear", "note", "on", "data", "flow", "through", "each", "region",
        "while", "keeping", "results", "consistent", "for", "every", "call", "made", "by", "this", "emulator",
        "so", "tests", "can", "rely", "that", "same", "input", "gives", "output", "again", "today", "simple",
        "facts", "remain", "useful", "when", "checking", "roles", "policies", "tokens", "streams", "in", "order",
        "quietly", "careful", "plain", "words", "follow", "now",
    ]
}
