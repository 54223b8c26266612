import AWSWire
@testable import Scenarios
import Testing

/// The transcript file's layout, credential references, response trees and masking.
@Suite struct TranscriptTests {
    static let exchange = Exchange(
        service: "bedrock-runtime", operation: "InvokeModel", region: "us-west-2",
        signer: .minted(exchange: 6, path: "Credentials"),
        request: RecordedRequest(
            method: "POST", target: "/model/m%3A0/invoke?a=b",
            headers: [HTTPField("Content-Type", "application/octet-stream"), HTTPField("X-Custom", "1")],
            body: [0xFF, 0x00, 0x41]),
        response: RecordedResponse(
            status: 400, error: "ValidationException", headers: [HTTPField("x-amzn-ErrorType", "ValidationException:x")],
            body: ["message": "bad", "list": [1, true, nil]]))

    @Test func aTranscriptSurvivesItsFile() throws {
        let unsigned = Exchange(
            service: "roleplay", operation: "POST /_roleplay/reset", region: nil, signer: nil,
            request: RecordedRequest(method: "POST", target: "/_roleplay/reset", headers: [], body: []),
            response: RecordedResponse(status: 204, error: nil, headers: [], body: nil))
        let transcript = Transcript(exchanges: [Self.exchange, unsigned])
        let text = transcript.text
        #expect(text.hasPrefix("{\"format\":1,\"exchanges\":[\n"))
        #expect(text.split(separator: "\n").count == 4, "one line per exchange")
        #expect(try Transcript(text: text) == transcript)
    }

    @Test func anotherFormatOrAMalformedExchangeIsRefused() {
        #expect(throws: Transcript.Invalid.self) { try Transcript(text: #"{"format":2,"exchanges":[]}"#) }
        #expect(throws: Transcript.Invalid.self) { try Transcript(text: #"{"format":1,"exchanges":[{"service":"iam"}]}"#) }
        #expect(throws: Transcript.Invalid.self) {
            try Transcript(
                text: #"{"format":1,"exchanges":[{"service":"iam","operation":"X","signer":"key:AKIA","request":{"method":"GET","target":"/","headers":[]},"response":{"status":200,"headers":[]}}]}"#)
        }
    }

    @Test func credentialReferencesNameNoKey() {
        #expect(CredentialReference("root:123456789012") == .root(account: "123456789012"))
        #expect(CredentialReference("minted:3.AccessKey") == .minted(exchange: 3, path: "AccessKey"))
        #expect(CredentialReference.minted(exchange: 6, path: "Credentials").description == "minted:6.Credentials")
        for bad in ["root:12345", "root:AKIAIOSFODNN7EXAMPLE", "minted:0.AccessKey", "minted:3", "minted:3.", "AKIA"] {
            #expect(CredentialReference(bad) == nil, "\(bad)")
        }
    }

    @Test func queryAnswersLoseTheirWrappersAndErrorsTheirCode() throws {
        let xml = Array(
            "<CreateRoleResponse><CreateRoleResult><Role><RoleName>r</RoleName></Role></CreateRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></CreateRoleResponse>"
                .utf8)
        let tree = try #require(TranscriptBody.tree(status: 200, headers: [], body: xml))
        #expect(tree["Role"]?["RoleName"] == "r")
        let error = Array(
            "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no</Message></Error></ErrorResponse>"
                .utf8)
        let errorTree = TranscriptBody.tree(status: 403, headers: [], body: error)
        #expect(TranscriptBody.errorCode(status: 403, headers: [], tree: errorTree) == "AccessDenied")
        let json = TranscriptBody.tree(status: 400, headers: [], body: Array(#"{"__type":"com.amazon#ThrottlingException"}"#.utf8))
        #expect(TranscriptBody.errorCode(status: 400, headers: [], tree: json) == "ThrottlingException")
        #expect(
            TranscriptBody.errorCode(status: 404, headers: [HTTPField("X-Amzn-ErrorType", "ResourceNotFoundException:http://x")], tree: nil)
                == "ResourceNotFoundException")
        #expect(TranscriptBody.errorCode(status: 200, headers: [], tree: json) == nil)
    }

    @Test func streamsAreDecodedAndBinaryKeptAsBase64() throws {
        let frame = try EventStreamEncoder().encode(.event("messageStart", payload: Array(#"{"role":"assistant"}"#.utf8)))
        let stream = TranscriptBody.tree(
            status: 200, headers: [HTTPField("Content-Type", "application/vnd.amazon.eventstream")], body: frame)
        #expect(stream == ["events": [["type": "messageStart", "role": "assistant"]]])
        #expect(TranscriptBody.tree(status: 200, headers: [], body: [0xFF, 0xFE]) == ["base64": "//4="])
        #expect(TranscriptBody.tree(status: 200, headers: [], body: Array("plain".utf8)) == "plain")
        #expect(TranscriptBody.tree(status: 200, headers: [], body: []) == nil)
    }

    @Test func secretsAreMaskedAlsoInsideEmbeddedDocuments() {
        let event = #"{"responseElements":{"credentials":{"accessKeyId":"ASIAX","sessionToken":"live-token"}}}"#
        let tree: JSONValue = [
            "Credentials": ["AccessKeyId": "ASIAX", "SecretAccessKey": "live-secret", "SessionToken": "live-token"],
            "Events": [["CloudTrailEvent": .string(event)]],
            "Untouched": #"{"a": 1}"#,
        ]
        let text = JSONWriter.string(SecretMasking.masked(tree))
        #expect(!text.contains("live-secret"))
        #expect(!text.contains("live-token"))
        #expect(text.contains("ASIAX"))
        #expect(SecretMasking.masked(tree)["Untouched"] == #"{"a": 1}"#, "a document without secrets keeps its bytes")
    }

    @Test func theOperationIsReadFromTheRequest() {
        func identify(_ method: String, _ target: String, _ headers: [HTTPField] = [], _ body: String = "", scope: String?) -> String {
            let identity = OperationIdentity.identify(
                method: method, target: target, headers: headers, body: Array(body.utf8), scopeService: scope)
            return "\(identity.service).\(identity.operation)"
        }
        let form = [HTTPField("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]
        #expect(identify("POST", "/", form, "Action=GetRole&Version=2010-05-08", scope: "iam") == "iam.GetRole")
        #expect(identify("GET", "/?Action=GetCallerIdentity&Version=2011-06-15", scope: "sts") == "sts.GetCallerIdentity")
        #expect(
            identify("POST", "/", [HTTPField("X-Amz-Target", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents")], scope: "cloudtrail")
                == "cloudtrail.LookupEvents")
        #expect(identify("POST", "/model/a%3Ab/converse-stream", scope: "bedrock") == "bedrock-runtime.ConverseStream")
        #expect(identify("GET", "/foundation-models/x", scope: "bedrock") == "bedrock.GetFoundationModel")
        #expect(identify("POST", "/_roleplay/reset", scope: nil) == "roleplay.POST /_roleplay/reset")
    }
}
