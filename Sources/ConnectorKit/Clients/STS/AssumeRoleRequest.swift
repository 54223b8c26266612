/// An `AssumeRole` call's input. Field names follow the STS API; `nil` and empty lists are left off the wire.
public struct AssumeRoleRequest: Sendable, Hashable {
    public var roleARN: String
    /// Shows in the session's ARN and in CloudTrail (`assumed-role/ROLE/SESSION`): name it after the tenant or job.
    public var roleSessionName: String
    /// The value the role's trust policy checks under `sts:ExternalId` (the confused-deputy guard).
    public var externalID: String?
    /// 900 s up to the role's `MaxSessionDuration`; STS's default (3,600 s) when nil.
    public var durationSeconds: Int?
    /// A session policy (JSON): the session gets the intersection of it and the role's policies.
    public var policy: String?
    /// Managed policies used as session policies.
    public var policyARNs: [String]
    public var tags: [SessionTag]
    /// Keys of `tags` that pass on to a role chained from this session.
    public var transitiveTagKeys: [String]
    public var sourceIdentity: String?

    public init(
        roleARN: String, roleSessionName: String, externalID: String? = nil, durationSeconds: Int? = nil,
        policy: String? = nil, policyARNs: [String] = [], tags: [SessionTag] = [], transitiveTagKeys: [String] = [],
        sourceIdentity: String? = nil
    ) {
        self.roleARN = roleARN
        self.roleSessionName = roleSessionName
        self.externalID = externalID
        self.durationSeconds = durationSeconds
        self.policy = policy
        self.policyARNs = policyARNs
        self.tags = tags
        self.transitiveTagKeys = transitiveTagKeys
        self.sourceIdentity = sourceIdentity
    }

    /// The form parameters, named, numbered from 1 and ordered as botocore serializes AssumeRole's input shape
    /// (`PolicyArns.member.N.arn`, `Tags.member.N.Key`/`Value`, `TransitiveTagKeys.member.N`).
    var queryParameters: [(String, String)] {
        var parameters: [(String, String)] = [("RoleArn", roleARN), ("RoleSessionName", roleSessionName)]
        for (index, arn) in policyARNs.enumerated() {
            parameters.append(("PolicyArns.member.\(index + 1).arn", arn))
        }
        if let policy { parameters.append(("Policy", policy)) }
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        for (index, tag) in tags.enumerated() {
            parameters.append(("Tags.member.\(index + 1).Key", tag.key))
            parameters.append(("Tags.member.\(index + 1).Value", tag.value))
        }
        for (index, key) in transitiveTagKeys.enumerated() {
            parameters.append(("TransitiveTagKeys.member.\(index + 1)", key))
        }
        if let externalID { parameters.append(("ExternalId", externalID)) }
        if let sourceIdentity { parameters.append(("SourceIdentity", sourceIdentity)) }
        return parameters
    }
}

/// A session tag: a principal tag (`aws:PrincipalTag/KEY`) for the session's lifetime.
public struct SessionTag: Sendable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
