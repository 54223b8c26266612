public import AWSWire

/// What a step does. Values are kept as the file wrote them (templates unsubstituted): `${…}` references are
/// resolved when the step runs, from the variables earlier steps saved.
public enum StepAction: Sendable {
    /// An AWS call; `service` is one of ``StepAction/services``, `parameters` an object named as in the AWS API,
    /// `options` how it is signed and sent.
    case call(service: String, operation: String, actor: String, parameters: JSONValue, options: CallOptions = .init())
    /// ConnectorKit's set-up: `{systemAccount, externalId?}`, `systemAccount` resolved to its 12-digit ID.
    case connectorInit(JSONValue)
    /// ConnectorKit's connection check: `{as, role, externalId, model?, cloudTrail?, retries?, cloudTrailTimeout?}`,
    /// `cloudTrailTimeout` read into seconds.
    case connectorCheck(JSONValue)
    /// Moves the emulator's virtual clock forward.
    case clockAdvance(seconds: Int64)
    /// A fault rule (faults.md).
    case faultsAdd(JSONValue)
    case faultsClear
    /// A scripted model answer (bedrock-runtime.md).
    case bedrockScript(JSONValue)
    /// Forgets all emulator state.
    case reset

    /// The services a `call` may name, as scenario files spell them.
    public static let services: [String] = ["sts", "iam", "bedrock", "bedrock-runtime", "cloudtrail"]

    /// A short text for reports when the step has no name.
    public var summary: String {
        switch self {
        case .call(let service, let operation, let actor, _, _): "\(service).\(operation) as \(actor)"
        case .connectorInit: "connector.init"
        case .connectorCheck(let options):
            if let actor = options["as"]?.stringValue { "connector.check as \(actor)" } else { "connector.check" }
        case .clockAdvance(let seconds): "clock.advance \(seconds)s"
        case .faultsAdd: "faults.add"
        case .faultsClear: "faults.clear"
        case .bedrockScript: "bedrock.script"
        case .reset: "reset"
        }
    }
}
