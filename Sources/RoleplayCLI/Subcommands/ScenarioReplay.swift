import ArgumentParser
import ConnectorKit
import Foundation
import Scenarios

extension Roleplay {
    /// `roleplay scenario replay FILE --endpoint URL`: re-sends a transcript and prints how the answers differ
    /// (docs/record-replay.md). Exit 0 when nothing differs, 1 when something does, 2 when the file is unusable.
    struct ScenarioReplay: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "replay",
            abstract: "Re-send a recorded transcript to an endpoint and diff the answers field by field.")

        @Argument(help: ArgumentHelp("The transcript (from roleplay scenario record).", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("Where to send it, e.g. roleplay serve's URL.", valueName: "url"))
        var endpoint: String

        func run() throws {
            let transcript: Transcript
            let endpoints: EndpointResolver
            do {
                transcript = try Transcript(contentsOf: file)
                endpoints = try .custom(endpoint)
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode(2)
            }
            let differences = AsyncBridge.wait { await Replayer(endpoints: endpoints).replay(transcript) }
            for difference in differences { print(difference) }
            let count = transcript.exchanges.count
            if differences.isEmpty {
                print("replayed \(count) exchanges: no difference")
            } else {
                print("replayed \(count) exchanges: \(differences.count) differences")
                throw ExitCode(1)
            }
        }
    }
}
