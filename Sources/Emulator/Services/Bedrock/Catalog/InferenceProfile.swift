/// A system-defined (cross-Region) inference profile: `{geo}.{modelID}`, routing requests for one
/// foundation model to a set of destination Regions.
///
/// The profile's ARN names the caller's account and the Region the request was sent to
/// (`arn:aws:bedrock:us-east-1:222222222222:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0`),
/// so it is built per request, never stored. A call through a profile needs permission on the profile
/// and on the foundation model in every destination Region: `modelARNs` is that list.
struct InferenceProfile: Sendable, Hashable {
    /// `us.anthropic.claude-3-5-haiku-20241022-v1:0`.
    let profileID: String
    /// `US Anthropic Claude 3.5 Haiku`.
    let name: String
    let description: String
    /// When AWS created and last updated the profile, as the captured listing gave them (ISO 8601);
    /// nil where no listing was captured, and then omitted from responses.
    let createdAt: String?
    let updatedAt: String?
    /// `ACTIVE` for every system-defined profile.
    let status: String
    /// `SYSTEM_DEFINED`.
    let type: String
    /// The foundation-model ARNs the profile routes to, in AWS's order. A global profile has one,
    /// with an empty Region (`arn:aws:bedrock:::foundation-model/…`): it may route to any commercial Region.
    let modelARNs: [String]
    /// IDs of the catalog sources this entry rests on.
    let sources: [String]

    /// The geography prefix: `us`, `eu`, `apac`, `global`, ….
    var geography: Substring { profileID.prefix { $0 != "." } }

    /// The foundation model the profile serves (the ID after the geography prefix).
    var modelID: String { String(profileID.dropFirst(geography.count + 1)) }

    /// True for a global profile, which routes to any commercial Region.
    var isGlobal: Bool { destinationRegions.isEmpty }

    /// The destination Regions named by `modelARNs` (none for a global profile).
    var destinationRegions: [String] {
        modelARNs.compactMap { FoundationModel.parseARN($0)?.region }.filter { !$0.isEmpty }
    }

    /// Whether a request sent to `region` may name this profile: a global profile from anywhere, a
    /// geographic one from its own Regions.
    func isAvailable(in region: String) -> Bool { isGlobal || destinationRegions.contains(region) }

    /// The profile's ARN as seen by a caller in `account` sending to `region`.
    func arn(region: String, account: String) -> String {
        "arn:aws:bedrock:\(region):\(account):inference-profile/\(profileID)"
    }

    /// Splits `arn:aws:bedrock:{region}:{account}:inference-profile/{id}` into its parts; nil for any
    /// other ARN (application profiles included, which have their own resource type).
    static func parseARN(_ arn: String) -> (region: String, account: String, profileID: String)? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        let prefix = "inference-profile/"
        guard parts.count == 6, parts[0] == "arn", parts[1] == "aws", parts[2] == "bedrock", !parts[3].isEmpty,
            parts[4].count == 12, parts[4].allSatisfy(\.isNumber), parts[5].hasPrefix(prefix),
            parts[5].count > prefix.count
        else { return nil }
        return (String(parts[3]), String(parts[4]), String(parts[5].dropFirst(prefix.count)))
    }
}
