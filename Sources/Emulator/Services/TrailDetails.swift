/// What CloudTrail records of one call beyond who made it, when and where (spec §8.2): known once the input
/// is decoded, so a call that fails later (denied, not found) is recorded with the same parameters.
struct TrailDetails: Sendable {
    /// The API parameters under their lowerCamel names; nil when the operation has none.
    var requestParameters: JSONValue?
    /// Extra facts AWS adds for some services (Bedrock: `inferenceRegion`).
    var additionalEventData: JSONValue?
    /// The resources the call names (`resources` in the record).
    var resources: [TrailResource] = []
    /// Whether the call only reads; nil lets the recorder decide from the operation's name.
    var readOnly: Bool?
    /// Another account that also records the call when it succeeds, under a shared event ID: the role owner
    /// of a cross-account AssumeRole (spec §8.2). Ignored when it is the caller's own account.
    var sharedWithAccount: String?

    init(
        requestParameters: JSONValue? = nil, additionalEventData: JSONValue? = nil, resources: [TrailResource] = [],
        readOnly: Bool? = nil, sharedWithAccount: String? = nil
    ) {
        self.requestParameters = requestParameters
        self.additionalEventData = additionalEventData
        self.resources = resources
        self.readOnly = readOnly
        self.sharedWithAccount = sharedWithAccount
    }
}

/// One entry of a record's `resources`.
struct TrailResource: Sendable, Hashable {
    /// The account that owns the resource; nil for AWS-owned resources (foundation models).
    var accountID: String?
    /// `AWS::IAM::Role`, `AWS::Bedrock::Model`, …
    var type: String
    var arn: String
}
