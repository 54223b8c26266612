import AWSWire

/// Reads and checks a Converse or ConverseStream body (spec §7.4) as the service does: every content block
/// and system block is a union with exactly one member, the inference settings are within their ranges, tool
/// names follow their pattern, and turns start with the user and alternate.
///
/// Messages follow Smithy's server validation (`1 validation error detected: Value … at 'path' failed to
/// satisfy constraint: …`) except the turn-order and empty-content ones, which are Bedrock's own sentences.
enum ConverseRequest {
    static let contentMembers: Set<String> = [
        "text", "image", "document", "video", "audio", "toolUse", "toolResult", "guardContent", "cachePoint",
        "reasoningContent", "citationsContent", "searchResult",
    ]
    static let systemMembers: Set<String> = ["text", "guardContent", "cachePoint"]

    /// The prompt the body carries.
    static func prompt(from body: JSONValue) throws(AWSError) -> Prompt {
        guard case .object = body else { throw serialization }
        guard let messagesValue = body["messages"], !messagesValue.isNull else {
            throw constraint("Value null at 'messages' failed to satisfy constraint: Member must not be null")
        }
        guard let messages = messagesValue.arrayValue else { throw serialization }
        var roles: [String] = []
        for (index, message) in messages.enumerated() {
            let path = "messages.\(index + 1).member"
            guard case .object = message else { throw serialization }
            guard let role = message["role"]?.stringValue else {
                throw constraint("Value null at '\(path).role' failed to satisfy constraint: Member must not be null")
            }
            guard role == "user" || role == "assistant" else {
                throw constraint(
                    "Value '\(role)' at '\(path).role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]"
                )
            }
            guard let content = message["content"]?.arrayValue else {
                throw constraint(
                    "Value null at '\(path).content' failed to satisfy constraint: Member must not be null")
            }
            guard !content.isEmpty else {
                throw .validationException(
                    "The content field in the Message object at messages.\(index) is empty. Add a ContentBlock object to the content field and try again."
                )
            }
            for (blockIndex, block) in content.enumerated() {
                try checkUnion(block, members: contentMembers, at: "\(path).content.\(blockIndex + 1).member")
            }
            roles.append(role)
        }
        if let error = turnOrderError(roles) { throw error }
        if let system = body["system"] {
            guard let blocks = system.arrayValue else { throw serialization }
            for (index, block) in blocks.enumerated() {
                try checkUnion(block, members: systemMembers, at: "system.\(index + 1).member")
            }
        }
        var prompt = Prompt(
            lastUserText: ModelFamily.lastUserText(messages, blockText: { $0["text"]?.stringValue }),
            inputTokens: TokenCounter.count(conversation: [
                "system": body["system"] ?? .null, "messages": messagesValue,
            ]),
            maxTokens: nil)
        if let config = body["inferenceConfig"] { try read(config, into: &prompt) }
        if let toolConfig = body["toolConfig"] {
            try checkTools(toolConfig)
            (prompt.tools, prompt.toolChoice) = tools(toolConfig)
        }
        if let extra = body["additionalModelRequestFields"], extra.objectValue == nil, !extra.isNull {
            throw serialization
        }
        return prompt
    }

    /// Bedrock's turn-order errors (spec §7.1), shared with Nova's native body, which follows the same rules.
    static func turnOrderError(_ roles: [String]) -> AWSError? {
        if roles.first == "assistant" {
            return .validationException(
                "A conversation must start with a user message. Try again with a conversation that starts with a user message."
            )
        }
        for (previous, next) in zip(roles, roles.dropFirst()) where previous == next {
            return .validationException(
                "A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again."
            )
        }
        return nil
    }

    /// The tool names and the choice a (checked) `toolConfig` gives.
    static func tools(_ config: JSONValue) -> ([String], Prompt.ToolChoice) {
        let names = (config["tools"]?.arrayValue ?? []).compactMap { $0["toolSpec"]?["name"]?.stringValue }
        let choice = config["toolChoice"]
        if choice?["any"] != nil { return (names, .any) }
        if let name = choice?["tool"]?["name"]?.stringValue { return (names, .tool(name)) }
        return (names, .auto)
    }

    private static func read(_ config: JSONValue, into prompt: inout Prompt) throws(AWSError) {
        guard case .object = config else { throw serialization }
        if let value = config["maxTokens"] {
            guard let number = value.numberValue, let tokens = number.int64 else { throw serialization }
            guard tokens >= 1 else {
                throw constraint(
                    "Value '\(number.text)' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1"
                )
            }
            prompt.maxTokens = Int(clamping: tokens)
        }
        for key in ["temperature", "topP"] {
            guard let value = config[key] else { continue }
            guard let number = value.numberValue else { throw serialization }
            if number.double < 0 {
                throw constraint(
                    "Value '\(number.text)' at 'inferenceConfig.\(key)' failed to satisfy constraint: Member must have value greater than or equal to 0"
                )
            }
            if number.double > 1 {
                throw constraint(
                    "Value '\(number.text)' at 'inferenceConfig.\(key)' failed to satisfy constraint: Member must have value less than or equal to 1"
                )
            }
        }
        if let value = config["stopSequences"] {
            guard let list = value.arrayValue else { throw serialization }
            guard list.count <= 2500 else {
                throw constraint(
                    "Value at 'inferenceConfig.stopSequences' failed to satisfy constraint: Member must have length less than or equal to 2500"
                )
            }
            prompt.stopSequences = try list.map { (item) throws(AWSError) -> String in
                guard let text = item.stringValue else { throw serialization }
                return text
            }
        }
    }

    private static func checkTools(_ config: JSONValue) throws(AWSError) {
        guard case .object = config else { throw serialization }
        guard let tools = config["tools"]?.arrayValue else {
            throw constraint("Value null at 'toolConfig.tools' failed to satisfy constraint: Member must not be null")
        }
        guard !tools.isEmpty else {
            throw constraint(
                "Value '[]' at 'toolConfig.tools' failed to satisfy constraint: Member must have length greater than or equal to 1"
            )
        }
        for (index, tool) in tools.enumerated() {
            let path = "toolConfig.tools.\(index + 1).member"
            try checkUnion(tool, members: ["toolSpec", "cachePoint", "systemTool"], at: path)
            guard let spec = tool["toolSpec"] else { continue }
            guard let name = spec["name"]?.stringValue else {
                throw constraint(
                    "Value null at '\(path).toolSpec.name' failed to satisfy constraint: Member must not be null")
            }
            guard isToolName(name) else {
                throw constraint(
                    "Value '\(name)' at '\(path).toolSpec.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+"
                )
            }
            guard spec["inputSchema"]?["json"] != nil else {
                throw constraint(
                    "Value null at '\(path).toolSpec.inputSchema' failed to satisfy constraint: Member must not be null"
                )
            }
        }
        if let choice = config["toolChoice"] {
            try checkUnion(choice, members: ["auto", "any", "tool"], at: "toolConfig.toolChoice")
            if let tool = choice["tool"] {
                guard let name = tool["name"]?.stringValue, isToolName(name) else {
                    throw constraint(
                        "Value at 'toolConfig.toolChoice.tool.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+"
                    )
                }
            }
        }
    }

    /// `[a-zA-Z0-9_-]{1,64}`.
    static func isToolName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count)
            && name.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                    true
                default: false
                }
            }
    }

    /// A union value: an object with exactly one member, and that member one the union has.
    private static func checkUnion(_ value: JSONValue, members: Set<String>, at path: String) throws(AWSError) {
        guard let object = value.objectValue else { throw serialization }
        let set = object.filter { !$0.value.isNull }
        guard set.count == 1, let member = set.first else {
            throw constraint(
                "Value at '\(path)' failed to satisfy constraint: Member must have exactly one member set (found \(set.count))"
            )
        }
        guard members.contains(member.key) else {
            throw constraint(
                "Value at '\(path)' failed to satisfy constraint: Member '\(member.key)' is not a member of the union")
        }
        if member.key == "text", member.value.stringValue == nil { throw serialization }
        if member.key != "text", member.value.objectValue == nil { throw serialization }
    }

    private static func constraint(_ text: String) -> AWSError {
        .validationException("1 validation error detected: \(text)")
    }

    /// What the service answers when a member has the wrong JSON type.
    static let serialization = AWSError(
        code: .serializationException, message: "Unexpected JSON type in the request body.", httpStatus: 400)
}
