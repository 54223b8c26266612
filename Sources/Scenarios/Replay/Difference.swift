/// One line of a replay's report: what exchange N answered in the recording and in the replay.
public struct Difference: Sendable, Hashable, CustomStringConvertible {
    /// Numbered from 1, as in `minted:N`.
    public var exchange: Int
    /// `iam.GetRole`.
    public var label: String
    /// `status`, `error`, `signer` (the credentials could not be resolved), `response` (none arrived), or the
    /// field's path in the response tree.
    public var path: String
    public var recorded: String
    public var replayed: String

    public init(exchange: Int, label: String, path: String, recorded: String, replayed: String) {
        self.exchange = exchange
        self.label = label
        self.path = path
        self.recorded = recorded
        self.replayed = replayed
    }

    /// `exchange 4 iam.GetRole: Role.AssumeRolePolicyDocument: recorded "…" replayed "…"`.
    public var description: String { "exchange \(exchange) \(label): \(path): recorded \(recorded) replayed \(replayed)" }
}
