import Foundation
import TestSupport
import Testing

@testable import Emulator

/// The Bedrock catalog is data with sources; these tests keep it coherent (every profile routes to a model
/// the catalog lists where the profile sends it) and check the catalog built into the binary is models.json.
@Suite("Bedrock model catalog")
struct ModelCatalogTests {
    static let catalogPath = "Sources/Emulator/Services/Bedrock/Catalog/models.json"

    /// Parsed through the throwing initializer, so a malformed file fails here with its reason.
    static func catalog() throws -> ModelCatalog {
        let text = try String(contentsOf: RepositoryFiles.url(catalogPath), encoding: .utf8)
        do throws(ModelCatalogError) {
            return try ModelCatalog(json: text)
        } catch {
            Issue.record("catalog rejected: \(error.message)")
            throw error
        }
    }

    @Test("the catalog built into the binary is models.json, byte for byte")
    func embeddedCopyMatchesFile() throws {
        let file = try Data(contentsOf: RepositoryFiles.url(Self.catalogPath))
        #expect(Array(file) == PackageResources.models_json)
        #expect(ModelCatalog.shared.models.map(\.modelID) == (try Self.catalog()).models.map(\.modelID))
    }

    @Test("the catalog parses, with models of every main provider and profiles of every geography")
    func parses() throws {
        let catalog = try Self.catalog()
        #expect(catalog.models.count >= 25)
        #expect(catalog.profiles.count >= 15)
        let providers = Set(catalog.models.map(\.providerName))
        #expect(providers.isSuperset(of: ["Anthropic", "Amazon", "Meta", "Mistral AI", "Cohere"]))
        #expect(Set(catalog.profiles.map(\.geography)) == ["us", "eu", "apac", "global"])
        #expect(catalog.profiles.allSatisfy { $0.status == "ACTIVE" && $0.type == "SYSTEM_DEFINED" })
        #expect(catalog.profiles.allSatisfy { !$0.modelARNs.isEmpty })
    }

    @Test("every profile routes to its own model, listed in each destination Region")
    func profilesRouteToCatalogModels() throws {
        let catalog = try Self.catalog()
        for profile in catalog.profiles {
            let model = try #require(catalog.model(id: profile.modelID), "\(profile.profileID)")
            for region in profile.destinationRegions {
                #expect(model.isAvailable(in: region), "\(profile.profileID) → \(region)")
                #expect(catalog.model(arn: model.arn(region: region))?.model == model)
            }
        }
    }

    @Test("every entry names sources the catalog lists")
    func entriesNameListedSources() throws {
        let catalog = try Self.catalog()
        let listed = Set(catalog.sources.map(\.id))
        #expect(listed.count == catalog.sources.count)
        let cited = catalog.models.map(\.sources) + catalog.profiles.map(\.sources)
        #expect(cited.allSatisfy { !$0.isEmpty && listed.isSuperset(of: $0) })
        #expect(Set(cited.joined()) == listed, "every listed source is cited")
    }

    /// Catalogs that break one rule each, with words the rejection must contain.
    static let incoherentCatalogs: [(String, String)] = [
        ("duplicate model ID", #"{"sources":[{"id":"s","reference":"r"}],"models":[\#(modelJSON),\#(modelJSON)],"inferenceProfiles":[]}"#),
        ("cites unknown source s", #"{"sources":[{"id":"t","reference":"r"}],"models":[\#(modelJSON)],"inferenceProfiles":[]}"#),
        ("which is not in the catalog", #"{"sources":[{"id":"s","reference":"r"}],"models":[],"inferenceProfiles":[\#(profileJSON)]}"#),
        ("unknown outputModalities value SMELL", #"{"sources":[{"id":"s","reference":"r"}],"models":[\#(smellModelJSON)],"inferenceProfiles":[]}"#),
    ]

    @Test("duplicate IDs, unknown sources, dangling profiles and unknown enum values are rejected",
        arguments: incoherentCatalogs)
    func rejectsIncoherentCatalogs(reason: String, json: String) {
        let error = #expect(throws: ModelCatalogError.self) { try ModelCatalog(json: json) }
        #expect(error?.message.contains(reason) == true, "\(error?.message ?? "accepted")")
    }

    static let modelJSON = #"""
        {"modelId":"m.x-v1:0","modelName":"X","providerName":"P","inputModalities":["TEXT"],"outputModalities":["EMBEDDING"],\#
        "responseStreamingSupported":false,"customizationsSupported":[],"inferenceTypesSupported":["ON_DEMAND"],\#
        "modelLifecycle":{"status":"ACTIVE"},"regions":["us-east-1"],"source":["s"]}
        """#
    static let profileJSON = #"""
        {"inferenceProfileId":"us.m.x-v1:0","inferenceProfileName":"US X","description":"d","status":"ACTIVE",\#
        "type":"SYSTEM_DEFINED","models":["arn:aws:bedrock:us-east-1::foundation-model/m.x-v1:0"],"source":["s"]}
        """#
    static let smellModelJSON = modelJSON.replacingOccurrences(of: "EMBEDDING", with: "SMELL")

    @Test("the spec's example IDs are present: Claude 3.5 Haiku is profile-only and us. routes to three Regions")
    func specExamples() throws {
        let catalog = try Self.catalog()
        let haiku = try #require(catalog.model(id: "anthropic.claude-3-5-haiku-20241022-v1:0"))
        #expect(haiku.name == "Claude 3.5 Haiku" && haiku.providerName == "Anthropic")
        #expect(haiku.inferenceTypesSupported == [.inferenceProfile] && haiku.requiresInferenceProfile)
        #expect(haiku.inputModalities == [.text] && haiku.outputModalities == [.text] && haiku.responseStreamingSupported)
        #expect(haiku.lifecycleStatus == .active)
        let profile = try #require(catalog.profile(id: "us.anthropic.claude-3-5-haiku-20241022-v1:0"))
        #expect(Set(profile.destinationRegions) == ["us-east-1", "us-east-2", "us-west-2"])
        #expect(profile.name == "US Anthropic Claude 3.5 Haiku")
        #expect(catalog.profile(id: "global.anthropic.claude-sonnet-4-5-20250929-v1:0")?.isGlobal == true)
    }

    @Test("newer Anthropic models are INFERENCE_PROFILE-only; Claude 3 Haiku is on demand")
    func profileOnlyAnthropicModels() throws {
        let catalog = try Self.catalog()
        let anthropic = catalog.models.filter { $0.providerName == "Anthropic" }
        let profileOnly = Set(anthropic.filter(\.requiresInferenceProfile).map(\.modelID))
        #expect(profileOnly.isSuperset(of: [
            "anthropic.claude-3-7-sonnet-20250219-v1:0", "anthropic.claude-sonnet-4-20250514-v1:0",
            "anthropic.claude-sonnet-4-5-20250929-v1:0",
        ]))
        #expect(catalog.model(id: "anthropic.claude-3-haiku-20240307-v1:0")?.requiresInferenceProfile == false)
        #expect(catalog.model(id: "amazon.nova-premier-v1:0")?.requiresInferenceProfile == true)
    }

    @Test("ARNs resolve: foundation models by Region, profiles by Region and account")
    func arnLookups() throws {
        let catalog = try Self.catalog()
        let id = "anthropic.claude-3-5-haiku-20241022-v1:0"
        #expect(catalog.model(arn: "arn:aws:bedrock:us-east-2::foundation-model/\(id)")?.region == "us-east-2")
        #expect(catalog.model(arn: "arn:aws:bedrock:eu-west-1::foundation-model/\(id)") == nil, "not listed there")
        #expect(catalog.model(arn: "arn:aws:bedrock:us-east-1:111111111111:foundation-model/\(id)") == nil)
        #expect(catalog.model(identifier: id, region: "us-west-2")?.modelID == id)
        #expect(catalog.model(identifier: "arn:aws:bedrock:us-west-2::foundation-model/\(id)", region: "us-east-1") == nil)
        #expect(catalog.model(identifier: "anthropic.claude-nonexistent-v1:0", region: "us-east-1") == nil)

        let profileARN = "arn:aws:bedrock:us-east-1:222222222222:inference-profile/us.\(id)"
        let found = try #require(catalog.profile(arn: profileARN))
        #expect(found.profile.profileID == "us.\(id)" && found.region == "us-east-1" && found.account == "222222222222")
        #expect(found.profile.arn(region: "us-east-1", account: "222222222222") == profileARN)
        #expect(catalog.profile(arn: "arn:aws:bedrock:eu-west-1:222222222222:inference-profile/us.\(id)") == nil)
        #expect(catalog.profile(arn: "arn:aws:bedrock:us-east-1:222222222222:application-inference-profile/abc") == nil)
        let global = "arn:aws:bedrock:sa-east-1:222222222222:inference-profile/global.anthropic.claude-haiku-4-5-20251001-v1:0"
        #expect(catalog.profile(arn: global)?.profile.isGlobal == true)
    }

    @Test("ListFoundationModels filters: provider ignores case, the rest test membership, all must hold")
    func filters() throws {
        let catalog = try Self.catalog()
        let region = "us-east-1"
        let all = catalog.models(in: region)
        #expect(all.allSatisfy { $0.isAvailable(in: region) } && !all.isEmpty)
        #expect(catalog.models(in: "xx-nowhere-1").isEmpty)

        let anthropic = catalog.models(in: region, matching: .init(provider: "aNtHrOpIc"))
        #expect(!anthropic.isEmpty && anthropic.allSatisfy { $0.providerName == "Anthropic" })
        #expect(anthropic.count == all.filter { $0.providerName == "Anthropic" }.count)

        let embeddings = catalog.models(in: region, matching: .init(outputModality: .embedding))
        #expect(!embeddings.isEmpty && embeddings.allSatisfy { $0.outputModalities.contains(.embedding) })

        let onDemand = catalog.models(in: region, matching: .init(inferenceType: .onDemand))
        #expect(!onDemand.isEmpty && !onDemand.contains { $0.modelID == "anthropic.claude-3-5-haiku-20241022-v1:0" })

        let fineTunable = catalog.models(in: region, matching: .init(customizationType: .fineTuning))
        #expect(fineTunable.map(\.modelID) == ["amazon.titan-tg1-large"])

        let anthropicText = catalog.models(
            in: region, matching: .init(provider: "Anthropic", outputModality: .text, inferenceType: .onDemand))
        #expect(anthropicText.allSatisfy { $0.providerName == "Anthropic" && $0.inferenceTypesSupported.contains(.onDemand) })
        #expect(catalog.models(in: region, matching: .init(provider: "Anthropic", outputModality: .embedding)).isEmpty)
    }

    @Test("profiles are offered in their own Regions, global ones everywhere")
    func profileAvailability() throws {
        let catalog = try Self.catalog()
        let frankfurt = Set(catalog.profiles(in: "eu-central-1").map(\.geography))
        #expect(frankfurt == ["eu", "global"])
        let tokyo = catalog.profiles(in: "ap-northeast-1")
        #expect(tokyo.contains { $0.profileID == "apac.amazon.nova-micro-v1:0" })
        #expect(!tokyo.contains { $0.geography == "us" || $0.geography == "eu" })
    }
}
