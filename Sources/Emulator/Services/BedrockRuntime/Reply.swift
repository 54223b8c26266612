import AWSWire
import Foundation

/// The emulated model's answer to one call, before any wire shape: text and/or a tool call, why it stopped,
/// and the token counts every response form reports.
struct Reply: Sendable, Hashable {
    /// Why generation stopped, in Converse's and Anthropic's vocabulary (each family maps it to its own).
    enum StopReason: Sendable, Hashable {
        case endTurn
        case maxTokens
        case stopSequence(String)
        case toolUse
        /// A reason a scripted rule names that has no other case (`content_filtered`, `guardrail_intervened`).
        case other(String)

        var converseName: String {
            switch self {
            case .endTurn: "end_turn"
            case .maxTokens: "max_tokens"
            case .stopSequence: "stop_sequence"
            case .toolUse: "tool_use"
            case .other(let name): name
            }
        }

        init(converseName name: String) {
            switch name {
            case "end_turn": self = .endTurn
            case "max_tokens": self = .maxTokens
            case "stop_sequence": self = .stopSequence("")
            case "tool_use": self = .toolUse
            default: self = .other(name)
            }
        }
    }

    /// A tool the model calls, with the JSON input it passes.
    struct ToolCall: Sendable, Hashable {
        var name: String
        var input: JSONValue
    }

    var text: String
    var toolCall: ToolCall?
    var stopReason: StopReason
    var inputTokens: Int
    var outputTokens: Int

    var totalTokens: Int { inputTokens + outputTokens }

    /// A stand-in for the time the model took, derived from the output size so it is reproducible.
    var latencyMilliseconds: Int { 120 + 8 * outputTokens }
    /// A stand-in for the time to the first streamed byte.
    var firstByteLatencyMilliseconds: Int { 100 }

    /// The text split for streaming: a piece per few words, each carrying its leading space, so the pieces
    /// joined are `text` exactly.
    var textPieces: [String] {
        var pieces: [String] = []
        var current = ""
        var words = 0
        for character in text {
            if character == " ", words == Self.wordsPerPiece, !current.isEmpty {
                pieces.append(current)
                current = ""
                words = 0
            }
            if character == " " { words += 1 }
            current.append(character)
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    private static let wordsPerPiece = 3

    /// The tool call's input as the JSON text streams carry in pieces.
    var toolInputJSON: String { toolCall.map { JSONWriter.string($0.input) } ?? "" }

    /// Ends the text at the first stop sequence, then at `prompt.maxTokens`, and counts the tokens. A tool
    /// call is never cut (its input counts as output tokens).
    init(text: String, toolCall: ToolCall? = nil, stopReason: StopReason? = nil, for prompt: Prompt) {
        var text = text
        var reason = stopReason ?? (toolCall == nil ? .endTurn : .toolUse)
        if toolCall == nil, let (range, sequence) = Self.firstStop(in: text, prompt.stopSequences) {
            text = String(text[..<range.lowerBound])
            reason = .stopSequence(sequence)
        }
        let toolTokens =
            toolCall.map { TokenCounter.count($0.name) + TokenCounter.count(JSONWriter.string($0.input)) } ?? 0
        if let limit = prompt.maxTokens, TokenCounter.count(text) + toolTokens > limit, toolCall == nil {
            text = String(TokenCounter.prefix(text, tokens: limit))
            reason = .maxTokens
        }
        self.text = text
        self.toolCall = toolCall
        self.stopReason = reason
        inputTokens = prompt.inputTokens
        outputTokens = TokenCounter.count(text) + toolTokens
    }

    private static func firstStop(in text: String, _ sequences: [String]) -> (Range<String.Index>, String)? {
        var best: (Range<String.Index>, String)?
        for sequence in sequences where !sequence.isEmpty {
            if let range = text.range(of: sequence), best.map({ range.lowerBound < $0.0.lowerBound }) ?? true {
                best = (range, sequence)
            }
        }
        return best
    }
}
