import AWSWire
import ConnectorKit
import Testing

/// The two stream operations end to end: events in order, text that joins to the whole answer, and every way
/// a stream can end early reaching the consumer as a typed error.
@Suite struct BedrockRuntimeStreamTests {
    static let model = BedrockRuntimeClientTests.onDemandModel
    static let prompt = "Describe the harbour at dawn"

    let fixture: EmulatorFixture
    let runtime: BedrockRuntimeClient

    init() async throws {
        fixture = try await EmulatorFixture()
        runtime = try await fixture.runtimeClient()
    }

    @Test func converseStreamEventsJoinToTheConverseAnswer() async throws {
        let request = ConverseRequest(modelID: Self.model, messages: [.user(Self.prompt)])
        let whole = try await runtime.converse(request)
        let stream = try await runtime.converseStream(request)
        #expect(stream.requestID?.isEmpty == false)
        var events: [ConverseStreamEvent] = []
        for try await event in stream { events.append(event) }

        #expect(events.first == .messageStart(role: .assistant))
        #expect(events.dropLast().last == .messageStop(stopReason: whole.stopReason))
        #expect(events.last == .metadata(usage: whole.usage, latencyMs: whole.latencyMs))
        let deltas = events.filter { $0.text != nil }
        #expect(deltas.count > 1)
        #expect(deltas.allSatisfy { $0 == .contentBlockDelta(index: 0, text: $0.text ?? "") })
        #expect(events.compactMap(\.text).joined() == whole.outputText)
        #expect(events.contains(.contentBlockStop(index: 0)))
    }

    @Test func invokeModelStreamChunksJoinToTheInvokeModelAnswer() async throws {
        let body = BedrockRuntimeClientTests.anthropicBody(Self.prompt)
        let whole = try JSONReader().decode(try await runtime.invokeModel(modelID: Self.model, body: body).body)
        let stream = try await runtime.invokeModelWithResponseStream(modelID: Self.model, body: body)
        #expect(stream.contentType == "application/json")
        var chunks: [JSONValue] = []
        for try await chunk in stream { chunks.append(try JSONReader().decode(chunk)) }

        let types = chunks.compactMap { $0["type"]?.stringValue }
        #expect(types.first == "message_start")
        #expect(types.last == "message_stop")
        #expect(types.count == chunks.count)
        let text = chunks.compactMap { $0["delta"]?["text"]?.stringValue }.joined()
        #expect(text == whole["content"]?.arrayValue?.first?["text"]?.stringValue)
        #expect(chunks.last?["amazon-bedrock-invocationMetrics"]?["outputTokenCount"] == whole["usage"]?["output_tokens"])
    }

    @Test func aCutStreamThrowsTheConnectionLossAfterTheEventsSent() async throws {
        try fixture.admin(
            "/_roleplay/faults", #"{"service":"bedrock-runtime","operation":"ConverseStream","cut_stream_after":2}"#)
        let stream = try await runtime.converseStream(ConverseRequest(modelID: Self.model, messages: [.user(Self.prompt)]))
        var received: [ConverseStreamEvent] = []
        let error = await #expect(throws: TransportError.self) {
            for try await event in stream { received.append(event) }
        }
        #expect(error?.kind == .connectionLost)
        #expect(received.count == 2)
        #expect(received.first == .messageStart(role: .assistant))
    }

    @Test func aScriptedMidStreamErrorIsAServiceErrorWithTheExceptionCode() async throws {
        try fixture.admin(
            "/_roleplay/bedrock/responses",
            #"{"model":"*","prompt":"harbour","error":{"code":"ThrottlingException","message":"Slow down.","after_chunks":2}}"#)
        let stream = try await runtime.converseStream(ConverseRequest(modelID: Self.model, messages: [.user(Self.prompt)]))
        var received = 0
        let error = await #expect(throws: ServiceError.self) {
            for try await _ in stream { received += 1 }
        }
        #expect(received == 2)
        #expect(error?.code == "throttlingException")
        #expect(error?.message == "Slow down.")
        #expect(error?.status == 429)
        #expect(error?.operation == "ConverseStream")
        #expect(error?.requestID == stream.requestID)

        let chunks = try await runtime.invokeModelWithResponseStream(
            modelID: Self.model, body: BedrockRuntimeClientTests.anthropicBody(Self.prompt))
        let chunkError = await #expect(throws: ServiceError.self) {
            for try await _ in chunks {}
        }
        #expect(chunkError?.code == "throttlingException")
    }

    @Test func aToolCallIsDecodedWholeAndStreamed() async throws {
        try fixture.admin(
            "/_roleplay/bedrock/responses",
            #"{"model":"*","prompt":"weather","tool_use":{"name":"get_weather","input":{"city":"Lisbon"}}}"#)
        let request = ConverseRequest(modelID: Self.model, messages: [.user("What is the weather in Lisbon?")])
        let whole = try await runtime.converse(request)
        #expect(whole.stopReason == "tool_use")
        let use = try #require(
            whole.message.content.compactMap { block -> ToolUseBlock? in
                if case .toolUse(let use) = block { use } else { nil }
            }.first)
        #expect(use.name == "get_weather")
        #expect(use.input == ["city": "Lisbon"])
        #expect(!use.toolUseID.isEmpty)

        var events: [ConverseStreamEvent] = []
        for try await event in try await runtime.converseStream(request) { events.append(event) }
        let start = try #require(
            events.compactMap { event -> ToolUseStart? in
                if case .contentBlockStart(_, let start) = event { start } else { nil }
            }.first)
        #expect(start.name == "get_weather")
        let input = events.compactMap { event -> String? in
            if case .toolUseInputDelta(_, let input) = event { input } else { nil }
        }.joined()
        #expect(try JSONReader().decode(input) == use.input)
        #expect(events.contains(.messageStop(stopReason: "tool_use")))
    }

    @Test func anErrorBeforeTheStreamIsThrownByTheCall() async throws {
        let error = await #expect(throws: ServiceError.self) {
            try await runtime.converseStream(.greeting(modelID: BedrockRuntimeClientTests.profileOnlyModel))
        }
        #expect(error?.code == "ValidationException")
    }
}
