import Foundation

/// Finds the user's words inside a text-completion prompt that follows a chat template (Llama 3's header
/// tokens, Mistral's `[INST]`, Titan's `User:`), so greetings are recognized there too.
enum PromptTemplate {
    private static let markers: [(open: String, close: String)] = [
        ("<|start_header_id|>user<|end_header_id|>", "<|eot_id|>"), ("[INST]", "[/INST]"), ("User:", "Bot:"),
    ]

    static func userText(_ prompt: String) -> String {
        for marker in markers {
            guard let open = prompt.range(of: marker.open, options: .backwards) else { continue }
            let rest = prompt[open.upperBound...]
            let body = rest.range(of: marker.close).map { rest[..<$0.lowerBound] } ?? rest
            return body.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return prompt.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
