import AWSWire
import SigV4
import Testing

@testable import Emulator

/// `/_roleplay/bedrock/responses`: scripted answers, their matching, counting, errors and cuts.
@Suite("Bedrock Runtime scripted answers")
struct BedrockRuntimeScriptTests {
    let endpoint = TestEndpoint()
    let root = Credentials.root("123456789012")
    static let haiku = "us.anthropic.claude-3-5-haiku-20241022-v1:0"

    func converse(_ text: String, model: String = haiku) -> TestResponse {
        endpoint.runtime(
            "converse", model: model, body: #"{"messages":[{"role":"user","content":[{"text":"\#(text)"}]}]}"#, as: root
        )
    }

    func script(_ rule: String) -> TestResponse { endpoint.admin("POST", "/bedrock/responses", body: rule) }

    func replyText(_ response: TestResponse) -> String? {
        response.json?["output"]?["message"]?["content"]?.arrayValue?.first?["text"]?.stringValue
    }

    @Test("a text rule answers matching calls; times counts them; other prompts get the default")
    func textRule() {
        #expect(
            script(#"{"model":"\#(Self.haiku)","prompt":"weather","text":"Sunny and 20 degrees.","times":2}"#).status
                == 200)
        #expect(replyText(converse("what is the weather")) == "Sunny and 20 degrees.")
        #expect(replyText(converse("hello")) == ReplyWriter.greeting)
        #expect(replyText(converse("weather again")) == "Sunny and 20 degrees.")
        #expect(replyText(converse("weather, third time")) != "Sunny and 20 degrees.")
        #expect(endpoint.admin("GET", "/bedrock/responses").json?["rules"] == [])
    }

    @Test("model matches the profile ID, the underlying model ID, or *; prompt_regex matches by pattern")
    func matching() {
        _ = script(
            #"{"model":"anthropic.claude-3-5-haiku-20241022-v1:0","prompt_regex":"^order [0-9]+$","text":"Found it."}"#)
        #expect(replyText(converse("order 42")) == "Found it.")
        #expect(replyText(converse("order 42b")) != "Found it.")
        #expect(replyText(converse("order 42", model: "amazon.nova-micro-v1:0")) != "Found it.")
        _ = script(#"{"model":"*","text":"Anything."}"#)
        #expect(replyText(converse("x", model: "amazon.nova-micro-v1:0")) == "Anything.")
    }

    @Test("a scripted tool call comes back as toolUse, in InvokeModel as Claude's tool_use")
    func toolUse() throws {
        _ = script(#"{"model":"*","tool_use":{"name":"get_weather","input":{"city":"Paris"}}}"#)
        let json = try #require(converse("weather in Paris").json)
        #expect(json["stopReason"] == "tool_use")
        #expect(json["output"]?["message"]?["content"]?.arrayValue?.first?["toolUse"]?["input"] == ["city": "Paris"])
        let native = try #require(
            endpoint.runtime(
                "invoke", model: Self.haiku,
                body:
                    #"{"anthropic_version":"bedrock-2023-05-31","max_tokens":50,"messages":[{"role":"user","content":"x"}]}"#,
                as: root
            ).json)
        let block = try #require(native["content"]?.arrayValue?.first)
        #expect(block["type"] == "tool_use" && block["name"] == "get_weather")
        #expect(block["id"]?.stringValue?.hasPrefix("toolu_bdrk_") == true)
        #expect(native["stop_reason"] == "tool_use")
    }

    @Test("a stop_reason rule changes only the reason")
    func stopReason() throws {
        _ = script(#"{"model":"*","stop_reason":"content_filtered"}"#)
        let json = try #require(converse("hello").json)
        #expect(json["stopReason"] == "content_filtered")
        #expect(replyText(converse("hello")) == ReplyWriter.greeting)
    }

    @Test("an error rule answers with that error, status and message, after authorization")
    func errorRule() {
        _ = script(
            #"{"model":"*","error":{"code":"ThrottlingException","message":"Too many requests, please wait before trying again."},"times":1}"#
        )
        converse("hi").expectRestError(
            "ThrottlingException", status: 429, message: "Too many requests, please wait before trying again.")
        #expect(converse("hi").status == 200)
        _ = script(#"{"model":"*","error":{"code":"ModelErrorException","status":424,"message":"The model failed."}}"#)
        converse("hi").expectRestError("ModelErrorException", status: 424, message: "The model failed.")
    }

    @Test("an in-stream error: N events, then an exception frame with the stream member's name")
    func inStreamError() throws {
        _ = script(#"{"model":"*","error":{"code":"ModelErrorException","message":"Boom.","after_chunks":2}}"#)
        let events = try endpoint.runtime(
            "converse-stream", model: Self.haiku, body: #"{"messages":[{"role":"user","content":[{"text":"hi"}]}]}"#,
            as: root
        ).events()
        #expect(events.count == 3)
        let last = try #require(events.last)
        #expect(last.string(":message-type") == "exception")
        #expect(last.string(":exception-type") == "modelStreamErrorException")
        #expect(last.json?["message"] == "Boom.")
        _ = endpoint.admin("DELETE", "/bedrock/responses")
        _ = script(#"{"model":"*","error":{"code":"ThrottlingException","message":"Slow down.","after_chunks":0}}"#)
        let throttled = try endpoint.runtime(
            "invoke-with-response-stream", model: Self.haiku,
            body:
                #"{"anthropic_version":"bedrock-2023-05-31","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"#,
            as: root
        ).events()
        #expect(throttled.count == 1 && throttled[0].string(":exception-type") == "throttlingException")
    }

    @Test("GET lists, DELETE clears, reset clears")
    func lifecycle() {
        _ = script(#"{"model":"*","text":"a","cut_after_chunks":3}"#)
        #expect(
            endpoint.admin("GET", "/bedrock/responses").json == [
                "rules": [["model": "*", "text": "a", "cut_after_chunks": 3]]
            ])
        _ = endpoint.admin("DELETE", "/bedrock/responses")
        #expect(endpoint.admin("GET", "/bedrock/responses").json?["rules"] == [])
        _ = script(#"{"model":"*","text":"a"}"#)
        _ = endpoint.admin("POST", "/reset")
        #expect(endpoint.admin("GET", "/bedrock/responses").json?["rules"] == [])
    }

    @Test(
        "bad rules are 400s that say what to fix",
        arguments: [
            #"[]"#, #"{"text":"a"}"#, #"{"model":"*","foo":1}"#,
            #"{"model":"*","text":"a","error":{"code":"ThrottlingException"}}"#,
            #"{"model":"*","error":{"code":"NoSuchThing"}}"#,
            #"{"model":"*","error":{"code":"ThrottlingException","status":200}}"#,
            #"{"model":"*","prompt_regex":"("}"#, #"{"model":"*","times":0}"#, #"{"model":"*","cut_after_chunks":-1}"#,
            #"{"model":"*","tool_use":{"name":"bad name"}}"#, #"{"model":"*","prompt":""}"#,
        ])
    func badRules(_ rule: String) {
        let response = script(rule)
        #expect(response.status == 400, "\(response)")
        #expect(response.json?["message"]?.stringValue?.isEmpty == false)
    }

    @Test("the rule list is bounded")
    func bounded() {
        for _ in 0..<ScriptedResponses.capacity { _ = script(#"{"model":"*","text":"a"}"#) }
        #expect(script(#"{"model":"*","text":"a"}"#).status == 400)
    }

    @Test("PUT is not allowed")
    func method() { #expect(endpoint.admin("PUT", "/bedrock/responses").status == 405) }
}
