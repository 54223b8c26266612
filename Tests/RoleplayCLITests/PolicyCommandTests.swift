import ArgumentParser
import Foundation
import PolicyEngine
import Testing

@testable import RoleplayCLI

/// `roleplay policy validate` and `roleplay policy eval`, run in-process over policy files written to a
/// temporary directory, as the commands read them.
@Suite("roleplay policy")
struct PolicyCommandTests {
    typealias F = CLIFixtures

    /// The seed's trust policy (MISSION.md, step 1) with the External ID the connector page showed.
    static let externalID = "7f3a9c1e-2b4d-4e8f-9a6b-0c5d1e2f3a4b"
    static let seedTrust = """
        {"Version":"2012-10-17","Statement":[{"Sid":"AllowSystemAccount","Effect":"Allow",
          "Principal":{"AWS":"arn:aws:iam::808540602285:root"},"Action":"sts:AssumeRole",
          "Condition":{"StringEquals":{"sts:ExternalId":"\(externalID)"}}}]}
        """
    /// The SaaS user's own policy: it may assume the customer's role.
    static let connectorIdentity = """
        {"Version":"2012-10-17","Statement":[{"Sid":"AssumeCustomerRole","Effect":"Allow",
          "Action":"sts:AssumeRole","Resource":"arn:aws:iam::123456789012:role/airia-bedrock-access"}]}
        """
    static let connectorUser = "arn:aws:iam::808540602285:user/airia-connector"
    static let customerRole = "arn:aws:iam::123456789012:role/airia-bedrock-access"
    static let now = Date(timeIntervalSince1970: 1_767_225_600)

    /// A one-statement trust policy allowing `sts:AssumeRole` to `principal` (JSON text).
    static func trust(_ principal: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"#
            + principal + #","Action":"sts:AssumeRole"}]}"#
    }

    /// A fresh temporary directory holding `files`; removed by the caller through `remove()`.
    struct PolicyFiles {
        let directory: URL

        init(_ files: [String: String]) throws {
            directory = FileManager.default.temporaryDirectory
                .appending(path: "roleplay-policy-tests-\(UUID().uuidString)", directoryHint: .isDirectory)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for (name, text) in files {
                try Data(text.utf8).write(to: directory.appending(path: name))
            }
        }

        func path(_ name: String) -> String { directory.appending(path: name).path }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    /// Runs `roleplay policy validate <file> <arguments>`, reading the file as the command does.
    static func validate(_ text: String, _ arguments: [String] = []) throws -> CommandOutput {
        let files = try PolicyFiles(["policy.json": text])
        defer { files.remove() }
        let command: Roleplay.Policy.Validate = try F.parse(
            ["policy", "validate", files.path("policy.json")] + arguments)
        return try command.execute(input: InputSource.read(command.file))
    }

    /// Runs `roleplay policy eval` for the connector's AssumeRole of the customer's role.
    static func evalAssumeRole(externalID: String?, _ arguments: [String] = []) throws -> CommandOutput {
        let files = try PolicyFiles(["connector.json": connectorIdentity, "trust.json": seedTrust])
        defer { files.remove() }
        var line = [
            "policy", "eval", "--policy", files.path("connector.json"), "--trust", files.path("trust.json"),
            "--principal", connectorUser, "--action", "sts:AssumeRole", "--resource", customerRole,
        ]
        if let externalID { line += ["--context", "sts:ExternalId=\(externalID)"] }
        let command: Roleplay.Policy.Eval = try F.parse(line + arguments)
        return try command.execute(read: InputSource.read, now: now)
    }

    // MARK: validate

    @Test("parses the file, --kind and --known-principal")
    func parsesValidateOptions() throws {
        let command: Roleplay.Policy.Validate = try F.parse([
            "policy", "validate", "trust.json", "--kind", "trust", "--known-principal", Self.connectorUser,
        ])
        #expect(command.file == "trust.json")
        #expect(command.kind == .trust)
        #expect(command.knownPrincipals == [Self.connectorUser])
        let defaults: Roleplay.Policy.Validate = try F.parse(["policy", "validate"])
        #expect(defaults.file == nil && defaults.kind == .identity && !defaults.json)
    }

    @Test("rejects an unknown --kind")
    func rejectsUnknownKind() throws {
        let error = try #require(F.parseError(["policy", "validate", "p.json", "--kind", "scp"]))
        #expect(error.contains("--kind"), "\(error)")
    }

    @Test("accepts the seed trust policy as a trust policy, exit code 0")
    func validTrustPolicy() throws {
        let out = try Self.validate(Self.seedTrust, ["--kind", "trust"])
        #expect(out.exitCode == 0)
        #expect(out.text == "valid trust policy\n")
    }

    @Test("answers malformed JSON with IAM's MalformedPolicyDocument message, exit code 1")
    func malformedTrustPolicy() throws {
        let out = try Self.validate(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow""#, ["--kind", "trust"])
        #expect(out.exitCode == 1)
        let first = try #require(out.text.split(separator: "\n").first)
        #expect(first == "MalformedPolicyDocument: This policy contains invalid Json")
    }

    @Test("refuses a bare \"Principal\": \"*\" in a trust policy, and accepts {\"AWS\": \"*\"}")
    func bareWildcardPrincipal() throws {
        let bare = try Self.validate(Self.trust(#""*""#), ["--kind", "trust"])
        #expect(bare.exitCode == 1)
        #expect(bare.text.hasPrefix("MalformedPolicyDocument: Principal must be a JSON object.\n"), "\(bare.text)")
        let wrapped = try Self.validate(Self.trust(#"{"AWS":"*"}"#), ["--kind", "trust"])
        #expect(wrapped.exitCode == 0, "\(wrapped.text)")
    }

    @Test("--json prints one object with IAM's answer and every diagnostic")
    func validateJSON() throws {
        let out = try Self.validate(Self.trust(#""*""#), ["--kind", "trust", "--json"])
        #expect(out.exitCode == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout)) as? [String: Any])
        #expect(object["kind"] as? String == "trust")
        #expect(object["valid"] as? Bool == false)
        let error = try #require(object["error"] as? [String: Any])
        #expect(error["code"] as? String == "MalformedPolicyDocument")
        #expect(error["message"] as? String == "Principal must be a JSON object.")
        #expect((object["diagnostics"] as? [Any])?.isEmpty == false)
    }

    // MARK: eval

    @Test("parses eval's options; a --context key given twice is multivalued")
    func parsesEvalOptions() throws {
        let command: Roleplay.Policy.Eval = try F.parse([
            "policy", "eval", "--policy", "a.json", "b.json", "--trust", "t.json", "--principal", Self.connectorUser,
            "--action", "sts:AssumeRole", "--resource", Self.customerRole, "--context", "aws:TagKeys=a",
            "aws:TagKeys=b",
            "--explain", "--json",
        ])
        #expect(command.policies == ["a.json", "b.json"])
        #expect(command.trust == "t.json")
        #expect(command.explain && command.json)
        let context = command.requestContext(now: Self.now)
        #expect(context["aws:TagKeys"]?.values == ["a", "b"])
        #expect(context["aws:EpochTime"]?.values == ["1767225600"])
    }

    @Test(
        "refuses bad eval options with a message",
        arguments: [
            (["policy", "eval", "--action", "sts:AssumeRole"], "--principal"),
            (["policy", "eval", "--principal", "bob", "--action", "s3:GetObject"], "not a principal ARN"),
            (
                [
                    "policy", "eval", "--principal", PolicyCommandTests.connectorUser, "--action", "a:b", "--context",
                    "novalue",
                ],
                "is not key=value"
            ),
            (
                [
                    "policy", "eval", "--principal", PolicyCommandTests.connectorUser, "--action", "a:b", "--trust",
                    "t", "--resource-policy", "r",
                ],
                "give one"
            ),
        ])
    func rejectsBadEvalOptions(_ arguments: [String], _ message: String) throws {
        let error = try #require(F.parseError(arguments))
        #expect(error.contains(message), "\(error)")
    }

    @Test("the seed trust policy with the right External ID allows, exit code 0")
    func rightExternalID() throws {
        let out = try Self.evalAssumeRole(externalID: Self.externalID)
        #expect(out.exitCode == 0)
        #expect(out.text.hasPrefix("allowed: cross-account sts:AssumeRole on \(Self.customerRole)"), "\(out.text)")
        #expect(out.text.contains("AllowSystemAccount") && out.text.contains("AssumeCustomerRole"), "\(out.text)")
    }

    @Test(
        "the seed trust policy refuses a wrong or missing External ID, exit code 1, naming what it compared",
        arguments: [
            (
                String?.some("7f3a9c1e-2b4d-4e8f-9a6b-0c5d1e2f3a4c"),
                #"request had "7f3a9c1e-2b4d-4e8f-9a6b-0c5d1e2f3a4c""#
            ),
            (String?.none, "request had no sts:ExternalId"),
        ])
    func wrongExternalID(_ externalID: String?, _ had: String) throws {
        let out = try Self.evalAssumeRole(externalID: externalID)
        #expect(out.exitCode == 1)
        #expect(
            out.text == """
                denied: trust policy statement AllowSystemAccount did not apply: StringEquals sts:ExternalId \
                expected "\(Self.externalID)", \(had)

                """)
    }

    @Test("--explain prints the explanation line naming the statement and the condition")
    func explain() throws {
        let out = try Self.evalAssumeRole(externalID: "stale-id", ["--explain"])
        #expect(out.exitCode == 1)
        let lines = out.text.split(separator: "\n").map(String.init)
        let line = try #require(lines.first { $0.contains("AllowSystemAccount") && $0.contains("sts:ExternalId") })
        #expect(line.contains("StringEquals"), "\(out.text)")
        #expect(line.contains("stale-id"), "\(out.text)")
        // Every statement of every policy appears, not only the deciding one.
        #expect(out.text.contains("AssumeCustomerRole"), "\(out.text)")
    }

    @Test("--json prints one parseable object with the decision, reason and deciding statements")
    func evalJSON() throws {
        let allowed = try Self.evalAssumeRole(externalID: Self.externalID, ["--json"])
        #expect(allowed.exitCode == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(allowed.stdout)) as? [String: Any])
        #expect(object["decision"] as? String == "allowed")
        #expect(object["reason"] as? String == "crossAccountAllowed")
        #expect(object["same_account"] as? Bool == false)
        let deciding = try #require(object["deciding_statements"] as? [String])
        #expect(
            deciding.sorted() == [
                "identity policy connector statement AssumeCustomerRole", "trust policy statement AllowSystemAccount",
            ])
        #expect(object["trace"] == nil)

        let denied = try Self.evalAssumeRole(externalID: "wrong", ["--json", "--explain"])
        #expect(denied.exitCode == 1)
        let deniedObject = try #require(try JSONSerialization.jsonObject(with: Data(denied.stdout)) as? [String: Any])
        #expect(deniedObject["decision"] as? String == "implicitDeny")
        #expect(deniedObject["reason"] as? String == "trustPolicyDoesNotAllow")
        let trace = try #require(deniedObject["trace"] as? [[String: Any]])
        let trust = try #require(trace.first { $0["statement"] as? String == "AllowSystemAccount" })
        #expect(trust["applied"] as? Bool == false)
        #expect(trust["failed_elements"] as? [String] == ["StringEquals sts:ExternalId"])
    }

    @Test("an invalid policy file makes eval exit with code 2 and name the file")
    func invalidPolicyFile() throws {
        let files = try PolicyFiles(["trust.json": Self.trust(#""*""#)])
        defer { files.remove() }
        let command: Roleplay.Policy.Eval = try F.parse([
            "policy", "eval", "--trust", files.path("trust.json"), "--principal", Self.connectorUser,
            "--action", "sts:AssumeRole", "--resource", Self.customerRole,
        ])
        let out = try command.execute(read: InputSource.read, now: Self.now)
        #expect(out.exitCode == 2)
        #expect(out.stdout.isEmpty)
        #expect(out.stderr.contains("trust.json: not a valid trust policy"), "\(out.stderr)")
        #expect(out.stderr.contains("Principal must be a JSON object."), "\(out.stderr)")
    }
}
