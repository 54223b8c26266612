/// The steps of the connection check, in the order they run: the set-up guide's end-to-end test (assume the
/// role, send a greeting) with the checks between that say *which* link of the chain broke.
public enum CheckStep: String, Sendable, Hashable, Codable, CaseIterable {
    /// `sts:AssumeRole` with the External ID, as the SaaS's own account.
    case assumeRole = "assume_role"
    /// `sts:GetCallerIdentity` with the session: the credentials work and are the configured role's.
    case callerIdentity = "caller_identity"
    /// `bedrock:ListFoundationModels` in the configured region.
    case listModels = "list_models"
    /// The model called as is, or the system inference profile it needs in this region's geography.
    case resolveModel = "resolve_model"
    /// `Converse` with a greeting: a reply proves the whole chain.
    case converse
    /// The customer's CloudTrail shows the `AssumeRole` (only when asked for).
    case cloudTrail = "cloudtrail"

    /// The step as a progress line names it.
    public var title: String {
        switch self {
        case .assumeRole: "assume role"
        case .callerIdentity: "caller identity"
        case .listModels: "list models"
        case .resolveModel: "resolve model"
        case .converse: "converse"
        case .cloudTrail: "cloudtrail"
        }
    }
}
