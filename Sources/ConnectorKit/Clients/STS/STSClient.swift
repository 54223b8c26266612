internal import AWSWire

/// AWS Security Token Service: assuming a role and asking who a key is.
public struct STSClient: Sendable {
    /// STS's query API version.
    static let apiVersion = "2011-06-15"

    public let client: AWSClient

    /// Wraps a client of `.sts` (anything else is a programming error).
    public init(client: AWSClient) {
        precondition(client.service == .sts, "STSClient needs an AWSClient of .sts, not .\(client.service)")
        self.client = client
    }

    public init(region: String, credentials: any CredentialsProvider, configuration: ClientConfiguration) {
        self.init(
            client: AWSClient(service: .sts, region: region, credentials: credentials, configuration: configuration))
    }

    /// Temporary credentials for `request.roleARN`, signed with this client's credentials.
    /// - Throws: `ServiceError` (`AccessDenied` 403 when the trust policy or the External ID refuses),
    ///   `QueryResponseError` when a success answer lacks a member, `TransportError`, or what the credentials
    ///   provider threw.
    public func assumeRole(_ request: AssumeRoleRequest) async throws -> AssumeRoleResponse {
        let response = try await client.send(
            .query(action: "AssumeRole", version: Self.apiVersion, parameters: request.queryParameters))
        let result = try QueryResult(response, service: .sts, operation: "AssumeRole")
        let credentials = AWSCredentials(
            accessKeyID: try result.string("Credentials/AccessKeyId"),
            secretAccessKey: try result.string("Credentials/SecretAccessKey"),
            sessionToken: try result.string("Credentials/SessionToken"),
            expiration: try result.date("Credentials/Expiration"))
        return AssumeRoleResponse(
            credentials: credentials, assumedRoleARN: try result.string("AssumedRoleUser/Arn"),
            assumedRoleID: try result.string("AssumedRoleUser/AssumedRoleId"),
            packedPolicySize: try result.optionalInt("PackedPolicySize"),
            sourceIdentity: result.element.value(at: "SourceIdentity"), requestID: result.requestID)
    }

    /// The account, ARN and user ID of this client's credentials.
    public func getCallerIdentity() async throws -> CallerIdentity {
        let response = try await client.send(
            .query(action: "GetCallerIdentity", version: Self.apiVersion, parameters: []))
        let result = try QueryResult(response, service: .sts, operation: "GetCallerIdentity")
        return CallerIdentity(
            account: try result.string("Account"), arn: try result.string("Arn"), userID: try result.string("UserId"))
    }
}
