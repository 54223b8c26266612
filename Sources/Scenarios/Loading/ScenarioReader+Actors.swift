import AWSWire
import Yams

extension ScenarioReader {
    mutating func readActors(_ node: Node) throws(ScenarioFileError) {
        let entries = try nodes.pairs(node, context: "actors")
        actorOrder = entries.map(\.key)
        for entry in entries {
            actors[entry.key] = try declaration(entry)
        }
        for name in actorOrder { try checkAssumeChain(from: name) }
    }

    private func declaration(_ entry: Fields.Entry) throws(ScenarioFileError) -> ActorDeclaration {
        let name = entry.key
        let context = "actor \(name)"
        let formKeys = ScenarioKeys.actorForms.map(\.form)
        let present = try nodes.pairs(entry.value, context: context).filter { formKeys.contains($0.key) }
        guard let form = present.first else {
            throw nodes.error(entry.value, "\(context) needs one of \(formKeys.joined(separator: ", "))")
        }
        guard present.count == 1 else {
            throw nodes.error(present[1].keyNode, "\(context) has both \(form.key) and \(present[1].key)")
        }
        let allowed = ScenarioKeys.actorForms.first { $0.form == form.key }?.keys ?? []
        let fields = try nodes.fields(entry.value, allowed: allowed, context: context)
        switch form.key {
        case "root":
            let account = try account(form.value, "\(context)'s root account")
            return ActorDeclaration(spec: .root(account: account), node: entry.keyNode, references: [], assumer: nil)
        case "user":
            let user = try nodes.text(form.value, "\(context)'s user name")
            let account = try account(fields.required("account", reader: nodes), "\(context)'s account")
            var allow: [String] = []
            if let node = fields["allow"] {
                for action in try nodes.sequence(node, "\(context)'s allow") {
                    allow.append(try nodes.text(action, "an action in \(context)'s allow"))
                }
            }
            return ActorDeclaration(
                spec: .user(name: user, account: account, allow: allow), node: entry.keyNode, references: [],
                assumer: nil)
        case "assume":
            return try assumedRole(name: name, entry: entry, node: form.value)
        case "keys":
            let keys = try nodes.fields(form.value, allowed: ScenarioKeys.keys, context: "\(context)'s keys")
            let spec = ActorSpec.keys(
                accessKeyID: try nodes.text(keys.required("accessKeyId", reader: nodes), "accessKeyId"),
                secretAccessKey: try nodes.text(keys.required("secretAccessKey", reader: nodes), "secretAccessKey"),
                sessionToken: try keys["sessionToken"].map { node throws(ScenarioFileError) in
                    try nodes.text(node, "sessionToken")
                })
            return ActorDeclaration(
                spec: spec, node: entry.keyNode, references: try templateReferences(in: form.value), assumer: nil)
        default:
            let profile = try nodes.text(form.value, "\(context)'s profile")
            return ActorDeclaration(spec: .profile(profile), node: entry.keyNode, references: [], assumer: nil)
        }
    }

    private func assumedRole(name: String, entry: Fields.Entry, node: Node) throws(ScenarioFileError)
        -> ActorDeclaration
    {
        let context = "actor \(name)'s assume"
        let fields = try nodes.fields(node, allowed: ScenarioKeys.assume, context: context)
        let asNode = try fields.required("as", reader: nodes)
        let assumer = try nodes.text(asNode, "as")
        guard assumer != name else { throw nodes.error(asNode, "actor \(name) cannot assume a role as itself") }
        guard actorOrder.contains(assumer) else { throw nodes.error(asNode, "unknown actor \(assumer)") }
        var spec = AssumeSpec(actor: assumer, roleARN: try nodes.text(fields.required("role", reader: nodes), "role"))
        if let node = fields["externalId"] { spec.externalID = try nodes.text(node, "externalId") }
        if let node = fields["sessionName"] { spec.sessionName = try nodes.text(node, "sessionName") }
        if let node = fields["durationSeconds"] {
            guard let seconds = Int(exactly: try nodes.integer(node, "durationSeconds")), seconds > 0 else {
                throw nodes.error(node, "durationSeconds must be a positive integer")
            }
            spec.durationSeconds = seconds
        }
        if let node = fields["policy"] { spec.policy = try policyText(node) }
        return ActorDeclaration(
            spec: .assume(spec), node: entry.keyNode, references: try templateReferences(in: node),
            assumer: (assumer, asNode))
    }

    /// A policy document given as text, or as a YAML mapping sent as its compact JSON text.
    func policyText(_ node: Node) throws(ScenarioFileError) -> String {
        if case .mapping = node { return JSONWriter.string(try nodes.value(node)) }
        return try nodes.text(node, "policy")
    }

    /// Follows `as` from an assumed role to an actor with its own credentials; a loop would never get any.
    private func checkAssumeChain(from name: String) throws(ScenarioFileError) {
        var chain = [name]
        var current = name
        while let assumer = actors[current]?.assumer {
            chain.append(assumer.name)
            if assumer.name == name {
                throw nodes.error(
                    assumer.node, "actors assume roles as each other in a loop: \(chain.joined(separator: " → "))")
            }
            if chain.dropLast().contains(assumer.name) { return }  // a loop not through `name`: reported for its own
            current = assumer.name
        }
    }

    /// Checks that every variable the actor `name` needs — its own and those of the actors that assume its role —
    /// was saved by an earlier step. `node` is where the step names the actor.
    func checkActorUse(_ name: String, at node: Node) throws(ScenarioFileError) {
        var current: String? = name
        var seen: Set<String> = []
        while let actor = current, seen.insert(actor).inserted, let declaration = actors[actor] {
            for reference in declaration.references where !saved.contains(reference.variable) {
                let through = actor == name ? "" : " (through actor \(actor))"
                throw nodes.error(
                    node, "actor \(name) uses ${\(reference.variable)}\(through) before any step saves it")
            }
            current = declaration.assumer?.name
        }
    }

    /// An actor no step uses is still checked: each variable it uses must be saved by some step.
    func checkActorVariablesAreSaved() throws(ScenarioFileError) {
        for name in actorOrder {
            for reference in actors[name]?.references ?? [] where !saved.contains(reference.variable) {
                throw nodes.error(reference.node, "${\(reference.variable)} is never saved by a step")
            }
        }
    }
}
