import AWSWire
import ConnectorKit
import Testing

/// Stream decoding against hand-made bodies: frames split at every byte, decoded before the body ends, a body
/// cut inside a frame, and an unmodeled `error` message.
@Suite struct EventStreamBodyTests {
    /// Answers every request with 200 and the body the test feeds.
    struct FixedStreamTransport: Transport {
        let body: ResponseBody

        func send(_ request: TransportRequest) async throws -> TransportResponse {
            TransportResponse(
                status: 200,
                headers: [
                    HTTPField("Content-Type", "application/vnd.amazon.eventstream"), HTTPField("x-amzn-RequestId", "req-1"),
                ],
                body: body)
        }
    }

    static func runtime(_ body: ResponseBody) -> BedrockRuntimeClient {
        BedrockRuntimeClient(
            region: "us-east-1", credentials: StaticCredentialsProvider(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "x"),
            configuration: ClientConfiguration(transport: FixedStreamTransport(body: body)))
    }

    static func frame(_ type: String, _ json: String) throws -> [UInt8] {
        try EventStreamEncoder().encode(.event(type, payload: Array(json.utf8)))
    }

    static func frames() throws -> [[UInt8]] {
        [
        try frame("messageStart", #"{"role":"assistant"}"#),
        try frame("contentBlockDelta", #"{"contentBlockIndex":0,"delta":{"text":"Hi"}}"#),
        try frame("contentBlockStop", #"{"contentBlockIndex":0}"#),
        try frame("messageStop", #"{"stopReason":"end_turn"}"#),
        try frame("metadata", #"{"usage":{"inputTokens":1,"outputTokens":1,"totalTokens":2},"metrics":{"latencyMs":128}}"#),
        ]
    }

    static let request = ConverseRequest.greeting(modelID: "anthropic.claude-3-haiku-20240307-v1:0")

    @Test func framesSplitAtEveryByteDecodeTheSame() async throws {
        let bytes = try Self.frames().joined()
        let body = ResponseBody(
            AsyncThrowingStream { continuation in
                for byte in bytes { continuation.yield([byte]) }
                continuation.finish()
            })
        var events: [ConverseStreamEvent] = []
        for try await event in try await Self.runtime(body).converseStream(Self.request) { events.append(event) }
        #expect(
            events == [
                .messageStart(role: .assistant), .contentBlockDelta(index: 0, text: "Hi"), .contentBlockStop(index: 0),
                .messageStop(stopReason: "end_turn"),
                .metadata(usage: TokenUsage(inputTokens: 1, outputTokens: 1, totalTokens: 2), latencyMs: 128),
            ])
    }

    @Test(.timeLimit(.minutes(1))) func anEventArrivesBeforeTheBodyEnds() async throws {
        let (chunks, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        continuation.yield(try Self.frames()[0])
        let stream = try await Self.runtime(ResponseBody(chunks)).converseStream(Self.request)
        var iterator = stream.makeAsyncIterator()
        #expect(try await iterator.next() == .messageStart(role: .assistant))
        continuation.finish()
        #expect(try await iterator.next() == nil)
    }

    @Test func aBodyEndingInsideAFrameIsATruncatedStreamError() async throws {
        let frames = try Self.frames()
        let bytes = frames[0] + frames[1].dropLast(3)
        let stream = try await Self.runtime(ResponseBody(bytes: bytes)).converseStream(Self.request)
        var received = 0
        let error = await #expect(throws: StreamError.self) {
            for try await _ in stream { received += 1 }
        }
        #expect(received == 1)
        #expect(error?.kind == .truncated)
    }

    @Test func aCorruptFrameIsAMalformedFrameError() async throws {
        var bytes = try Self.frames()[0]
        bytes[bytes.count - 6] ^= 0xFF
        let stream = try await Self.runtime(ResponseBody(bytes: bytes)).converseStream(Self.request)
        let error = await #expect(throws: StreamError.self) {
            for try await _ in stream {}
        }
        #expect(error?.kind == .malformedFrame)
    }

    @Test func anUnmodeledErrorMessageIsAServiceError() async throws {
        let bytes = try Self.frames()[0] + (try EventStreamEncoder().encode(.error(code: "InternalFailure", message: "boom")))
        let stream = try await Self.runtime(ResponseBody(bytes: bytes)).converseStream(Self.request)
        var received = 0
        let error = await #expect(throws: ServiceError.self) {
            for try await _ in stream { received += 1 }
        }
        #expect(received == 1)
        #expect(error?.code == "InternalFailure")
        #expect(error?.message == "boom")
        #expect(error?.requestID == "req-1")
    }
}
