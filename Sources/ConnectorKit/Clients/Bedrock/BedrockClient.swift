internal import AWSWire

/// Amazon Bedrock's control plane: which models and inference profiles the connection can use.
public struct BedrockClient: Sendable {
    let client: AWSClient

    public init(region: String, credentials: any CredentialsProvider, configuration: ClientConfiguration) {
        client = AWSClient(service: .bedrock, region: region, credentials: credentials, configuration: configuration)
    }

    /// The models offered in the client's Region; every given filter must hold (values as the API takes them:
    /// `outputModality` `TEXT|IMAGE|EMBEDDING`, `inferenceType` `ON_DEMAND|PROVISIONED`, `customizationType`
    /// `FINE_TUNING|CONTINUED_PRE_TRAINING|DISTILLATION`; `provider` matched without regard to case).
    /// The operation has no paging: one answer holds every model.
    public func listFoundationModels(
        provider: String? = nil, outputModality: String? = nil, inferenceType: String? = nil,
        customizationType: String? = nil
    ) async throws -> [FoundationModelSummary] {
        var query: [(name: String, value: String)] = []
        for (name, value) in [
            ("byProvider", provider), ("byCustomizationType", customizationType), ("byOutputModality", outputModality),
            ("byInferenceType", inferenceType),
        ] {
            if let value { query.append((name, value)) }
        }
        let operation = "ListFoundationModels"
        let response = try await client.send(.rest(operation, method: "GET", path: "/foundation-models", query: query))
        let reader = ResponseReader(service: .bedrock, operation: operation)
        let root = try reader.object(response.body)
        var models: [FoundationModelSummary] = []
        for item in try reader.array(root, "modelSummaries") {
            models.append(try FoundationModelSummary(json: item, reader))
        }
        return models
    }

    /// One model, by model ID or foundation-model ARN.
    /// - Throws: `ServiceError` `ResourceNotFoundException` (404) for a model not offered in the Region.
    public func getFoundationModel(_ identifier: String) async throws -> FoundationModelSummary {
        let operation = "GetFoundationModel"
        let response = try await client.send(
            .rest(
                operation, method: "GET", path: "/foundation-models/{modelIdentifier}",
                labels: ["modelIdentifier": identifier]))
        let reader = ResponseReader(service: .bedrock, operation: operation)
        guard let details = try reader.object(response.body)["modelDetails"] else {
            throw reader.failure("missing member modelDetails")
        }
        return try FoundationModelSummary(json: details, reader)
    }

    /// Every inference profile, following `nextToken` through all pages.
    /// - Parameters:
    ///   - type: `SYSTEM_DEFINED` or `APPLICATION` (the API's `typeEquals`, sent as query key `type`).
    ///   - pageSize: `maxResults` per page (1–1000); nil lets the service choose.
    public func listInferenceProfiles(type: String? = nil, pageSize: Int? = nil) async throws -> [InferenceProfileSummary] {
        let operation = "ListInferenceProfiles"
        let reader = ResponseReader(service: .bedrock, operation: operation)
        var profiles: [InferenceProfileSummary] = []
        var token: String?
        var seenTokens: Set<String> = []
        repeat {
            var query: [(name: String, value: String)] = []
            if let pageSize { query.append(("maxResults", String(pageSize))) }
            if let token { query.append(("nextToken", token)) }
            if let type { query.append(("type", type)) }
            let response = try await client.send(
                .rest(operation, method: "GET", path: "/inference-profiles", query: query))
            let root = try reader.object(response.body)
            // The member is optional in the model: an empty listing may leave it out.
            for item in root["inferenceProfileSummaries"]?.arrayValue ?? [] {
                profiles.append(try InferenceProfileSummary(json: item, reader))
            }
            token = root["nextToken"]?.stringValue
            // A token handed out twice would page forever.
            if let token, !seenTokens.insert(token).inserted { throw reader.failure("nextToken \(token) repeated") }
        } while token != nil
        return profiles
    }

    /// One inference profile, by ID or ARN.
    /// - Throws: `ServiceError` `ResourceNotFoundException` (404) for a profile not offered in the Region.
    public func getInferenceProfile(_ identifier: String) async throws -> InferenceProfileSummary {
        let operation = "GetInferenceProfile"
        let response = try await client.send(
            .rest(
                operation, method: "GET", path: "/inference-profiles/{inferenceProfileIdentifier}",
                labels: ["inferenceProfileIdentifier": identifier]))
        let reader = ResponseReader(service: .bedrock, operation: operation)
        return try InferenceProfileSummary(json: try reader.object(response.body), reader)
    }
}
