/// What `AssumeRole` returned.
public struct AssumeRoleResponse: Sendable {
    /// The session's key, secret and token, with `expiration` always set.
    public var credentials: AWSCredentials
    /// `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`.
    public var assumedRoleARN: String
    /// `AROA…:SESSION`.
    public var assumedRoleID: String
    /// How full the packed session policies and tags are, in percent of the limit (only when some were passed).
    public var packedPolicySize: Int?
    public var sourceIdentity: String?
    public var requestID: String?

    public init(
        credentials: AWSCredentials, assumedRoleARN: String, assumedRoleID: String, packedPolicySize: Int? = nil,
        sourceIdentity: String? = nil, requestID: String? = nil
    ) {
        self.credentials = credentials
        self.assumedRoleARN = assumedRoleARN
        self.assumedRoleID = assumedRoleID
        self.packedPolicySize = packedPolicySize
        self.sourceIdentity = sourceIdentity
        self.requestID = requestID
    }
}
