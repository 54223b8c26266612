import AWSWire
import SigV4
import Testing

@testable import Emulator

/// Spec §7.1 and §6.3: every form a `modelId` can take, and the IAM checks each form needs.
@Suite("Bedrock Runtime identifiers and authorization")
struct BedrockRuntimeIdentifierTests {
    let endpoint = TestEndpoint()
    static let account = "123456789012"
    static let root = Credentials.root(account)
    static let greeting =
        #"{"anthropic_version":"bedrock-2023-05-31","max_tokens":64,"messages":[{"role":"user","content":"hello"}]}"#
    static let haikuProfile = "us.anthropic.claude-3-5-haiku-20241022-v1:0"

    /// One identifier form and what Bedrock answers.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var model: String
        var region = "us-east-1"
        /// nil: success; else the exact ValidationException message.
        var error: String?
        var testDescription: String { name }
    }

    static let invalid = "The provided model identifier is invalid."
    static func onDemand(_ id: String) -> String {
        "Invocation of model ID \(id) with on-demand throughput isn\u{2019}t supported. Retry your request with the ID or ARN of an inference profile that contains this model."
    }

    static let cases: [Case] = [
        Case(name: "on-demand model ID", model: "anthropic.claude-3-haiku-20240307-v1:0"),
        Case(
            name: "foundation-model ARN of the request Region",
            model: "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"),
        Case(
            name: "foundation-model ARN of another Region",
            model: "arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-haiku-20240307-v1:0", error: invalid),
        Case(name: "system profile ID", model: haikuProfile),
        Case(
            name: "system profile ARN of the caller and Region",
            model: "arn:aws:bedrock:us-east-1:\(account):inference-profile/\(haikuProfile)"),
        Case(
            name: "profile ARN of another Region",
            model: "arn:aws:bedrock:us-west-2:\(account):inference-profile/\(haikuProfile)", error: invalid),
        Case(
            name: "global profile from any Region", model: "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
            region: "eu-west-1"),
        Case(name: "geographic profile outside its Regions", model: haikuProfile, region: "eu-west-1", error: invalid),
        Case(
            name: "profile-only model by bare ID", model: "anthropic.claude-3-5-haiku-20241022-v1:0",
            error: onDemand("anthropic.claude-3-5-haiku-20241022-v1:0")),
        Case(
            name: "profile-only model by ARN",
            model: "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0",
            error: onDemand("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0")),
        Case(name: "unknown model", model: "anthropic.claude-99", error: invalid),
        Case(
            name: "model not offered in the Region", model: "anthropic.claude-3-haiku-20240307-v1:0",
            region: "sa-east-1", error: invalid),
        Case(
            name: "application profile ARN",
            model: "arn:aws:bedrock:us-east-1:\(account):application-inference-profile/abcdef123456", error: invalid),
    ]

    @Test("identifier forms", arguments: cases)
    func identifierForms(_ c: Case) {
        let response = endpoint.runtime("invoke", model: c.model, body: Self.greeting, as: Self.root, region: c.region)
        if let error = c.error {
            response.expectRestError("ValidationException", status: 400, message: error)
        } else {
            #expect(response.status == 200, "\(response)")
            #expect(response.json?["content"]?.arrayValue?.first?["text"]?.stringValue == ReplyWriter.greeting)
        }
    }

    @Test("a profile ARN of another account is a cross-account resource without a policy: denied, then invalid")
    func otherAccountProfile() {
        let arn = "arn:aws:bedrock:us-east-1:999999999999:inference-profile/\(Self.haikuProfile)"
        endpoint.runtime("invoke", model: arn, body: Self.greeting, as: Self.root)
            .expectRestError("AccessDeniedException", status: 403)
        let target = ModelTarget(arn, region: "us-east-1", account: Self.account)
        #expect(target.refusal == ModelTarget.invalidIdentifier && target.model == nil)
    }

    @Test("a model ID longer than 2048 characters is a ValidationException")
    func tooLong() {
        let response = endpoint.runtime(
            "invoke", model: String(repeating: "a", count: 2049), body: Self.greeting, as: Self.root)
        response.expectRestError("ValidationException", status: 400)
        #expect(response.body.contains("2048"))
    }

    static func modelPolicy(_ resources: [String], action: String = "bedrock:InvokeModel") -> String {
        let list = resources.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"\#(action)","Resource":[\#(list)]}]}"#
    }

    @Test(
        "a profile call needs the profile and the model in every destination Region; the denial names the one that failed"
    )
    func profileNeedsEveryRegion() throws {
        let profileARN = "arn:aws:bedrock:us-east-1:111111111111:inference-profile/\(Self.haikuProfile)"
        let model = "anthropic.claude-3-5-haiku-20241022-v1:0"
        let caller = try endpoint.user(
            "narrow",
            policy: Self.modelPolicy([
                profileARN, "arn:aws:bedrock:us-east-1::foundation-model/\(model)",
                "arn:aws:bedrock:us-west-2::foundation-model/\(model)",
            ]))
        let denied = endpoint.runtime("invoke", model: Self.haikuProfile, body: Self.greeting, as: caller)
        denied.expectRestError(
            "AccessDeniedException", status: 403,
            message:
                "User: arn:aws:iam::111111111111:user/narrow is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-2::foundation-model/\(model) because no identity-based policy allows the bedrock:InvokeModel action"
        )

        let all = try endpoint.user(
            "wide",
            policy: Self.modelPolicy([profileARN, "arn:aws:bedrock:*::foundation-model/\(model)"]))
        #expect(endpoint.runtime("invoke", model: Self.haikuProfile, body: Self.greeting, as: all).status == 200)
    }

    @Test("without the profile ARN the profile itself is named")
    func profileDenied() throws {
        let caller = try endpoint.user(
            "models-only", policy: Self.modelPolicy(["arn:aws:bedrock:*::foundation-model/*"]))
        let denied = endpoint.runtime(
            "converse", model: Self.haikuProfile, body: #"{"messages":[{"role":"user","content":[{"text":"hi"}]}]}"#,
            as: caller)
        denied.expectRestError("AccessDeniedException", status: 403)
        #expect(
            denied.body.contains(
                "on resource: arn:aws:bedrock:us-east-1:111111111111:inference-profile/\(Self.haikuProfile)"))
    }

    @Test("a global profile's model resource is the Region-less foundation-model ARN")
    func globalProfile() throws {
        let id = "global.anthropic.claude-sonnet-4-5-20250929-v1:0"
        let regional = try endpoint.user(
            "regional",
            policy: Self.modelPolicy([
                "arn:aws:bedrock:*:*:inference-profile/*", "arn:aws:bedrock:us-east-1::foundation-model/*",
            ]))
        let denied = endpoint.runtime("invoke", model: id, body: Self.greeting, as: regional)
        denied.expectRestError("AccessDeniedException", status: 403)
        #expect(
            denied.body.contains(
                "on resource: arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0"))
        let global = try endpoint.user(
            "global",
            policy: Self.modelPolicy([
                "arn:aws:bedrock:*:*:inference-profile/*", "arn:aws:bedrock:::foundation-model/*",
            ]))
        #expect(endpoint.runtime("invoke", model: id, body: Self.greeting, as: global).status == 200)
    }

    @Test("streaming operations need bedrock:InvokeModelWithResponseStream, not bedrock:InvokeModel")
    func streamAction() throws {
        let caller = try endpoint.user("invoke-only", policy: Self.modelPolicy(["*"]))
        let model = "anthropic.claude-3-haiku-20240307-v1:0"
        #expect(endpoint.runtime("invoke", model: model, body: Self.greeting, as: caller).status == 200)
        let streamed = endpoint.runtime("invoke-with-response-stream", model: model, body: Self.greeting, as: caller)
        streamed.expectRestError("AccessDeniedException", status: 403)
        #expect(
            streamed.body.contains(
                "bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:us-east-1::foundation-model/\(model)"
            ))
        let converse = endpoint.runtime(
            "converse-stream", model: model, body: #"{"messages":[{"role":"user","content":[{"text":"hi"}]}]}"#,
            as: caller)
        converse.expectRestError("AccessDeniedException", status: 403)
    }

    @Test("the connector role (AmazonBedrockFullAccess) invokes through a profile; a read-only role is denied")
    func managedPolicies() throws {
        let flow = try endpoint.connectorFlow()
        let session = try #require(endpoint.assumeConnectorRole(flow).credentials)
        let allowed = endpoint.runtime("invoke", model: Self.haikuProfile, body: Self.greeting, as: session)
        #expect(allowed.status == 200, "\(allowed)")

        try endpoint.createRole(
            "reader", trust: ConnectorFlow.trustPolicy(externalID: nil), in: ConnectorFlow.customerAccount)
        try endpoint.call(
            .iam, "AttachRolePolicy",
            ["RoleName": "reader", "PolicyArn": "arn:aws:iam::aws:policy/AmazonBedrockReadOnly"],
            as: .root(ConnectorFlow.customerAccount)
        ).succeeded("AttachRolePolicy")
        let assumed = endpoint.call(
            .sts, "AssumeRole",
            ConnectorFlow.assumeRoleParameters(externalID: nil, roleARN: "arn:aws:iam::123456789012:role/reader"),
            as: flow.connector)
        let reader = try #require(assumed.credentials, "\(assumed)")
        let denied = endpoint.runtime("invoke", model: Self.haikuProfile, body: Self.greeting, as: reader)
        denied.expectRestError(
            "AccessDeniedException", status: 403,
            message:
                "User: arn:aws:sts::123456789012:assumed-role/reader/connector-session is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1:123456789012:inference-profile/\(Self.haikuProfile) because no identity-based policy allows the bedrock:InvokeModel action"
        )
        #expect(denied.json?["Message"] != nil)
    }

    @Test("a denied caller learns nothing about the model: authorization comes before validation")
    func authorizationFirst() throws {
        let caller = try endpoint.user(
            "nothing", policy: Self.modelPolicy(["arn:aws:bedrock:us-east-1::foundation-model/other"]))
        let response = endpoint.runtime("invoke", model: "anthropic.claude-99", body: "not json", as: caller)
        response.expectRestError("AccessDeniedException", status: 403)
        #expect(response.body.contains("foundation-model/anthropic.claude-99"))
    }

    @Test("CloudTrail details: the model ID as sent, and the inference Region for profile calls")
    func trail() throws {
        let direct = ModelTarget("anthropic.claude-3-haiku-20240307-v1:0", region: "us-east-1", account: Self.account)
        #expect(direct.trail.requestParameters == ["modelId": "anthropic.claude-3-haiku-20240307-v1:0"])
        #expect(direct.trail.additionalEventData == nil)
        #expect(direct.trail.readOnly == true)
        let profile = ModelTarget(Self.haikuProfile, region: "us-east-2", account: Self.account)
        #expect(profile.trail.additionalEventData == ["inferenceRegion": "us-east-2"])
        #expect(profile.resources.count == 4)
    }
}
