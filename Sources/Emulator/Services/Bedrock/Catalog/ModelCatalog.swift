import AWSWire

/// The Bedrock foundation models and system-defined inference profiles the emulator serves.
///
/// The data lives in `models.json` beside this file, where every entry names the public sources it was
/// taken from; SwiftPM embeds it in the binary (`.embedInCode`, read as `PackageResources.models_json`), so the
/// static release binary carries it without a resource bundle to find at run time.
/// The catalog is parsed once; a malformed file is a build defect, so `shared` traps and the tests, which
/// parse it through the throwing initializer, say what is wrong.
struct ModelCatalog: Sendable {
    /// One document an entry's facts come from.
    struct Source: Sendable, Hashable {
        let id: String
        let reference: String
    }

    /// `ListFoundationModels`' filters; nil members do not filter. All given filters must hold.
    struct Filter: Sendable, Hashable {
        /// Matches `providerName` without regard to case.
        var provider: String?
        var customizationType: FoundationModel.Customization?
        var outputModality: FoundationModel.Modality?
        var inferenceType: FoundationModel.InferenceType?

        init(
            provider: String? = nil, customizationType: FoundationModel.Customization? = nil,
            outputModality: FoundationModel.Modality? = nil, inferenceType: FoundationModel.InferenceType? = nil
        ) {
            self.provider = provider
            self.customizationType = customizationType
            self.outputModality = outputModality
            self.inferenceType = inferenceType
        }

        func matches(_ model: FoundationModel) -> Bool {
            if let provider, provider.lowercased() != model.providerName.lowercased() { return false }
            if let customizationType, !model.customizationsSupported.contains(customizationType) { return false }
            if let outputModality, !model.outputModalities.contains(outputModality) { return false }
            if let inferenceType, !model.inferenceTypesSupported.contains(inferenceType) { return false }
            return true
        }
    }

    let sources: [Source]
    /// Every model, in file order (which is the order listings use).
    let models: [FoundationModel]
    /// Every profile, in file order.
    let profiles: [InferenceProfile]
    private let modelIndex: [String: Int]
    private let profileIndex: [String: Int]

    /// The catalog built into the binary.
    static let shared: ModelCatalog = {
        do throws(ModelCatalogError) {
            return try ModelCatalog(json: String(decoding: PackageResources.models_json, as: UTF8.self))
        } catch {
            fatalError("the built-in Bedrock model catalog is malformed: \(error.message)")
        }
    }()

    /// Parses a catalog document and checks it holds together: unique IDs, sources that exist, and
    /// profiles whose models are in the catalog and listed in every destination Region.
    init(json: String) throws(ModelCatalogError) {
        let root: JSONValue
        do {
            root = try JSONReader().decode(json)
        } catch {
            throw ModelCatalogError("not JSON: \(error)")
        }
        var reader = CatalogReader()
        sources = try reader.array("sources", at: root).map { (value: JSONValue) throws(ModelCatalogError) in
            Source(id: try reader.string("id", at: value), reference: try reader.string("reference", at: value))
        }
        models = try reader.array("models", at: root).map { (value: JSONValue) throws(ModelCatalogError) in
            try reader.model(value)
        }
        profiles = try reader.array("inferenceProfiles", at: root).map { (value: JSONValue) throws(ModelCatalogError) in
            try reader.profile(value)
        }
        modelIndex = try Self.index(models.map(\.modelID), kind: "model")
        profileIndex = try Self.index(profiles.map(\.profileID), kind: "inference profile")
        try validate()
    }

    /// The model with this ID, in any Region.
    func model(id: String) -> FoundationModel? { modelIndex[id].map { models[$0] } }

    /// The model a foundation-model ARN names, with the ARN's Region; nil when the ARN is of another kind,
    /// or names an unknown model or a Region that does not list it.
    func model(arn: String) -> (model: FoundationModel, region: String)? {
        guard let parts = FoundationModel.parseARN(arn), let model = model(id: parts.modelID),
            model.isAvailable(in: parts.region)
        else { return nil }
        return (model, parts.region)
    }

    /// The model a `GetFoundationModel` identifier names in `region`: a model ID listed there, or a
    /// foundation-model ARN of that Region.
    func model(identifier: String, region: String) -> FoundationModel? {
        if let found = model(arn: identifier) { return found.region == region ? found.model : nil }
        guard let model = model(id: identifier), model.isAvailable(in: region) else { return nil }
        return model
    }

    /// The profile with this ID, from any Region.
    func profile(id: String) -> InferenceProfile? { profileIndex[id].map { profiles[$0] } }

    /// The profile an inference-profile ARN names, with the ARN's Region and account; nil for other
    /// ARNs and for profiles unknown or not offered in the ARN's Region.
    func profile(arn: String) -> (profile: InferenceProfile, region: String, account: String)? {
        guard let parts = InferenceProfile.parseARN(arn), let profile = profile(id: parts.profileID),
            profile.isAvailable(in: parts.region)
        else { return nil }
        return (profile, parts.region, parts.account)
    }

    /// What `ListFoundationModels` returns in `region`.
    func models(in region: String, matching filter: Filter = Filter()) -> [FoundationModel] {
        models.filter { $0.isAvailable(in: region) && filter.matches($0) }
    }

    /// The system-defined profiles a request sent to `region` may use.
    func profiles(in region: String) -> [InferenceProfile] { profiles.filter { $0.isAvailable(in: region) } }

    private static func index(_ ids: [String], kind: String) throws(ModelCatalogError) -> [String: Int] {
        var index: [String: Int] = [:]
        for (position, id) in ids.enumerated() {
            guard index.updateValue(position, forKey: id) == nil else {
                throw ModelCatalogError("duplicate \(kind) ID \(id)")
            }
        }
        return index
    }

    private func validate() throws(ModelCatalogError) {
        let known = Set(sources.map(\.id))
        guard known.count == sources.count else { throw ModelCatalogError("duplicate source ID") }
        let cited = models.map { ($0.modelID, $0.sources) } + profiles.map { ($0.profileID, $0.sources) }
        for (id, entrySources) in cited {
            guard !entrySources.isEmpty else { throw ModelCatalogError("\(id) names no source") }
            if let unknown = entrySources.first(where: { !known.contains($0) }) {
                throw ModelCatalogError("\(id) cites unknown source \(unknown)")
            }
        }
        for profile in profiles {
            guard let target = model(id: profile.modelID) else {
                throw ModelCatalogError("\(profile.profileID) routes to \(profile.modelID), which is not in the catalog")
            }
            for arn in profile.modelARNs {
                guard let parts = FoundationModel.parseARN(arn), parts.modelID == target.modelID else {
                    throw ModelCatalogError("\(profile.profileID) lists \(arn), not an ARN of \(target.modelID)")
                }
                guard parts.region.isEmpty || target.isAvailable(in: parts.region) else {
                    throw ModelCatalogError("\(profile.profileID) routes to \(parts.region), where \(target.modelID) is not listed")
                }
            }
            guard !profile.modelARNs.isEmpty else { throw ModelCatalogError("\(profile.profileID) has no models") }
        }
    }
}

/// Why a catalog document was rejected.
struct ModelCatalogError: Error, Hashable, Sendable {
    let message: String

    init(_ message: String) { self.message = message }
}
