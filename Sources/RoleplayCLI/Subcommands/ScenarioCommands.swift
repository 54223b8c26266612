import ArgumentParser

extension Roleplay {
    /// `roleplay scenario …`: scenario scripts (docs/scenarios.md) that replay the connector flow, in process or
    /// against an endpoint.
    struct ScenarioCommands: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scenario",
            abstract: "Run scenario scripts that replay the connector flow.",
            subcommands: [ScenarioRun.self, ScenarioRecord.self, ScenarioReplay.self, ScenarioConvert.self]
        )
    }
}
