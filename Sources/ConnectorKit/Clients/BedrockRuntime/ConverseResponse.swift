internal import AWSWire

/// Converse's answer.
public struct ConverseResponse: Sendable, Hashable {
    /// The assistant turn (`output.message`).
    public var message: ConverseMessage
    /// `end_turn`, `max_tokens`, `stop_sequence`, `tool_use`, `content_filtered`…, kept as sent.
    public var stopReason: String
    public var usage: TokenUsage
    /// `metrics.latencyMs`.
    public var latencyMs: Int?
    /// `x-amzn-RequestId`, what CloudTrail records the call under.
    public var requestID: String?

    public init(message: ConverseMessage, stopReason: String, usage: TokenUsage, latencyMs: Int?, requestID: String?) {
        self.message = message
        self.stopReason = stopReason
        self.usage = usage
        self.latencyMs = latencyMs
        self.requestID = requestID
    }

    /// The answer's text blocks joined.
    public var outputText: String { message.text }

    init(json: JSONValue, requestID: String?, _ reader: ResponseReader) throws(ResponseShapeError) {
        guard let message = json["output"]?["message"] else { throw reader.failure("missing output.message") }
        guard let usage = json["usage"] else { throw reader.failure("missing usage") }
        var latencyMs: Int?
        if let metrics = json["metrics"] { latencyMs = try reader.int(metrics, "latencyMs") }
        self.init(
            message: try ConverseMessage(json: message, reader), stopReason: try reader.string(json, "stopReason"),
            usage: try TokenUsage(json: usage, reader),
            latencyMs: latencyMs,
            requestID: requestID)
    }
}
