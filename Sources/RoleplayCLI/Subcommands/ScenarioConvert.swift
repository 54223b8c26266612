import ArgumentParser
import Foundation
import Scenarios

extension Roleplay {
    /// `roleplay scenario convert TRANSCRIPT --out FILE.yaml`: a recorded session as a scenario file
    /// (docs/record-replay.md). Exchanges with no scenario step are named on standard error.
    struct ScenarioConvert: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "convert",
            abstract: "Turn a recorded transcript into a scenario file.")

        @Argument(help: ArgumentHelp("The transcript (from roleplay scenario record).", valueName: "transcript"))
        var transcript: String

        @Option(help: ArgumentHelp("The scenario file to write.", valueName: "file"))
        var out: String

        @Option(help: "The scenario's name (default: the transcript's file name).")
        var name: String?

        func run() throws {
            let conversion: ScenarioConversion
            do {
                let recorded = try Transcript(contentsOf: transcript)
                let source = URL(fileURLWithPath: transcript).lastPathComponent
                conversion = try ScenarioConversion(recorded, name: name ?? source, source: source)
                try Data(conversion.yaml.utf8).write(to: URL(fileURLWithPath: out))
            } catch {
                throw ValidationError("\(error)")
            }
            for left in conversion.leftOut {
                FileHandle.standardError.write(Data("\(left): no scenario step for it; left out\n".utf8))
            }
        }
    }
}
