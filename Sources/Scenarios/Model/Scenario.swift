/// One scenario file, checked and ready to run: every actor, account alias, operation, path and `${…}` reference
/// in it was validated at load, so a run cannot fail half-way on a typo.
public struct Scenario: Sendable {
    /// The test case's name in reports (JUnit).
    public var name: String
    public var description: String?
    /// The in-process emulator's seed, so generated IDs are the same on every run.
    public var seed: UInt64?
    /// Defaults to `us-east-1`.
    public var region: String
    public var emulator: EmulatorSettings
    /// Alias → 12-digit account ID.
    public var accounts: [String: String]
    public var actors: [String: ActorSpec]
    /// Actor names in the order the file declares them (`actors` is a dictionary), so the runner creates users in
    /// a stable order and reports stay byte-for-byte reproducible.
    public var actorOrder: [String]
    public var steps: [Step]
    /// The path the scenario was loaded from, as given (messages name it).
    public var file: String

    public init(
        name: String, description: String? = nil, seed: UInt64? = nil, region: String = "us-east-1",
        emulator: EmulatorSettings = EmulatorSettings(), accounts: [String: String] = [:],
        actors: [String: ActorSpec] = [:], actorOrder: [String] = [], steps: [Step] = [], file: String
    ) {
        self.name = name
        self.description = description
        self.seed = seed
        self.region = region
        self.emulator = emulator
        self.accounts = accounts
        self.actors = actors
        self.actorOrder = actorOrder
        self.steps = steps
        self.file = file
    }

    /// The 12-digit ID for an alias declared in `accounts`, or the text itself when it already is an ID; nil for an
    /// unknown alias. Anywhere the format expects an account, both spellings are allowed.
    public func accountID(_ aliasOrID: String) -> String? {
        if Self.isAccountID(aliasOrID) { return aliasOrID }
        return accounts[aliasOrID]
    }

    /// Twelve ASCII digits: what AWS account IDs look like.
    public static func isAccountID(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
