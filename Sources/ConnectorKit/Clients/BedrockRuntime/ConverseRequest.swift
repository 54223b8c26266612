internal import AWSWire

/// A Converse or ConverseStream call: the model, the conversation so far and how to sample.
public struct ConverseRequest: Sendable, Hashable {
    /// A model ID, inference-profile ID, or either's ARN.
    public var modelID: String
    /// Turns starting with the user and alternating.
    public var messages: [ConverseMessage]
    /// System prompts, one text block each.
    public var system: [String]
    public var inferenceConfig: InferenceConfiguration?

    public init(
        modelID: String, messages: [ConverseMessage], system: [String] = [],
        inferenceConfig: InferenceConfiguration? = nil
    ) {
        self.modelID = modelID
        self.messages = messages
        self.system = system
        self.inferenceConfig = inferenceConfig
    }

    /// The smallest real call, as a connection check makes: one user text, a short answer.
    public static func greeting(modelID: String, text: String = "Hello") -> ConverseRequest {
        ConverseRequest(
            modelID: modelID, messages: [.user(text)], inferenceConfig: InferenceConfiguration(maxTokens: 64))
    }

    /// The body both operations take (the model ID travels in the path).
    var json: JSONValue {
        var members = [JSONMember("messages", .array(messages.map(\.json)))]
        if !system.isEmpty { members.append(JSONMember("system", .array(system.map { ["text": .string($0)] }))) }
        if let inferenceConfig, let config = inferenceConfig.json {
            members.append(JSONMember("inferenceConfig", config))
        }
        return .object(members)
    }
}

/// Converse's `inferenceConfig`; nil members are left to the model's defaults.
public struct InferenceConfiguration: Sendable, Hashable {
    /// At least 1.
    public var maxTokens: Int?
    /// 0–1.
    public var temperature: Double?
    /// 0–1.
    public var topP: Double?
    public var stopSequences: [String]

    public init(maxTokens: Int? = nil, temperature: Double? = nil, topP: Double? = nil, stopSequences: [String] = []) {
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.topP = topP
        self.stopSequences = stopSequences
    }

    /// nil when nothing is set, so the request carries no empty object.
    var json: JSONValue? {
        var members: [JSONMember] = []
        if let maxTokens { members.append(JSONMember("maxTokens", .int(maxTokens))) }
        if let temperature { members.append(JSONMember("temperature", .double(temperature))) }
        if let topP { members.append(JSONMember("topP", .double(topP))) }
        if !stopSequences.isEmpty { members.append(JSONMember("stopSequences", .array(stopSequences.map(JSONValue.string)))) }
        return members.isEmpty ? nil : .object(members)
    }
}
