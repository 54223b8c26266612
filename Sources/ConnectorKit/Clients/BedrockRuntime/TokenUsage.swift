internal import AWSWire

/// Tokens a call consumed, as Converse's `usage` reports them.
public struct TokenUsage: Sendable, Hashable {
    public var inputTokens: Int
    public var outputTokens: Int
    public var totalTokens: Int

    public init(inputTokens: Int, outputTokens: Int, totalTokens: Int) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.totalTokens = totalTokens
    }

    init(json: JSONValue, _ reader: ResponseReader) throws(ResponseShapeError) {
        self.init(
            inputTokens: try reader.requiredInt(json, "inputTokens"),
            outputTokens: try reader.requiredInt(json, "outputTokens"),
            totalTokens: try reader.requiredInt(json, "totalTokens"))
    }
}
