import AWSWire
import SigV4
import Testing

@testable import Emulator

/// Spec §6: the Bedrock control plane over the built-in model catalog, with Bedrock's validation, not-found and
/// IAM denial shapes.
@Suite("BedrockControlPlane")
struct BedrockControlPlaneTests {
    let endpoint = TestEndpoint()
    static let account = "111111111111"
    let root = Credentials.root(BedrockControlPlaneTests.account)
    static let haiku = "anthropic.claude-3-5-haiku-20241022-v1:0"
    static let haikuProfile = "us.anthropic.claude-3-5-haiku-20241022-v1:0"

    func modelIDs(_ response: TestResponse) -> [String] {
        response.json?["modelSummaries"]?.arrayValue?.compactMap { $0["modelId"]?.stringValue } ?? []
    }

    func profileIDs(_ response: TestResponse) -> [String] {
        response.json?["inferenceProfileSummaries"]?.arrayValue?.compactMap { $0["inferenceProfileId"]?.stringValue }
            ?? []
    }

    // MARK: ListFoundationModels

    @Test(
        "ListFoundationModels lists the Region's catalog models, in catalog order, with ARNs of that Region and no account"
    )
    func listsRegionModels() throws {
        for region in ["us-east-1", "ap-south-1"] {
            let response = endpoint.bedrock("/foundation-models", as: root, region: region)
            #expect(response.status == 200, "\(response)")
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.header("x-amzn-RequestId") != nil)
            let expected = ModelCatalog.shared.models(in: region).map(\.modelID)
            #expect(!expected.isEmpty)
            #expect(modelIDs(response) == expected)
            let arns = response.json?["modelSummaries"]?.arrayValue?.compactMap { $0["modelArn"]?.stringValue } ?? []
            #expect(arns == expected.map { "arn:aws:bedrock:\(region)::foundation-model/\($0)" })
        }
        // A model listed only elsewhere is absent.
        let usEast = modelIDs(endpoint.bedrock("/foundation-models", as: root))
        #expect(!usEast.contains("amazon.titan-text-lite-v1"))
    }

    @Test("a summary has exactly the members of spec §6.1, in AWS's order")
    func summaryShape() throws {
        let response = endpoint.bedrock("/foundation-models", query: "byProvider=Anthropic", as: root)
        let summaries = try #require(response.json?["modelSummaries"]?.arrayValue)
        let haiku = try #require(summaries.first { $0["modelId"]?.stringValue == Self.haiku })
        #expect(
            haiku.objectValue?.map(\.key) == [
                "modelArn", "modelId", "modelName", "providerName", "inputModalities", "outputModalities",
                "responseStreamingSupported", "customizationsSupported", "inferenceTypesSupported", "modelLifecycle",
            ])
        #expect(haiku["modelName"]?.stringValue == "Claude 3.5 Haiku")
        #expect(haiku["providerName"]?.stringValue == "Anthropic")
        #expect(haiku["responseStreamingSupported"]?.boolValue == true)
        #expect(haiku["modelLifecycle"]?["status"]?.stringValue == "ACTIVE")
    }

    struct FilterCase: Sendable, CustomTestStringConvertible {
        var query: String
        var filter: ModelCatalog.Filter
        var testDescription: String { query }
    }

    @Test(
        "each filter, alone and combined, keeps exactly the catalog's matching models",
        arguments: [
            FilterCase(query: "byProvider=anthropic", filter: .init(provider: "Anthropic")),
            FilterCase(query: "byProvider=Mistral%20AI", filter: .init(provider: "Mistral AI")),
            FilterCase(query: "byCustomizationType=FINE_TUNING", filter: .init(customizationType: .fineTuning)),
            FilterCase(query: "byOutputModality=EMBEDDING", filter: .init(outputModality: .embedding)),
            FilterCase(query: "byOutputModality=IMAGE", filter: .init(outputModality: .image)),
            FilterCase(query: "byInferenceType=ON_DEMAND", filter: .init(inferenceType: .onDemand)),
            FilterCase(query: "byInferenceType=PROVISIONED", filter: .init(inferenceType: .provisioned)),
            FilterCase(
                query: "byProvider=Anthropic&byOutputModality=TEXT&byInferenceType=ON_DEMAND",
                filter: .init(provider: "Anthropic", outputModality: .text, inferenceType: .onDemand)),
            FilterCase(query: "byProvider=Nobody", filter: .init(provider: "Nobody")),
        ])
    func filters(_ c: FilterCase) {
        let response = endpoint.bedrock("/foundation-models", query: c.query, as: root)
        #expect(response.status == 200, "\(response)")
        let all = ModelCatalog.shared.models(in: "us-east-1")
        let expected = all.filter(c.filter.matches).map(\.modelID)
        #expect(modelIDs(response) == expected)
        #expect(expected.count < all.count)
    }

    @Test("unknown query keys are ignored")
    func ignoresUnknownKeys() {
        let response = endpoint.bedrock("/foundation-models", query: "foo=bar&byprovider=%21", as: root)
        #expect(response.status == 200)
        #expect(modelIDs(response) == ModelCatalog.shared.models(in: "us-east-1").map(\.modelID))
    }

    struct InvalidCase: Sendable, CustomTestStringConvertible {
        var path: String
        var query: String
        var message: String
        var testDescription: String { "\(path)?\(query)" }
    }

    @Test(
        "a bad enum value, pattern or range is ValidationException 400 naming the member and the constraint",
        arguments: [
            InvalidCase(
                path: "/foundation-models", query: "byOutputModality=VIDEO",
                message:
                    "1 validation error detected: Value 'VIDEO' at 'byOutputModality' failed to satisfy constraint: Member must satisfy enum value set: [TEXT, IMAGE, EMBEDDING]"
            ),
            InvalidCase(
                path: "/foundation-models", query: "byInferenceType=INFERENCE_PROFILE",
                message:
                    "1 validation error detected: Value 'INFERENCE_PROFILE' at 'byInferenceType' failed to satisfy constraint: Member must satisfy enum value set: [ON_DEMAND, PROVISIONED]"
            ),
            InvalidCase(
                path: "/foundation-models", query: "byCustomizationType=fine_tuning",
                message:
                    "1 validation error detected: Value 'fine_tuning' at 'byCustomizationType' failed to satisfy constraint: Member must satisfy enum value set: [FINE_TUNING, CONTINUED_PRE_TRAINING, DISTILLATION]"
            ),
            InvalidCase(
                path: "/foundation-models", query: "byProvider=anthropic%21&byOutputModality=AUDIO",
                message:
                    "2 validation errors detected: Value 'anthropic!' at 'byProvider' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9- ]{1,63}; Value 'AUDIO' at 'byOutputModality' failed to satisfy constraint: Member must satisfy enum value set: [TEXT, IMAGE, EMBEDDING]"
            ),
            InvalidCase(
                path: "/foundation-models", query: "byProvider=",
                message:
                    "1 validation error detected: Value '' at 'byProvider' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9- ]{1,63}"
            ),
            InvalidCase(
                path: "/inference-profiles", query: "type=CUSTOM",
                message:
                    "1 validation error detected: Value 'CUSTOM' at 'typeEquals' failed to satisfy constraint: Member must satisfy enum value set: [SYSTEM_DEFINED, APPLICATION]"
            ),
            InvalidCase(
                path: "/inference-profiles", query: "maxResults=0",
                message:
                    "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"
            ),
            InvalidCase(
                path: "/inference-profiles", query: "maxResults=1001",
                message:
                    "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"
            ),
            InvalidCase(
                path: "/inference-profiles", query: "maxResults=ten",
                message:
                    "1 validation error detected: Value 'ten' at 'maxResults' failed to satisfy constraint: Member must be an integer"
            ),
            InvalidCase(
                path: "/inference-profiles", query: "nextToken=a%20b",
                message:
                    #"1 validation error detected: Value 'a b' at 'nextToken' failed to satisfy constraint: Member must satisfy regular expression pattern: \S*"#
            ),
        ])
    func invalidInput(_ c: InvalidCase) {
        let response = endpoint.bedrock(c.path, query: c.query, as: root)
        #expect(response.status == 400)
        #expect(response.header("x-amzn-ErrorType") == "ValidationException")
        #expect(response.json?["message"]?.stringValue == c.message)
    }

    // MARK: GetFoundationModel

    @Test("GetFoundationModel by ID and by ARN returns modelDetails, the same members as the summary")
    func getModel() throws {
        let listed = try #require(
            endpoint.bedrock("/foundation-models", as: root).json?["modelSummaries"]?.arrayValue?
                .first { $0["modelId"]?.stringValue == Self.haiku })
        let arn = "arn:aws:bedrock:us-east-1::foundation-model/\(Self.haiku)"
        for identifier in [Self.haiku, arn] {
            let response = endpoint.bedrock("/foundation-models/" + TestEndpoint.pathSegment(identifier), as: root)
            #expect(response.status == 200, "\(response)")
            #expect(response.json?["modelDetails"] == listed)
        }
    }

    @Test(
        "GetFoundationModel of an unknown model, a model not in the Region, or an ARN of another Region is 404",
        arguments: [
            "anthropic.claude-nope-v1:0", "amazon.titan-text-lite-v1",
            "arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0",
        ])
    func modelNotFound(_ identifier: String) {
        let response = endpoint.bedrock("/foundation-models/" + TestEndpoint.pathSegment(identifier), as: root)
        #expect(response.status == 404)
        #expect(response.header("x-amzn-ErrorType") == "ResourceNotFoundException")
        #expect(response.json?["message"]?.stringValue == "The model \(identifier) was not found.")
    }

    @Test("an identifier over 2,048 characters is ValidationException")
    func identifierTooLong() {
        let response = endpoint.bedrock("/foundation-models/" + String(repeating: "a", count: 2049), as: root)
        #expect(response.status == 400)
        #expect(response.header("x-amzn-ErrorType") == "ValidationException")
    }

    // MARK: ListInferenceProfiles

    @Test("ListInferenceProfiles lists the Region's system-defined profiles with ARNs of the caller's account")
    func listsProfiles() throws {
        let response = endpoint.bedrock("/inference-profiles", as: root)
        #expect(response.status == 200, "\(response)")
        let expected = ModelCatalog.shared.profiles(in: "us-east-1")
        #expect(profileIDs(response) == expected.map(\.profileID))
        #expect(response.json?["nextToken"] == nil)
        let summaries = try #require(response.json?["inferenceProfileSummaries"]?.arrayValue)
        let haiku = try #require(summaries.first { $0["inferenceProfileId"]?.stringValue == Self.haikuProfile })
        #expect(
            haiku["inferenceProfileArn"]?.stringValue
                == "arn:aws:bedrock:us-east-1:\(Self.account):inference-profile/\(Self.haikuProfile)")
        #expect(haiku["type"]?.stringValue == "SYSTEM_DEFINED")
        #expect(haiku["status"]?.stringValue == "ACTIVE")
        #expect(haiku["models"]?.arrayValue?.first?["modelArn"]?.stringValue?.hasPrefix("arn:aws:bedrock:") == true)
        // Timestamps are ISO 8601 with Z, fractional seconds allowed, never an offset (spec §3.3).
        let times = summaries.flatMap {
            [$0["createdAt"]?.stringValue, $0["updatedAt"]?.stringValue].compactMap { $0 }
        }
        #expect(!times.isEmpty)
        for time in times {
            let fraction = time.dropFirst(19).dropLast()
            #expect(
                AmzDate(iso8601: time.prefix(19) + "Z") != nil && time.hasSuffix("Z")
                    && (fraction.isEmpty || (fraction.first == "." && fraction.dropFirst().allSatisfy(\.isASCIIDigit))),
                "\(time)")
        }
        // eu. profiles are not offered in us-east-1, but are in eu-west-1.
        #expect(!profileIDs(response).contains { $0.hasPrefix("eu.") })
        #expect(
            profileIDs(endpoint.bedrock("/inference-profiles", as: root, region: "eu-west-1")).contains {
                $0.hasPrefix("eu.")
            })
    }

    @Test("type=SYSTEM_DEFINED lists them all; type=APPLICATION none (the emulator has no application profiles)")
    func typeFilter() {
        let all = profileIDs(endpoint.bedrock("/inference-profiles", as: root))
        #expect(profileIDs(endpoint.bedrock("/inference-profiles", query: "type=SYSTEM_DEFINED", as: root)) == all)
        let application = endpoint.bedrock("/inference-profiles", query: "type=APPLICATION", as: root)
        #expect(application.status == 200)
        #expect(application.json?["inferenceProfileSummaries"]?.arrayValue == [])
    }

    @Test("maxResults pages through every profile once, in order, with nextToken; the last page has none")
    func paging() throws {
        let all = profileIDs(endpoint.bedrock("/inference-profiles", as: root))
        var seen: [String] = []
        var token: String?
        var pages = 0
        repeat {
            var query = "maxResults=4&type=SYSTEM_DEFINED"
            if let token { query += "&nextToken=" + token }
            let page = endpoint.bedrock("/inference-profiles", query: query, as: root)
            #expect(page.status == 200, "\(page)")
            let ids = profileIDs(page)
            #expect(ids.count <= 4 && !ids.isEmpty)
            seen += ids
            token = page.json?["nextToken"]?.stringValue
            pages += 1
        } while token != nil && pages < 100
        #expect(seen == all)
        #expect(pages == (all.count + 3) / 4)
    }

    @Test(
        "a nextToken that is garbage, of another Region or filter, or past the end is ValidationException",
        arguments: ["garbage", "00", "7573", "zz"])
    func badToken(_ token: String) throws {
        let response = endpoint.bedrock("/inference-profiles", query: "nextToken=\(token)", as: root)
        #expect(response.status == 400)
        #expect(response.header("x-amzn-ErrorType") == "ValidationException")
        #expect(response.json?["message"]?.stringValue == "The provided pagination token is invalid.")
    }

    @Test("a real token is refused in another Region and under another type filter")
    func tokenBoundToListing() throws {
        let first = endpoint.bedrock("/inference-profiles", query: "maxResults=1", as: root)
        let token = try #require(first.json?["nextToken"]?.stringValue)
        let otherRegion = endpoint.bedrock(
            "/inference-profiles", query: "nextToken=\(token)", as: root, region: "us-west-2")
        #expect(otherRegion.status == 400)
        let otherType = endpoint.bedrock(
            "/inference-profiles", query: "type=SYSTEM_DEFINED&nextToken=\(token)", as: root)
        #expect(otherType.status == 400)
        let same = endpoint.bedrock("/inference-profiles", query: "nextToken=\(token)", as: root)
        #expect(same.status == 200)
        #expect(
            profileIDs(same).first == profileIDs(endpoint.bedrock("/inference-profiles", as: root)).dropFirst().first)
    }

    // MARK: GetInferenceProfile

    @Test("GetInferenceProfile by ID and by ARN returns the summary, unwrapped")
    func getProfile() throws {
        let listed = try #require(
            endpoint.bedrock("/inference-profiles", as: root).json?["inferenceProfileSummaries"]?.arrayValue?
                .first { $0["inferenceProfileId"]?.stringValue == Self.haikuProfile })
        let arn = "arn:aws:bedrock:us-east-1:\(Self.account):inference-profile/\(Self.haikuProfile)"
        for identifier in [Self.haikuProfile, arn] {
            let response = endpoint.bedrock("/inference-profiles/" + TestEndpoint.pathSegment(identifier), as: root)
            #expect(response.status == 200, "\(response)")
            #expect(response.json == listed)
        }
    }

    @Test(
        "GetInferenceProfile of an unknown profile, one not offered in the Region, or an ARN of another Region is 404",
        arguments: [
            "us.anthropic.claude-nope-v1:0", "eu.anthropic.claude-3-7-sonnet-20250219-v1:0",
            "arn:aws:bedrock:us-west-2:111111111111:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0",
            "arn:aws:bedrock:us-east-1:111111111111:application-inference-profile/abcdef012345",
        ])
    func profileNotFound(_ identifier: String) {
        let response = endpoint.bedrock("/inference-profiles/" + TestEndpoint.pathSegment(identifier), as: root)
        #expect(response.status == 404, "\(response)")
        #expect(response.header("x-amzn-ErrorType") == "ResourceNotFoundException")
        #expect(response.json?["message"]?.stringValue == "The inference profile \(identifier) was not found.")
    }

    // MARK: Authorization

    @Test(
        "a role with AmazonBedrockFullAccess or AmazonBedrockReadOnly may call all four operations",
        arguments: ["AmazonBedrockFullAccess", "AmazonBedrockReadOnly"])
    func managedPoliciesAllow(_ policy: String) throws {
        let session = try endpoint.session(withManagedPolicy: policy)
        for path in [
            "/foundation-models", "/foundation-models/" + TestEndpoint.pathSegment(Self.haiku), "/inference-profiles",
            "/inference-profiles/" + TestEndpoint.pathSegment(Self.haikuProfile),
        ] {
            let response = endpoint.bedrock(path, as: session)
            #expect(response.status == 200, "\(path): \(response)")
        }
    }

    @Test("a caller without permission gets 403 AccessDeniedException with IAM's message and no resource clause for *")
    func deniedList() throws {
        let user = try endpoint.createUser("nobody", in: Self.account)
        let response = endpoint.bedrock("/foundation-models", as: user)
        #expect(response.status == 403)
        #expect(response.header("x-amzn-ErrorType") == "AccessDeniedException")
        let arn = "arn:aws:iam::\(Self.account):user/nobody"
        #expect(
            response.json?["Message"]?.stringValue
                == "User: \(arn) is not authorized to perform: bedrock:ListFoundationModels because no identity-based policy allows the bedrock:ListFoundationModels action"
        )
    }

    @Test("Get operations are authorized on the model's and the profile's ARN, before the lookup")
    func getDeniedOnResource() throws {
        let user = try endpoint.createUser("nobody", in: Self.account)
        let arn = "arn:aws:iam::\(Self.account):user/nobody"
        let model = endpoint.bedrock("/foundation-models/" + TestEndpoint.pathSegment(Self.haiku), as: user)
        #expect(model.status == 403)
        #expect(
            model.json?["Message"]?.stringValue
                == "User: \(arn) is not authorized to perform: bedrock:GetFoundationModel on resource: arn:aws:bedrock:us-east-1::foundation-model/\(Self.haiku) because no identity-based policy allows the bedrock:GetFoundationModel action"
        )
        // Denied even for a model that does not exist: nothing leaks before authorization.
        #expect(endpoint.bedrock("/foundation-models/nope", as: user).status == 403)
        let profile = endpoint.bedrock("/inference-profiles/" + TestEndpoint.pathSegment(Self.haikuProfile), as: user)
        #expect(profile.status == 403)
        #expect(
            profile.json?["Message"]?.stringValue?.contains(
                "on resource: arn:aws:bedrock:us-east-1:\(Self.account):inference-profile/\(Self.haikuProfile)") == true
        )
        // A profile ARN of another account is that account's resource: even root is denied.
        let foreign = "arn:aws:bedrock:us-east-1:222222222222:inference-profile/\(Self.haikuProfile)"
        #expect(endpoint.bedrock("/inference-profiles/" + TestEndpoint.pathSegment(foreign), as: root).status == 403)
    }

    @Test("a policy allowing GetFoundationModel on one model's ARN allows that model only")
    func resourceScopedPolicy() throws {
        let user = try endpoint.createUser("scoped", in: Self.account)
        let document =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"bedrock:GetFoundationModel","Resource":"arn:aws:bedrock:*::foundation-model/anthropic.*"}]}"#
        try endpoint.call(
            .iam, "PutUserPolicy", ["UserName": "scoped", "PolicyName": "p", "PolicyDocument": document], as: root
        ).succeeded("PutUserPolicy")
        #expect(endpoint.bedrock("/foundation-models/" + TestEndpoint.pathSegment(Self.haiku), as: user).status == 200)
        #expect(endpoint.bedrock("/foundation-models/amazon.titan-embed-text-v2%3A0", as: user).status == 403)
    }

    // MARK: CloudTrail details

    @Test("the decoded call carries CloudTrail's requestParameters and resources")
    func trailDetails() throws {
        let operation = try #require(ServiceRegistry.operation(.bedrock, "GetFoundationModel"))
        let environment = RequestEnvironment.testing(account: Self.account)
        let request = RestRequest(pathParameters: ["modelIdentifier": Self.haiku], query: "", headers: [], body: [])
        let call = try operation.decode(.rest(request), environment)
        #expect(call.trail.requestParameters == ["modelIdentifier": .string(Self.haiku)])
        #expect(call.trail.resources.map(\.arn) == ["arn:aws:bedrock:us-east-1::foundation-model/\(Self.haiku)"])
    }
}
