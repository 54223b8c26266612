import AWSWire
import Foundation

/// A reply in a model family's native InvokeModel shapes: the response body, and the model stream events
/// InvokeModelWithResponseStream carries base64-encoded in its `chunk` events (spec §7.2, §7.3; AWS's
/// per-provider parameter pages for Titan, Llama, Mistral, Cohere and Nova).
struct NativeResponse {
    let family: ModelFamily
    let model: FoundationModel
    let reply: Reply
    /// `msg_bdrk_…` (Anthropic) or a generation ID (Cohere).
    let messageID: String
    /// `toolu_bdrk_…` (Anthropic) or `tooluse_…` (Nova), when the reply calls a tool.
    let toolUseID: String?

    /// The InvokeModel body.
    var body: JSONValue {
        switch family {
        case .anthropic:
            return [
                "id": .string(messageID), "type": "message", "role": "assistant", "model": .string(anthropicModelName),
                "content": .array(anthropicContent), "stop_reason": .string(reply.stopReason.converseName),
                "stop_sequence": stopSequence, "usage": anthropicUsage(output: reply.outputTokens),
            ]
        case .nova:
            let converse = ConverseResponse(reply: reply, toolUseID: toolUseID)
            return [
                "output": ["message": ["content": .array(converse.contentBlocks), "role": "assistant"]],
                "stopReason": .string(reply.stopReason.converseName), "usage": converse.usage,
            ]
        case .titan:
            return [
                "inputTextTokenCount": .int(reply.inputTokens),
                "results": [
                    [
                        "tokenCount": .int(reply.outputTokens), "outputText": .string(reply.text),
                        "completionReason": .string(completionReason),
                    ]
                ],
            ]
        case .llama:
            return [
                "generation": .string(reply.text), "prompt_token_count": .int(reply.inputTokens),
                "generation_token_count": .int(reply.outputTokens), "stop_reason": .string(completionReason),
            ]
        case .mistral:
            return ["outputs": [["text": .string(reply.text), "stop_reason": .string(completionReason)]]]
        case .cohere:
            return [
                "generations": [
                    ["finish_reason": .string(completionReason), "id": .string(messageID), "text": .string(reply.text)]
                ],
                "id": .string(messageID),
            ]
        }
    }

    /// The model's stream events, the last one carrying `amazon-bedrock-invocationMetrics`.
    var streamEvents: [JSONValue] {
        var events = familyStreamEvents
        if case .object(var members) = events.last {
            members.append(JSONMember("amazon-bedrock-invocationMetrics", invocationMetrics))
            events[events.count - 1] = .object(members)
        }
        return events
    }

    var invocationMetrics: JSONValue {
        [
            "inputTokenCount": .int(reply.inputTokens), "outputTokenCount": .int(reply.outputTokens),
            "invocationLatency": .int(reply.latencyMilliseconds),
            "firstByteLatency": .int(reply.firstByteLatencyMilliseconds),
        ]
    }

    private var familyStreamEvents: [JSONValue] {
        let pieces = reply.textPieces.isEmpty ? [""] : reply.textPieces
        let last = pieces.count - 1
        switch family {
        case .anthropic: return anthropicStream
        case .nova:
            return ConverseResponse(reply: reply, toolUseID: toolUseID).events.map { .object([JSONMember($0.0, $0.1)]) }
        case .titan:
            var produced = 0
            return pieces.enumerated().map { index, piece in
                produced += TokenCounter.count(piece)
                return [
                    "outputText": .string(piece), "index": 0,
                    "totalOutputTextTokenCount": index == last ? .int(reply.outputTokens) : .int(produced),
                    "completionReason": index == last ? .string(completionReason) : .null,
                    "inputTextTokenCount": index == 0 ? .int(reply.inputTokens) : .null,
                ]
            }
        case .llama:
            var produced = 0
            return pieces.enumerated().map { index, piece in
                produced += TokenCounter.count(piece)
                return [
                    "generation": .string(piece), "prompt_token_count": index == 0 ? .int(reply.inputTokens) : .null,
                    "generation_token_count": .int(index == last ? reply.outputTokens : produced),
                    "stop_reason": index == last ? .string(completionReason) : .null,
                ]
            }
        case .mistral:
            return pieces.enumerated().map { index, piece in
                [
                    "outputs": [
                        ["text": .string(piece), "stop_reason": index == last ? .string(completionReason) : .null]
                    ]
                ]
            }
        case .cohere:
            return pieces.map { ["text": .string($0), "is_finished": false] } + [
                ["is_finished": true, "finish_reason": .string(completionReason), "response": body]
            ]
        }
    }

    private var anthropicStream: [JSONValue] {
        var events: [JSONValue] = [
            [
                "type": "message_start",
                "message": [
                    "id": .string(messageID), "type": "message", "role": "assistant",
                    "model": .string(anthropicModelName), "content": [], "stop_reason": nil, "stop_sequence": nil,
                    "usage": anthropicUsage(output: 1),
                ],
            ]
        ]
        for (index, block) in anthropicContent.enumerated() {
            if block["type"]?.stringValue == "tool_use" {
                events.append(
                    [
                        "type": "content_block_start", "index": .int(index),
                        "content_block": [
                            "type": "tool_use", "id": block["id"] ?? nil, "name": block["name"] ?? nil, "input": [:],
                        ],
                    ])
                events.append(
                    [
                        "type": "content_block_delta", "index": .int(index),
                        "delta": ["type": "input_json_delta", "partial_json": .string(reply.toolInputJSON)],
                    ])
            } else {
                events.append([
                    "type": "content_block_start", "index": .int(index), "content_block": ["type": "text", "text": ""],
                ])
                for piece in reply.textPieces {
                    events.append(
                        [
                            "type": "content_block_delta", "index": .int(index),
                            "delta": ["type": "text_delta", "text": .string(piece)],
                        ])
                }
            }
            events.append(["type": "content_block_stop", "index": .int(index)])
        }
        events.append(
            [
                "type": "message_delta",
                "delta": ["stop_reason": .string(reply.stopReason.converseName), "stop_sequence": stopSequence],
                "usage": ["output_tokens": .int(reply.outputTokens)],
            ])
        events.append(["type": "message_stop"])
        return events
    }

    /// `claude-3-5-haiku-20241022` for `anthropic.claude-3-5-haiku-20241022-v1:0`, as Claude reports itself.
    private var anthropicModelName: String {
        let name = model.modelID.dropFirst("anthropic.".count)
        guard let version = name.range(of: "-v", options: .backwards) else { return String(name) }
        return String(name[..<version.lowerBound])
    }

    private var anthropicContent: [JSONValue] {
        var blocks: [JSONValue] = []
        if !reply.text.isEmpty || reply.toolCall == nil {
            blocks.append(["type": "text", "text": .string(reply.text)])
        }
        if let call = reply.toolCall, let toolUseID {
            blocks.append([
                "type": "tool_use", "id": .string(toolUseID), "name": .string(call.name), "input": call.input,
            ])
        }
        return blocks
    }

    private func anthropicUsage(output: Int) -> JSONValue {
        ["input_tokens": .int(reply.inputTokens), "output_tokens": .int(output)]
    }

    private var stopSequence: JSONValue {
        if case .stopSequence(let sequence) = reply.stopReason, !sequence.isEmpty { return .string(sequence) }
        return .null
    }

    /// Titan's `FINISH|LENGTH|STOP_CRITERIA_MET`, Llama's and Mistral's `stop|length`, Cohere's
    /// `COMPLETE|MAX_TOKENS`.
    private var completionReason: String {
        let isLength = reply.stopReason == .maxTokens
        switch family {
        case .titan:
            if case .stopSequence = reply.stopReason { return "STOP_CRITERIA_MET" }
            return isLength ? "LENGTH" : "FINISH"
        case .cohere: return isLength ? "MAX_TOKENS" : "COMPLETE"
        default: return isLength ? "length" : "stop"
        }
    }
}
