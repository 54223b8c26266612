import AWSWire
import ConnectorKit
import Testing

/// Whole-answer runtime calls (InvokeModel, Converse) and their refusals, as the customer's role session.
@Suite struct BedrockRuntimeClientTests {
    static let onDemandModel = "anthropic.claude-3-haiku-20240307-v1:0"
    static let profileOnlyModel = "anthropic.claude-3-7-sonnet-20250219-v1:0"

    let fixture: EmulatorFixture
    let runtime: BedrockRuntimeClient

    init() async throws {
        fixture = try await EmulatorFixture()
        runtime = try await fixture.runtimeClient()
    }

    /// An Anthropic Messages request body.
    static func anthropicBody(_ text: String, maxTokens: Int = 256) -> [UInt8] {
        JSONWriter.bytes([
            "anthropic_version": "bedrock-2023-05-31", "max_tokens": .int(maxTokens),
            "messages": [["role": "user", "content": [["type": "text", "text": .string(text)]]]],
        ])
    }

    @Test func invokeModelReturnsTheNativeBodyAndTokenCounts() async throws {
        let response = try await runtime.invokeModel(modelID: Self.onDemandModel, body: Self.anthropicBody("Say hello"))
        #expect(response.contentType.hasPrefix("application/json"))
        #expect(response.requestID?.isEmpty == false)
        let message = try JSONReader().decode(response.body)
        #expect(message["type"]?.stringValue == "message")
        #expect(message["content"]?.arrayValue?.first?["text"]?.stringValue == "Hello! How can I help you today?")
        // "Hello! How can I help you today?" is 9 tokens by the emulator's count (words and punctuation).
        #expect(response.outputTokenCount == 9)
        #expect(response.inputTokenCount == message["usage"]?["input_tokens"]?.numberValue?.int64.map { Int($0) })
        #expect((response.inputTokenCount ?? 0) > 0)
        #expect(response.invocationLatencyMs == 120 + 8 * 9)
    }

    @Test func converseAnswersAndCountsTokens() async throws {
        let response = try await runtime.converse(.greeting(modelID: Self.onDemandModel))
        #expect(response.outputText == "Hello! How can I help you today?")
        #expect(response.message.role == .assistant)
        #expect(response.stopReason == "end_turn")
        #expect(response.usage.outputTokens == 9)
        #expect(response.usage.totalTokens == response.usage.inputTokens + response.usage.outputTokens)
        #expect(response.latencyMs == 120 + 8 * 9)
        #expect(response.requestID?.isEmpty == false)
    }

    @Test func converseThroughAProfileHonoursTheInferenceConfiguration() async throws {
        let request = ConverseRequest(
            modelID: "us." + Self.profileOnlyModel, messages: [.user("Describe the harbour at dawn")],
            system: ["Be brief."], inferenceConfig: InferenceConfiguration(maxTokens: 2, temperature: 0.2))
        let response = try await runtime.converse(request)
        #expect(response.stopReason == "max_tokens")
        #expect(response.usage.outputTokens == 2)
    }

    @Test func aProfileOnlyModelCalledDirectlyIsRefused() async throws {
        let error = await #expect(throws: ServiceError.self) {
            try await runtime.converse(.greeting(modelID: Self.profileOnlyModel))
        }
        #expect(error?.code == "ValidationException")
        #expect(error?.status == 400)
        #expect(error?.message.contains("with on-demand throughput isn\u{2019}t supported") == true)
    }

    @Test func aRoleAllowedOnlyToListIsDeniedConverse() async throws {
        let listOnly = try await fixture.createRole("bedrock-list-only", allowing: ["bedrock:List*"])
        let runtime = try await fixture.runtimeClient(roleARN: listOnly)
        let error = await #expect(throws: ServiceError.self) {
            try await runtime.converse(.greeting(modelID: Self.onDemandModel))
        }
        #expect(error?.code == "AccessDeniedException")
        #expect(error?.status == 403)
        #expect(error?.message.contains("bedrock:InvokeModel") == true)
    }
}
