import AWSWire

/// Bedrock's control-plane operations (spec §6): the foundation models and system-defined inference profiles of
/// the request's Region, from the built-in catalog (`ModelCatalog.shared`).
///
/// Like AWS, every operation authorizes before it looks anything up: a caller without permission learns
/// nothing about which models exist.
enum BedrockOperations {
    static let all: [Operation] = [
        listFoundationModels, getFoundationModel, listInferenceProfiles, getInferenceProfile,
    ]

    /// The built-in catalog: a constant, so the operations read it here rather than from the state.
    static let catalog = ModelCatalog.shared

    // MARK: Foundation models

    /// `GET /foundation-models?byProvider=&byCustomizationType=&byOutputModality=&byInferenceType=` (§6.1): the
    /// Region's models matching every given filter. No paging. The enums are botocore's (`ModelModality` has no
    /// `VIDEO`, `InferenceType` no `INFERENCE_PROFILE`), so those values are refused even though models list them.
    static let listFoundationModels = Operation.rest(
        "ListFoundationModels",
        decode: { (request, _) throws(AWSError) -> ModelCatalog.Filter in
            var input = try RestQueryInput(request.query)
            let filter = ModelCatalog.Filter(
                provider: input.string("byProvider", pattern: .provider),
                customizationType: input.enumeration(
                    "byCustomizationType",
                    [.fineTuning, .continuedPreTraining, .distillation] as [FoundationModel.Customization]),
                outputModality: input.enumeration(
                    "byOutputModality", [.text, .image, .embedding] as [FoundationModel.Modality]),
                inferenceType: input.enumeration(
                    "byInferenceType", [.onDemand, .provisioned] as [FoundationModel.InferenceType]))
            try input.finish()
            return filter
        },
        authorize: { _, _, _ throws(AWSError) in
            [AuthorizationCheck(action: "bedrock:ListFoundationModels", resource: "*")]
        },
        execute: { filter, _, environment throws(AWSError) in
            let models = catalog.models(in: environment.region, matching: filter)
            return .json(["modelSummaries": .array(models.map { BedrockJSON.model($0, region: environment.region) })])
        },
        trail: { filter in
            var parameters: [JSONMember] = []
            if let provider = filter.provider { parameters.append(JSONMember("byProvider", .string(provider))) }
            if let value = filter.customizationType {
                parameters.append(JSONMember("byCustomizationType", .string(value.rawValue)))
            }
            if let value = filter.outputModality {
                parameters.append(JSONMember("byOutputModality", .string(value.rawValue)))
            }
            if let value = filter.inferenceType {
                parameters.append(JSONMember("byInferenceType", .string(value.rawValue)))
            }
            return TrailDetails(requestParameters: parameters.isEmpty ? nil : .object(parameters))
        })

    /// The identifier a Get operation was called with, and the ARN IAM evaluates for it.
    struct Lookup: Sendable {
        var identifier: String
        var resource: String
        /// The account owning the resource: nil for foundation models (AWS's), the caller's for profiles.
        var resourceAccount: String?
    }

    /// `GET /foundation-models/{modelIdentifier}` (§6.2): a model ID or foundation-model ARN of the request's
    /// Region. IAM evaluates the foundation-model ARN (the one given, or the ID's in the request's Region); an
    /// unknown model, or an ARN of another Region, is `ResourceNotFoundException` 404.
    static let getFoundationModel = Operation.rest(
        "GetFoundationModel",
        decode: { (request, environment) throws(AWSError) -> Lookup in
            let identifier = try pathIdentifier(request, "modelIdentifier")
            let resource =
                FoundationModel.parseARN(identifier) != nil
                ? identifier : "arn:aws:bedrock:\(environment.region)::foundation-model/\(identifier)"
            return Lookup(identifier: identifier, resource: resource)
        },
        authorize: { lookup, _, _ throws(AWSError) in
            [AuthorizationCheck(action: "bedrock:GetFoundationModel", resource: lookup.resource)]
        },
        execute: { lookup, _, environment throws(AWSError) in
            guard let model = catalog.model(identifier: lookup.identifier, region: environment.region) else {
                throw .resourceNotFound("The model \(lookup.identifier) was not found.")
            }
            return .json(["modelDetails": BedrockJSON.model(model, region: environment.region)])
        },
        trail: { lookup in
            TrailDetails(
                requestParameters: ["modelIdentifier": .string(lookup.identifier)],
                resources: [TrailResource(accountID: nil, type: "AWS::Bedrock::Model", arn: lookup.resource)])
        })

    // MARK: Inference profiles

    struct ListProfilesInput: Sendable {
        /// `SYSTEM_DEFINED`, `APPLICATION`, or nil for both.
        var type: String?
        var maxResults: Int?
        var nextToken: String?
    }

    /// `GET /inference-profiles?type=&maxResults=&nextToken=` (§6.3): the system-defined profiles a request to
    /// this Region may use, in catalog order, paged. The emulator has no application profiles, so
    /// `type=APPLICATION` lists none. Without `maxResults` every profile comes in one page.
    static let listInferenceProfiles = Operation.rest(
        "ListInferenceProfiles",
        decode: { (request, _) throws(AWSError) -> ListProfilesInput in
            var input = try RestQueryInput(request.query)
            let type = input.enumeration("type", member: "typeEquals", [ProfileType.systemDefined, .application])
            let parsed = ListProfilesInput(
                type: type?.rawValue, maxResults: input.int("maxResults", in: 1...1000),
                nextToken: input.string("nextToken", min: 1, max: 2048, pattern: .nonSpace))
            try input.finish()
            return parsed
        },
        authorize: { _, _, _ throws(AWSError) in
            [AuthorizationCheck(action: "bedrock:ListInferenceProfiles", resource: "*")]
        },
        execute: { input, _, environment throws(AWSError) in
            let region = environment.region
            let profiles = catalog.profiles(in: region).filter { input.type == nil || $0.type == input.type }
            var start = 0
            if let token = input.nextToken {
                start = try InferenceProfilePageToken(
                    decoding: token, region: region, type: input.type ?? "", count: profiles.count
                ).offset
            }
            let end = min(profiles.count, start + (input.maxResults ?? profiles.count))
            let page = profiles[start..<end].map {
                BedrockJSON.profile($0, region: region, account: environment.identity.account)
            }
            var body: [JSONMember] = [JSONMember("inferenceProfileSummaries", .array(page))]
            if end < profiles.count {
                let next = InferenceProfilePageToken(region: region, type: input.type ?? "", offset: end)
                body.append(JSONMember("nextToken", .string(next.text)))
            }
            return .json(.object(body))
        },
        trail: { input in
            var parameters: [JSONMember] = []
            if let type = input.type { parameters.append(JSONMember("typeEquals", .string(type))) }
            if let maxResults = input.maxResults { parameters.append(JSONMember("maxResults", .int(maxResults))) }
            if let token = input.nextToken { parameters.append(JSONMember("nextToken", .string(token))) }
            return TrailDetails(requestParameters: parameters.isEmpty ? nil : .object(parameters))
        })

    /// `InferenceProfileType`.
    enum ProfileType: String, Sendable {
        case systemDefined = "SYSTEM_DEFINED"
        case application = "APPLICATION"
    }

    /// `GET /inference-profiles/{inferenceProfileIdentifier}` (§6.3): a profile ID, or its ARN in the request's
    /// Region and the caller's account. IAM evaluates that ARN; anything unknown (application profiles included)
    /// is `ResourceNotFoundException` 404.
    static let getInferenceProfile = Operation.rest(
        "GetInferenceProfile",
        decode: { (request, environment) throws(AWSError) -> Lookup in
            let identifier = try pathIdentifier(request, "inferenceProfileIdentifier")
            let resource =
                identifier.hasPrefix("arn:")
                ? identifier
                : "arn:aws:bedrock:\(environment.region):\(environment.identity.account):inference-profile/\(identifier)"
            return Lookup(identifier: identifier, resource: resource, resourceAccount: environment.identity.account)
        },
        authorize: { lookup, _, _ throws(AWSError) in
            [AuthorizationCheck(action: "bedrock:GetInferenceProfile", resource: lookup.resource)]
        },
        execute: { lookup, _, environment throws(AWSError) in
            let region = environment.region
            let account = environment.identity.account
            let profile: InferenceProfile?
            if let found = catalog.profile(arn: lookup.identifier) {
                profile = found.region == region && found.account == account ? found.profile : nil
            } else {
                profile = catalog.profile(id: lookup.identifier).flatMap { $0.isAvailable(in: region) ? $0 : nil }
            }
            guard let profile else {
                throw .resourceNotFound("The inference profile \(lookup.identifier) was not found.")
            }
            return .json(BedrockJSON.profile(profile, region: region, account: account))
        },
        trail: { lookup in
            TrailDetails(
                requestParameters: ["inferenceProfileIdentifier": .string(lookup.identifier)],
                resources: [
                    TrailResource(
                        accountID: lookup.resourceAccount, type: "AWS::Bedrock::InferenceProfile", arn: lookup.resource)
                ])
        })

    /// A path identifier within the model's length bounds (1–2048; the route table guarantees non-empty).
    static func pathIdentifier(_ request: RestRequest, _ name: String) throws(AWSError) -> String {
        let value = request.pathParameters[name] ?? ""
        guard value.utf16.count <= 2048 else {
            throw .validationException(
                "1 validation error detected: Value '\(value)' at '\(name)' failed to satisfy constraint: Member must have length less than or equal to 2048"
            )
        }
        return value
    }
}
