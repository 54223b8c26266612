import AWSWire
import ConnectorKit
import Foundation
import RoleplaySync
import Synchronization

/// One request of each protocol and shape a connector sends, built by ConnectorKit's request builders and
/// signed through `AWSClient` at a fixed time, as they would go on the wire.
///
/// Source: written for this suite from the calls the connector makes (docs/identities.md, docs/bedrock-runtime.md,
/// docs/cloudtrail.md), with the characters canonicalization gets wrong (reserved and non-ASCII characters in
/// form values, `:` and `/` in rest path labels, spaces and `+/=` in query values); the expected signatures are
/// botocore 1.43's, computed when the test runs (scripts/botocore-verify-signatures.py).
enum ConnectorKitSigningCorpus {
    static let source =
        "ConnectorKit request builders, signed by AWSClient at 2025-01-15T12:00:00Z; re-signed by botocore SigV4Auth"
    static let signingTime = Date(timeIntervalSince1970: 1_736_942_400)
    static let amzDate = "20250115T120000Z"

    static let longTerm = StaticCredentialsProvider(
        accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    static let session = StaticCredentialsProvider(
        accessKeyID: "ASIAIOSFODNN7EXAMPLE", secretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
        sessionToken: "IQoJb3JpZ2luX2VjEXAMPLETOKEN//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+example/=")

    struct Entry: Sendable {
        var name: String
        var service: AWSService
        var region: String
        var credentials: StaticCredentialsProvider
        var endpoints: EndpointResolver = .aws
        var request: ServiceRequest
    }

    static func entries() throws -> [Entry] {
        let trust =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::808540602285:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"airia-7f3a9c-external"}}}]}"#
        let profileARN =
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0"
        let converse = Array(#"{"messages":[{"role":"user","content":[{"text":"Bonjour, ça va? 1+1=2 & <ok>"}]}]}"#.utf8)
        return [
            Entry(
                name: "sts AssumeRole, reserved characters, session token", service: .sts, region: "us-east-1",
                credentials: session,
                request: .query(
                    action: "AssumeRole", version: "2011-06-15",
                    parameters: [
                        ("RoleArn", "arn:aws:iam::123456789012:role/service-role/airia-bedrock-access"),
                        ("RoleSessionName", "conn+ector=a,b.c@d-e_f"),
                        ("ExternalId", "airia/7f3a:9c external~*!'()"),
                        ("Policy", #"{"Statement":[{"Effect":"Allow","Action":"bedrock:*","Resource":"*"}]} é"#),
                        ("DurationSeconds", "900"),
                    ])),
            Entry(
                name: "sts GetCallerIdentity in eu-west-1", service: .sts, region: "eu-west-1", credentials: longTerm,
                request: .query(action: "GetCallerIdentity", version: "2011-06-15", parameters: [])),
            Entry(
                name: "iam CreateRole with a policy document", service: .iam, region: "us-east-1", credentials: longTerm,
                request: .query(
                    action: "CreateRole", version: "2010-05-08",
                    parameters: [
                        ("RoleName", "airia-bedrock-access"), ("Path", "/service-role/"),
                        ("AssumeRolePolicyDocument", trust), ("Description", "Airia → Bedrock (ünïcode)"),
                    ])),
            Entry(
                name: "cloudtrail LookupEvents (JSON 1.1)", service: .cloudTrail, region: "us-east-1",
                credentials: session,
                request: .json(
                    targetPrefix: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101", operation: "LookupEvents",
                    body: .object([
                        JSONMember(
                            "LookupAttributes",
                            .array([
                                .object([
                                    JSONMember("AttributeKey", "EventName"), JSONMember("AttributeValue", "AssumeRole"),
                                ])
                            ])),
                        JSONMember("StartTime", 1_736_938_800), JSONMember("MaxResults", 50),
                        JSONMember("NextToken", "abc+/def=="),
                    ]))),
            Entry(
                name: "bedrock GET with query parameters", service: .bedrock, region: "us-west-2", credentials: longTerm,
                request: .rest(
                    "ListFoundationModels", method: "GET", path: "/foundation-models",
                    query: [
                        ("byProvider", "Anthropic"), ("byOutputModality", "TEXT"),
                        ("byInferenceType", "ON_DEMAND"), ("byCustomizationType", "FINE TUNING/+="),
                    ])),
            Entry(
                name: "bedrock GetInferenceProfile by ARN", service: .bedrock, region: "us-east-1",
                credentials: session,
                request: .rest(
                    "GetInferenceProfile", method: "GET", path: "/inference-profiles/{inferenceProfileIdentifier}",
                    labels: ["inferenceProfileIdentifier": profileARN])),
            Entry(
                name: "bedrock-runtime Converse, model ID with a colon", service: .bedrockRuntime,
                region: "us-east-1", credentials: session,
                request: .rest(
                    "Converse", method: "POST", path: "/model/{modelId}/converse",
                    labels: ["modelId": "anthropic.claude-3-haiku-20240307-v1:0"], body: converse)),
            Entry(
                name: "bedrock-runtime ConverseStream on a profile ARN", service: .bedrockRuntime,
                region: "us-east-1", credentials: longTerm,
                request: .rest(
                    "ConverseStream", method: "POST", path: "/model/{modelId}/converse-stream",
                    labels: ["modelId": profileARN], body: converse)),
            Entry(
                name: "bedrock-runtime InvokeModel in cn-north-1", service: .bedrockRuntime, region: "cn-north-1",
                credentials: longTerm,
                request: .rest(
                    "InvokeModel", method: "POST", path: "/model/{modelId}/invoke",
                    labels: ["modelId": "amazon.titan-text-express-v1"],
                    headers: [HTTPField("Accept", "application/json")],
                    body: Array(#"{"inputText":"hi"}"#.utf8))),
            Entry(
                name: "sts through a custom endpoint with a port and a base path", service: .sts, region: "us-east-1",
                credentials: session, endpoints: try .custom("http://127.0.0.1:4590/emulator"),
                request: .query(action: "GetCallerIdentity", version: "2011-06-15", parameters: [])),
        ]
    }

    /// The entry as `AWSClient` puts it on the wire.
    static func wire(_ entry: Entry) async throws -> TransportRequest {
        let transport = CapturingTransport()
        let client = AWSClient(
            service: entry.service, region: entry.region, credentials: entry.credentials,
            configuration: ClientConfiguration(
                transport: transport, endpoints: entry.endpoints, now: { signingTime },
                retry: RetryStrategy(maxAttempts: 1)))
        _ = try await client.send(entry.request)
        guard let sent = transport.sent else { throw CorpusError("\(entry.name): nothing was sent") }
        return sent
    }
}

/// Keeps the request and answers 200 with no body.
final class CapturingTransport: Transport {
    private let captured = Locked<TransportRequest?>(nil)

    var sent: TransportRequest? { captured.withLock { $0 } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        captured.withLock { $0 = request }
        return TransportResponse(status: 200, headers: [], body: ResponseBody(bytes: []))
    }
}

struct CorpusError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
