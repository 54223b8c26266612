import Yams

/// Turns the root node of one file into a ``Scenario``, checking everything a run would otherwise trip over:
/// keys, accounts, actors, operations, paths, durations and the order in which `${…}` variables are saved.
struct ScenarioReader {
    let nodes: NodeReader
    let knownOperation: @Sendable (_ service: String, _ operation: String) -> Bool
    /// Alias → account ID, once read.
    var accounts: [String: String] = [:]
    var actors: [String: ActorDeclaration] = [:]
    var actorOrder: [String] = []
    /// The variables the steps read so far save: a later step may use them.
    var saved: Set<String> = []

    init(file: String, knownOperation: @escaping @Sendable (_ service: String, _ operation: String) -> Bool) {
        nodes = NodeReader(file: file)
        self.knownOperation = knownOperation
    }

    mutating func read(_ root: Node) throws(ScenarioFileError) -> Scenario {
        let fields = try nodes.fields(root, allowed: ScenarioKeys.scenario, context: "the scenario")
        var scenario = Scenario(name: try nodes.text(fields.required("name", reader: nodes), "name"), file: nodes.file)
        if let node = fields["description"] { scenario.description = try nodes.text(node, "description") }
        if let node = fields["seed"] { scenario.seed = try seed(node) }
        if let node = fields["region"] { scenario.region = try nodes.text(node, "region") }
        if let node = fields["emulator"] { scenario.emulator = try emulatorSettings(node) }
        if let node = fields["accounts"] { try readAccounts(node) }
        if let node = fields["actors"] { try readActors(node) }
        scenario.steps = try readSteps(fields.required("steps", reader: nodes))
        try checkActorVariablesAreSaved()
        scenario.accounts = accounts
        scenario.actors = actors.mapValues(\.spec)
        scenario.actorOrder = actorOrder
        return scenario
    }

    private func seed(_ node: Node) throws(ScenarioFileError) -> UInt64 {
        guard case .scalar(let scalar) = node, NodeReader.tag(of: node) == .int, let seed = UInt64(scalar.string) else {
            throw nodes.error(node, "seed must be a non-negative integer")
        }
        return seed
    }

    private func emulatorSettings(_ node: Node) throws(ScenarioFileError) -> EmulatorSettings {
        let fields = try nodes.fields(node, allowed: ScenarioKeys.emulator, context: "emulator")
        var settings = EmulatorSettings()
        if let node = fields["cloudTrailLag"] {
            settings.cloudTrailLagSeconds = try nodes.seconds(node, "cloudTrailLag", limit: NodeReader.maxLagSeconds)
        }
        if let node = fields["roleLastUsedLag"] {
            settings.roleLastUsedLagSeconds = try nodes.seconds(
                node, "roleLastUsedLag", limit: NodeReader.maxLagSeconds)
        }
        if let node = fields["streamChunkDelay"] {
            settings.streamChunkDelayMilliseconds = try nodes.milliseconds(node, "streamChunkDelay")
        }
        return settings
    }

    private mutating func readAccounts(_ node: Node) throws(ScenarioFileError) {
        for entry in try nodes.pairs(node, context: "accounts") {
            let id = try nodes.text(entry.value, "account \(entry.key)")
            guard Scenario.isAccountID(id) else {
                throw nodes.error(entry.value, "account \(entry.key) must be a 12-digit account ID, not \(id)")
            }
            accounts[entry.key] = id
        }
    }

    /// The 12-digit ID an account field names, by alias or as an ID.
    func account(_ node: Node, _ what: String) throws(ScenarioFileError) -> String {
        let text = try nodes.text(node, what)
        if Scenario.isAccountID(text) { return text }
        guard let id = accounts[text] else {
            throw nodes.error(node, "unknown account \(text) (declare it under accounts, or give a 12-digit ID)")
        }
        return id
    }
}
