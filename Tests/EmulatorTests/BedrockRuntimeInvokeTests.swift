import AWSWire
import SigV4
import Testing

@testable import Emulator

/// Spec §7.2: InvokeModel with each family's native body, its checks, headers and deterministic answers.
@Suite("Bedrock Runtime InvokeModel")
struct BedrockRuntimeInvokeTests {
    let endpoint = TestEndpoint()
    let root = Credentials.root("123456789012")
    static let haiku = "us.anthropic.claude-3-5-haiku-20241022-v1:0"

    func anthropic(_ fields: String) -> String {
        #"{"anthropic_version":"bedrock-2023-05-31",\#(fields)}"#
    }

    @Test("Anthropic greeting through a us. profile: the captured body shape, token headers that add up")
    func anthropicGreeting() throws {
        let body =
            #"{"anthropic_version": "bedrock-2023-05-31", "max_tokens": 256, "system": "Be brief.", "messages": [{"role": "user", "content": [{"type": "text", "text": "Say hello"}]}]}"#
        let response = endpoint.runtime("invoke", model: Self.haiku, body: body, as: root)
        #expect(response.status == 200, "\(response)")
        let json = try #require(response.json)
        #expect(json["type"] == "message" && json["role"] == "assistant")
        #expect(json["model"] == "claude-3-5-haiku-20241022")
        #expect(json["content"] == [["type": "text", "text": .string(ReplyWriter.greeting)]])
        #expect(json["stop_reason"] == "end_turn" && json["stop_sequence"] == .null)
        let id = try #require(json["id"]?.stringValue)
        #expect(id.hasPrefix("msg_bdrk_") && id.count == 33)
        let input = TokenCounter.count("Be brief.") + TokenCounter.count("Say hello")
        let output = TokenCounter.count(ReplyWriter.greeting)
        #expect(json["usage"] == ["input_tokens": .int(input), "output_tokens": .int(output)])
        #expect(response.header("X-Amzn-Bedrock-Input-Token-Count") == String(input))
        #expect(response.header("X-Amzn-Bedrock-Output-Token-Count") == String(output))
        #expect(Int(response.header("X-Amzn-Bedrock-Invocation-Latency") ?? "") != nil)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.header("x-amzn-RequestId") != nil)
    }

    @Test("the same prompt and model give the same answer; another prompt another")
    func deterministic() throws {
        let ask = { (text: String) in
            self.endpoint.runtime(
                "invoke", model: Self.haiku,
                body: self.anthropic(#""max_tokens":200,"messages":[{"role":"user","content":"\#(text)"}]"#),
                as: self.root
            ).json?["content"]?.arrayValue?.first?["text"]?.stringValue
        }
        let first = try #require(ask("Describe the weather on Mars"))
        #expect(first != ReplyWriter.greeting && first.hasSuffix("."))
        #expect(ask("Describe the weather on Mars") == first)
        #expect(ask("Summarize the quarterly report") != first)
    }

    @Test("max_tokens truncates the answer and says max_tokens")
    func maxTokens() throws {
        let json = try #require(
            endpoint.runtime(
                "invoke", model: Self.haiku,
                body: anthropic(#""max_tokens":2,"messages":[{"role":"user","content":"hi"}]"#), as: root
            ).json)
        #expect(json["stop_reason"] == "max_tokens")
        #expect(json["content"]?.arrayValue?.first?["text"] == "Hello!")
        #expect(json["usage"]?["output_tokens"] == 2)
    }

    @Test("a stop sequence found in the answer ends it there")
    func stopSequence() throws {
        let json = try #require(
            endpoint.runtime(
                "invoke", model: Self.haiku,
                body: anthropic(
                    #""max_tokens":50,"stop_sequences":["How"],"messages":[{"role":"user","content":"hello"}]"#),
                as: root
            ).json)
        #expect(json["stop_reason"] == "stop_sequence" && json["stop_sequence"] == "How")
        #expect(json["content"]?.arrayValue?.first?["text"] == "Hello! ")
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        var name: String
        var body: String
        var message: String
        var testDescription: String { name }
    }

    static let malformed: [Malformed] = [
        Malformed(
            name: "max_tokens missing",
            body: #"{"anthropic_version":"bedrock-2023-05-31","messages":[{"role":"user","content":"hi"}]}"#,
            message:
                "Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again."
        ),
        Malformed(
            name: "extraneous key",
            body:
                #"{"anthropic_version":"bedrock-2023-05-31","max_tokens":5,"foo":1,"messages":[{"role":"user","content":"hi"}]}"#,
            message:
                "Malformed input request: #: extraneous key [foo] is not permitted, please reformat your input and try again."
        ),
        Malformed(
            name: "model in the body",
            body:
                #"{"anthropic_version":"bedrock-2023-05-31","max_tokens":5,"model":"x","messages":[{"role":"user","content":"hi"}]}"#,
            message:
                "Malformed input request: #: extraneous key [model] is not permitted, please reformat your input and try again."
        ),
        Malformed(
            name: "wrong type",
            body:
                #"{"anthropic_version":"bedrock-2023-05-31","max_tokens":"5","messages":[{"role":"user","content":"hi"}]}"#,
            message:
                "Malformed input request: #/max_tokens: expected type: Integer, found: String, please reformat your input and try again."
        ),
        Malformed(
            name: "bad role",
            body:
                #"{"anthropic_version":"bedrock-2023-05-31","max_tokens":5,"messages":[{"role":"system","content":"hi"}]}"#,
            message:
                "Malformed input request: #/messages/0/role: system is not a valid enum value, please reformat your input and try again."
        ),
        Malformed(
            name: "wrong version",
            body: #"{"anthropic_version":"2023-06-01","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"#,
            message:
                "Malformed input request: #/anthropic_version: 2023-06-01 is not a valid enum value, please reformat your input and try again."
        ),
        Malformed(
            name: "max_tokens zero",
            body:
                #"{"anthropic_version":"bedrock-2023-05-31","max_tokens":0,"messages":[{"role":"user","content":"hi"}]}"#,
            message:
                "Malformed input request: #/max_tokens: 0 is not greater or equal to 1, please reformat your input and try again."
        ),
        Malformed(
            name: "first turn assistant",
            body:
                #"{"anthropic_version":"bedrock-2023-05-31","max_tokens":5,"messages":[{"role":"assistant","content":"hi"}]}"#,
            message: #"messages: first message must use the "user" role"#),
        Malformed(
            name: "two user turns",
            body:
                #"{"anthropic_version":"bedrock-2023-05-31","max_tokens":5,"messages":[{"role":"user","content":"a"},{"role":"user","content":"b"}]}"#,
            message:
                #"messages: roles must alternate between "user" and "assistant", but found multiple "user" roles in a row"#
        ),
        Malformed(
            name: "not JSON", body: "{",
            message: "Malformed input request: Unexpected JSON content, please reformat your input and try again."),
    ]

    @Test("Anthropic bodies are checked with Bedrock's messages", arguments: malformed)
    func anthropicMalformed(_ c: Malformed) {
        endpoint.runtime("invoke", model: Self.haiku, body: c.body, as: root)
            .expectRestError("ValidationException", status: 400, message: c.message)
    }

    /// One family's request and where its answer text sits.
    struct Family: Sendable, CustomTestStringConvertible {
        var model: String
        var body: String
        var text: @Sendable (JSONValue) -> JSONValue?
        var reason: @Sendable (JSONValue) -> JSONValue?
        var done: JSONValue
        var testDescription: String { model }
    }

    static let families: [Family] = [
        Family(
            model: "amazon.nova-micro-v1:0",
            body:
                #"{"schemaVersion":"messages-v1","system":[{"text":"Be brief."}],"messages":[{"role":"user","content":[{"text":"hello"}]}],"inferenceConfig":{"max_new_tokens":100,"temperature":0.5}}"#,
            text: { $0["output"]?["message"]?["content"]?.arrayValue?.first?["text"] }, reason: { $0["stopReason"] },
            done: "end_turn"),
        Family(
            model: "amazon.titan-text-express-v1",
            body: #"{"inputText":"User: hello\nBot:","textGenerationConfig":{"maxTokenCount":100,"temperature":0}}"#,
            text: { $0["results"]?.arrayValue?.first?["outputText"] },
            reason: { $0["results"]?.arrayValue?.first?["completionReason"] }, done: "FINISH"),
        Family(
            model: "meta.llama3-8b-instruct-v1:0",
            body:
                #"{"prompt":"<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nhello<|eot_id|><|start_header_id|>assistant<|end_header_id|>","max_gen_len":100,"temperature":0.5,"top_p":0.9}"#,
            text: { $0["generation"] }, reason: { $0["stop_reason"] }, done: "stop"),
        Family(
            model: "mistral.mistral-7b-instruct-v0:2",
            body:
                #"{"prompt":"<s>[INST] hello [/INST]","max_tokens":100,"temperature":0.5,"top_p":0.9,"top_k":50,"stop":["END"]}"#,
            text: { $0["outputs"]?.arrayValue?.first?["text"] },
            reason: { $0["outputs"]?.arrayValue?.first?["stop_reason"] }, done: "stop"),
        Family(
            model: "cohere.command-text-v14",
            body: #"{"prompt":"hello","max_tokens":100,"temperature":0.5}"#,
            text: { $0["generations"]?.arrayValue?.first?["text"] },
            reason: { $0["generations"]?.arrayValue?.first?["finish_reason"] }, done: "COMPLETE"),
    ]

    @Test("every family answers a greeting in its own shape", arguments: families)
    func familyShapes(_ family: Family) throws {
        let response = endpoint.runtime("invoke", model: family.model, body: family.body, as: root)
        #expect(response.status == 200, "\(response)")
        let json = try #require(response.json)
        #expect(family.text(json) == .string(ReplyWriter.greeting))
        #expect(family.reason(json) == family.done)
        #expect(
            response.header("X-Amzn-Bedrock-Output-Token-Count") == String(TokenCounter.count(ReplyWriter.greeting)))
    }

    @Test("family bodies are checked against their own schema")
    func familySchemas() {
        let cases: [(String, String, String)] = [
            ("amazon.titan-text-express-v1", #"{"prompt":"x"}"#, "#: extraneous key [prompt] is not permitted"),
            ("meta.llama3-8b-instruct-v1:0", #"{"max_gen_len":5}"#, "#: required key [prompt] not found"),
            (
                "mistral.mistral-7b-instruct-v0:2", #"{"prompt":"x","temperature":2}"#,
                "#/temperature: 2 is not less or equal to 1"
            ),
            (
                "amazon.nova-micro-v1:0",
                #"{"messages":[{"role":"user","content":[{"text":"a"}]}],"inferenceConfig":{"max_new_tokens":1.5}}"#,
                "#/inferenceConfig/max_new_tokens: expected type: Integer, found: Number"
            ),
        ]
        for (model, body, violation) in cases {
            endpoint.runtime("invoke", model: model, body: body, as: root).expectRestError(
                "ValidationException", status: 400,
                message: "Malformed input request: \(violation), please reformat your input and try again.")
        }
    }

    @Test("Titan max tokens says LENGTH, Llama length")
    func lengthReasons() throws {
        let titan = try #require(
            endpoint.runtime(
                "invoke", model: "amazon.titan-text-express-v1",
                body: #"{"inputText":"hello","textGenerationConfig":{"maxTokenCount":1}}"#, as: root
            ).json)
        #expect(titan["results"]?.arrayValue?.first?["completionReason"] == "LENGTH")
        #expect(titan["results"]?.arrayValue?.first?["tokenCount"] == 1)
        let llama = try #require(
            endpoint.runtime(
                "invoke", model: "meta.llama3-8b-instruct-v1:0", body: #"{"prompt":"hello","max_gen_len":1}"#, as: root
            ).json)
        #expect(llama["stop_reason"] == "length" && llama["generation"] == "Hello")
    }

    @Test("an embedding model's body is not served, and a body over 25,000,000 bytes is refused")
    func limits() {
        endpoint.runtime("invoke", model: "amazon.titan-embed-text-v1", body: #"{"inputText":"x"}"#, as: root)
            .expectRestError("ValidationException", status: 400)
        let big = String(repeating: " ", count: Invocation.maxBodyBytes + 1)
        endpoint.runtime("invoke", model: Self.haiku, body: big, as: root).expectRestError(
            "ValidationException", status: 400)
    }

    @Test("deeply nested JSON is refused, not recursed into")
    func deepJSON() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        endpoint.runtime("invoke", model: Self.haiku, body: deep, as: root).expectRestError(
            "ValidationException", status: 400)
    }

    @Test("the tokenizer counts words and punctuation, and its prefix keeps whole tokens")
    func tokenizer() {
        #expect(TokenCounter.count("Hello! How are you?") == 6)
        #expect(TokenCounter.count("") == 0)
        #expect(TokenCounter.prefix("Hello! How are you?", tokens: 3) == "Hello! How")
        #expect(TokenCounter.prefix("héllo wörld", tokens: 1) == "héllo")
    }
}
