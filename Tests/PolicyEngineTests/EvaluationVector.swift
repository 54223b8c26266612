import Foundation
import PolicyEngine
import TestSupport
import Testing

/// One evaluation case from `vectors/policy/evaluation/*.json`: policies, a request, and the
/// decision AWS documents for it, with the page or published example it comes from.
///
/// A file holds `defaults` (policies and request fields shared by its cases) and `cases`, each of
/// which may replace any default field. `condition` is shorthand for an identity policy with one
/// `Allow *` statement (Sid `Cond`) guarded by that condition block.
struct EvaluationVector: CustomTestStringConvertible, Sendable {
    var file: String
    var name: String
    var source: String
    var identity: [String]
    var boundary: String?
    var session: [String]?
    var resourcePolicy: String?
    var resourceKind: PolicyKind
    var caller: Caller
    var action: String
    var resource: String
    var resourceAccount: String?
    var context: RequestContext
    var expected: Decision
    var expectedReason: DecisionReason?
    /// The display names (Sid, or `#n` for a statement without one) of the deciding statements.
    var expectedSids: [String]

    var testDescription: String { "\(file): \(name)" }

    static func all() throws -> [EvaluationVector] {
        try RepositoryFiles.jsonFiles(in: "vectors/policy/evaluation").flatMap(load)
    }

    static func load(_ url: URL) throws -> [EvaluationVector] {
        let file = url.lastPathComponent
        let scan = JSONScanner.scan(bytes: Array(try Data(contentsOf: url)))
        guard let root = scan.value, case .object = root else {
            throw FixtureError("\(file): not JSON: \(String(describing: scan.error))")
        }
        guard case .string(let fileSource)? = root["source"] else { throw FixtureError("\(file): no source") }
        let defaults = root["defaults"].flatMap(members) ?? [:]
        guard case .array(let cases)? = root["cases"] else { throw FixtureError("\(file): no cases") }
        return try cases.map { entry in
            guard var fields = members(entry) else { throw FixtureError("\(file): a case is not an object") }
            let name = string(fields["name"]) ?? "?"
            func fail(_ why: String) -> FixtureError { FixtureError("\(file): \(name): \(why)") }
            if let condition = fields["condition"] {
                let statement = JSONValue.object([
                    .init(key: "Sid", value: .string("Cond"), offset: 0),
                    .init(key: "Effect", value: .string("Allow"), offset: 0),
                    .init(key: "Action", value: .string("*"), offset: 0),
                    .init(key: "Resource", value: .string("*"), offset: 0),
                    .init(key: "Condition", value: condition, offset: 0),
                ])
                fields["identity"] = .array([
                    .object([
                        .init(key: "Version", value: .string("2012-10-17"), offset: 0),
                        .init(key: "Statement", value: .array([statement]), offset: 0),
                    ])
                ])
            }
            // A case may write `null` to remove a default (say, the resource policy).
            let merged = defaults.merging(fields) { _, new in new }.filter { $0.value != .null }
            let callerText = string(merged["caller"]) ?? "arn:aws:iam::111122223333:user/alice"
            guard var caller = parseCaller(callerText) else { throw fail("bad caller \(callerText)") }
            if let role = string(merged["callerRole"]) { caller.roleARN = role }
            if let userID = string(merged["callerUserID"]) { caller.userID = userID }
            if let tags = merged["callerTags"].flatMap(members) {
                caller = caller.tagged(tags.compactMapValues(string))
            }
            var context = RequestContext()
            for (key, value) in merged["context"].flatMap(members) ?? [:] {
                switch value {
                case .array(let values): context.set(key, values: values.compactMap(scalar))
                default: if let text = scalar(value) { context.set(key, text) }
                }
            }
            guard let expectText = string(merged["expect"]), let expected = Decision(rawValue: expectText) else {
                throw fail("expect must be allowed, explicitDeny or implicitDeny")
            }
            var reason: DecisionReason? = nil
            if let reasonText = string(merged["reason"]) {
                guard let parsed = DecisionReason(rawValue: reasonText) else {
                    throw fail("unknown reason \(reasonText)")
                }
                reason = parsed
            }
            // The statements that decide (`Evaluation.decidingStatements`, by Sid or `#n`); required.
            guard case .array(let sidValues)? = merged["sids"] else { throw fail("no sids") }
            let sids = sidValues.compactMap(string)
            guard sids.count == sidValues.count else { throw fail("sids must be strings") }
            let kindText = string(merged["resourceKind"]) ?? "trust"
            guard let resourceKind = PolicyKind(rawValue: kindText) else { throw fail("bad resourceKind") }
            return EvaluationVector(
                file: file, name: name, source: string(fields["source"]) ?? fileSource,
                identity: policyList(merged["identity"]), boundary: merged["boundary"].map(policyText),
                session: merged["session"].map(policyList), resourcePolicy: merged["resourcePolicy"].map(policyText),
                resourceKind: resourceKind, caller: caller, action: string(merged["action"]) ?? "sts:AssumeRole",
                resource: string(merged["resource"]) ?? "*", resourceAccount: string(merged["resourceAccount"]),
                context: context, expected: expected, expectedReason: reason, expectedSids: sids)
        }
    }

    /// `arn:…`, `service:NAME`, `web:PROVIDER` or `anonymous`.
    static func parseCaller(_ text: String) -> Caller? {
        if text == "anonymous" { return .anonymous }
        if text.hasPrefix("service:") { return .service(String(text.dropFirst(8))) }
        if text.hasPrefix("web:") { return Caller(kind: .webIdentity, arn: String(text.dropFirst(4))) }
        return Caller(arn: text)
    }

    static func members(_ value: JSONValue) -> [String: JSONValue]? {
        guard case .object(let list) = value else { return nil }
        return Dictionary(list.map { ($0.key, $0.value) }, uniquingKeysWith: { _, new in new })
    }

    static func string(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }

    static func scalar(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }

    /// A policy written as a JSON object (re-serialized compactly) or as raw text.
    static func policyText(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return JSONWriter.write(value)
    }

    static func policyList(_ value: JSONValue?) -> [String] {
        guard let value else { return [] }
        if case .array(let list) = value { return list.map(policyText) }
        return [policyText(value)]
    }

    /// Compiles every policy (checking each is valid for its kind) into a `PolicySet`.
    func policySet() throws -> PolicySet {
        func compile(_ text: String, _ name: String, _ kind: PolicyKind) throws -> CompiledPolicy {
            let (policy, report) = CompiledPolicy.compile(text, name: name, kind: kind)
            guard let policy else {
                throw FixtureError("\(testDescription): \(name) is not a valid \(kind) policy: \(report.diagnostics)")
            }
            return policy
        }
        return PolicySet(
            identity: try identity.enumerated().map { try compile($0.element, "P\($0.offset + 1)", .identity) },
            permissionsBoundary: try boundary.map { try compile($0, "Boundary", .managed) },
            session: try session.map { list in
                try list.enumerated().map { try compile($0.element, "S\($0.offset + 1)", .session) }
            },
            resource: try resourcePolicy.map { try compile($0, "Resource", resourceKind) })
    }

    var request: AuthorizationRequest {
        AuthorizationRequest(
            caller: caller, action: action, resource: resource, resourceAccount: resourceAccount,
            context: context)
    }
}
