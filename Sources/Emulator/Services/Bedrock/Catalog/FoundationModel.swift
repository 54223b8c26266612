/// One Bedrock foundation model, with the fields `ListFoundationModels` and `GetFoundationModel` serve.
///
/// A model exists in some Regions only; its ARN carries the Region and no account
/// (`arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0`), because
/// foundation models belong to no customer. Models whose `inferenceTypesSupported` holds
/// `INFERENCE_PROFILE` but not `ON_DEMAND` can only be invoked through an inference profile: calling them
/// by bare ID is the `ValidationException` the runtime must reproduce.
struct FoundationModel: Sendable, Hashable {
    /// `ACTIVE` or `LEGACY`, as `modelLifecycle.status` reports it.
    enum LifecycleStatus: String, Sendable, Hashable, CaseIterable {
        case active = "ACTIVE"
        case legacy = "LEGACY"
    }

    /// A modality of input or output (`ModelModality` in botocore, plus `VIDEO`, which AWS lists for
    /// Nova models outside the modelled enum).
    enum Modality: String, Sendable, Hashable, CaseIterable {
        case text = "TEXT"
        case image = "IMAGE"
        case video = "VIDEO"
        case embedding = "EMBEDDING"
    }

    /// How a model can be invoked. `INFERENCE_PROFILE` is outside botocore's `InferenceType` enum, but
    /// AWS returns it and SDKs pass it through (aws-wire-facts §6.1).
    enum InferenceType: String, Sendable, Hashable, CaseIterable {
        case onDemand = "ON_DEMAND"
        case inferenceProfile = "INFERENCE_PROFILE"
        case provisioned = "PROVISIONED"
    }

    /// A customization the model accepts (`ModelCustomization` in botocore).
    enum Customization: String, Sendable, Hashable, CaseIterable {
        case fineTuning = "FINE_TUNING"
        case continuedPreTraining = "CONTINUED_PRE_TRAINING"
        case distillation = "DISTILLATION"
    }

    /// `anthropic.claude-3-5-haiku-20241022-v1:0`.
    let modelID: String
    /// `Claude 3.5 Haiku`.
    let name: String
    /// `Anthropic`; `ListFoundationModels(byProvider:)` matches it without regard to case.
    let providerName: String
    let inputModalities: [Modality]
    let outputModalities: [Modality]
    let responseStreamingSupported: Bool
    let customizationsSupported: [Customization]
    let inferenceTypesSupported: [InferenceType]
    let lifecycleStatus: LifecycleStatus
    /// The Regions whose `ListFoundationModels` lists the model.
    let regions: [String]
    /// IDs of the catalog sources this entry rests on.
    let sources: [String]

    /// The model's ARN in `region`.
    func arn(region: String) -> String { "arn:aws:bedrock:\(region)::foundation-model/\(modelID)" }

    func isAvailable(in region: String) -> Bool { regions.contains(region) }

    /// True when Bedrock refuses the bare model ID and wants an inference profile instead.
    var requiresInferenceProfile: Bool {
        !inferenceTypesSupported.contains(.onDemand) && inferenceTypesSupported.contains(.inferenceProfile)
    }
}

extension FoundationModel {
    /// Splits `arn:aws:bedrock:{region}::foundation-model/{id}` into its Region (empty for the
    /// Region-less form IAM evaluates for global profiles) and model ID; nil for any other ARN.
    static func parseARN(_ arn: String) -> (region: String, modelID: String)? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        let prefix = "foundation-model/"
        guard parts.count == 6, parts[0] == "arn", parts[1] == "aws", parts[2] == "bedrock", parts[4].isEmpty,
            parts[5].hasPrefix(prefix), parts[5].count > prefix.count
        else { return nil }
        return (String(parts[3]), String(parts[5].dropFirst(prefix.count)))
    }
}
