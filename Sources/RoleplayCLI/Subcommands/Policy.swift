import ArgumentParser
import Foundation
import PolicyEngine

extension Roleplay {
    /// `roleplay policy …`: IAM policy documents checked and evaluated exactly as the emulator does.
    struct Policy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate IAM policies as IAM does, and evaluate requests against them with an explanation.",
            subcommands: [Validate.self, Eval.self]
        )
    }
}

/// `--kind`: which IAM API the document is written for.
enum PolicyKindArgument: String, ExpressibleByArgument, CaseIterable, Sendable {
    case trust, identity, managed, resource, session

    var kind: PolicyKind { PolicyKind(rawValue: rawValue)! }
}

extension Roleplay.Policy {
    /// `roleplay policy validate FILE [--kind …]`: IAM's answer for a document, plus every other problem.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a policy document as IAM would when it is saved.",
            discussion: """
                Prints `valid`, or IAM's error code and message (what CreateRole, PutRolePolicy, CreatePolicy or \
                AssumeRole would answer) followed by every problem found, each with what and where. IAM stops at \
                the first problem; this lists them all, IAM's answer first. Exit code 0 when valid, 1 when not.
                """)

        @Argument(help: "The policy document; '-' or nothing reads standard input.")
        var file: String?

        @Option(help: "The kind of policy: trust, identity (inline), managed, resource or session.")
        var kind: PolicyKindArgument = .identity

        @Option(
            name: .customLong("known-principal"),
            help: ArgumentHelp(
                "A user or role ARN that exists; when given, principals not listed are refused as IAM does.",
                valueName: "arn"))
        var knownPrincipals: [String] = []

        @Flag(help: "Print one JSON object instead of text.")
        var json = false

        func run() throws {
            try execute(input: InputSource.read(file)).emit()
        }

        /// Validates `input` and returns what the command prints.
        func execute(input: [UInt8]) throws -> CommandOutput {
            var options = ValidationOptions()
            if !knownPrincipals.isEmpty {
                let known = Set(knownPrincipals)
                options.principalExists = { reference in
                    switch reference {
                    case .user(let arn), .role(let arn), .assumedRole(let arn), .federatedUser(let arn):
                        known.contains(arn)
                    case .account, .service, .federatedProvider: true
                    }
                }
            }
            let report = PolicyValidator(kind: kind.kind, options: options).validate(bytes: input)
            var out = CommandOutput()
            if json {
                out.line(try JSONOutput.encode(ValidationOutput(report)))
            } else if report.isValid {
                out.line("valid \(kind.rawValue) policy")
            } else {
                if let first = report.firstError { out.line("\(first.code.rawValue): \(first.message)") }
                for diagnostic in report.diagnostics {
                    out.line("  - \(diagnostic.detail) → \(diagnostic.code.rawValue): \(diagnostic.message)")
                }
            }
            out.exitCode = report.isValid ? 0 : 1
            return out
        }
    }

    /// `roleplay policy eval`: one request against identity, boundary, session and resource (trust) policies.
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate a request against policies and explain the decision.",
            discussion: """
                Applies AWS's evaluation logic: an explicit deny wins; cross-account requests need both the \
                resource (trust) policy and the caller's own policies; a trust policy naming the account root \
                delegates to the caller's identity policies; boundaries and session policies intersect; root \
                credentials can never call sts:AssumeRole. Prints the decision and why; --explain adds every \
                statement's comparisons. aws:CurrentTime and aws:EpochTime default to now. Exit code 0 when \
                allowed, 1 when denied, 2 when a policy file is not a valid policy.
                """)

        @Option(
            name: .customLong("policy"), parsing: .upToNextOption,
            help: ArgumentHelp("The caller's identity policies.", valueName: "file"))
        var policies: [String] = []

        @Option(
            help: ArgumentHelp("The role's trust policy (the resource policy of sts:AssumeRole).", valueName: "file"))
        var trust: String?

        @Option(
            name: .customLong("resource-policy"),
            help: ArgumentHelp("A resource-based policy other than a trust policy.", valueName: "file"))
        var resourcePolicy: String?

        @Option(help: ArgumentHelp("The caller's permissions boundary.", valueName: "file"))
        var boundary: String?

        @Option(
            name: .customLong("session-policy"), parsing: .upToNextOption,
            help: ArgumentHelp("Session policies of the calling session.", valueName: "file"))
        var sessionPolicies: [String] = []

        @Option(
            help: ArgumentHelp(
                "Who calls: a user, root, role or assumed-role ARN, a service principal (ec2.amazonaws.com), "
                    + "or 'anonymous'.",
                valueName: "arn"))
        var principal: String

        @Option(
            name: .customLong("role-arn"),
            help: ArgumentHelp("For an assumed-role caller: its role's ARN with path.", valueName: "arn"))
        var roleARN: String?

        @Option(
            name: .customLong("principal-tag"), parsing: .upToNextOption,
            help: ArgumentHelp("The caller's tags (aws:PrincipalTag/…).", valueName: "key=value"))
        var principalTags: [String] = []

        @Option(help: "The action, such as sts:AssumeRole.")
        var action: String

        @Option(help: ArgumentHelp("The resource ARN ('*' when the action has none).", valueName: "arn"))
        var resource: String = "*"

        @Option(
            name: .customLong("resource-account"),
            help: ArgumentHelp("The resource's owner when its ARN has no account field.", valueName: "id"))
        var resourceAccount: String?

        @Option(
            name: .customLong("context"), parsing: .upToNextOption,
            help: ArgumentHelp("Condition keys; a key given twice is multivalued.", valueName: "key=value"))
        var context: [String] = []

        @Flag(help: "Print every statement and comparison, not just the deciding ones.")
        var explain = false

        @Flag(help: "Print one JSON object instead of text.")
        var json = false

        func validate() throws {
            guard caller != nil else {
                throw ValidationError("--principal \(principal): not a principal ARN, service principal or 'anonymous'")
            }
            for pair in context + principalTags where !pair.contains("=") {
                throw ValidationError("'\(pair)' is not key=value")
            }
            if trust != nil && resourcePolicy != nil {
                throw ValidationError("--trust and --resource-policy are both the resource's policy; give one")
            }
        }

        /// The caller named by `--principal`.
        var caller: Caller? {
            if principal == "anonymous" || principal == "*" { return .anonymous }
            if PrincipalName.isServiceName(principal) { return .service(principal) }
            guard var caller = Caller(arn: principal) else { return nil }
            if let roleARN { caller.roleARN = roleARN }
            let tags = principalTags.map(Self.split)
            return caller.tagged(Dictionary(tags, uniquingKeysWith: { $1 }))
        }

        static func split(_ pair: String) -> (String, String) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }

        func run() throws {
            try execute(read: InputSource.read, now: Date()).emit()
        }

        /// Evaluates the request and returns what the command prints.
        ///
        /// - Parameters:
        ///   - read: reads a policy file (tests pass an in-memory map).
        ///   - now: the time for `aws:CurrentTime` and `aws:EpochTime` when `--context` does not set them.
        func execute(read: (String) throws -> [UInt8], now: Date) throws -> CommandOutput {
            var out = CommandOutput()
            var compiled: [String: CompiledPolicy] = [:]
            var invalid = false
            func load(_ path: String, _ name: String, _ kind: PolicyKind) throws -> CompiledPolicy? {
                let report = PolicyValidator(kind: kind).validate(bytes: try read(path))
                guard report.isValid, let document = report.document else {
                    invalid = true
                    out.note("\(path): not a valid \(kind) policy")
                    for diagnostic in report.diagnostics {
                        out.note("  \(diagnostic.code.rawValue): \(diagnostic.message) (\(diagnostic.detail))")
                    }
                    return nil
                }
                let policy = CompiledPolicy(document, name: name, kind: kind)
                compiled[path] = policy
                return policy
            }
            let identity = try policies.compactMap { try load($0, Self.name($0), .identity) }
            let boundaryPolicy = try boundary.flatMap { try load($0, Self.name($0), .managed) }
            let session = try sessionPolicies.compactMap { try load($0, Self.name($0), .session) }
            let resourceText = trust ?? resourcePolicy
            let resourceKind: PolicyKind = trust != nil ? .trust : .resource
            let resourcePolicy = try resourceText.flatMap { try load($0, Self.name($0), resourceKind) }
            if invalid {
                out.exitCode = 2
                return out
            }
            guard let caller else { throw CLIError("--principal \(principal) is not a principal") }
            let request = AuthorizationRequest(
                caller: caller, action: action, resource: resource,
                resourceAccount: resourceAccount, context: requestContext(now: now))
            let policySet = PolicySet(
                identity: identity, permissionsBoundary: boundaryPolicy,
                session: sessionPolicies.isEmpty ? nil : session, resource: resourcePolicy)
            let evaluation = Authorizer.evaluate(request, policySet)
            if json {
                out.line(try JSONOutput.encode(EvaluationOutput(evaluation, explain: explain)))
            } else {
                for line in explain ? ExplanationRenderer.trace(evaluation) : ExplanationRenderer.summary(evaluation) {
                    out.line(line)
                }
            }
            out.exitCode = evaluation.decision == .allowed ? 0 : 1
            return out
        }

        /// The context from `--context`, plus the time keys AWS always sets.
        func requestContext(now: Date) -> RequestContext {
            var values: [String: [String]] = [:]
            var order: [String] = []
            for (key, value) in context.map(Self.split) {
                if values[key] == nil { order.append(key) }
                values[key, default: []].append(value)
            }
            var result = RequestContext()
            for key in order {
                let list = values[key]!
                if list.count == 1 { result.set(key, list[0]) } else { result.set(key, values: list) }
            }
            if result["aws:CurrentTime"] == nil {
                result.set("aws:CurrentTime", ISO8601DateFormatter().string(from: now))
            }
            if result["aws:EpochTime"] == nil {
                result.set("aws:EpochTime", String(Int(now.timeIntervalSince1970)))
            }
            return result
        }

        /// A policy's name in explanations: its file name without extension.
        static func name(_ path: String) -> String {
            path == "-" ? "stdin" : URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        }
    }
}

/// `policy validate --json`.
struct ValidationOutput: Encodable {
    struct Problem: Encodable {
        var code: String
        var message: String
        var detail: String
        var statement: Int?
    }

    var kind: String
    var valid: Bool
    /// What IAM would answer, if it refuses the document.
    var error: Problem?
    var diagnostics: [Problem]

    init(_ report: ValidationReport) {
        kind = report.kind.rawValue
        valid = report.isValid
        diagnostics = report.diagnostics.map {
            Problem(
                code: $0.code.rawValue, message: $0.message, detail: $0.detail,
                statement: $0.statementIndex.map { $0 + 1 })
        }
        error = diagnostics.first
    }
}

/// `policy eval --json`.
struct EvaluationOutput: Encodable {
    struct Statement: Encodable {
        var policy: String
        var role: String
        var statement: String
        var effect: String?
        var applied: Bool
        var failedElements: [String]
    }

    var decision: String
    var reason: String
    var sameAccount: Bool
    var decidingStatements: [String]
    var explanation: [String]
    var trace: [Statement]?

    init(_ evaluation: Evaluation, explain: Bool) {
        decision = evaluation.decision.rawValue
        reason = evaluation.reason.rawValue
        sameAccount = evaluation.sameAccount
        decidingStatements = evaluation.decidingStatements.map(\.description)
        explanation = ExplanationRenderer.summary(evaluation)
        guard explain else { return }
        trace = evaluation.trace.map { statement in
            var failed: [String] = []
            if !statement.action.satisfied { failed.append(statement.action.name) }
            if let resource = statement.resource, !resource.satisfied { failed.append(resource.name) }
            if let principal = statement.principal, !principal.satisfied { failed.append(principal.name) }
            failed += statement.conditions.filter { !$0.satisfied }.map { "\($0.operatorName) \($0.key)" }
            return Statement(
                policy: statement.policy.displayName, role: statement.policy.role.rawValue,
                statement: statement.displayName, effect: statement.effect?.rawValue,
                applied: statement.applied, failedElements: failed)
        }
    }
}
