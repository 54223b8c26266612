public import ArgumentParser

/// The `roleplay` command line: the emulator and every tool around it.
///
/// Each subcommand lives in its own file under `Subcommands/` as `extension Roleplay { struct … }`.
public struct Roleplay: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "roleplay",
        abstract: "Offline AWS emulator for AssumeRole + External ID connectors, and its conformance tools.",
        subcommands: [Serve.self, Sign.self, Verify.self, Vectors.self, Policy.self, Bench.self, Connector.self, ScenarioCommands.self, Soak.self]
    )

    /// The release this build belongs to (shown by `GET /_roleplay/health`).
    static let version = "0.4.0-dev"

    public init() {}
}
