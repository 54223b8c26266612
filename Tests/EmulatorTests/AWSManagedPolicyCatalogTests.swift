import PolicyEngine
import Testing

@testable import Emulator

/// The catalog's documents are AWS's own, so they must pass the same grammar IAM applies to
/// managed policies — except the 6,144-character quota, which binds customer policies only
/// (`ReadOnlyAccess` is over 100,000 characters).
@Suite("AWS managed policy catalog")
struct AWSManagedPolicyCatalogTests {
    /// Test arguments are names, not policies, so a failure names the policy instead of dumping
    /// a 100 KB document into the log.
    static let names = AWSManagedPolicyCatalog.all.map(\.name)

    @Test(
        "every document parses as a managed policy, with no diagnostics but size",
        arguments: names)
    func documentIsValid(name: String) throws {
        let policy = try Self.policy(named: name)
        let report = PolicyValidator(kind: .managed).validate(policy.document)
        #expect(report.document != nil, "\(policy.name) did not parse")
        let nonSize = report.diagnostics.filter { !Self.isSizeDiagnostic($0) }
        #expect(nonSize.isEmpty, "\(policy.name): \(nonSize.map(\.message))")
        #expect(report.document?.statements.isEmpty == false)
    }

    @Test("metadata has IAM's shapes", arguments: names)
    func metadataShapes(name: String) throws {
        let policy = try Self.policy(named: name)
        #expect(policy.policyID.hasPrefix("ANPA") && policy.policyID.count == 21)
        #expect(policy.policyID.allSatisfy { $0.isUppercase || $0.isNumber })
        #expect(policy.path.hasPrefix("/") && policy.path.hasSuffix("/"))
        #expect(policy.defaultVersionID.hasPrefix("v") && Int(policy.defaultVersionID.dropFirst()) != nil)
        #expect(!policy.description.isEmpty)
        for date in [policy.createDate, policy.updateDate] {
            #expect(date.count == 20 && date.hasSuffix("Z"), "\(date)")
        }
        #expect(policy.createDate <= policy.updateDate)
        #expect(policy.arn == "arn:aws:iam::aws:policy/\(policy.name)")
    }

    @Test("lookup by exact ARN finds each policy and nothing else", arguments: names)
    func lookupByARN(name: String) throws {
        let policy = try Self.policy(named: name)
        #expect(AWSManagedPolicyCatalog.policy(arn: policy.arn) == policy)
        #expect(AWSManagedPolicyCatalog.policy(arn: policy.arn.uppercased()) == nil)
        #expect(AWSManagedPolicyCatalog.policy(arn: policy.arn + "x") == nil)
    }

    @Test("names, IDs and ARNs are unique; the required policies are present")
    func uniqueness() {
        let all = AWSManagedPolicyCatalog.all
        #expect(Set(all.map(\.name)).count == all.count)
        #expect(Set(all.map(\.policyID)).count == all.count)
        #expect(Set(all.map(\.arn)).count == all.count)
        let required = [
            "AmazonBedrockFullAccess", "AmazonBedrockReadOnly", "AdministratorAccess", "ReadOnlyAccess",
            "IAMFullAccess",
        ]
        for name in required {
            #expect(AWSManagedPolicyCatalog.policy(arn: "arn:aws:iam::aws:policy/\(name)") != nil, "\(name) missing")
        }
        #expect(AWSManagedPolicyCatalog.policy(arn: "arn:aws:iam::aws:policy/NoSuchPolicy") == nil)
        #expect(AWSManagedPolicyCatalog.policy(arn: "arn:aws:iam::123456789012:policy/AdministratorAccess") == nil)
    }

    /// aws-wire-facts.md §5.6: for the connector flow only `BedrockAll` matters.
    @Test("AmazonBedrockFullAccess allows bedrock:* on * in statement BedrockAll")
    func bedrockAll() throws {
        let policy = AWSManagedPolicyCatalog.amazonBedrockFullAccess
        let document = try #require(PolicyValidator(kind: .managed).validate(policy.document).document)
        let statement = try #require(document.statements.first { $0.sid == "BedrockAll" })
        #expect(statement.effect == .allow)
        #expect(statement.action?.negated == false)
        #expect(statement.action?.values == ["bedrock:*"])
        #expect(statement.resource?.negated == false)
        #expect(statement.resource?.values == ["*"])
        #expect(statement.conditions.isEmpty)
        #expect(policy.defaultVersionID == "v11")
    }

    @Test("AdministratorAccess is the one-statement Allow * on *")
    func administratorAccess() throws {
        let policy = AWSManagedPolicyCatalog.administratorAccess
        let document = try #require(PolicyValidator(kind: .managed).validate(policy.document).document)
        #expect(document.statements.count == 1)
        #expect(document.statements.first?.effect == .allow)
        #expect(document.statements.first?.action?.values == ["*"])
        #expect(document.statements.first?.resource?.values == ["*"])
    }

    private static func policy(named name: String) throws -> AWSManagedPolicy {
        try #require(AWSManagedPolicyCatalog.all.first { $0.name == name })
    }

    /// Size diagnostics are the only ones an AWS managed policy may raise: the quota they enforce
    /// is the customer managed policy quota ("Cannot exceed quota for PolicySize: 6144").
    private static func isSizeDiagnostic(_ diagnostic: Diagnostic) -> Bool {
        let message = diagnostic.message.lowercased()
        return message.contains("exceed") || message.contains("size")
    }
}
