/// A call's request reduced to what the emulated model's answer depends on, whatever the body's shape (a
/// native body of any family, or Converse).
struct Prompt: Sendable, Hashable {
    /// Whether and how the caller lets the model call a tool (Converse `toolChoice`, Anthropic `tool_choice`).
    enum ToolChoice: Sendable, Hashable {
        case auto
        /// The model must call some tool.
        case any
        /// The model must call this tool.
        case tool(String)
        case none
    }

    /// The text of the last user turn: what the answer is derived from and what scripted rules match.
    var lastUserText: String
    /// The tokens of everything the model reads (system prompt and every turn).
    var inputTokens: Int
    /// The most tokens the answer may have; nil when the body sets no limit.
    var maxTokens: Int?
    var stopSequences: [String] = []
    /// The names of the tools offered, in order.
    var tools: [String] = []
    var toolChoice: ToolChoice = .auto
}
