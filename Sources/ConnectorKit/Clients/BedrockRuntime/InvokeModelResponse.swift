/// InvokeModel's answer: the model's native response body and Bedrock's accounting headers.
public struct InvokeModelResponse: Sendable, Hashable {
    /// The model family's own JSON (an Anthropic Messages `message`, Nova's `output`…), unparsed.
    public var body: [UInt8]
    /// The `Content-Type` of `body`.
    public var contentType: String
    /// `X-Amzn-Bedrock-Input-Token-Count`.
    public var inputTokenCount: Int?
    /// `X-Amzn-Bedrock-Output-Token-Count`.
    public var outputTokenCount: Int?
    /// `X-Amzn-Bedrock-Invocation-Latency`, milliseconds.
    public var invocationLatencyMs: Int?
    public var requestID: String?

    public init(
        body: [UInt8], contentType: String, inputTokenCount: Int?, outputTokenCount: Int?, invocationLatencyMs: Int?,
        requestID: String?
    ) {
        self.body = body
        self.contentType = contentType
        self.inputTokenCount = inputTokenCount
        self.outputTokenCount = outputTokenCount
        self.invocationLatencyMs = invocationLatencyMs
        self.requestID = requestID
    }
}
