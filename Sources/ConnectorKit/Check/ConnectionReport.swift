/// Every step of one connection check, in order; what `roleplay connector check --json` prints.
public struct ConnectionReport: Sendable, Hashable {
    /// The connection's name.
    public var connection: String
    public var roleARN: String
    public var region: String
    /// The steps that were due: the CloudTrail step is listed only when it was asked for.
    public var steps: [StepResult]

    public init(connection: String, roleARN: String, region: String, steps: [StepResult]) {
        self.connection = connection
        self.roleARN = roleARN
        self.region = region
        self.steps = steps
    }

    /// True when every step ran and passed.
    public var passed: Bool { !steps.isEmpty && steps.allSatisfy { $0.status == .passed } }

    /// The result of `step`, if it is in the report.
    public func result(_ step: CheckStep) -> StepResult? { steps.first { $0.step == step } }

    /// The first step that failed.
    public var firstFailure: StepResult? { steps.first { $0.status == .failed } }
}

extension ConnectionReport: Codable {
    enum CodingKeys: String, CodingKey {
        case connection, roleARN, region, steps, passed
    }

    /// Reads a report; `passed` is recomputed from the steps, never trusted from the document.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            connection: try container.decode(String.self, forKey: .connection),
            roleARN: try container.decode(String.self, forKey: .roleARN),
            region: try container.decode(String.self, forKey: .region),
            steps: try container.decode([StepResult].self, forKey: .steps))
    }

    /// Writes the report with `passed`, so a script reading `--json` need not re-derive it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(connection, forKey: .connection)
        try container.encode(roleARN, forKey: .roleARN)
        try container.encode(region, forKey: .region)
        try container.encode(steps, forKey: .steps)
        try container.encode(passed, forKey: .passed)
    }
}
