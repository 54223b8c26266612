import AWSWire
import Testing

@Suite("rest-json paths, JSON 1.1 targets, stream bodies, timestamps")
struct RestJSONTests {
    @Test("split on / first, then percent-decode each segment (spec 1.2 step 5)")
    func pathSegments() throws {
        let path = try RestPath(
            "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A222222222222%3Ainference-profile%2Fus.anthropic.claude-3-5-haiku-20241022-v1%3A0/invoke"
        )
        #expect(
            path.segments == [
                "model",
                "arn:aws:bedrock:us-east-1:222222222222:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0",
                "invoke",
            ])
        #expect(try RestPath("/").segments == [])
        #expect(try RestPath("").segments == [])
        #expect(try RestPath("/foundation-models").segments == ["foundation-models"])
        #expect(try RestPath("/a+b/c%20d/").segments == ["a+b", "c d", ""])
        #expect(throws: QueryDecodingError.self) { try RestPath("/model/%zz/invoke") }
        #expect(throws: QueryDecodingError.self) { try RestPath("/model/%FF/invoke") }
    }

    @Test("X-Amz-Target splits at the last dot")
    func target() throws {
        let target = try #require(JSONTarget("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents"))
        #expect(target.prefix == JSONTarget.cloudTrailPrefix)
        #expect(target.operation == "LookupEvents")
        #expect(JSONTarget("NoDot") == nil)
        #expect(JSONTarget(".Op") == nil)
        #expect(JSONTarget("prefix.") == nil)
    }

    @Test("an event-stream body yields one frame per pull, then end")
    func streamBody() throws {
        let messages: [EventStreamMessage] = [
            .event("messageStart", payload: Array(#"{"role":"assistant"}"#.utf8)),
            .event("messageStop", payload: Array(#"{"stopReason":"end_turn"}"#.utf8)),
        ]
        let response = try EventStreamBody.response(
            messages: messages, requestID: "r",
            extraHeaders: [HTTPField("X-Amzn-Bedrock-Content-Type", "application/json")])
        #expect(response.status == 200)
        #expect(response.headers.first?.value == "application/vnd.amazon.eventstream")
        guard case .stream(let stream) = response.body else {
            Issue.record("expected a stream")
            return
        }
        var decoded: [EventStreamMessage] = []
        while case .data(let frame) = stream.next() { decoded.append(try EventStreamDecoder.decodeFrame(frame)) }
        #expect(decoded == messages)
        #expect(stream.next() == .end)
    }

    @Test("JSON success envelopes")
    func successEnvelopes() {
        let empty = JSONEnvelope.json11Success(nil, requestID: "r")
        #expect(
            empty.headers == [
                HTTPField("Content-Type", "application/x-amz-json-1.1"), HTTPField("x-amzn-RequestId", "r"),
            ])
        guard case .bytes(let bytes) = empty.body else { return }
        #expect(bytes == Array("{}".utf8))
        let rest = JSONEnvelope.restJSONSuccess(["stopReason": "end_turn"], requestID: "r")
        #expect(rest.headers.first == HTTPField("Content-Type", "application/json"))
    }
}
