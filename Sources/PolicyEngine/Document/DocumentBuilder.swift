/// Turns scanned JSON into a `PolicyDocument`, reporting every shape IAM's grammar refuses.
///
/// Building never stops at the first problem: a wrongly typed element is reported and skipped,
/// so later statements are still checked and the report lists everything at once.
struct DocumentBuilder {
    let kind: PolicyKind
    var diagnostics: [Diagnostic] = []

    init(kind: PolicyKind) { self.kind = kind }

    static let topLevelKeys: Set<String> = ["Version", "Id", "Statement"]
    static let statementKeys: Set<String> = [
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition",
    ]

    private mutating func syntax(_ detail: String, statement: Int? = nil) {
        diagnostics.append(.init(IAMMessages.syntaxErrors, detail: detail, statement: statement, stage: .syntax))
    }

    private mutating func report(_ message: String, _ detail: String, statement: Int? = nil, stage: Diagnostic.Stage) {
        diagnostics.append(.init(message, detail: detail, statement: statement, stage: stage))
    }

    mutating func build(_ root: JSONValue, text: String) -> PolicyDocument {
        guard case .object(let members) = root else {
            syntax("the document is \(root.typeName), not an object")
            return PolicyDocument(version: .absent, statements: [], originalText: text)
        }
        for member in members where !Self.topLevelKeys.contains(member.key) {
            syntax("unknown top-level element \"\(member.key)\"")
        }
        var version = PolicyVersion.absent
        if let value = root["Version"] {
            if case .string(let text) = value {
                version = PolicyVersion(text)
                if case .other = version {
                    if kind == .trust {
                        report(IAMMessages.trustInvalidVersion, "unknown Version \"\(text)\"", stage: .syntax)
                    } else {
                        syntax("unknown Version \"\(text)\"; IAM knows 2012-10-17 and 2008-10-17")
                    }
                }
            } else {
                syntax("Version is \(value.typeName), not a string")
            }
        }
        var id: String? = nil
        if let value = root["Id"] {
            if case .string(let text) = value { id = text } else { syntax("Id is \(value.typeName), not a string") }
        }
        var statements: [Statement] = []
        let emptyMessage = kind == .trust ? IAMMessages.trustEmptyStatement : IAMMessages.syntaxErrors
        switch root["Statement"] {
        case nil, .null?:
            report(emptyMessage, "the document has no Statement", stage: .syntax)
        case .object?:
            statements.append(buildStatement(root["Statement"]!, index: 0))
        case .array(let elements)?:
            if elements.isEmpty { report(emptyMessage, "Statement is an empty array", stage: .syntax) }
            for (index, element) in elements.enumerated() {
                if case .object = element {
                    statements.append(buildStatement(element, index: index))
                } else {
                    syntax("statement \(index + 1) is \(element.typeName), not an object", statement: index)
                }
            }
        case let other?:
            syntax("Statement is \(other.typeName), not an object or array")
        }
        return PolicyDocument(version: version, id: id, statements: statements, originalText: text)
    }

    private mutating func buildStatement(_ value: JSONValue, index: Int) -> Statement {
        let members: [JSONMember]
        if case .object(let found) = value { members = found } else { members = [] }
        let where_ = "statement \(index + 1)"
        for member in members where !Self.statementKeys.contains(member.key) {
            syntax("\(where_) has unknown element \"\(member.key)\"", statement: index)
        }
        var statement = Statement(index: index, effect: nil, action: nil)
        if let sid = value["Sid"] {
            if case .string(let text) = sid {
                statement.sid = text
            } else {
                syntax("\(where_): Sid is \(sid.typeName), not a string", statement: index)
            }
        }
        statement.effect = buildEffect(value["Effect"], index: index)
        statement.action = buildList(value, positive: "Action", negative: "NotAction", index: index)
        statement.resource = buildList(value, positive: "Resource", negative: "NotResource", index: index)
        statement.principal = buildPrincipal(value, index: index)
        if let condition = value["Condition"] {
            statement.conditions = buildConditions(condition, index: index)
        }
        return statement
    }

    private mutating func buildEffect(_ value: JSONValue?, index: Int) -> Effect? {
        let where_ = "statement \(index + 1)"
        guard let value else {
            if kind == .trust {
                report(IAMMessages.missingEffect, "\(where_) has no Effect", statement: index, stage: .syntax)
            } else {
                syntax("\(where_) has no Effect", statement: index)
            }
            return nil
        }
        guard case .string(let text) = value else {
            syntax("\(where_): Effect is \(value.typeName), not a string", statement: index)
            return nil
        }
        if let effect = Effect(rawValue: text) { return effect }
        let lowered = text.lowercased()
        if kind == .trust {
            report(
                IAMMessages.trustInvalidEffect(text), "\(where_): Effect must be exactly Allow or Deny",
                statement: index, stage: .syntax)
            return nil
        }
        if lowered == "allow" || lowered == "deny" {
            // IAM's first grammar pass accepts any case; its legacy parser then insists on `Allow`/`Deny`.
            report(
                IAMMessages.legacyParsing, "\(where_): Effect \"\(text)\" must be spelled Allow or Deny",
                statement: index, stage: .legacy)
            return lowered == "allow" ? .allow : .deny
        }
        syntax("\(where_): Effect \"\(text)\" is neither Allow nor Deny", statement: index)
        return nil
    }

    /// Reads `Action`/`NotAction` or `Resource`/`NotResource`.
    private mutating func buildList(_ statement: JSONValue, positive: String, negative: String, index: Int)
        -> ListElement?
    {
        let plain = statement[positive]
        let negated = statement[negative]
        if plain != nil && negated != nil {
            syntax("statement \(index + 1) has both \(positive) and \(negative)", statement: index)
        }
        guard
            let (value, isNegated, name) = plain.map({ ($0, false, positive) }) ?? negated.map({ ($0, true, negative) })
        else { return nil }
        guard let strings = stringList(value, element: name, index: index) else { return nil }
        return ListElement(negated: isNegated, strings)
    }

    /// A string or an array of strings; anything else is a syntax error.
    private mutating func stringList(_ value: JSONValue, element name: String, index: Int) -> [String]? {
        switch value {
        case .string(let text): return [text]
        case .array(let elements):
            var strings: [String] = []
            for element in elements {
                guard case .string(let text) = element else {
                    syntax("statement \(index + 1): \(name) holds \(element.typeName), not a string", statement: index)
                    return nil
                }
                strings.append(text)
            }
            return strings
        default:
            syntax("statement \(index + 1): \(name) is \(value.typeName), not a string or array", statement: index)
            return nil
        }
    }

    private mutating func buildPrincipal(_ statement: JSONValue, index: Int) -> PrincipalElement? {
        let plain = statement["Principal"]
        let negated = statement["NotPrincipal"]
        if plain != nil && negated != nil {
            syntax("statement \(index + 1) has both Principal and NotPrincipal", statement: index)
        }
        guard
            let (value, isNegated, name) = plain.map({ ($0, false, "Principal") })
                ?? negated.map({ ($0, true, "NotPrincipal") })
        else { return nil }
        switch value {
        case .string(let text):
            if text == "*" { return PrincipalElement(negated: isNegated, isBareWildcard: true) }
            syntax(
                "statement \(index + 1): \(name) is the string \"\(text)\"; only \"*\" may be written bare",
                statement: index)
            return PrincipalElement(negated: isNegated, entries: [])
        case .object(let members):
            var entries: [PrincipalEntry] = []
            for member in members {
                // A wrongly typed entry is reported as a syntax error and kept empty, so the
                // element is not also reported as naming nobody.
                let values = stringList(member.value, element: "\(name).\(member.key)", index: index) ?? []
                entries.append(PrincipalEntry(type: PrincipalType(key: member.key), values))
            }
            return PrincipalElement(negated: isNegated, entries: entries)
        default:
            syntax("statement \(index + 1): \(name) is \(value.typeName)", statement: index)
            return PrincipalElement(negated: isNegated, entries: [])
        }
    }

    private mutating func buildConditions(_ value: JSONValue, index: Int) -> [ConditionEntry] {
        let where_ = "statement \(index + 1)"
        guard case .object(let operators) = value else {
            syntax("\(where_): Condition is \(value.typeName), not an object", statement: index)
            return []
        }
        var entries: [ConditionEntry] = []
        for block in operators {
            guard case .object(let keys) = block.value else {
                syntax(
                    "\(where_): condition operator \(block.key) holds \(block.value.typeName), not an object",
                    statement: index)
                continue
            }
            if ConditionOperator(parsing: block.key) == nil && !keys.isEmpty {
                syntax("\(where_): unknown condition operator \"\(block.key)\"", statement: index)
            }
            for key in keys {
                guard let values = conditionValues(key.value) else {
                    syntax(
                        "\(where_): \(block.key) \(key.key) holds \(key.value.typeName), "
                            + "not a string, number, boolean or array of them", statement: index)
                    continue
                }
                entries.append(ConditionEntry(operatorText: block.key, key: key.key, values: values))
            }
        }
        return entries
    }

    /// Condition values: scalars or an array of scalars, kept as their literal text.
    private func conditionValues(_ value: JSONValue) -> [String]? {
        func scalar(_ value: JSONValue) -> String? {
            switch value {
            case .string(let text): text
            case .number(let literal): literal
            case .bool(let flag): flag ? "true" : "false"
            default: nil
            }
        }
        if case .array(let elements) = value {
            var values: [String] = []
            for element in elements {
                guard let text = scalar(element) else { return nil }
                values.append(text)
            }
            return values
        }
        return scalar(value).map { [$0] }
    }
}
