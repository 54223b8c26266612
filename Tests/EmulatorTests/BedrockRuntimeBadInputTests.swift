import AWSWire
import SigV4
import TestSupport
import Testing

@testable import Emulator

/// Bedrock Runtime never traps on input: mutated bodies and odd model identifiers get a response, a success or
/// an error of the modeled kinds, and a stream that decodes.
@Suite("Bedrock Runtime bad input")
struct BedrockRuntimeBadInputTests {
    static let bodies: [(String, String, String)] = [
        ("invoke", "us.anthropic.claude-3-5-haiku-20241022-v1:0",
         #"{"anthropic_version":"bedrock-2023-05-31","max_tokens":20,"stop_sequences":["a"],"messages":[{"role":"user","content":[{"type":"text","text":"Say hello"}]},{"role":"assistant","content":"Hi"},{"role":"user","content":"more"}],"tool_choice":{"type":"tool","name":"t"}}"#),
        ("invoke-with-response-stream", "amazon.nova-micro-v1:0",
         #"{"messages":[{"role":"user","content":[{"text":"hello there"}]}],"inferenceConfig":{"max_new_tokens":3,"stopSequences":["x"]}}"#),
        ("converse", "meta.llama3-8b-instruct-v1:0",
         #"{"system":[{"text":"s"}],"messages":[{"role":"user","content":[{"text":"a b c"}]}],"inferenceConfig":{"maxTokens":2,"temperature":0.5},"toolConfig":{"tools":[{"toolSpec":{"name":"t","inputSchema":{"json":{}}}}],"toolChoice":{"auto":{}}}}"#),
        ("converse-stream", "mistral.mistral-7b-instruct-v0:2",
         #"{"messages":[{"role":"user","content":[{"text":"héllo wörld ✓"}]}]}"#),
    ]

    static let statuses: Set<Int> = [200, 400, 403]

    @Test("randomly mutated bodies get a modeled answer, and every stream decodes", arguments: 0..<Self.bodies.count)
    func mutatedBodies(_ index: Int) throws {
        let endpoint = TestEndpoint()
        let root = Credentials.root("123456789012")
        let (operation, model, body) = Self.bodies[index]
        var random = SplitMix64(seed: UInt64(index) + 1)
        for round in 0..<150 {
            var bytes = Array(body.utf8)
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let position = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[position] = Array(#"{}[]",:0-9a"\ "#.utf8).randomElement(using: &random)!
                case 1: bytes.remove(at: position)
                default: bytes = Array(bytes.prefix(position))
                }
                if bytes.isEmpty { break }
            }
            let response = endpoint.runtime(operation, model: model, body: String(decoding: bytes, as: UTF8.self), as: root)
            #expect(Self.statuses.contains(response.status), "round \(round): \(response)")
            if response.status == 200, operation.hasSuffix("stream") {
                #expect(throws: Never.self) { try response.events() }
            } else if response.status != 200 {
                #expect(response.header("x-amzn-ErrorType") != nil)
            }
        }
    }

    @Test(
        "odd model identifiers are refused, never trapped on",
        arguments: [
            ":", "arn:", "arn:aws:bedrock:::", "arn:aws:bedrock:us-east-1::foundation-model/",
            "arn:aws:bedrock:us-east-1:123:inference-profile/x", "us.", "global.", "ü", "a/b", "%00",
            String(repeating: "x", count: 2048),
        ])
    func oddIdentifiers(_ model: String) {
        let response = TestEndpoint().runtime(
            "converse", model: model, body: #"{"messages":[{"role":"user","content":[{"text":"a"}]}]}"#,
            as: .root("123456789012"))
        #expect(response.status == 400 || response.status == 403 || response.status == 404, "\(response)")
    }
}
