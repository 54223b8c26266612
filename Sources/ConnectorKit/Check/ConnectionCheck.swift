internal import Foundation

/// The set-up guide's end-to-end test, run by the SaaS as soon as the customer completes the connector: assume
/// the role with the External ID, prove the session is that role's, list the models, pick the model ID (or the
/// inference profile it needs), send a greeting, and optionally find the `AssumeRole` in the customer's
/// CloudTrail.
///
/// Each step reports what it found or, when it fails, AWS's error and a hint that names the set-up step to
/// fix; the steps after a failure are skipped. `run` never throws: every failure is part of the report.
public struct ConnectionCheck: Sendable {
    public struct Options: Sendable {
        /// The model to greet; nil for `ConnectionCheck.defaultModel`. A model that runs only through an inference
        /// profile is resolved to its system profile; a profile ID or ARN is used as given.
        public var model: String?
        /// `RoleSessionName` of the check's session (in the session ARN and CloudTrail): 2–64 of `[\w+=,.@-]`.
        public var sessionName: String
        /// Look for the `AssumeRole` in the customer's CloudTrail; nil skips that step (it is then not listed).
        public var cloudTrail: CloudTrailVerification?
        /// The user turn sent to the model.
        public var greeting: String

        public init(
            model: String? = nil, sessionName: String = ConnectionCheck.makeSessionName(),
            cloudTrail: CloudTrailVerification? = nil, greeting: String = "Hello"
        ) {
            self.model = model
            self.sessionName = sessionName
            self.cloudTrail = cloudTrail
            self.greeting = greeting
        }
    }

    /// Amazon Nova Lite: current, served on demand (no inference profile needed) in the US regions the guide
    /// uses, and allowed by both `AmazonBedrockFullAccess` and the guide's tighter policy.
    public static let defaultModel = "amazon.nova-lite-v1:0"

    public let configuration: ConnectionConfiguration
    /// The SaaS's own credentials (an IAM user or role of the system account): what calls `AssumeRole`.
    public let baseCredentials: any CredentialsProvider
    public let clientConfiguration: ClientConfiguration
    public let options: Options

    public init(
        configuration: ConnectionConfiguration, baseCredentials: any CredentialsProvider,
        clientConfiguration: ClientConfiguration, options: Options = Options()
    ) {
        self.configuration = configuration
        self.baseCredentials = baseCredentials
        self.clientConfiguration = clientConfiguration
        self.options = options
    }

    /// A session name unique to one run, so its CloudTrail event can be told from every other:
    /// `connector-check-` and 8 hexadecimal digits.
    public static func makeSessionName() -> String {
        "connector-check-" + String(UInt32.random(in: .min ... .max), radix: 16).leftPadded(to: 8)
    }

    /// Runs every step in order; `progress` is called with each result as soon as it is known (skipped steps
    /// included).
    public func run(progress: (@Sendable (StepResult) -> Void)? = nil) async -> ConnectionReport {
        var run = StepRunner(check: self, progress: progress)
        let steps = await run.all()
        return ConnectionReport(
            connection: configuration.name, roleARN: configuration.roleARN.description, region: configuration.region,
            steps: steps)
    }

    var modelID: String { options.model ?? Self.defaultModel }

    var assumeRoleRequest: AssumeRoleRequest {
        AssumeRoleRequest(
            roleARN: configuration.roleARN.description, roleSessionName: options.sessionName,
            externalID: configuration.externalID)
    }
}
