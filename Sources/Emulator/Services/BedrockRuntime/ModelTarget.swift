import AWSWire

/// What a runtime call's `modelId` names, resolved against the catalog for the request's Region and caller
/// (spec §7.1, §6.3).
///
/// Resolution never fails by itself: an identifier Bedrock refuses still names the resources IAM evaluates
/// (AWS authorizes before it validates the model), and the refusal is kept as `refusal` for `execute` to throw
/// after the checks passed.
struct ModelTarget: Sendable {
    /// The identifier as the caller sent it (CloudTrail records it so).
    let identifier: String
    /// The model that answers; nil when the identifier is refused.
    let model: FoundationModel?
    /// The system profile the call goes through, if any.
    let profile: InferenceProfile?
    /// The Region that serves the call: the request's for a direct call, a destination Region for a profile.
    let inferenceRegion: String
    /// The resources IAM must allow the action on, in the order AWS checks them.
    let resources: [String]
    /// Why Bedrock refuses the identifier, thrown after authorization.
    let refusal: AWSError?

    static let invalidIdentifier = AWSError.validationException("The provided model identifier is invalid.")
    static let maxIdentifierLength = 2048

    static func onDemandUnsupported(_ identifier: String) -> AWSError {
        .validationException(
            "Invocation of model ID \(identifier) with on-demand throughput isn\u{2019}t supported. Retry your request with the ID or ARN of an inference profile that contains this model."
        )
    }

    /// Resolves `identifier` for a caller in `account` sending to `region`.
    init(
        _ identifier: String, region: String, account: String, catalog: ModelCatalog = .shared,
        routes: [String: ProfileRoute] = ProfileRoute.all
    ) {
        if identifier.hasPrefix("arn:") {
            if let parts = InferenceProfile.parseARN(identifier) {
                let valid = parts.region == region && parts.account == account
                self.init(
                    identifier, route: valid ? routes[parts.profileID] : nil, region: region, resources: [identifier])
            } else if let parts = FoundationModel.parseARN(identifier) {
                let model = parts.region == region ? catalog.model(id: parts.modelID) : nil
                self.init(identifier, direct: model, region: region, resource: identifier)
            } else {
                self.init(identifier, refused: Self.invalidIdentifier, region: region, resources: [identifier])
            }
        } else if let route = routes[identifier] {
            self.init(
                identifier, route: route, region: region,
                resources: [route.profile.arn(region: region, account: account)])
        } else {
            self.init(
                identifier, direct: catalog.model(id: identifier), region: region,
                resource: "arn:aws:bedrock:\(region)::foundation-model/\(identifier)")
        }
    }

    /// A call straight to a foundation model (by ID or ARN): one resource, the model's ARN in `region`.
    private init(_ identifier: String, direct model: FoundationModel?, region: String, resource: String) {
        let refusal: AWSError? =
            if let model, model.isAvailable(in: region) {
                model.requiresInferenceProfile ? Self.onDemandUnsupported(identifier) : nil
            } else {
                Self.invalidIdentifier
            }
        self.init(
            identifier: identifier, model: refusal == nil ? model : nil, profile: nil, inferenceRegion: region,
            resources: [resource], refusal: refusal)
    }

    /// A call through a system profile: the profile's ARN, then the model in every destination Region (the
    /// Region-less model ARN for a global profile).
    private init(_ identifier: String, route: ProfileRoute?, region: String, resources: [String]) {
        guard let route, route.serves(region) else {
            self.init(identifier, refused: Self.invalidIdentifier, region: region, resources: resources)
            return
        }
        self.init(
            identifier: identifier, model: route.model, profile: route.profile,
            inferenceRegion: route.inferenceRegion(for: region), resources: resources + route.profile.modelARNs,
            refusal: nil)
    }

    private init(_ identifier: String, refused: AWSError, region: String, resources: [String]) {
        self.init(
            identifier: identifier, model: nil, profile: nil, inferenceRegion: region, resources: resources,
            refusal: refused)
    }

    private init(
        identifier: String, model: FoundationModel?, profile: InferenceProfile?, inferenceRegion: String,
        resources: [String], refusal: AWSError?
    ) {
        self.identifier = identifier
        self.model = model
        self.profile = profile
        self.inferenceRegion = inferenceRegion
        self.resources = resources
        self.refusal = refusal
    }

    /// The checks for `action` (`bedrock:InvokeModel` or `bedrock:InvokeModelWithResponseStream`).
    func checks(_ action: String) -> [AuthorizationCheck] {
        resources.map { AuthorizationCheck(action: action, resource: $0) }
    }

    /// What CloudTrail records: the identifier as sent, and for a profile call the Region that served it.
    /// Invocations only read (CloudTrail marks them `readOnly: true`, though the name is no `Get`/`List`).
    var trail: TrailDetails {
        TrailDetails(
            requestParameters: ["modelId": .string(identifier)],
            additionalEventData: profile == nil ? nil : ["inferenceRegion": .string(inferenceRegion)],
            readOnly: true)
    }
}
