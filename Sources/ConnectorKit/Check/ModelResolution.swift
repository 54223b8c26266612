/// Which model ID a runtime call should use: the model's own ID when it runs on demand, else the system
/// inference profile that routes it from this region (`us.…`, `eu.…`, `apac.…`, or `global.…`), as the set-up
/// guide's "Cross-Region Inference" section has the customer look up by hand.
enum ModelResolution {
    /// The prefixes of system inference profile IDs: geographies, and `global`.
    static let profilePrefixes = ["us", "us-gov", "eu", "apac", "ca", "jp", "au", "global"]

    /// True for an ID that is already a profile ID (`us.anthropic.…`) or an ARN: it is called as given.
    static func isProfileOrARN(_ modelID: String) -> Bool {
        if modelID.hasPrefix("arn:") { return true }
        guard let dot = modelID.firstIndex(of: ".") else { return false }
        return profilePrefixes.contains(String(modelID[..<dot]))
    }

    /// The geography prefix of `region`'s system profiles, as AWS names them; nil where only `global.` ones
    /// exist.
    static func geography(of region: String) -> String? {
        if region.hasPrefix("us-gov-") { return "us-gov" }
        if region.hasPrefix("us-") || region.hasPrefix("ca-") { return "us" }
        if region.hasPrefix("eu-") { return "eu" }
        if region.hasPrefix("ap-") { return "apac" }
        return nil
    }

    /// The system profile for `modelID` callable from `region`: the geography's (its destinations include this
    /// region's copy of the model) before the global one (which routes to any commercial region).
    static func profile(
        for modelID: String, region: String, partition: Partition, in profiles: [InferenceProfileSummary]
    ) -> InferenceProfileSummary? {
        let regional = "arn:\(partition.rawValue):bedrock:\(region)::foundation-model/\(modelID)"
        let system = profiles.filter { $0.type == "SYSTEM_DEFINED" && $0.id.hasSuffix("." + modelID) }
        return system.first { !$0.id.hasPrefix("global.") && $0.modelARNs.contains(regional) }
            ?? system.first { $0.id == "global." + modelID }
    }

    /// The profile IDs a customer would find for `modelID` from `region`, for a hint when they cannot be listed.
    static func likelyProfileIDs(for modelID: String, region: String) -> [String] {
        (geography(of: region).map { ["\($0).\(modelID)"] } ?? []) + ["global.\(modelID)"]
    }
}
