import ArgumentParser
import ConnectorKit
import Foundation

extension Roleplay.Connector {
    /// `roleplay connector check`: ConnectorKit's `ConnectionCheck` from the command line, one line per step as
    /// it completes, over a real socket (AWS, or `roleplay serve` with `--endpoint`).
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a connection end to end: assume the role, list models, greet a model, find the event.",
            discussion: """
                The SaaS's own credentials come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY(/AWS_SESSION_TOKEN), \
                else the shared credentials and config files' profile (--profile, else AWS_PROFILE, else default). \
                With --cloudtrail-profile (the customer's credentials), the check also waits for the AssumeRole \
                event in the customer's CloudTrail, backing off up to --cloudtrail-timeout. Exit code 0 when every \
                step passes, 1 when one fails, 2 when an option's value is invalid.
                """)

        @Option(name: .customLong("role-arn"), help: ArgumentHelp("The customer's role.", valueName: "arn"))
        var roleARN: String

        @Option(
            name: .customLong("external-id"),
            help: ArgumentHelp("The External ID the role's trust policy requires.", valueName: "id"))
        var externalID: String

        @Option(help: "The region of the Bedrock calls (e.g. us-east-1).")
        var region: String

        @Option(help: ArgumentHelp("The model to greet (default \(ConnectionCheck.defaultModel)).", valueName: "id"))
        var model: String?

        @Option(
            help: ArgumentHelp(
                "Send every call to this URL (e.g. http://127.0.0.1:4590 for roleplay serve).", valueName: "url"))
        var endpoint: String?

        @Option(help: ArgumentHelp("The profile of the SaaS's own credentials.", valueName: "name"))
        var profile: String?

        @Option(
            name: .customLong("cloudtrail-profile"),
            help: ArgumentHelp("The customer's profile, to find the AssumeRole in their CloudTrail.", valueName: "name")
        )
        var cloudTrailProfile: String?

        @Option(
            name: .customLong("cloudtrail-timeout"),
            help: ArgumentHelp("How long to wait for the CloudTrail event (30s, 5m, 15m).", valueName: "duration"))
        var cloudTrailTimeout = DurationArgument(seconds: 60)

        @Option(
            name: .customLong("session-name"),
            help: ArgumentHelp("The role session's name (default: connector-check-XXXXXXXX).", valueName: "name"))
        var sessionName: String?

        @Option(help: "The connection's name, shown in the report.")
        var name = "connector"

        @Flag(help: "Print the report as one JSON object instead of progress lines.")
        var json = false

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let code = AsyncBridge.wait {
                await execute(environment: environment, transport: URLSessionTransport()) { text in
                    FileHandle.standardOutput.write(Data(text.utf8))
                } errors: { text in
                    FileHandle.standardError.write(Data(text.utf8))
                }
            }
            if code != 0 { throw ExitCode(code) }
        }

        /// Checks the options, runs the check, writes progress (or the JSON report) through `output` and problems
        /// with the options through `errors`, and returns the exit code.
        func execute(
            environment: [String: String], transport: any Transport, output: @escaping @Sendable (String) -> Void,
            errors: @Sendable (String) -> Void
        ) async -> Int32 {
            let check: ConnectionCheck
            do {
                check = try makeCheck(environment: environment, transport: transport)
            } catch {
                errors("Error: \(error)\n")
                return 2
            }
            let json = json
            let report = await check.run { result in
                if !json { output(ConnectorCheckText.line(result)) }
            }
            if json {
                do {
                    output(try JSONOutput.encode(report) + "\n")
                } catch {
                    errors("Error: \(error)\n")
                    return 1
                }
            } else {
                output(ConnectorCheckText.summary(report))
            }
            return report.passed ? 0 : 1
        }

        /// The check the options describe.
        /// - Throws: `CLIError` naming the option whose value is invalid.
        func makeCheck(environment: [String: String], transport: any Transport) throws -> ConnectionCheck {
            func flag(_ name: String, _ body: () throws -> Void) throws {
                do { try body() } catch { throw CLIError("\(name): \(error)") }
            }
            var arn: RoleARN?
            try flag("--role-arn") { arn = try RoleARN(parsing: roleARN) }
            guard let arn else { throw CLIError("--role-arn: missing") }
            try flag("--external-id") { try ExternalID.validate(externalID) }
            try flag("--region") { try Region.validate(region, partition: arn.partition) }
            var endpoints = EndpointResolver.aws
            if let endpoint { try flag("--endpoint") { endpoints = try EndpointResolver.custom(endpoint) } }
            let connection = ConnectionConfiguration(name: name, roleARN: arn, region: region, externalID: externalID)
            try flag("--name") { try connection.validate() }
            guard cloudTrailTimeout.seconds > 0 else { throw CLIError("--cloudtrail-timeout: must be more than 0") }
            let configuration = ClientConfiguration(transport: transport, endpoints: endpoints)
            let base: any CredentialsProvider =
                profile.map {
                    ProfileCredentialsProvider(
                        profile: $0, environment: environment, configuration: configuration, region: region)
                }
                ?? CredentialsProviderChain.default(
                    environment: environment, configuration: configuration, region: region)
            var options = ConnectionCheck.Options(model: model)
            if let sessionName { options.sessionName = sessionName }
            if let cloudTrailProfile {
                options.cloudTrail = CloudTrailVerification(
                    credentials: ProfileCredentialsProvider(
                        profile: cloudTrailProfile, environment: environment, configuration: configuration,
                        region: region),
                    timeout: .seconds(cloudTrailTimeout.seconds))
            }
            return ConnectionCheck(
                configuration: connection, baseCredentials: base, clientConfiguration: configuration, options: options)
        }
    }
}
