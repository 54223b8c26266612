import AWSWire

/// The native InvokeModel body shapes the emulator understands, one per model provider (AWS "Inference
/// request parameters and response fields for foundation models"), and how each becomes a `Prompt`.
enum ModelFamily: Sendable, Hashable {
    /// Anthropic Claude, Messages API (`anthropic_version: bedrock-2023-05-31`).
    case anthropic
    /// Amazon Nova, `messages-v1`.
    case nova
    /// Amazon Titan Text (`inputText`, `textGenerationConfig`).
    case titan
    /// Meta Llama (`prompt`, `max_gen_len`).
    case llama
    /// Mistral text completion (`prompt`, `max_tokens`, `stop`).
    case mistral
    /// Cohere Command (`prompt`, `max_tokens`, `stop_sequences`).
    case cohere

    /// The family of a text model; nil for models whose native body the emulator does not serve (embedding
    /// and image models).
    init?(_ model: FoundationModel) {
        guard model.outputModalities.contains(.text) else { return nil }
        let id = model.modelID
        if id.hasPrefix("anthropic.") {
            self = .anthropic
        } else if id.hasPrefix("amazon.nova") {
            self = .nova
        } else if id.hasPrefix("amazon.titan-text") || id.hasPrefix("amazon.titan-tg1") {
            self = .titan
        } else if id.hasPrefix("meta.") {
            self = .llama
        } else if id.hasPrefix("mistral.") {
            self = .mistral
        } else if id.hasPrefix("cohere.command") {
            self = .cohere
        } else {
            return nil
        }
    }

    /// Reads a checked body as a prompt.
    /// - Throws: the family's `ValidationException` for a schema violation or a bad turn order.
    func prompt(from body: JSONValue) throws(AWSError) -> Prompt {
        if let error = schema.check(body) { throw error }
        switch self {
        case .anthropic:
            let messages = body["messages"]?.arrayValue ?? []
            try Self.checkAnthropicTurns(messages)
            var prompt = Prompt(
                lastUserText: Self.lastUserText(
                    messages, blockText: { $0["type"]?.stringValue == "text" ? $0["text"]?.stringValue : nil }),
                inputTokens: TokenCounter.count(conversation: body), maxTokens: Self.int(body["max_tokens"]),
                stopSequences: Self.strings(body["stop_sequences"]))
            prompt.tools = (body["tools"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
            switch body["tool_choice"]?["type"]?.stringValue {
            case "any": prompt.toolChoice = .any
            case "tool":
                prompt.toolChoice = body["tool_choice"]?["name"]?.stringValue.map(Prompt.ToolChoice.tool) ?? .auto
            case "none": prompt.toolChoice = .none
            default: break
            }
            return prompt
        case .nova:
            let messages = body["messages"]?.arrayValue ?? []
            if let error = ConverseRequest.turnOrderError(messages.map { $0["role"]?.stringValue ?? "" }) {
                throw error
            }
            var prompt = Prompt(
                lastUserText: Self.lastUserText(messages, blockText: { $0["text"]?.stringValue }),
                inputTokens: TokenCounter.count(conversation: body),
                maxTokens: Self.int(body["inferenceConfig"]?["max_new_tokens"]),
                stopSequences: Self.strings(body["inferenceConfig"]?["stopSequences"]))
            if let tools = body["toolConfig"] { (prompt.tools, prompt.toolChoice) = ConverseRequest.tools(tools) }
            return prompt
        case .titan:
            let text = body["inputText"]?.stringValue ?? ""
            let config = body["textGenerationConfig"]
            return Prompt(
                lastUserText: PromptTemplate.userText(text), inputTokens: TokenCounter.count(text),
                maxTokens: Self.int(config?["maxTokenCount"]), stopSequences: Self.strings(config?["stopSequences"]))
        case .llama, .mistral, .cohere:
            let text = body["prompt"]?.stringValue ?? ""
            let limitKey = self == .llama ? "max_gen_len" : "max_tokens"
            return Prompt(
                lastUserText: PromptTemplate.userText(text), inputTokens: TokenCounter.count(text),
                maxTokens: Self.int(body[limitKey]),
                stopSequences: Self.strings(body[self == .cohere ? "stop_sequences" : "stop"]))
        }
    }

    /// Claude's own turn-order rules, which Bedrock passes through.
    private static func checkAnthropicTurns(_ messages: [JSONValue]) throws(AWSError) {
        let roles = messages.map { $0["role"]?.stringValue ?? "" }
        if roles.first == "assistant" {
            throw .validationException(#"messages: first message must use the "user" role"#)
        }
        for (previous, next) in zip(roles, roles.dropFirst()) where previous == next {
            throw .validationException(
                #"messages: roles must alternate between "user" and "assistant", but found multiple "\#(next)" roles in a row"#
            )
        }
    }

    /// The text of the last user turn: a string content, or its text blocks joined by newlines.
    static func lastUserText(_ messages: [JSONValue], blockText: (JSONValue) -> String?) -> String {
        guard let last = messages.last(where: { $0["role"]?.stringValue == "user" }) else { return "" }
        if let text = last["content"]?.stringValue { return text }
        return (last["content"]?.arrayValue ?? []).compactMap(blockText).joined(separator: "\n")
    }

    private static func int(_ value: JSONValue?) -> Int? { value?.numberValue?.int64.map { Int(clamping: $0) } }

    private static func strings(_ value: JSONValue?) -> [String] { value?.arrayValue?.compactMap(\.stringValue) ?? [] }
}

extension ModelFamily {
    /// The body schema (AWS's parameter pages for each provider).
    var schema: NativeSchema {
        switch self {
        case .anthropic: Self.anthropicSchema
        case .nova: Self.novaSchema
        case .titan: Self.titanSchema
        case .llama: Self.llamaSchema
        case .mistral: Self.mistralSchema
        case .cohere: Self.cohereSchema
        }
    }

    private static let unit = NativeSchema.number(minimum: 0, maximum: 1)
    private static let stringList = NativeSchema.array(.string())
    private static let role = NativeSchema.string(allowed: ["user", "assistant"])

    private static let anthropicSchema = NativeSchema.object(
        [
            ("anthropic_version", .string(allowed: ["bedrock-2023-05-31"])),
            ("max_tokens", .integer(minimum: 1)),
            (
                "messages",
                .array(
                    .object(
                        [
                            ("role", role),
                            (
                                "content",
                                .either(
                                    .string(), .array(.object([("type", .string())], required: ["type"], open: true)))
                            ),
                        ], required: ["role", "content"]), minItems: 1)
            ),
            ("system", .either(.string(), .array(.object([("type", .string())], required: ["type"], open: true)))),
            ("temperature", unit), ("top_p", unit), ("top_k", .integer(minimum: 0)),
            ("stop_sequences", stringList),
            ("tools", .array(.object([("name", .string())], required: ["name"], open: true))),
            (
                "tool_choice",
                .object([("type", .string(allowed: ["auto", "any", "tool", "none"]))], required: ["type"], open: true)
            ),
            ("anthropic_beta", stringList), ("thinking", .object([], open: true)), ("metadata", .any),
        ],
        required: ["anthropic_version", "max_tokens", "messages"])

    private static let novaSchema = NativeSchema.object(
        [
            ("schemaVersion", .string(allowed: ["messages-v1"])),
            ("system", .array(.object([("text", .string())], required: ["text"], open: true))),
            (
                "messages",
                .array(
                    .object(
                        [("role", role), ("content", .array(.object([], open: true)))], required: ["role", "content"]),
                    minItems: 1)
            ),
            (
                "inferenceConfig",
                .object([
                    ("max_new_tokens", .integer(minimum: 1)), ("temperature", unit), ("topP", unit),
                    ("topK", .integer(minimum: 0)), ("stopSequences", stringList),
                ])
            ),
            ("toolConfig", .object([], open: true)),
        ],
        required: ["messages"])

    private static let titanSchema = NativeSchema.object(
        [
            ("inputText", .string()),
            (
                "textGenerationConfig",
                .object([
                    ("maxTokenCount", .integer(minimum: 0)), ("temperature", unit), ("topP", unit),
                    ("stopSequences", stringList),
                ])
            ),
        ],
        required: ["inputText"])

    private static let llamaSchema = NativeSchema.object(
        [
            ("prompt", .string()), ("max_gen_len", .integer(minimum: 1)), ("temperature", unit), ("top_p", unit),
            ("images", stringList),
        ],
        required: ["prompt"])

    private static let mistralSchema = NativeSchema.object(
        [
            ("prompt", .string()), ("max_tokens", .integer(minimum: 1)), ("temperature", unit), ("top_p", unit),
            ("top_k", .integer(minimum: 0)), ("stop", stringList),
        ],
        required: ["prompt"])

    private static let cohereSchema = NativeSchema.object(
        [
            ("prompt", .string()), ("max_tokens", .integer(minimum: 1)),
            ("temperature", .number(minimum: 0, maximum: 5)),
            ("p", unit), ("k", .integer(minimum: 0)), ("stop_sequences", stringList),
            ("return_likelihoods", .string(allowed: ["GENERATION", "ALL", "NONE"])), ("stream", .boolean),
            ("num_generations", .integer(minimum: 1)), ("truncate", .string(allowed: ["NONE", "START", "END"])),
        ],
        required: ["prompt"])
}
