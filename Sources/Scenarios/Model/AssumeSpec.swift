/// A role session: `actor` calls `sts:AssumeRole` with these values. Every string may hold `${…}` templates,
/// substituted when the session is assumed (an External ID is often saved by an earlier step).
public struct AssumeSpec: Sendable, Hashable {
    /// The assuming actor (`as` in the file).
    public var actor: String
    /// `role` in the file.
    public var roleARN: String
    public var externalID: String?
    public var sessionName: String?
    public var durationSeconds: Int?
    /// A session policy document, as JSON text.
    public var policy: String?

    public init(
        actor: String, roleARN: String, externalID: String? = nil, sessionName: String? = nil,
        durationSeconds: Int? = nil, policy: String? = nil
    ) {
        self.actor = actor
        self.roleARN = roleARN
        self.externalID = externalID
        self.sessionName = sessionName
        self.durationSeconds = durationSeconds
        self.policy = policy
    }
}
