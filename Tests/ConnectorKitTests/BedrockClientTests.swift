import ConnectorKit
import Testing

/// The control-plane client against the emulator's catalog, as the customer's role session.
@Suite struct BedrockClientTests {
    let fixture: EmulatorFixture
    let bedrock: BedrockClient

    init() async throws {
        fixture = try await EmulatorFixture()
        bedrock = BedrockClient(
            region: EmulatorFixture.region, credentials: try await fixture.roleSessionCredentials(),
            configuration: fixture.configuration)
    }

    @Test func listsModelsAndAppliesFilters() async throws {
        let all = try await bedrock.listFoundationModels()
        #expect(all.count > 0)
        let anthropic = try await bedrock.listFoundationModels(provider: "anthropic", outputModality: "TEXT")
        #expect(!anthropic.isEmpty && anthropic.count < all.count)
        #expect(anthropic.allSatisfy { $0.providerName == "Anthropic" && $0.outputModalities.contains("TEXT") })

        let sonnet37 = try #require(anthropic.first { $0.modelID == "anthropic.claude-3-7-sonnet-20250219-v1:0" })
        #expect(sonnet37.needsInferenceProfile && !sonnet37.supportsOnDemand)
        #expect(sonnet37.modelARN == "arn:aws:bedrock:us-east-1::foundation-model/\(sonnet37.modelID)")
        #expect(sonnet37.responseStreamingSupported == true)
        let haiku3 = try #require(anthropic.first { $0.modelID == "anthropic.claude-3-haiku-20240307-v1:0" })
        #expect(haiku3.supportsOnDemand && !haiku3.needsInferenceProfile)

        let onDemand = try await bedrock.listFoundationModels(provider: "Anthropic", inferenceType: "ON_DEMAND")
        #expect(onDemand.contains(haiku3))
        #expect(!onDemand.contains { $0.needsInferenceProfile })
    }

    @Test func aBadFilterIsAValidationException() async throws {
        let error = await #expect(throws: ServiceError.self) {
            try await bedrock.listFoundationModels(outputModality: "VIDEO")
        }
        #expect(error?.code == "ValidationException")
        #expect(error?.status == 400)
    }

    @Test func getsAModelByIDAndByARN() async throws {
        let id = "anthropic.claude-3-haiku-20240307-v1:0"
        let byID = try await bedrock.getFoundationModel(id)
        #expect(byID.modelID == id)
        #expect(byID.modelName.isEmpty == false)
        #expect(byID.lifecycleStatus != nil)
        let byARN = try await bedrock.getFoundationModel(byID.modelARN)
        #expect(byARN == byID)
        let listed = try await bedrock.listFoundationModels().first { $0.modelID == id }
        #expect(listed == byID)

        let error = await #expect(throws: ServiceError.self) { try await bedrock.getFoundationModel("acme.nothing-v1:0") }
        #expect(error?.code == "ResourceNotFoundException")
        #expect(error?.status == 404)
    }

    @Test func listsProfilesThroughEveryPage() async throws {
        let onePage = try await bedrock.listInferenceProfiles()
        #expect(onePage.count > 3)
        let paged = try await bedrock.listInferenceProfiles(pageSize: 2)
        #expect(paged == onePage)
        #expect(Set(paged.map(\.id)).count == paged.count)
        let system = try await bedrock.listInferenceProfiles(type: "SYSTEM_DEFINED", pageSize: 3)
        #expect(system == onePage.filter { $0.type == "SYSTEM_DEFINED" })
        #expect(try await bedrock.listInferenceProfiles(type: "APPLICATION").isEmpty)
    }

    @Test func getsAProfileByIDAndByARN() async throws {
        let id = "us.anthropic.claude-3-7-sonnet-20250219-v1:0"
        let profile = try await bedrock.getInferenceProfile(id)
        #expect(profile.id == id)
        #expect(profile.arn == "arn:aws:bedrock:us-east-1:\(EmulatorFixture.customerAccount):inference-profile/\(id)")
        #expect(profile.status == "ACTIVE" && profile.type == "SYSTEM_DEFINED")
        #expect(profile.modelARNs.contains("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0"))
        #expect(try await bedrock.getInferenceProfile(profile.arn) == profile)
        #expect(try await bedrock.listInferenceProfiles().contains(profile))
    }
}
