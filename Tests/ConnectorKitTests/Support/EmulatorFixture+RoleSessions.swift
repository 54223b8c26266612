import AWSWire
import ConnectorKit
import Emulator

/// Role sessions for the service-client tests, made with a raw AssumeRole (the typed STS client is tested on
/// its own), and the admin calls those tests script the emulator with.
extension EmulatorFixture {
    /// Credentials of a session of `roleARN` assumed by the SaaS connector user, presenting the external ID.
    func roleSessionCredentials(
        roleARN: String = EmulatorFixture.roleARN, sessionName: String = "connector-session"
    ) async throws -> StaticCredentialsProvider {
        let result = try await client(.sts, as: connector).query(
            "AssumeRole",
            [("RoleArn", roleARN), ("RoleSessionName", sessionName), ("ExternalId", EmulatorFixture.externalID)])
        guard let id = result.value(at: "AssumeRoleResult/Credentials/AccessKeyId"),
            let secret = result.value(at: "AssumeRoleResult/Credentials/SecretAccessKey"),
            let token = result.value(at: "AssumeRoleResult/Credentials/SessionToken")
        else { throw FixtureError("AssumeRole returned no credentials") }
        return StaticCredentialsProvider(accessKeyID: id, secretAccessKey: secret, sessionToken: token)
    }

    /// A Bedrock Runtime client in the fixture's region, signed as a session of `roleARN`.
    func runtimeClient(roleARN: String = EmulatorFixture.roleARN) async throws -> BedrockRuntimeClient {
        BedrockRuntimeClient(
            region: EmulatorFixture.region, credentials: try await roleSessionCredentials(roleARN: roleARN),
            configuration: configuration)
    }

    /// A second role in the customer account with the same trust, allowed only `actions`; returns its ARN.
    func createRole(_ name: String, allowing actions: [String]) async throws -> String {
        let iam = iam(as: Self.root(Self.customerAccount))
        try await iam.query(
            "CreateRole",
            [("RoleName", name), ("AssumeRolePolicyDocument", Self.trustPolicy(externalID: Self.externalID))])
        try await iam.query(
            "PutRolePolicy",
            [("RoleName", name), ("PolicyName", "allow"), ("PolicyDocument", Self.allowPolicy(actions))])
        return "arn:aws:iam::\(Self.customerAccount):role/\(name)"
    }

    /// Sends an admin request (`/_roleplay/…`) with a JSON body; fails unless it is accepted.
    func admin(_ target: String, _ json: String) throws {
        let response = emulator.handle(
            HTTPRequest(
                method: "POST", target: target, headers: [HTTPField("Content-Type", "application/json")],
                body: Array(json.utf8)))
        guard response.status == 200 else { throw FixtureError("\(target) refused with \(response.status)") }
    }
}
