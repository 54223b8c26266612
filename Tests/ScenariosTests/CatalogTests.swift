import AWSWire
import ConnectorKit
import ConnectorKitEmulator
import Emulator
import Foundation
import Testing

@testable import Scenarios

/// The catalog builds the request botocore would send for the same parameters.
@Suite struct CatalogTests {
    /// The form fields of a query request, decoded.
    func form(_ request: ServiceRequest) throws -> [String: String] {
        let parameters = try QueryParameters(decoding: request.body)
        return Dictionary(parameters.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func assumeRoleFlattensListsAndStructures() throws {
        let request = try OperationCatalog.request(
            service: "sts", operation: "AssumeRole",
            parameters: [
                "RoleArn": "arn:aws:iam::123456789012:role/r", "RoleSessionName": "s", "DurationSeconds": 900,
                "PolicyArns": [["arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"]],
                "Tags": [["Key": "team", "Value": "ml"], ["Key": "env", "Value": "dev"]],
                "TransitiveTagKeys": ["team"],
            ])
        let fields = try form(request)
        #expect(fields["Action"] == "AssumeRole")
        #expect(fields["Version"] == "2011-06-15")
        #expect(fields["DurationSeconds"] == "900")
        #expect(fields["PolicyArns.member.1.arn"] == "arn:aws:iam::aws:policy/ReadOnlyAccess")
        #expect(fields["Tags.member.1.Key"] == "team")
        #expect(fields["Tags.member.2.Value"] == "dev")
        #expect(fields["TransitiveTagKeys.member.1"] == "team")
        #expect(request.method == "POST" && request.path == "/")
    }

    @Test func createRoleSendsADocumentMapAsJSONText() throws {
        let request = try OperationCatalog.request(
            service: "iam", operation: "CreateRole",
            parameters: [
                "RoleName": "r", "MaxSessionDuration": 7200,
                "AssumeRolePolicyDocument": [
                    "Version": "2012-10-17",
                    "Statement": [
                        ["Effect": "Allow", "Principal": ["AWS": "111111111111"], "Action": "sts:AssumeRole"]
                    ],
                ],
                "Tags": [["Key": "k", "Value": "v"]],
            ])
        let fields = try form(request)
        #expect(fields["Version"] == "2010-05-08")
        #expect(
            fields["AssumeRolePolicyDocument"]
                == #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"sts:AssumeRole"}]}"#
        )
        #expect(fields["MaxSessionDuration"] == "7200")
        #expect(fields["Tags.member.1.Key"] == "k")
    }

    @Test func booleansAndEmptyListsAsBotocoreSendsThem() throws {
        let request = try OperationCatalog.request(
            service: "iam", operation: "CreatePolicyVersion",
            parameters: ["PolicyArn": "arn:aws:iam::1:policy/p", "PolicyDocument": "{}", "SetAsDefault": true])
        #expect(try form(request)["SetAsDefault"] == "true")
        let untag = try OperationCatalog.request(
            service: "iam", operation: "UntagRole", parameters: ["RoleName": "r", "TagKeys": []])
        #expect(try form(untag)["TagKeys"] == "")
    }

    @Test func restLabelsAreEncodedIntoThePath() throws {
        let request = try OperationCatalog.request(
            service: "bedrock", operation: "GetInferenceProfile",
            parameters: ["inferenceProfileIdentifier": "us.anthropic.claude-3-5-haiku-20241022-v1:0"])
        #expect(request.method == "GET")
        #expect(request.path == "/inference-profiles/us.anthropic.claude-3-5-haiku-20241022-v1%3A0")
        #expect(request.body.isEmpty)
    }

    @Test func queryKeysUseTheirLocationNames() throws {
        let request = try OperationCatalog.request(
            service: "bedrock", operation: "ListInferenceProfiles",
            parameters: ["typeEquals": "SYSTEM_DEFINED", "maxResults": 10])
        #expect(request.query.map(\.name) == ["type", "maxResults"])
        #expect(request.query.map(\.value) == ["SYSTEM_DEFINED", "10"])
        let models = try OperationCatalog.request(
            service: "bedrock", operation: "ListFoundationModels", parameters: ["byProvider": "Anthropic"])
        #expect(models.query.map(\.name) == ["byProvider"])
    }

    @Test func aMemberWithNoPlaceIsAnError() {
        #expect(throws: OperationEncodingError.self) {
            try OperationCatalog.request(
                service: "bedrock", operation: "ListFoundationModels", parameters: ["bogus": 1])
        }
        #expect(throws: OperationEncodingError.self) {
            try OperationCatalog.request(service: "bedrock", operation: "GetFoundationModel", parameters: [:])
        }
    }

    @Test func invokeModelSendsTheBodyRawAndTheHeaders() throws {
        let request = try OperationCatalog.request(
            service: "bedrock-runtime", operation: "InvokeModel",
            parameters: [
                "modelId": "amazon.nova-lite-v1:0", "contentType": "application/json", "accept": "application/json",
                "body": ["messages": [["role": "user", "content": [["text": "Hi"]]]]],
            ])
        #expect(request.path == "/model/amazon.nova-lite-v1%3A0/invoke")
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"messages":[{"role":"user","content":[{"text":"Hi"}]}]}"#)
        #expect(request.headers.contains(HTTPField("Accept", "application/json")))
        #expect(request.headers.filter { $0.name == "Content-Type" }.count == 1)
        let stream = try OperationCatalog.request(
            service: "bedrock-runtime", operation: "InvokeModelWithResponseStream",
            parameters: ["modelId": "m", "accept": "application/json", "body": "raw text"])
        #expect(stream.headers.contains(HTTPField("X-Amzn-Bedrock-Accept", "application/json")))
        #expect(stream.body == Array("raw text".utf8))
    }

    @Test func converseSendsTheOtherMembersAsTheBody() throws {
        let request = try OperationCatalog.request(
            service: "bedrock-runtime", operation: "Converse",
            parameters: ["modelId": "m", "messages": [], "inferenceConfig": ["maxTokens": 5]])
        #expect(String(decoding: request.body, as: UTF8.self) == #"{"messages":[],"inferenceConfig":{"maxTokens":5}}"#)
    }

    @Test func lookupEventsUsesTheTargetAndEpochSeconds() throws {
        let request = try OperationCatalog.request(
            service: "cloudtrail", operation: "LookupEvents",
            parameters: ["StartTime": "2025-01-15T12:00:00Z", "EndTime": 1_736_946_000, "MaxResults": 5])
        #expect(
            request.headers.contains(
                HTTPField("X-Amz-Target", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents")))
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"StartTime":1736942400,"EndTime":1736946000,"MaxResults":5}"#)
        #expect(throws: OperationEncodingError.self) {
            try OperationCatalog.request(
                service: "cloudtrail", operation: "LookupEvents", parameters: ["StartTime": "noon"])
        }
    }

    @Test func unknownOperationsAreNotInTheCatalog() {
        #expect(OperationCatalog.contains(service: "iam", operation: "CreateRole"))
        #expect(!OperationCatalog.contains(service: "iam", operation: "CreateRol"))
        #expect(!OperationCatalog.contains(service: "s3", operation: "ListBuckets"))
        #expect(OperationCatalog.contains(service: "bedrock-runtime", operation: "ConverseStream"))
    }

    /// Every catalogued operation is one the emulator routes: sent as root with no parameters, none is answered
    /// as an unknown action or path.
    @Test func everyOperationIsServedByTheEmulator() async throws {
        let emulator = Emulator()
        let configuration = ClientConfiguration(
            transport: EmulatorTransport(emulator), endpoints: try .custom("http://roleplay.localhost"),
            retry: RetryStrategy(maxAttempts: 1))
        let root = StaticCredentialsProvider(accessKeyID: "123456789012", secretAccessKey: "test")
        for service in OperationCatalog.services {
            for operation in OperationCatalog.operations(of: service) {
                let parameters: JSONValue =
                    service.hasPrefix("bedrock") && operation.hasPrefix("Get")
                    ? [operation == "GetFoundationModel" ? "modelIdentifier" : "inferenceProfileIdentifier": "x"]
                    : service == "bedrock-runtime" ? ["modelId": "x"] : [:]
                let request = try OperationCatalog.request(
                    service: service, operation: operation, parameters: parameters)
                let client = AWSClient(
                    service: AWSService(rawValue: service)!, region: "us-east-1", credentials: root,
                    configuration: configuration)
                do {
                    _ = try await client.send(request)
                } catch let error as ServiceError {
                    #expect(
                        !["InvalidAction", "UnknownOperationException", "UnknownOperation"].contains(error.code)
                            && !(error.status == 404 && error.code.isEmpty),
                        "\(service).\(operation): \(error)")
                }
            }
        }
    }
}
