internal import AWSWire

/// One event of a ConverseStream answer, in the order the service sends them: `messageStart`, per block
/// (`contentBlockStart` for tool blocks only) deltas and `contentBlockStop`, then `messageStop` and `metadata`.
public enum ConverseStreamEvent: Sendable, Hashable {
    case messageStart(role: ConversationRole)
    /// A block begins; `toolUse` names the tool for a tool block (text blocks get no start event).
    case contentBlockStart(index: Int, toolUse: ToolUseStart?)
    /// More text of block `index`.
    case contentBlockDelta(index: Int, text: String)
    /// More of a tool call's input document, as JSON text to be joined before parsing.
    case toolUseInputDelta(index: Int, input: String)
    case contentBlockStop(index: Int)
    case messageStop(stopReason: String)
    case metadata(usage: TokenUsage, latencyMs: Int?)

    /// The text this event adds to the answer.
    public var text: String? { if case .contentBlockDelta(_, let text) = self { text } else { nil } }

    /// nil for an event type, or a delta kind (reasoning, citations), this client does not model.
    init?(type: String, payload: [UInt8], _ reader: ResponseReader) throws(ResponseShapeError) {
        let json = try reader.object(payload)
        switch type {
        case "messageStart":
            let name = try reader.string(json, "role")
            guard let role = ConversationRole(rawValue: name) else { throw reader.failure("unknown role \(name)") }
            self = .messageStart(role: role)
        case "contentBlockStart":
            let index = try reader.requiredInt(json, "contentBlockIndex")
            if let use = json["start"]?["toolUse"] {
                self = .contentBlockStart(
                    index: index,
                    toolUse: ToolUseStart(toolUseID: try reader.string(use, "toolUseId"), name: try reader.string(use, "name")))
            } else {
                self = .contentBlockStart(index: index, toolUse: nil)
            }
        case "contentBlockDelta":
            let index = try reader.requiredInt(json, "contentBlockIndex")
            guard let delta = json["delta"] else { throw reader.failure("contentBlockDelta without delta") }
            if let text = delta["text"]?.stringValue {
                self = .contentBlockDelta(index: index, text: text)
            } else if let input = delta["toolUse"]?["input"]?.stringValue {
                self = .toolUseInputDelta(index: index, input: input)
            } else {
                return nil
            }
        case "contentBlockStop":
            self = .contentBlockStop(index: try reader.requiredInt(json, "contentBlockIndex"))
        case "messageStop":
            self = .messageStop(stopReason: try reader.string(json, "stopReason"))
        case "metadata":
            guard let usage = json["usage"] else { throw reader.failure("metadata without usage") }
            var latencyMs: Int?
            if let metrics = json["metrics"] { latencyMs = try reader.int(metrics, "latencyMs") }
            self = .metadata(usage: try TokenUsage(json: usage, reader), latencyMs: latencyMs)
        default:
            return nil
        }
    }
}

/// The tool a streamed tool block calls.
public struct ToolUseStart: Sendable, Hashable {
    public var toolUseID: String
    public var name: String

    public init(toolUseID: String, name: String) {
        self.toolUseID = toolUseID
        self.name = name
    }
}
