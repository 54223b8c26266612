/// A policy document prepared for fast, repeated evaluation.
///
/// Compiling does every string operation that does not depend on the request: actions are
/// lowercased (IAM matches actions without regard to case), resource ARNs are split into fields,
/// principals are classified, condition keys lowercased and condition values parsed per family.
/// A trust policy is compiled once at CreateRole and evaluated on every AssumeRole.
///
/// A final class with immutable state (hence `Sendable`): evaluation walks policies in tight loops,
/// and sharing one reference costs one retain where copying a struct of arrays and strings costs dozens.
public final class CompiledPolicy: Sendable {
    /// A name for explanations ("identity policy BedrockInvoke").
    public let name: String
    public let kind: PolicyKind
    public let document: PolicyDocument
    let statements: [CompiledStatement]

    public init(_ document: PolicyDocument, name: String, kind: PolicyKind) {
        self.name = name
        self.kind = kind
        self.document = document
        let variables = document.version.supportsPolicyVariables
        statements = document.statements.map { CompiledStatement($0, variables: variables, kind: kind) }
    }

    /// Validates and compiles text in one step; nil (with the report) when IAM would refuse it.
    public static func compile(
        _ text: String, name: String, kind: PolicyKind,
        options: ValidationOptions = .init()
    ) -> (policy: CompiledPolicy?, report: ValidationReport) {
        let report = PolicyValidator(kind: kind, options: options).validate(text)
        guard report.isValid, let document = report.document else { return (nil, report) }
        return (CompiledPolicy(document, name: name, kind: kind), report)
    }
}

/// One statement, compiled; a class so the evaluation loop shares it instead of copying its fields.
final class CompiledStatement: Sendable {
    let source: Statement
    /// nil when the statement has no valid Effect; such a statement never applies.
    let effect: Effect?
    let actions: [GlobPattern]
    let actionsNegated: Bool
    /// nil when the statement has no Resource element (a trust policy): it applies to any resource.
    let resources: [ARNPattern]?
    let resourcesNegated: Bool
    /// nil when the statement names no principal (identity, boundary and session policies).
    let principals: [PrincipalPattern]?
    let principalsNegated: Bool
    let conditions: [CompiledCondition]

    /// - Parameter kind: decides what a missing element means. In a valid document a trust policy has
    ///   no `Resource` (the role itself) and identity-side policies have no `Principal` (the caller);
    ///   a document missing an element its kind requires (an invalid one, compiled anyway) matches
    ///   nothing, rather than everything.
    init(_ statement: Statement, variables: Bool, kind: PolicyKind) {
        source = statement
        effect = statement.effect
        actions = (statement.action?.values ?? []).map { GlobPattern($0.lowercased()) }
        actionsNegated = statement.action?.negated ?? false
        if let resource = statement.resource {
            resources = resource.values.map { ARNPattern($0, variables: variables) }
        } else {
            resources = kind == .trust ? nil : []
        }
        resourcesNegated = statement.resource?.negated ?? false
        if let principal = statement.principal {
            principals =
                principal.isBareWildcard
                ? [.anyone]
                : principal.entries.flatMap { entry in
                    entry.values.map { PrincipalPattern(type: entry.type, value: $0) }
                }
        } else {
            principals = kind.requiresPrincipal ? [] : nil
        }
        principalsNegated = statement.principal?.negated ?? false
        conditions = statement.conditions.map { CompiledCondition($0, variables: variables) }
    }
}
