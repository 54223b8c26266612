public import AWSWire

/// One block of a Converse message (the API's `ContentBlock` union: exactly one member on the wire).
///
/// Text and tool calls are what a connector sends and reads; other members the service may answer with
/// (reasoning, citations, images) are left out of `ConverseMessage.content` rather than guessed at.
public enum ContentBlock: Sendable, Hashable {
    case text(String)
    /// The model asks for a tool call (`stopReason` `tool_use`); sent back in the assistant turn of a follow-up.
    case toolUse(ToolUseBlock)

    /// The text, for a text block.
    public var text: String? { if case .text(let text) = self { text } else { nil } }

    var json: JSONValue {
        switch self {
        case .text(let text): ["text": .string(text)]
        case .toolUse(let use):
            ["toolUse": ["toolUseId": .string(use.toolUseID), "name": .string(use.name), "input": use.input]]
        }
    }

    /// nil for a member this client does not model.
    init?(json: JSONValue, _ reader: ResponseReader) throws(ResponseShapeError) {
        if let text = json["text"] {
            guard let string = text.stringValue else { throw reader.failure("text block is not a string") }
            self = .text(string)
        } else if let use = json["toolUse"] {
            self = .toolUse(
                ToolUseBlock(
                    toolUseID: try reader.string(use, "toolUseId"), name: try reader.string(use, "name"),
                    input: use["input"] ?? .object([])))
        } else {
            return nil
        }
    }
}

/// A tool call: which tool, with what input document.
public struct ToolUseBlock: Sendable, Hashable {
    /// `tooluse_…`, echoed in the `toolResult` that answers it.
    public var toolUseID: String
    public var name: String
    public var input: JSONValue

    public init(toolUseID: String, name: String, input: JSONValue) {
        self.toolUseID = toolUseID
        self.name = name
        self.input = input
    }
}
