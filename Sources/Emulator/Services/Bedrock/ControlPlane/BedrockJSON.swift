import AWSWire

/// The JSON of Bedrock's control-plane shapes (spec §6.1–6.3), members in the order AWS sends them.
enum BedrockJSON {
    /// `FoundationModelSummary` (ListFoundationModels) and `FoundationModelDetails` (GetFoundationModel): the same
    /// members. `modelArn` carries the request's Region and no account.
    static func model(_ model: FoundationModel, region: String) -> JSONValue {
        [
            "modelArn": .string(model.arn(region: region)),
            "modelId": .string(model.modelID),
            "modelName": .string(model.name),
            "providerName": .string(model.providerName),
            "inputModalities": .array(model.inputModalities.map { .string($0.rawValue) }),
            "outputModalities": .array(model.outputModalities.map { .string($0.rawValue) }),
            "responseStreamingSupported": .bool(model.responseStreamingSupported),
            "customizationsSupported": .array(model.customizationsSupported.map { .string($0.rawValue) }),
            "inferenceTypesSupported": .array(model.inferenceTypesSupported.map { .string($0.rawValue) }),
            "modelLifecycle": ["status": .string(model.lifecycleStatus.rawValue)],
        ]
    }

    /// `InferenceProfileSummary` (ListInferenceProfiles), also GetInferenceProfile's top-level body. The ARN names
    /// the caller's account and the request's Region; `createdAt`/`updatedAt` are omitted where the catalog has
    /// no date (both are optional in the model).
    static func profile(_ profile: InferenceProfile, region: String, account: String) -> JSONValue {
        var members: [JSONMember] = [
            JSONMember("inferenceProfileName", .string(profile.name)),
            JSONMember("description", .string(profile.description)),
        ]
        if let createdAt = profile.createdAt { members.append(JSONMember("createdAt", .string(zulu(createdAt)))) }
        if let updatedAt = profile.updatedAt { members.append(JSONMember("updatedAt", .string(zulu(updatedAt)))) }
        members += [
            JSONMember("inferenceProfileArn", .string(profile.arn(region: region, account: account))),
            JSONMember("models", .array(profile.modelARNs.map { ["modelArn": .string($0)] })),
            JSONMember("inferenceProfileId", .string(profile.profileID)),
            JSONMember("status", .string(profile.status)),
            JSONMember("type", .string(profile.type)),
        ]
        return .object(members)
    }

    /// The catalog keeps captured times as written (`2024-11-01T00:00:00+00:00`); Smithy date-times go out with `Z`
    /// only (spec §3.3), so a zero offset becomes `Z`.
    static func zulu(_ time: String) -> String {
        time.hasSuffix("+00:00") ? String(time.dropLast(6)) + "Z" : time
    }
}
