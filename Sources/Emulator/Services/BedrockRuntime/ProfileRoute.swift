/// A system inference profile with what a runtime call needs of it worked out once: the model it serves and
/// its destination Regions.
///
/// `InferenceProfile.destinationRegions` parses every model ARN of the profile, and a call through a profile
/// needs the list twice (is the request's Region one of them, which Region serves); at tens of thousands of
/// calls a second that parsing is worth doing once, when the index is first used.
struct ProfileRoute: Sendable {
    let profile: InferenceProfile
    let model: FoundationModel
    /// The destination Regions; empty for a global profile, which serves every Region.
    let destinations: [String]

    /// Whether a request sent to `region` may name the profile.
    func serves(_ region: String) -> Bool { destinations.isEmpty || destinations.contains(region) }

    /// The Region that answers a request sent to `region`: that Region when it is a destination (or the
    /// profile is global), else the first destination.
    func inferenceRegion(for region: String) -> String {
        destinations.isEmpty || destinations.contains(region) ? region : destinations[0]
    }

    /// The built-in catalog's profiles by ID.
    static let all: [String: ProfileRoute] = index(.shared)

    /// The routes of `catalog`'s profiles by ID (the catalog guarantees every profile's model exists).
    static func index(_ catalog: ModelCatalog) -> [String: ProfileRoute] {
        var routes: [String: ProfileRoute] = [:]
        for profile in catalog.profiles {
            guard let model = catalog.model(id: profile.modelID) else { continue }
            routes[profile.profileID] = ProfileRoute(
                profile: profile, model: model, destinations: profile.destinationRegions)
        }
        return routes
    }
}
