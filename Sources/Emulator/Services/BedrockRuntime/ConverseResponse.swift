import AWSWire

/// A reply in Converse's shapes (spec §7.4, §7.5): the whole response, or the ConverseStream events. Nova's
/// native stream uses the same events, each wrapped under its name.
struct ConverseResponse {
    let reply: Reply
    /// `tooluse_…`, when the reply calls a tool.
    let toolUseID: String?

    /// The Converse body.
    var body: JSONValue {
        [
            "output": ["message": ["role": "assistant", "content": .array(contentBlocks)]],
            "stopReason": .string(reply.stopReason.converseName),
            "usage": usage,
            "metrics": ["latencyMs": .int(reply.latencyMilliseconds)],
        ]
    }

    /// The message content: the text (kept even when empty, so the content is never an empty list unless a
    /// tool call replaces it) and the tool call.
    var contentBlocks: [JSONValue] {
        var blocks: [JSONValue] = []
        if !reply.text.isEmpty || reply.toolCall == nil { blocks.append(["text": .string(reply.text)]) }
        if let call = reply.toolCall, let toolUseID {
            blocks.append([
                "toolUse": ["toolUseId": .string(toolUseID), "name": .string(call.name), "input": call.input]
            ])
        }
        return blocks
    }

    var usage: JSONValue {
        [
            "inputTokens": .int(reply.inputTokens), "outputTokens": .int(reply.outputTokens),
            "totalTokens": .int(reply.totalTokens),
        ]
    }

    /// ConverseStream's events in order, as (event type, payload): `messageStart`; per text piece a
    /// `contentBlockDelta` then `contentBlockStop` (text blocks get no start event); for a tool call
    /// `contentBlockStart`, the input as deltas, `contentBlockStop`; `messageStop`; `metadata`.
    var events: [(String, JSONValue)] {
        var events: [(String, JSONValue)] = [("messageStart", ["role": "assistant"])]
        var index = 0
        if !reply.text.isEmpty || reply.toolCall == nil {
            for piece in reply.textPieces {
                events.append(
                    ("contentBlockDelta", ["contentBlockIndex": .int(index), "delta": ["text": .string(piece)]]))
            }
            events.append(("contentBlockStop", ["contentBlockIndex": .int(index)]))
            index += 1
        }
        if let call = reply.toolCall, let toolUseID {
            events.append(
                (
                    "contentBlockStart",
                    [
                        "contentBlockIndex": .int(index),
                        "start": ["toolUse": ["toolUseId": .string(toolUseID), "name": .string(call.name)]],
                    ]
                ))
            events.append(
                (
                    "contentBlockDelta",
                    ["contentBlockIndex": .int(index), "delta": ["toolUse": ["input": .string(reply.toolInputJSON)]]]
                ))
            events.append(("contentBlockStop", ["contentBlockIndex": .int(index)]))
        }
        events.append(("messageStop", ["stopReason": .string(reply.stopReason.converseName)]))
        events.append(("metadata", ["usage": usage, "metrics": ["latencyMs": .int(reply.latencyMilliseconds)]]))
        return events
    }
}
