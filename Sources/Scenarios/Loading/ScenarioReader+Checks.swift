import AWSWire
import Yams

extension ScenarioReader {
    func readExpectation(_ node: Node) throws(ScenarioFileError) -> Expectation {
        let fields = try nodes.fields(node, allowed: ScenarioKeys.expect, context: "expect")
        let code = try fields["error"].map { node throws(ScenarioFileError) in try nodes.text(node, "error") }
        let status = try fields["status"].map { node throws(ScenarioFileError) -> Int in
            guard let status = Int(exactly: try nodes.integer(node, "status")), (100...599).contains(status) else {
                throw nodes.error(node, "status must be an HTTP status code (100 to 599)")
            }
            return status
        }
        if let success = fields["success"] {
            guard try nodes.bool(success, "success") else {
                throw nodes.error(success, "success: false is not an expectation: give error: CODE or status: N")
            }
            guard code == nil, status == nil else {
                throw nodes.error(success, "expect has success and an error; give one")
            }
            return .success
        }
        guard code != nil || status != nil else { throw nodes.error(node, "expect needs error or status") }
        return .error(code: code, status: status)
    }

    func readAssertions(_ node: Node) throws(ScenarioFileError) -> [Assertion] {
        var assertions: [Assertion] = []
        for item in try nodes.sequence(node, "assert") {
            assertions.append(try readAssertion(item))
        }
        return assertions
    }

    private func readAssertion(_ node: Node) throws(ScenarioFileError) -> Assertion {
        let fields = try nodes.fields(node, allowed: ScenarioKeys.assertion, context: "an assertion")
        let path = try path(fields.required("path", reader: nodes))
        let checks = fields.entries(among: ScenarioKeys.checks)
        guard let check = checks.first else {
            throw nodes.error(node, "an assertion needs one of \(ScenarioKeys.checks.joined(separator: ", "))")
        }
        guard checks.count == 1 else {
            throw nodes.error(
                checks[1].keyNode, "an assertion checks one thing, this one has \(check.key) and \(checks[1].key)")
        }
        let value = check.value
        let kind: Assertion.Check
        switch check.key {
        case "equals":
            try checkVariablesAreSaved(in: value)
            kind = .equals(try nodes.value(value))
        case "matches":
            let pattern = try nodes.text(value, "matches")
            try checkVariablesAreSaved(in: value)
            // References are filled in at run time; the rest of the pattern must already compile.
            let placeholders = Template.references(in: pattern).map { ($0, JSONValue.string("x")) }
            let sample = try? Template.substitute(pattern, variables: Dictionary(uniqueKeysWithValues: placeholders))
            guard let sample, Assertion.isValidPattern(sample) else {
                throw nodes.error(value, "bad regular expression \(pattern)")
            }
            kind = .matches(pattern)
        case "exists":
            kind = .exists(try nodes.bool(value, "exists"))
        default:
            guard let count = try? nodes.integer(value, "count"), count >= 0, let exact = Int(exactly: count) else {
                throw nodes.error(value, "count must be a non-negative integer")
            }
            kind = .count(exact)
        }
        return Assertion(path: path, check: kind, location: nodes.location(node))
    }

    func readSave(_ node: Node) throws(ScenarioFileError) -> [(variable: String, path: ResponsePath)] {
        var save: [(variable: String, path: ResponsePath)] = []
        for entry in try nodes.pairs(node, context: "save") {
            guard Template.isVariableName(entry.key) else {
                throw nodes.error(
                    entry.keyNode, "\(entry.key) is not a variable name (letters, digits, _ and -, not first a digit)")
            }
            save.append((entry.key, try path(entry.value)))
        }
        return save
    }

    private func path(_ node: Node) throws(ScenarioFileError) -> ResponsePath {
        let text = try nodes.text(node, "a path")
        do {
            return try ResponsePath(parsing: text)
        } catch {
            throw nodes.error(node, error.description)
        }
    }
}
