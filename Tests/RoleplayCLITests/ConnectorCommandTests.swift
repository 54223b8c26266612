import ConnectorKit
import Foundation
import SigV4
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `roleplay connector init|check` as a customer runs them: the built binary as a child process, against
/// `roleplay serve` on a real socket, with the guide's set-up made through ConnectorKit's IAM client.
@Suite(.serialized) struct ConnectorCommandTests {
    static let roleARN = "arn:aws:iam::123456789012:role/airia-bedrock-access"

    /// A running server with the guide's set-up: the SaaS user's key, and the customer's role trusting the
    /// SaaS account under `externalID` with `AmazonBedrockFullAccess`.
    struct Server {
        let process: ServeProcess
        let endpoint: String
        let connector: AWSCredentials
        let externalID: String

        init() async throws {
            let (process, port) = try ServeProcess.serving()
            self.process = process
            endpoint = "http://127.0.0.1:\(port)"
            let configuration = ClientConfiguration(
                transport: URLSessionTransport(), endpoints: try EndpointResolver.custom(endpoint))
            let saas = IAMClient(
                credentials: StaticCredentialsProvider(accessKeyID: "808540602285", secretAccessKey: "test"),
                configuration: configuration)
            try await saas.createUser(name: "saas-connector")
            try await saas.putUserPolicy(
                userName: "saas-connector", policyName: "assume-roles",
                document:
                    #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#
            )
            connector = try await saas.createAccessKey(userName: "saas-connector")
            externalID = try ExternalID.generate()
            let customer = IAMClient(
                credentials: StaticCredentialsProvider(accessKeyID: "123456789012", secretAccessKey: "test"),
                configuration: configuration)
            try await customer.createRole(
                name: "airia-bedrock-access",
                trustPolicy: try TrustPolicy.render(systemAccountID: "808540602285", externalID: externalID))
            try await customer.attachRolePolicy(
                roleName: "airia-bedrock-access", policyARN: "arn:aws:iam::aws:policy/AmazonBedrockFullAccess")
        }

        /// The SaaS user's key as the check reads it, and no shared files of this machine.
        var environment: [String: String] {
            [
                "AWS_ACCESS_KEY_ID": connector.credentials.accessKeyID,
                "AWS_SECRET_ACCESS_KEY": connector.credentials.secretAccessKey,
                "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials", "AWS_CONFIG_FILE": "/nonexistent/config",
            ]
        }

        func check(externalID: String? = nil, _ extra: [String] = [], environment: [String: String]? = nil) throws
            -> Child.Result
        {
            try Child.run(
                [
                    "connector", "check", "--endpoint", endpoint, "--region", "us-east-1", "--role-arn",
                    ConnectorCommandTests.roleARN, "--external-id", externalID ?? self.externalID,
                    "--session-name", "cli-check",
                ] + extra, environment: environment ?? self.environment)
        }
    }

    @Test func everyStepPassesAndExitsZero() async throws {
        let server = try await Server()
        let result = try server.check()
        #expect(result.status == 0, "\(result.output)\(result.errors)")
        let lines = result.output.split(separator: "\n").map(String.init)
        let steps = ["assume role", "caller identity", "list models", "resolve model", "converse"]
        #expect(lines.count == steps.count + 1, "\(lines)")
        for (line, step) in zip(lines, steps) {
            #expect(line.hasPrefix("✔ \(step)"), "\(line)")
            #expect(line.hasSuffix(" ms)"), "\(line)")
        }
        #expect(lines.first?.contains("arn:aws:sts::123456789012:assumed-role/airia-bedrock-access/cli-check") == true)
        #expect(lines.last == "connection check passed (5 steps)")
    }

    /// Both identities from the shared credentials file: the SaaS's by `--profile` (nothing in the environment),
    /// the customer's by `--cloudtrail-profile`.
    @Test func profilesGiveBothIdentitiesAndCloudTrailShowsTheAssumeRole() async throws {
        let server = try await Server()
        let directory = FileManager.default.temporaryDirectory.appending(path: "connector-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let credentials = directory.appending(path: "credentials")
        try """
        [saas]
        aws_access_key_id = \(server.connector.credentials.accessKeyID)
        aws_secret_access_key = \(server.connector.credentials.secretAccessKey)
        [customer]
        aws_access_key_id = 123456789012
        aws_secret_access_key = test

        """.write(to: credentials, atomically: true, encoding: .utf8)
        let environment = ["AWS_SHARED_CREDENTIALS_FILE": credentials.path, "AWS_CONFIG_FILE": "/nonexistent/config"]
        let result = try server.check(
            ["--profile", "saas", "--cloudtrail-profile", "customer", "--cloudtrail-timeout", "10s"],
            environment: environment)
        #expect(result.status == 0, "\(result.output)\(result.errors)")
        let trail = result.output.split(separator: "\n").first { $0.hasPrefix("✔ cloudtrail") }
        #expect(trail?.contains("externalId \(server.externalID), after 1 lookup") == true, "\(result.output)")
        #expect(result.output.hasSuffix("connection check passed (6 steps)\n"))
    }

    @Test func aWrongExternalIDExitsOneWithTheHint() async throws {
        let server = try await Server()
        let result = try server.check(externalID: "reloaded-page")
        #expect(result.status == 1)
        #expect(
            result.output.hasPrefix(
                "✘ assume role      AccessDenied: User: arn:aws:iam::808540602285:user/saas-connector"))
        #expect(
            result.output.contains(
                "the External ID does not match the role's trust policy — was the set-up page reloaded?"))
        #expect(result.output.contains("- converse         not run: assume role failed"))
        #expect(result.output.hasSuffix("connection check FAILED at assume role (4 steps skipped)\n"))
    }

    @Test func jsonPrintsTheReport() async throws {
        let server = try await Server()
        let passing = try server.check(["--json"])
        #expect(passing.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(passing.output.utf8)) as? [String: Any]
        #expect(report?["passed"] as? Bool == true)
        #expect(report?["role_arn"] as? String == Self.roleARN)
        let steps = try #require(report?["steps"] as? [[String: Any]])
        #expect(
            steps.map { $0["step"] as? String } == [
                "assume_role", "caller_identity", "list_models", "resolve_model", "converse",
            ])
        #expect(steps.allSatisfy { $0["status"] as? String == "passed" })

        let failing = try server.check(externalID: "reloaded-page", ["--json"])
        #expect(failing.status == 1)
        let failed = try JSONSerialization.jsonObject(with: Data(failing.output.utf8)) as? [String: Any]
        #expect(failed?["passed"] as? Bool == false)
        let first = try #require((failed?["steps"] as? [[String: Any]])?.first)
        #expect((first["error"] as? [String: Any])?["code"] as? String == "AccessDenied")
        #expect((first["hint"] as? String)?.contains("was the set-up page reloaded?") == true)
    }

    @Test func anUnreachableEndpointIsATransportFailure() throws {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        let result = try Child.run(
            [
                "connector", "check", "--endpoint", "http://127.0.0.1:1", "--region", "us-east-1", "--role-arn",
                Self.roleARN, "--external-id", "ab",
            ],
            environment: ["AWS_ACCESS_KEY_ID": "808540602285", "AWS_SECRET_ACCESS_KEY": "test"])
        #expect(result.status == 1)
        #expect(result.output.hasPrefix("✘ assume role      connectionFailed"))
        #expect(result.output.contains("hint: could not connect to http://127.0.0.1:1"))
    }

    @Test(arguments: [
        (
            ["--role-arn", "arn:aws:iam::123456789012:user/x"],
            "Error: --role-arn: invalid role ARN: the resource is a \"user\", not a role"
        ),
        (["--region", "useast1"], "Error: --region: invalid region: \"useast1\" is not a region name"),
        (["--region", "cn-north-1"], "Error: --region: invalid region: cn-north-1 is in the aws-cn partition"),
        (["--endpoint", "127.0.0.1:4590"], "Error: --endpoint: invalid endpoint URL \"127.0.0.1:4590\""),
        (["--external-id", "has space"], "Error: --external-id: invalid external ID: the character U+0020"),
    ])
    func badArgumentsExitTwoNamingTheFlag(_ override: [String], _ message: String) throws {
        var options = [
            "--role-arn": Self.roleARN, "--external-id": "ab", "--region": "us-east-1",
            "--endpoint": "http://127.0.0.1:1",
        ]
        options[override[0]] = override[1]
        let result = try Child.run(
            ["connector", "check"] + options.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] }, environment: [:]
        )
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(result.errors.hasPrefix(message), "\(result.errors)")
    }

    @Test func initPrintsAnExternalIDAndItsTrustPolicy() throws {
        let json = try Child.run(["connector", "init", "--system-account", "808540602285", "--json"], environment: [:])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let externalID = try #require(object["external_id"] as? String)
        try ExternalID.validate(externalID)
        #expect(externalID.count == 40)
        let policyText = try #require(object["trust_policy"] as? String)
        #expect(policyText == (try TrustPolicy.render(systemAccountID: "808540602285", externalID: externalID)))
        let policy = try JSONSerialization.jsonObject(with: Data(policyText.utf8)) as? [String: Any]
        let statement = try #require((policy?["Statement"] as? [[String: Any]])?.first)
        #expect((statement["Principal"] as? [String: String])?["AWS"] == "arn:aws:iam::808540602285:root")
        #expect(
            ((statement["Condition"] as? [String: Any])?["StringEquals"] as? [String: String])?["sts:ExternalId"]
                == externalID)
        #expect((object["next_steps"] as? [String])?.count == 4)

        let text = try Child.run(
            ["connector", "init", "--system-account", "808540602285", "--external-id", "airia-7f3a9c-external"],
            environment: [:])
        #expect(text.status == 0)
        #expect(
            text.output.hasPrefix(
                "External ID: airia-7f3a9c-external\n\nTrust policy (the role's custom trust policy):\n{\n"))
        #expect(text.output.contains(#""StringEquals": { "sts:ExternalId": "airia-7f3a9c-external" }"#))

        let bad = try Child.run(["connector", "init", "--system-account", "80854060228"], environment: [:])
        #expect(bad.status == 2)
        #expect(bad.errors.hasPrefix("Error: --system-account: invalid account ID: \"80854060228\" has 11 digits"))
    }
}

/// The built `roleplay` run once to completion with a given environment (nothing inherited but the sanitizer
/// runtime's options, so an instrumented child is judged by the same rules as the test runner).
enum Child {
    static let inheritedNames = ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"]

    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    static func run(_ arguments: [String], environment: [String: String]) throws -> Result {
        let process = Process()
        let output = Pipe()
        let errors = Pipe()
        process.executableURL = try ServeProcess.binary()
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { inheritedNames.contains($0.key) }
            .merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputReader = PipeReader(output)
        let errorReader = PipeReader(errors)
        let text = try outputReader.readToEnd(within: .seconds(60))
        let errorText = try errorReader.readToEnd(within: .seconds(5))
        let deadline = ContinuousClock.now.advanced(by: .seconds(10))
        while process.isRunning && ContinuousClock.now < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw FixtureError("roleplay \(arguments.joined(separator: " ")) did not exit")
        }
        return Result(status: process.terminationStatus, output: text, errors: errorText)
    }
}
