internal import AWSWire
internal import Foundation

/// AWS Identity and Access Management: the calls that build and take apart a cross-account connector role
/// and a user with a key. IAM is global; its endpoint is `us-east-1`'s in the `aws` partition.
public struct IAMClient: Sendable {
    /// IAM's query API version.
    static let apiVersion = "2010-05-08"

    public let client: AWSClient

    /// Wraps a client of `.iam` (anything else is a programming error).
    public init(client: AWSClient) {
        precondition(client.service == .iam, "IAMClient needs an AWSClient of .iam, not .\(client.service)")
        self.client = client
    }

    public init(
        region: String = "us-east-1", credentials: any CredentialsProvider, configuration: ClientConfiguration
    ) {
        self.init(
            client: AWSClient(service: .iam, region: region, credentials: credentials, configuration: configuration))
    }

    /// Creates a role trusting what `trustPolicy` (JSON) allows.
    /// - Throws: `ServiceError` (`EntityAlreadyExists` 409, `MalformedPolicyDocument` 400…).
    @discardableResult
    public func createRole(
        name: String, trustPolicy: String, path: String = "/", maxSessionDuration: Int? = nil,
        description: String? = nil
    ) async throws -> Role {
        var parameters = [("RoleName", name), ("AssumeRolePolicyDocument", trustPolicy), ("Path", path)]
        if let maxSessionDuration { parameters.append(("MaxSessionDuration", String(maxSessionDuration))) }
        if let description { parameters.append(("Description", description)) }
        let result = try await call("CreateRole", parameters)
        return try role(in: result)
    }

    /// - Throws: `ServiceError` `NoSuchEntity` 404 when there is no such role.
    public func getRole(name: String) async throws -> Role {
        try role(in: try await call("GetRole", [("RoleName", name)]))
    }

    /// - Throws: `ServiceError` `DeleteConflict` 409 while policies are attached or inline.
    public func deleteRole(name: String) async throws {
        try await send("DeleteRole", [("RoleName", name)])
    }

    public func updateAssumeRolePolicy(roleName: String, policy: String) async throws {
        try await send("UpdateAssumeRolePolicy", [("RoleName", roleName), ("PolicyDocument", policy)])
    }

    public func attachRolePolicy(roleName: String, policyARN: String) async throws {
        try await send("AttachRolePolicy", [("RoleName", roleName), ("PolicyArn", policyARN)])
    }

    public func detachRolePolicy(roleName: String, policyARN: String) async throws {
        try await send("DetachRolePolicy", [("RoleName", roleName), ("PolicyArn", policyARN)])
    }

    public func putRolePolicy(roleName: String, policyName: String, document: String) async throws {
        try await send(
            "PutRolePolicy", [("RoleName", roleName), ("PolicyName", policyName), ("PolicyDocument", document)])
    }

    public func deleteRolePolicy(roleName: String, policyName: String) async throws {
        try await send("DeleteRolePolicy", [("RoleName", roleName), ("PolicyName", policyName)])
    }

    public func createUser(name: String) async throws {
        try await send("CreateUser", [("UserName", name)])
    }

    public func putUserPolicy(userName: String, policyName: String, document: String) async throws {
        try await send(
            "PutUserPolicy", [("UserName", userName), ("PolicyName", policyName), ("PolicyDocument", document)])
    }

    /// A new long-term key of the user (no expiration). The secret is in this answer only: AWS never shows it
    /// again.
    public func createAccessKey(userName: String) async throws -> AWSCredentials {
        let result = try await call("CreateAccessKey", [("UserName", userName)])
        return AWSCredentials(
            accessKeyID: try result.string("AccessKey/AccessKeyId"),
            secretAccessKey: try result.string("AccessKey/SecretAccessKey"))
    }

    /// An operation with an output shape: its `<OperationResult>`.
    private func call(_ action: String, _ parameters: [(String, String)]) async throws -> QueryResult {
        let response = try await client.send(.query(action: action, version: Self.apiVersion, parameters: parameters))
        return try QueryResult(response, service: .iam, operation: action)
    }

    /// An operation without an output shape: IAM answers only `<ResponseMetadata>`, so nothing is read.
    private func send(_ action: String, _ parameters: [(String, String)]) async throws {
        _ = try await client.send(.query(action: action, version: Self.apiVersion, parameters: parameters))
    }

    /// `Role` of a CreateRole or GetRole result.
    private func role(in result: QueryResult) throws(QueryResponseError) -> Role {
        let encoded = try result.string("Role/AssumeRolePolicyDocument")
        guard let trustPolicy = encoded.removingPercentEncoding else {
            throw result.invalid("Role/AssumeRolePolicyDocument", encoded, "URL-encoded text")
        }
        return Role(
            name: try result.string("Role/RoleName"), arn: try result.string("Role/Arn"),
            roleID: try result.string("Role/RoleId"), path: try result.string("Role/Path"), trustPolicy: trustPolicy,
            maxSessionDuration: try result.int("Role/MaxSessionDuration"),
            description: result.element.value(at: "Role/Description"),
            createDate: try result.optionalDate("Role/CreateDate"),
            lastUsedDate: try result.optionalDate("Role/RoleLastUsed/LastUsedDate"),
            lastUsedRegion: result.element.value(at: "Role/RoleLastUsed/Region"))
    }
}
