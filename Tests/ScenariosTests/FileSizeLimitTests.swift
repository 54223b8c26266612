import Foundation
import Scenarios
import Testing

/// Scenario files and transcripts are read with a bound, so a wrong path fails with a message instead of
/// filling memory.
@Suite struct FileSizeLimitTests {
    static let scenario =
        "name: big\nactors: {me: {root: \"123456789012\"}}\nsteps: [{call: sts.GetCallerIdentity, as: me}]\n"

    /// `scenario` padded with a YAML comment to exactly `size` bytes.
    static func write(size: Int, to path: String) throws {
        let padding = size - scenario.utf8.count - 2
        try (scenario + "#" + String(repeating: "x", count: padding) + "\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == size)
    }

    static func temporaryPath(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appending(path: "size-\(UUID().uuidString)\(suffix)").path
    }

    @Test("a scenario file of exactly the limit loads; one byte more is refused with file:1")
    func scenarioFileLimit() throws {
        let path = Self.temporaryPath(".yaml")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let loader = ScenarioLoader { _, _ in true }
        try Self.write(size: ScenarioLoader.maxFileBytes, to: path)
        #expect(try loader.load(file: path).name == "big")
        try Self.write(size: ScenarioLoader.maxFileBytes + 1, to: path)
        #expect(
            throws: ScenarioFileError(
                location: SourceLocation(file: path, line: 1), message: "the file is larger than 1048576 bytes")
        ) { try loader.load(file: path) }
    }

    @Test("a file that never ends is refused at the limit")
    func endlessFile() {
        #expect(
            throws: ScenarioFileError(
                location: SourceLocation(file: "/dev/zero", line: 1), message: "the file is larger than 1048576 bytes")
        ) { try ScenarioLoader { _, _ in true }.load(file: "/dev/zero") }
    }

    @Test("a transcript over the limit is refused before it is parsed")
    func transcriptLimit() throws {
        let path = Self.temporaryPath(".json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(count: Transcript.maxFileBytes + 1).write(to: URL(filePath: path))
        #expect {
            try Transcript(contentsOf: path)
        } throws: { error in
            (error as? Transcript.Invalid)?.reason == "the file is larger than \(Transcript.maxFileBytes) bytes"
        }
    }
}
