import SigV4

/// All mutable state of the emulator, one value behind one lock (`Emulator`).
///
/// A single lock means no lock ordering, which matters because a cross-account AssumeRole reads two accounts.
/// Handlers receive it `inout` and never see the lock.
public struct EmulatorState: Sendable {
    /// Accounts by 12-digit ID.
    public private(set) var accounts: [String: AccountState] = [:]
    /// Every IAM user access key, by access key ID.
    public var accessKeys: [String: AccessKey] = [:] { didSet { changes?.accessKeys = true } }
    /// The virtual clock.
    public var clock: VirtualClock
    /// How long after a use `RoleLastUsed` shows it, in seconds (`--role-last-used-lag`), within 0…400 days
    /// (AWS's tracking window), so adding it to any virtual time cannot overflow.
    public private(set) var roleLastUsedLag: Int64
    /// What changed since the journal last looked; nil when nothing is journaled (no `--state-dir`).
    var changes: StateChanges?
    /// Scripted Bedrock Runtime answers (`/_roleplay/bedrock/responses`).
    public var bedrockResponses = ScriptedResponses()

    public init(clock: VirtualClock, roleLastUsedLag: Int64 = 0) {
        self.clock = clock
        self.roleLastUsedLag = Self.boundedLag(roleLastUsedLag)
    }

    /// The longest lag: 400 days.
    static let maxRoleLastUsedLag: Int64 = 400 * 86_400

    static func boundedLag(_ lag: Int64) -> Int64 { min(max(lag, 0), maxRoleLastUsedLag) }

    /// Changes the lag of a state rebuilt from a journal: replay keeps every use pending (the longest lag), and
    /// the running emulator's own lag then decides, at each GetRole, which of them show.
    mutating func setRoleLastUsedLag(_ lag: Int64) { roleLastUsedLag = Self.boundedLag(lag) }

    /// The account, if it has been used.
    public func account(_ id: String) -> AccountState? { accounts[id] }

    /// Runs `body` on the account, creating it on first use.
    public mutating func withAccount<R, E: Error>(_ id: String, _ body: (inout AccountState) throws(E) -> R) throws(E)
        -> R
    {
        if accounts[id] == nil { accounts[id] = AccountState(id: id) }
        changes?.accounts.insert(id)
        return try body(&accounts[id]!)
    }

    /// Records that an account exists (any authenticated caller's account does).
    public mutating func touch(account id: String) {
        if accounts[id] == nil { withAccount(id) { _ in } }
    }

    /// Records that a session of the role made an authenticated request (`RoleLastUsed`): only while the role
    /// exists with the ID the session was issued for (a role deleted and re-created is another role).
    mutating func recordUse(ofRole name: String, id: String, account: String, at date: AmzDate, region: String) {
        let key = name.lowercased()
        // The same second and region as the newest known use changes nothing (and journals nothing).
        guard let role = accounts[account]?.roles[key], role.id == id else { return }
        let newest = role.pendingUses.last ?? role.lastUsed
        guard newest?.date != date || newest?.region != region else { return }
        accounts[account]!.roles[key]!.recordUse(at: date, region: region, lag: roleLastUsedLag)
        changes?.roleUses.append(RoleUse(account: account, roleName: name, roleID: id, date: date, region: region))
    }

    /// The role an ARN names (`arn:aws:iam::ACCOUNT:role/PATH/NAME`), if it exists. Only the name after the
    /// last `/` identifies the role; the path in the ARN must match the role's own.
    public func role(arn: String) -> Role? { RoleARN(arn).flatMap(role) }

    /// The role a parsed ARN names, if it exists with that path.
    func role(_ arn: RoleARN) -> Role? {
        guard let role = accounts[arn.account]?.role(named: arn.name), role.path == arn.path else { return nil }
        return role
    }
}

/// The parts of a role ARN.
struct RoleARN: Sendable, Hashable {
    var account: String
    var path: String
    var name: String

    /// Parses `arn:PARTITION:iam::ACCOUNT:role/NAME` or `…:role/PATH/NAME`, over bytes (every AssumeRole
    /// parses one).
    init?(_ text: String) {
        let fields = text.utf8.split(separator: UInt8(ascii: ":"), maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0].elementsEqual("arn".utf8), fields[2].elementsEqual("iam".utf8),
            fields[3].isEmpty, fields[4].count == 12, fields[4].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            fields[5].starts(with: "role/".utf8)
        else { return nil }
        let resource = fields[5].dropFirst(5)
        let slash = resource.lastIndex(of: UInt8(ascii: "/"))
        let name = slash.map { resource[resource.index(after: $0)...] } ?? resource
        guard !name.isEmpty else { return nil }
        account = String(decoding: fields[4], as: UTF8.self)
        path = slash.map { "/" + String(decoding: resource[...$0], as: UTF8.self) } ?? "/"
        self.name = String(decoding: name, as: UTF8.self)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
