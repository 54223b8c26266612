import AWSWire
import SigV4
import Testing

@testable import Emulator

/// Spec §7.3, §7.5, §7.6: both streaming operations, decoded frame by frame with AWSWire's decoder (which
/// checks both CRCs), their headers and event order.
@Suite("Bedrock Runtime streams")
struct BedrockRuntimeStreamTests {
    let endpoint = TestEndpoint()
    let root = Credentials.root("123456789012")
    static let haiku = "us.anthropic.claude-3-5-haiku-20241022-v1:0"
    static let question = "Describe the weather on Mars in detail"

    @Test("ConverseStream: messageStart, text deltas, contentBlockStop, messageStop, metadata; no start for text")
    func converseStream() throws {
        let response = endpoint.runtime(
            "converse-stream", model: Self.haiku,
            body: #"{"messages":[{"role":"user","content":[{"text":"\#(Self.question)"}]}]}"#, as: root)
        #expect(response.status == 200, "\(response)")
        #expect(response.header("Content-Type") == "application/vnd.amazon.eventstream")
        let events = try response.events()
        for event in events {
            #expect(event.string(":message-type") == "event" && event.string(":content-type") == "application/json")
            #expect(event.headers.map(\.name) == [":event-type", ":content-type", ":message-type"])
        }
        let types = events.map { $0.string(":event-type") ?? "" }
        #expect(types.first == "messageStart" && types.suffix(3) == ["contentBlockStop", "messageStop", "metadata"])
        let deltas = events.filter { $0.string(":event-type") == "contentBlockDelta" }
        #expect(deltas.count > 1)
        #expect(!types.contains("contentBlockStart"))
        let text = deltas.compactMap { $0.json?["delta"]?["text"]?.stringValue }.joined()
        #expect(text == ReplyWriter.text(for: Self.question, modelID: "anthropic.claude-3-5-haiku-20241022-v1:0"))
        let metadata = try #require(events.last?.json)
        let output = TokenCounter.count(text)
        #expect(metadata["usage"]?["outputTokens"] == .int(output))
        #expect(metadata["usage"]?["totalTokens"] == .int(TokenCounter.count(Self.question) + output))
        #expect(events[events.count - 2].json == ["stopReason": "end_turn"])
    }

    @Test("ConverseStream tool call: contentBlockStart with toolUseId and name, input delta as JSON text")
    func converseStreamTool() throws {
        let events = try endpoint.runtime(
            "converse-stream", model: Self.haiku,
            body:
                #"{"messages":[{"role":"user","content":[{"text":"x"}]}],"toolConfig":{"tools":[{"toolSpec":{"name":"lookup","inputSchema":{"json":{}}}}],"toolChoice":{"tool":{"name":"lookup"}}}}"#,
            as: root
        ).events()
        #expect(
            events.map { $0.string(":event-type") ?? "" } == [
                "messageStart", "contentBlockStart", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata",
            ])
        let start = try #require(events[1].json)
        #expect(start["contentBlockIndex"] == 0 && start["start"]?["toolUse"]?["name"] == "lookup")
        #expect(start["start"]?["toolUse"]?["toolUseId"]?.stringValue?.hasPrefix("tooluse_") == true)
        #expect(events[2].json?["delta"]?["toolUse"]?["input"] == "{}")
        #expect(events[4].json == ["stopReason": "tool_use"])
    }

    @Test("InvokeModelWithResponseStream (Anthropic): chunk events whose base64 bytes hold Claude's stream events")
    func invokeStream() throws {
        let body =
            #"{"anthropic_version":"bedrock-2023-05-31","max_tokens":200,"messages":[{"role":"user","content":"\#(Self.question)"}]}"#
        let response = endpoint.runtime("invoke-with-response-stream", model: Self.haiku, body: body, as: root)
        #expect(response.status == 200, "\(response)")
        #expect(response.header("Content-Type") == "application/vnd.amazon.eventstream")
        #expect(response.header("X-Amzn-Bedrock-Content-Type") == "application/json")
        let events = try response.events()
        #expect(events.allSatisfy { $0.string(":event-type") == "chunk" && $0.string(":message-type") == "event" })
        let chunks = events.compactMap(\.chunk)
        #expect(chunks.count == events.count)
        let kinds = chunks.compactMap { $0["type"]?.stringValue }
        #expect(kinds.first == "message_start" && kinds[1] == "content_block_start")
        #expect(kinds.suffix(3) == ["content_block_stop", "message_delta", "message_stop"])
        let text = chunks.filter { $0["type"] == "content_block_delta" }.compactMap {
            $0["delta"]?["text"]?.stringValue
        }.joined()
        let output = TokenCounter.count(text)
        #expect(output > 0)
        let metrics = try #require(chunks.last?["amazon-bedrock-invocationMetrics"])
        #expect(metrics["inputTokenCount"] == .int(TokenCounter.count(Self.question)))
        #expect(metrics["outputTokenCount"] == .int(output))
        #expect(chunks[chunks.count - 2]["usage"]?["output_tokens"] == .int(output))
    }

    /// One family's stream, and how to read text and the final reason from its chunks.
    struct Family: Sendable, CustomTestStringConvertible {
        var model: String
        var body: String
        var text: @Sendable (JSONValue) -> String?
        var testDescription: String { model }
    }

    static let families: [Family] = [
        Family(
            model: "amazon.nova-micro-v1:0",
            body: #"{"messages":[{"role":"user","content":[{"text":"\#(question)"}]}]}"#,
            text: { $0["contentBlockDelta"]?["delta"]?["text"]?.stringValue }),
        Family(
            model: "amazon.titan-text-express-v1", body: #"{"inputText":"\#(question)"}"#,
            text: { $0["outputText"]?.stringValue }),
        Family(
            model: "meta.llama3-8b-instruct-v1:0", body: #"{"prompt":"\#(question)"}"#,
            text: { $0["generation"]?.stringValue }),
        Family(
            model: "mistral.mistral-7b-instruct-v0:2", body: #"{"prompt":"\#(question)"}"#,
            text: { $0["outputs"]?.arrayValue?.first?["text"]?.stringValue }),
        Family(
            model: "cohere.command-text-v14", body: #"{"prompt":"\#(question)"}"#,
            text: { $0["is_finished"] == false ? $0["text"]?.stringValue : nil }),
    ]

    @Test("every family streams its own chunk shape; the pieces join to the whole answer", arguments: families)
    func familyStreams(_ family: Family) throws {
        let response = endpoint.runtime("invoke-with-response-stream", model: family.model, body: family.body, as: root)
        #expect(response.status == 200, "\(response)")
        let chunks = try response.events().compactMap(\.chunk)
        #expect(chunks.count > 2)
        let whole = endpoint.runtime("invoke", model: family.model, body: family.body, as: root)
        let expected = ReplyWriter.text(for: Self.question, modelID: family.model)
        #expect(chunks.compactMap(family.text).joined() == expected)
        #expect(whole.header("X-Amzn-Bedrock-Output-Token-Count") == String(TokenCounter.count(expected)))
        #expect(
            chunks.last?["amazon-bedrock-invocationMetrics"]?["outputTokenCount"] == .int(TokenCounter.count(expected)))
    }

    @Test("a model without streaming refuses the stream operation before any stream starts")
    func noStreaming() {
        endpoint.runtime(
            "invoke-with-response-stream", model: "amazon.titan-embed-image-v1", body: #"{"inputText":"x"}"#, as: root
        )
        .expectRestError("ValidationException", status: 400, message: "The model is unsupported for streaming.")
    }

    @Test("a scripted cut ends the body with .abort after N frames")
    func cut() throws {
        _ = endpoint.admin("POST", "/bedrock/responses", body: #"{"model":"*","cut_after_chunks":2}"#)
        let response = endpoint.emulator.handle(
            endpoint.runtimeRequest(
                "converse-stream", model: Self.haiku,
                body: #"{"messages":[{"role":"user","content":[{"text":"hi"}]}]}"#, as: root))
        guard case .stream(let stream) = response.body else {
            Issue.record("not a stream")
            return
        }
        var frames: [[UInt8]] = []
        var last = stream.next()
        while case .data(let bytes) = last {
            frames.append(bytes)
            last = stream.next()
        }
        #expect(frames.count == 2)
        #expect(last == .abort)
        #expect(try EventStreamDecoder.decodeAll(frames.flatMap { $0 }).first?.string(":event-type") == "messageStart")
    }

    @Test("the paced stream stops after the cut even when it has more frames, and ends normally without one")
    func pacedStream() {
        let messages = (0..<3).map { EventStreamMessage.event("chunk", payload: Array("{\"n\":\($0)}".utf8)) }
        let whole = PacedEventStream(messages: messages, delay: .zero, cutAfter: nil)
        var count = 0
        while case .data = whole.next() { count += 1 }
        #expect(count == 3 && whole.next() == .end)
        let cut = PacedEventStream(messages: messages, delay: .milliseconds(1), cutAfter: 1)
        #expect(cut.next() != .abort && cut.next() == .abort)
    }
}
