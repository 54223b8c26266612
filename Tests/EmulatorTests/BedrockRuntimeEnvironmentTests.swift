import AWSWire
import PolicyEngine
import Testing

@testable import Emulator

/// What a runtime call takes from its `RequestEnvironment`: the fault-injected stream cut and the chunk delay
/// (the pipeline fills both; here the environment is built directly).
@Suite("Bedrock Runtime request environment")
struct BedrockRuntimeEnvironmentTests {
    static func environment(cutAfter: Int?, delay: Duration = .zero) -> RequestEnvironment {
        .testing(account: "123456789012", streamChunkDelay: delay, cutStreamAfterChunks: cutAfter)
    }

    static func request() -> RestRequest {
        RestRequest(
            pathParameters: ["modelId": "anthropic.claude-3-haiku-20240307-v1:0"], query: "", headers: [],
            body: Array(#"{"messages":[{"role":"user","content":[{"text":"Describe the weather on Mars"}]}]}"#.utf8))
    }

    /// Every chunk the stream yields, and how it ended.
    static func drain(_ output: OperationOutput) -> (frames: Int, end: ResponseChunk)? {
        guard case .response(let response) = output, case .stream(let stream) = response.body else { return nil }
        var frames = 0
        while true {
            let chunk = stream.next()
            guard case .data = chunk else { return (frames, chunk) }
            frames += 1
        }
    }

    @Test("cutStreamAfterChunks cuts the stream after that many frames")
    func cut() throws {
        let invocation = try Invocation(.converseStream, Self.request(), Self.environment(cutAfter: 3))
        var scripts = ScriptedResponses()
        let result = try #require(Self.drain(try invocation.output(scripts: &scripts, Self.environment(cutAfter: 3))))
        #expect(result.frames == 3 && result.end == .abort)
    }

    @Test("without a cut the same stream ends normally")
    func whole() throws {
        let invocation = try Invocation(.converseStream, Self.request(), Self.environment(cutAfter: nil))
        var scripts = ScriptedResponses()
        let result = try #require(Self.drain(try invocation.output(scripts: &scripts, Self.environment(cutAfter: nil))))
        #expect(result.frames > 3 && result.end == .end)
    }

    @Test("building the response does not wait: the delay is paid in the stream's pulls")
    func delayIsInThePull() throws {
        let environment = Self.environment(cutAfter: nil, delay: .seconds(60))
        let invocation = try Invocation(.converseStream, Self.request(), environment)
        var scripts = ScriptedResponses()
        let output = try invocation.output(scripts: &scripts, environment)
        // The first frame is never delayed; a minute-long delay before it would hang this test.
        guard case .response(let response) = output, case .stream(let stream) = response.body else {
            Issue.record("not a stream")
            return
        }
        guard case .data(let frame) = stream.next() else {
            Issue.record("no first frame")
            return
        }
        #expect(try EventStreamDecoder.decodeFrame(frame).string(":event-type") == "messageStart")
    }
}
