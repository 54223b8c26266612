import AWSWire

/// Answers a test has scripted for Bedrock Runtime calls (`POST /_roleplay/bedrock/responses`): each rule
/// matches calls by model and prompt and says what the model does instead of its default answer.
///
/// Rules are state: a reset clears them, and they are read and used up under the state lock, so `times`
/// counts exactly under concurrent calls.
public struct ScriptedResponses: Sendable {
    /// At most this many rules are kept; adding more is a 400.
    static let capacity = 256

    private(set) var rules: [ScriptedResponse] = []

    public init() {}

    var isEmpty: Bool { rules.isEmpty }

    /// Adds a rule after the existing ones (the first matching rule wins).
    /// - Returns: false when the list is full.
    mutating func add(_ rule: ScriptedResponse) -> Bool {
        guard rules.count < Self.capacity else { return false }
        rules.append(rule)
        return true
    }

    mutating func removeAll() { rules.removeAll() }

    /// The first rule matching a call, counted as used (and dropped when its `times` are spent).
    /// - Parameters:
    ///   - models: the names the call's model goes by (the identifier sent, the profile ID, the model ID).
    mutating func take(models: [String], prompt: String) -> ScriptedResponse? {
        guard let index = rules.firstIndex(where: { $0.matches(models: models, prompt: prompt) }) else { return nil }
        let rule = rules[index]
        if let remaining = rule.remaining {
            if remaining <= 1 { rules.remove(at: index) } else { rules[index].remaining = remaining - 1 }
        }
        return rule
    }
}

/// One scripted rule.
struct ScriptedResponse: Sendable {
    /// How a rule picks prompts.
    enum PromptMatch: Sendable {
        case substring(String)
        /// The pattern text, checked when the rule was added; compiled per match, because `Regex` is not
        /// `Sendable` and rules live in the shared state.
        case regex(String)
    }

    /// What the model does.
    enum Outcome: Sendable {
        /// Answer with this text (nil: the default answer), with this stop reason (nil: the natural one).
        case text(String?, stopReason: String?)
        case toolUse(name: String, input: JSONValue)
        /// Fail with this error: before the response, or for a stream after `afterChunks` events as an
        /// in-stream exception.
        case error(AWSError, afterChunks: Int?)
    }

    /// A model ID, profile ID or identifier as sent, or `*`.
    var model: String
    var prompt: PromptMatch?
    var outcome: Outcome
    /// For streams: send this many events, then cut the connection.
    var cutAfterChunks: Int?
    /// Uses left; nil until cleared.
    var remaining: Int?

    func matches(models: [String], prompt text: String) -> Bool {
        guard model == "*" || models.contains(model) else { return false }
        switch prompt {
        case nil: return true
        case .substring(let part): return text.contains(part)
        case .regex(let pattern):
            guard let regex = try? Regex(pattern) else { return false }
            return (try? regex.firstMatch(in: text)) != nil
        }
    }
}
