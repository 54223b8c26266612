import ArgumentParser

extension Roleplay {
    /// `roleplay connector …`: the SaaS side of the AssumeRole + External ID set-up, and the end-to-end check of
    /// a finished connection (ConnectorKit's `ConnectionCheck`), against AWS or `roleplay serve`.
    struct Connector: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set up an AssumeRole + External ID connector and check a finished connection.",
            subcommands: [Init.self, Check.self]
        )
    }
}
