import AWSWire
import ConnectorKit
import ConnectorKitEmulator
import Emulator
import Testing

@testable import Scenarios

/// Response trees of real emulator answers: wrappers gone, `member` lists as arrays, errors as
/// `{code, message, status}`.
@Suite struct ResponseTreeTests {
    let client: AWSClient
    let sts: AWSClient

    init() throws {
        let configuration = ClientConfiguration(
            transport: EmulatorTransport(Emulator()), endpoints: try .custom("http://roleplay.localhost"),
            retry: RetryStrategy(maxAttempts: 1))
        let root = StaticCredentialsProvider(accessKeyID: "123456789012", secretAccessKey: "test")
        client = AWSClient(service: .iam, region: "us-east-1", credentials: root, configuration: configuration)
        sts = AWSClient(service: .sts, region: "us-east-1", credentials: root, configuration: configuration)
    }

    func iam(_ operation: String, _ parameters: JSONValue) async throws -> JSONValue {
        let response = try await client.send(
            try OperationCatalog.request(service: "iam", operation: operation, parameters: parameters))
        return try ResponseTree.query(response.body)
    }

    static let trust: JSONValue = [
        "Version": "2012-10-17",
        "Statement": [
            ["Effect": "Allow", "Principal": ["AWS": "arn:aws:iam::123456789012:root"], "Action": "sts:AssumeRole"]
        ],
    ]

    @Test func listRolesIsAnArrayAndEmptyListsAreEmptyArrays() async throws {
        let empty = try await iam("ListRoles", [:])
        #expect(empty["Roles"] == [])
        #expect(empty["IsTruncated"] == "false")
        _ = try await iam("CreateRole", ["RoleName": "a", "AssumeRolePolicyDocument": Self.trust])
        _ = try await iam("CreateRole", ["RoleName": "b", "AssumeRolePolicyDocument": Self.trust])
        let listed = try await iam("ListRoles", [:])
        #expect(listed["Roles"]?.arrayValue?.count == 2)
        #expect(listed["Roles"]?.arrayValue?[1]["RoleName"] == "b")
        #expect(listed["ResponseMetadata"]?["RequestId"]?.stringValue?.isEmpty == false)
    }

    @Test func getRoleHasNoWrappers() async throws {
        _ = try await iam(
            "CreateRole",
            ["RoleName": "r", "AssumeRolePolicyDocument": Self.trust, "Tags": [["Key": "k", "Value": "v"]]])
        let role = try await iam("GetRole", ["RoleName": "r"])
        #expect(role["Role"]?["Arn"] == "arn:aws:iam::123456789012:role/r")
        #expect(role["Role"]?["Tags"] == [["Key": "k", "Value": "v"]])
        #expect(role["GetRoleResult"] == nil)
        #expect(role["Role"]?["AssumeRolePolicyDocument"] == Self.trust, "the URL-encoded document, parsed")
    }

    @Test func assumeRoleCredentialsAreMembers() async throws {
        _ = try await iam("CreateRole", ["RoleName": "r", "AssumeRolePolicyDocument": Self.trust])
        _ = try await iam("CreateUser", ["UserName": "u"])
        _ = try await iam(
            "PutUserPolicy",
            [
                "UserName": "u", "PolicyName": "p",
                "PolicyDocument": [
                    "Version": "2012-10-17",
                    "Statement": [["Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"]],
                ],
            ])
        let key = try await iam("CreateAccessKey", ["UserName": "u"])["AccessKey"]
        let user = AWSClient(
            service: .sts, region: "us-east-1",
            credentials: StaticCredentialsProvider(
                accessKeyID: try #require(key?["AccessKeyId"]?.stringValue),
                secretAccessKey: try #require(key?["SecretAccessKey"]?.stringValue)),
            configuration: sts.configuration)
        let response = try await user.send(
            try OperationCatalog.request(
                service: "sts", operation: "AssumeRole",
                parameters: ["RoleArn": "arn:aws:iam::123456789012:role/r", "RoleSessionName": "sess"]))
        let tree = try ResponseTree.query(response.body)
        #expect(tree["AssumedRoleUser"]?["Arn"] == "arn:aws:sts::123456789012:assumed-role/r/sess")
        #expect(tree["Credentials"]?["AccessKeyId"]?.stringValue?.hasPrefix("ASIA") == true)
    }

    @Test func anErrorIsCodeMessageStatus() async throws {
        let request = try OperationCatalog.request(
            service: "iam", operation: "GetRole", parameters: ["RoleName": "missing"])
        let response = try await ScenarioExecution.send(request, with: client, streaming: false)
        #expect(
            response.tree
                == ["code": "NoSuchEntity", "message": "The role with name missing cannot be found.", "status": 404])
    }
}
