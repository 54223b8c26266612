internal import AWSWire

/// One inference profile as `ListInferenceProfiles` and `GetInferenceProfile` describe it.
public struct InferenceProfileSummary: Sendable, Hashable {
    /// `us.anthropic.claude-3-5-haiku-20241022-v1:0`: what a runtime call passes as its model ID.
    public var id: String
    /// `arn:aws:bedrock:{region}:{account}:inference-profile/{id}`, with the caller's account.
    public var arn: String
    public var name: String
    /// `SYSTEM_DEFINED` or `APPLICATION`.
    public var type: String
    /// `ACTIVE`.
    public var status: String
    /// The foundation-model ARNs the profile routes to, one per destination Region.
    public var modelARNs: [String]

    public init(id: String, arn: String, name: String, type: String, status: String, modelARNs: [String]) {
        self.id = id
        self.arn = arn
        self.name = name
        self.type = type
        self.status = status
        self.modelARNs = modelARNs
    }

    /// Reads one `InferenceProfileSummary` (GetInferenceProfile's answer has the same members at top level).
    init(json: JSONValue, _ reader: ResponseReader) throws(ResponseShapeError) {
        var modelARNs: [String] = []
        for model in try reader.array(json, "models") {
            modelARNs.append(try reader.string(model, "modelArn"))
        }
        self.init(
            id: try reader.string(json, "inferenceProfileId"), arn: try reader.string(json, "inferenceProfileArn"),
            name: try reader.string(json, "inferenceProfileName"), type: try reader.string(json, "type"),
            status: try reader.string(json, "status"), modelARNs: modelARNs)
    }
}
