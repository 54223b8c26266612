import AWSWire
import Yams

extension ScenarioReader {
    mutating func readSteps(_ node: Node) throws(ScenarioFileError) -> [Step] {
        let items = try nodes.sequence(node, "steps")
        guard !items.isEmpty else { throw nodes.error(node, "steps must list at least one step") }
        var steps: [Step] = []
        for item in items {
            steps.append(try readStep(item))
        }
        return steps
    }

    private mutating func readStep(_ node: Node) throws(ScenarioFileError) -> Step {
        let fields = try nodes.fields(node, allowed: ScenarioKeys.step, context: "a step")
        let actions = fields.entries(among: ScenarioKeys.actions)
        guard let action = actions.first else {
            throw nodes.error(node, "a step needs one action: \(ScenarioKeys.actions.joined(separator: ", "))")
        }
        guard actions.count == 1 else {
            throw nodes.error(
                actions[1].keyNode, "a step has one action, this one has \(action.key) and \(actions[1].key)")
        }
        if action.key != "call", let option = fields.entries(among: ScenarioKeys.callOptions).first {
            throw nodes.error(option.keyNode, "\(option.key) belongs to call steps, not \(action.key)")
        }
        let name = try fields["name"].map { node throws(ScenarioFileError) in try nodes.text(node, "name") }
        let stepAction = try readAction(action, fields: fields)
        let expectation = try fields["expect"].map(readExpectation) ?? .success
        let assertions = try fields["assert"].map(readAssertions) ?? []
        let save = try fields["save"].map(readSave) ?? []
        saved.formUnion(save.map(\.variable))
        return Step(
            name: name, action: stepAction, save: save, expectation: expectation, assertions: assertions,
            location: nodes.location(node))
    }

    private func readAction(_ action: Fields.Entry, fields: Fields) throws(ScenarioFileError) -> StepAction {
        let node = action.value
        switch action.key {
        case "call":
            return try call(node, fields: fields)
        case "connector.init":
            let options = try nodes.fields(node, allowed: ScenarioKeys.connectorInit, context: "connector.init")
            let accountNode = try options.required("systemAccount", reader: nodes)
            let account = try account(accountNode, "systemAccount")
            if let externalID = options["externalId"] { _ = try nodes.text(externalID, "externalId") }
            try checkVariablesAreSaved(in: node)
            let members = try nodes.value(node).objectValue ?? []
            return .connectorInit(
                .object(members.map { $0.key == "systemAccount" ? JSONMember($0.key, .string(account)) : $0 }))
        case "connector.check":
            let options = try nodes.fields(node, allowed: ScenarioKeys.connectorCheck, context: "connector.check")
            try actorName(options.required("as", reader: nodes))
            _ = try nodes.text(options.required("role", reader: nodes), "role")
            _ = try nodes.text(options.required("externalId", reader: nodes), "externalId")
            if let model = options["model"] { _ = try nodes.text(model, "model") }
            if let actor = options["cloudTrail"] { try actorName(actor) }
            if let retries = options["retries"], try nodes.text(retries, "retries") != "standard" {
                throw nodes.error(retries, "retries must be standard (ConnectorKit's standard retry mode, 3 attempts)")
            }
            var timeout: Int64?
            if let node = options["cloudTrailTimeout"] {
                guard options["cloudTrail"] != nil else {
                    throw nodes.error(node, "cloudTrailTimeout needs cloudTrail: ACTOR (the wait it bounds)")
                }
                timeout = try nodes.seconds(node, "cloudTrailTimeout", limit: NodeReader.maxCloudTrailTimeoutSeconds)
            }
            try checkVariablesAreSaved(in: node)
            let members = try nodes.value(node).objectValue ?? []
            return .connectorCheck(
                .object(
                    members.map { member in
                        guard member.key == "cloudTrailTimeout", let timeout else { return member }
                        return JSONMember(member.key, .int(timeout))
                    }))
        case "clock.advance":
            return .clockAdvance(seconds: try nodes.seconds(node, "clock.advance", limit: NodeReader.maxAdvanceSeconds))
        case "faults.add":
            return .faultsAdd(try options(node, action.key))
        case "faults.clear":
            try noOptions(node, action.key)
            return .faultsClear
        case "bedrock.script":
            return .bedrockScript(try options(node, action.key))
        default:
            try noOptions(node, action.key)
            return .reset
        }
    }

    private func call(_ node: Node, fields: Fields) throws(ScenarioFileError) -> StepAction {
        let target = try nodes.text(node, "call")
        let parts = target.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw nodes.error(node, "call must be SERVICE.Operation (iam.CreateRole), not \(target)")
        }
        let service = String(parts[0])
        let operation = String(parts[1])
        guard StepAction.services.contains(service) else {
            throw nodes.error(
                node, "unknown service \(service) (expected one of: \(StepAction.services.joined(separator: ", ")))")
        }
        guard knownOperation(service, operation) else { throw nodes.error(node, "unknown operation \(target)") }
        guard let asNode = fields["as"] else { throw nodes.error(fields.node, "call \(target) needs as: ACTOR") }
        let actor = try actorName(asNode)
        var parameters = JSONValue.object([])
        if let with = fields["with"] {
            guard case .mapping = with else { throw nodes.error(with, "with must be a mapping of parameters") }
            try checkVariablesAreSaved(in: with)
            parameters = Self.encodingPolicies(try nodes.value(with))
        }
        return .call(
            service: service, operation: operation, actor: actor, parameters: parameters,
            options: try callOptions(fields))
    }

    /// `sign: {skewSeconds: N, correct: B}` and `tamper: PART`.
    private func callOptions(_ fields: Fields) throws(ScenarioFileError) -> CallOptions {
        var options = CallOptions()
        if let sign = fields["sign"] {
            let keys = try nodes.fields(sign, allowed: ScenarioKeys.sign, context: "sign")
            let skewNode = try keys.required("skewSeconds", reader: nodes)
            let skew = try nodes.integer(skewNode, "skewSeconds")
            guard skew.magnitude <= NodeReader.maxAdvanceSeconds.magnitude else {
                throw nodes.error(skewNode, "skewSeconds must be at most \(NodeReader.maxAdvanceSeconds) either way")
            }
            options.skewSeconds = skew
            options.correctsSkew =
                try keys["correct"].map { node throws(ScenarioFileError) in
                    try nodes.bool(node, "correct")
                } ?? false
        }
        if let node = fields["tamper"] {
            let part = try nodes.text(node, "tamper")
            guard let tamper = CallOptions.Tamper(rawValue: part) else {
                let parts = CallOptions.Tamper.allCases.map(\.rawValue).joined(separator: ", ")
                throw nodes.error(node, "tamper must be one of: \(parts), not \(part)")
            }
            options.tamper = tamper
        }
        return options
    }

    /// A declared actor's name, whose `${…}` variables are all saved by now.
    @discardableResult
    private func actorName(_ node: Node) throws(ScenarioFileError) -> String {
        let name = try nodes.text(node, "an actor")
        guard actors[name] != nil else { throw nodes.error(node, "unknown actor \(name)") }
        try checkActorUse(name, at: node)
        return name
    }

    /// The mapping a `faults.add` or `bedrock.script` step passes on as it is.
    private func options(_ node: Node, _ action: String) throws(ScenarioFileError) -> JSONValue {
        guard case .mapping = node else { throw nodes.error(node, "\(action) must be a mapping") }
        try checkVariablesAreSaved(in: node)
        return try nodes.value(node)
    }

    private func noOptions(_ node: Node, _ action: String) throws(ScenarioFileError) {
        switch node {
        case .mapping(let mapping) where mapping.isEmpty: return
        case .scalar where NodeReader.tag(of: node) == .null: return
        default: throw nodes.error(node, "\(action) takes no options: write \(action): {}")
        }
    }

    /// Policy documents may be written as YAML mappings for readability; AWS takes them as JSON text. A member
    /// named `Policy` or `…PolicyDocument` holding a mapping becomes that mapping's compact JSON.
    static func encodingPolicies(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(
                members.map { member in
                    let isPolicy = member.key == "Policy" || member.key.hasSuffix("PolicyDocument")
                    if isPolicy, case .object = member.value {
                        return JSONMember(member.key, .string(JSONWriter.string(member.value)))
                    }
                    return JSONMember(member.key, encodingPolicies(member.value))
                })
        case .array(let elements):
            return .array(elements.map(encodingPolicies))
        case .null, .bool, .number, .string:
            return value
        }
    }
}
