import AWSWire
import SigV4
import Testing

@testable import Emulator

/// Spec §7.4: Converse's shapes, checks, stop reasons and tool calls.
@Suite("Bedrock Runtime Converse")
struct BedrockRuntimeConverseTests {
    let endpoint = TestEndpoint()
    let root = Credentials.root("123456789012")
    static let haiku = "us.anthropic.claude-3-5-haiku-20241022-v1:0"

    func converse(_ body: String, model: String = haiku) -> TestResponse {
        endpoint.runtime("converse", model: model, body: body, as: root)
    }

    @Test("the captured Converse request gets the captured shape; usage adds up")
    func captured() throws {
        let response = converse(
            #"{"system": [{"text": "Be brief."}], "messages": [{"role": "user", "content": [{"text": "Say hello"}]}], "inferenceConfig": {"maxTokens": 256, "temperature": 0.2}}"#
        )
        #expect(response.status == 200, "\(response)")
        let json = try #require(response.json)
        #expect(
            json["output"] == ["message": ["role": "assistant", "content": [["text": .string(ReplyWriter.greeting)]]]])
        #expect(json["stopReason"] == "end_turn")
        let input = TokenCounter.count("Be brief.") + TokenCounter.count("Say hello")
        let output = TokenCounter.count(ReplyWriter.greeting)
        #expect(
            json["usage"] == [
                "inputTokens": .int(input), "outputTokens": .int(output), "totalTokens": .int(input + output),
            ])
        #expect(json["metrics"]?["latencyMs"]?.numberValue != nil)
        #expect(response.header("Content-Type") == "application/json")
    }

    @Test("Converse works with every text family")
    func families() {
        for model in [
            "amazon.nova-micro-v1:0", "amazon.titan-text-express-v1", "meta.llama3-8b-instruct-v1:0",
            "mistral.mistral-7b-instruct-v0:2",
        ] {
            let response = converse(#"{"messages":[{"role":"user","content":[{"text":"hi"}]}]}"#, model: model)
            #expect(response.status == 200, "\(model): \(response)")
        }
        converse(#"{"messages":[{"role":"user","content":[{"text":"hi"}]}]}"#, model: "amazon.titan-embed-text-v1")
            .expectRestError("ValidationException", status: 400)
    }

    @Test("a small maxTokens gives max_tokens; a stop sequence in the reply gives stop_sequence")
    func stopReasons() throws {
        let short = try #require(
            converse(#"{"messages":[{"role":"user","content":[{"text":"hello"}]}],"inferenceConfig":{"maxTokens":1}}"#)
                .json)
        #expect(short["stopReason"] == "max_tokens")
        #expect(short["usage"]?["outputTokens"] == 1)
        let stopped = try #require(
            converse(
                #"{"messages":[{"role":"user","content":[{"text":"hello"}]}],"inferenceConfig":{"stopSequences":["help"]}}"#
            ).json)
        #expect(stopped["stopReason"] == "stop_sequence")
        #expect(stopped["output"]?["message"]?["content"]?.arrayValue?.first?["text"] == "Hello! How can I ")
    }

    @Test("a forced tool choice calls the tool: toolUse block, tooluse_ ID, stopReason tool_use")
    func toolUse() throws {
        let json = try #require(
            converse(
                #"{"messages":[{"role":"user","content":[{"text":"weather?"}]}],"toolConfig":{"tools":[{"toolSpec":{"name":"get_weather","inputSchema":{"json":{"type":"object"}}}}],"toolChoice":{"any":{}}}}"#
            ).json)
        #expect(json["stopReason"] == "tool_use")
        let block = try #require(json["output"]?["message"]?["content"]?.arrayValue?.first?["toolUse"])
        #expect(block["name"] == "get_weather" && block["input"] == [:])
        #expect(block["toolUseId"]?.stringValue?.hasPrefix("tooluse_") == true)
    }

    @Test("a conversation with a tool result continues with text")
    func toolResult() {
        let response = converse(
            #"{"messages":[{"role":"user","content":[{"text":"weather?"}]},{"role":"assistant","content":[{"toolUse":{"toolUseId":"tooluse_1","name":"w","input":{}}}]},{"role":"user","content":[{"toolResult":{"toolUseId":"tooluse_1","content":[{"text":"sunny"}]}}]}]}"#
        )
        #expect(response.status == 200, "\(response)")
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        var name: String
        var body: String
        var message: String
        var code = "ValidationException"
        var testDescription: String { name }
    }

    static let invalid: [Invalid] = [
        Invalid(
            name: "starts with assistant", body: #"{"messages":[{"role":"assistant","content":[{"text":"a"}]}]}"#,
            message:
                "A conversation must start with a user message. Try again with a conversation that starts with a user message."
        ),
        Invalid(
            name: "two user turns",
            body: #"{"messages":[{"role":"user","content":[{"text":"a"}]},{"role":"user","content":[{"text":"b"}]}]}"#,
            message:
                "A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again."
        ),
        Invalid(
            name: "no messages", body: #"{}"#,
            message:
                "1 validation error detected: Value null at 'messages' failed to satisfy constraint: Member must not be null"
        ),
        Invalid(
            name: "bad role", body: #"{"messages":[{"role":"bot","content":[{"text":"a"}]}]}"#,
            message:
                "1 validation error detected: Value 'bot' at 'messages.1.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]"
        ),
        Invalid(
            name: "empty content", body: #"{"messages":[{"role":"user","content":[]}]}"#,
            message:
                "The content field in the Message object at messages.0 is empty. Add a ContentBlock object to the content field and try again."
        ),
        Invalid(
            name: "block with two members",
            body: #"{"messages":[{"role":"user","content":[{"text":"a","image":{}}]}]}"#,
            message:
                "1 validation error detected: Value at 'messages.1.member.content.1.member' failed to satisfy constraint: Member must have exactly one member set (found 2)"
        ),
        Invalid(
            name: "block with no member", body: #"{"messages":[{"role":"user","content":[{}]}]}"#,
            message:
                "1 validation error detected: Value at 'messages.1.member.content.1.member' failed to satisfy constraint: Member must have exactly one member set (found 0)"
        ),
        Invalid(
            name: "maxTokens zero",
            body: #"{"messages":[{"role":"user","content":[{"text":"a"}]}],"inferenceConfig":{"maxTokens":0}}"#,
            message:
                "1 validation error detected: Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1"
        ),
        Invalid(
            name: "temperature above 1",
            body: #"{"messages":[{"role":"user","content":[{"text":"a"}]}],"inferenceConfig":{"temperature":1.5}}"#,
            message:
                "1 validation error detected: Value '1.5' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1"
        ),
        Invalid(
            name: "tool name pattern",
            body:
                #"{"messages":[{"role":"user","content":[{"text":"a"}]}],"toolConfig":{"tools":[{"toolSpec":{"name":"get weather","inputSchema":{"json":{}}}}]}}"#,
            message:
                "1 validation error detected: Value 'get weather' at 'toolConfig.tools.1.member.toolSpec.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+"
        ),
        Invalid(
            name: "toolChoice with two members",
            body:
                #"{"messages":[{"role":"user","content":[{"text":"a"}]}],"toolConfig":{"tools":[{"toolSpec":{"name":"t","inputSchema":{"json":{}}}}],"toolChoice":{"auto":{},"any":{}}}}"#,
            message:
                "1 validation error detected: Value at 'toolConfig.toolChoice' failed to satisfy constraint: Member must have exactly one member set (found 2)"
        ),
        Invalid(
            name: "text of the wrong type", body: #"{"messages":[{"role":"user","content":[{"text":5}]}]}"#,
            message: "Unexpected JSON type in the request body.", code: "SerializationException"),
    ]

    @Test("invalid requests get Bedrock's messages", arguments: invalid)
    func invalidRequests(_ c: Invalid) {
        converse(c.body).expectRestError(c.code, status: 400, message: c.message)
    }
}
