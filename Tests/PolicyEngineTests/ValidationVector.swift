import TestSupport
import Foundation
import PolicyEngine
import Testing

/// One validation case from `vectors/policy/validation/*.json`: a document, the kind of policy it
/// is submitted as, and IAM's answer (`expect`: the message, or null when IAM accepts it).
///
/// `code` names a wire code other than `MalformedPolicyDocument`; `expectPrefix`/`expectSuffix`
/// check messages that quote the whole document; `existing` lists the principal ARNs that exist,
/// turning on the existence check; `entity` (`role:NAME`, `user:NAME`) sets the inline-policy owner.
struct ValidationVector: CustomTestStringConvertible, Sendable {
    var file: String
    var name: String
    var source: String
    var kind: PolicyKind
    var document: String
    var expected: String?
    var code: Diagnostic.Code
    var prefix: String?
    var suffix: String?
    var existing: [String]?
    var entity: InlinePolicyEntity

    var testDescription: String { "\(file): \(name)" }

    static func all() throws -> [ValidationVector] {
        try RepositoryFiles.jsonFiles(in: "vectors/policy/validation").flatMap(load)
    }

    static func load(_ url: URL) throws -> [ValidationVector] {
        let file = url.lastPathComponent
        let scan = JSONScanner.scan(bytes: Array(try Data(contentsOf: url)))
        guard let root = scan.value, case .string(let fileSource)? = root["source"],
            case .array(let cases)? = root["cases"]
        else { throw FixtureError("\(file): malformed vector file") }
        let defaults = root["defaults"].flatMap(EvaluationVector.members) ?? [:]
        return try cases.map { entry in
            guard let fields = EvaluationVector.members(entry) else {
                throw FixtureError("\(file): case is not an object")
            }
            let merged = defaults.merging(fields) { _, new in new }
            let name = EvaluationVector.string(merged["name"]) ?? "?"
            guard let kind = PolicyKind(rawValue: EvaluationVector.string(merged["kind"]) ?? ""),
                let document = merged["document"]
            else { throw FixtureError("\(file): \(name): needs kind and document") }
            let code = Diagnostic.Code(rawValue: EvaluationVector.string(merged["code"]) ?? "MalformedPolicyDocument")
            guard let code else { throw FixtureError("\(file): \(name): unknown code") }
            var entity = InlinePolicyEntity.role(name: "")
            if let text = EvaluationVector.string(merged["entity"]) {
                let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
                entity =
                    parts[0] == "user"
                    ? .user(name: parts[1])
                    : parts[0] == "group"
                        ? .group(name: parts[1])
                        : .role(name: parts[1])
            }
            let existing: [String]? =
                if case .array(let list)? = merged["existing"] {
                    list.compactMap(EvaluationVector.string)
                } else { nil }
            return ValidationVector(
                file: file, name: name, source: EvaluationVector.string(fields["source"]) ?? fileSource, kind: kind,
                document: EvaluationVector.policyText(document), expected: EvaluationVector.string(merged["expect"]),
                code: code, prefix: EvaluationVector.string(merged["expectPrefix"]),
                suffix: EvaluationVector.string(merged["expectSuffix"]), existing: existing, entity: entity)
        }
    }

    var options: ValidationOptions {
        var options = ValidationOptions(inlineEntity: entity)
        if let existing {
            let known = Set(existing)
            options.principalExists = { reference in
                switch reference {
                case .user(let arn), .role(let arn), .assumedRole(let arn), .federatedUser(let arn): known.contains(arn)
                case .account, .service, .federatedProvider: true
                }
            }
        }
        return options
    }
}

@Suite("Validation vectors")
struct ValidationVectorTests {
    @Test("answers as IAM does", arguments: try ValidationVector.all())
    func answersAsIAM(_ vector: ValidationVector) {
        let report = PolicyValidator(kind: vector.kind, options: vector.options).validate(vector.document)
        let all = report.diagnostics.map(\.description).joined(separator: "\n")
        if vector.expected == nil && vector.prefix == nil {
            #expect(report.isValid, "\(vector.source)\n\(all)")
            return
        }
        guard let first = report.firstError else {
            Issue.record("accepted, but IAM answers \(vector.expected ?? vector.prefix ?? "")\n\(vector.source)")
            return
        }
        #expect(first.code == vector.code, "\(all)")
        if let expected = vector.expected { #expect(first.message == expected, "\(all)") }
        if let prefix = vector.prefix { #expect(first.message.hasPrefix(prefix), "\(all)") }
        if let suffix = vector.suffix { #expect(first.message.hasSuffix(suffix), "\(all)") }
    }
}
