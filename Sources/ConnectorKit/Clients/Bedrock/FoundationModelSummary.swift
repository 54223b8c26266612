internal import AWSWire

/// One foundation model as `ListFoundationModels` and `GetFoundationModel` describe it.
public struct FoundationModelSummary: Sendable, Hashable {
    public var modelID: String
    /// `arn:aws:bedrock:{region}::foundation-model/{id}` (no account).
    public var modelARN: String
    /// Empty when the service leaves it out (the model marks it optional; Bedrock always sends it).
    public var modelName: String
    /// Empty when the service leaves it out, as `modelName`.
    public var providerName: String
    public var inputModalities: [String]
    public var outputModalities: [String]
    /// `ON_DEMAND`, `PROVISIONED`, and `INFERENCE_PROFILE` for models that run only through a profile (a value
    /// outside the service model's enum, kept as sent).
    public var inferenceTypesSupported: [String]
    public var responseStreamingSupported: Bool?
    /// `modelLifecycle.status`: `ACTIVE` or `LEGACY`.
    public var lifecycleStatus: String?

    public init(
        modelID: String, modelARN: String, modelName: String, providerName: String, inputModalities: [String],
        outputModalities: [String], inferenceTypesSupported: [String], responseStreamingSupported: Bool?,
        lifecycleStatus: String?
    ) {
        self.modelID = modelID
        self.modelARN = modelARN
        self.modelName = modelName
        self.providerName = providerName
        self.inputModalities = inputModalities
        self.outputModalities = outputModalities
        self.inferenceTypesSupported = inferenceTypesSupported
        self.responseStreamingSupported = responseStreamingSupported
        self.lifecycleStatus = lifecycleStatus
    }

    /// The model can be invoked by its own ID or ARN.
    public var supportsOnDemand: Bool { inferenceTypesSupported.contains("ON_DEMAND") }

    /// The model runs only through an inference profile (`us.…`, `global.…`): calling it by its own ID is the
    /// `ValidationException` "… with on-demand throughput isn’t supported".
    public var needsInferenceProfile: Bool {
        !supportsOnDemand && inferenceTypesSupported.contains("INFERENCE_PROFILE")
    }

    /// Reads one `FoundationModelSummary` (or `FoundationModelDetails`, which has the same members).
    init(json: JSONValue, _ reader: ResponseReader) throws(ResponseShapeError) {
        self.init(
            modelID: try reader.string(json, "modelId"), modelARN: try reader.string(json, "modelArn"),
            modelName: json["modelName"]?.stringValue ?? "", providerName: json["providerName"]?.stringValue ?? "",
            inputModalities: try reader.strings(json, "inputModalities"),
            outputModalities: try reader.strings(json, "outputModalities"),
            inferenceTypesSupported: try reader.strings(json, "inferenceTypesSupported"),
            responseStreamingSupported: json["responseStreamingSupported"]?.boolValue,
            lifecycleStatus: json["modelLifecycle"]?["status"]?.stringValue)
    }
}
