import ArgumentParser
import Testing

@testable import RoleplayCLI

/// `roleplay serve --stream-chunk-delay`: the pause between Bedrock Runtime stream chunks.
@Suite("serve --stream-chunk-delay")
struct StreamChunkDelayTests {
    @Test("accepts milliseconds, seconds and 0", arguments: [("20ms", 20), ("1.5s", 1500), ("0", 0), ("0ms", 0)])
    func parses(_ c: (String, Int64)) throws {
        let command = try #require(try Roleplay.parseAsRoot(["serve", "--stream-chunk-delay", c.0]) as? Roleplay.Serve)
        #expect(command.streamChunkDelay.duration == .milliseconds(c.1))
    }

    @Test("defaults to no pause")
    func defaults() throws {
        let command = try #require(try Roleplay.parseAsRoot(["serve"]) as? Roleplay.Serve)
        #expect(command.streamChunkDelay.duration == .zero)
    }

    @Test("refuses other forms and pauses over a minute", arguments: ["20", "fast", "-1ms", "61s", "ms"])
    func refuses(_ text: String) {
        #expect(throws: (any Error).self) { try Roleplay.parseAsRoot(["serve", "--stream-chunk-delay", text]) }
    }
}
