/// What a SaaS stores when the customer completes the connector (step 5 of the set-up guide): the role to
/// assume, the region its Bedrock calls go to, the External ID shown on the set-up page, and a display name.
///
/// Codable so it can be kept as one record; decoding checks the role ARN, `validate()` checks the rest.
public struct ConnectionConfiguration: Sendable, Hashable, Codable {
    public var name: String
    public var roleARN: RoleARN
    public var region: String
    /// The External ID sent with every `AssumeRole`. Optional only so a check can show what AWS answers
    /// without one: `validate()` requires it, as every connector of the guide's kind must send it.
    public var externalID: String?

    /// The longest display name accepted: enough for any label, short enough for a log line.
    public static let maxNameLength = 128

    public init(name: String, roleARN: RoleARN, region: String, externalID: String?) {
        self.name = name
        self.roleARN = roleARN
        self.region = region
        self.externalID = externalID
    }

    /// Checks the name, the External ID, and that the region is a region of the role's partition.
    /// - Throws: `SetupError` naming the first field that is wrong.
    public func validate() throws(SetupError) {
        guard !name.allSatisfy(\.isWhitespace) else { throw SetupError(.name, "it is empty") }
        guard name.count <= Self.maxNameLength else {
            throw SetupError(.name, "it is \(name.count) characters long; at most \(Self.maxNameLength) are kept")
        }
        guard let externalID else {
            throw SetupError(.externalID, "it is missing; the role's trust policy checks it (sts:ExternalId)")
        }
        try ExternalID.validate(externalID)
        try Region.validate(region, partition: roleARN.partition)
    }
}
