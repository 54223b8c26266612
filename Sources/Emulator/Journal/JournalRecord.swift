import SigV4

/// One change, as the journal keeps it. Replaying the records in the order they were appended rebuilds the
/// state (`JournalReplay`).
///
/// IAM changes are recorded as whole-account snapshots: IAM writes are rare, a snapshot is always correct
/// whatever the operation did, and replay is "replace the account". The frequent changes (a role session's
/// `RoleLastUsed`, CloudTrail events) get small records of their own.
enum JournalRecord {
    /// The session-token key material and the reset generation. Written when a journal starts and after every
    /// reset, so temporary credentials issued before a restart verify after it, until they expire.
    case sessionKeys(material: [UInt8], generation: UInt64)
    /// `POST /_roleplay/reset`: everything recorded before is forgotten.
    case reset
    /// The virtual clock's offset from the wall clock.
    case clock(offsetSeconds: Int64)
    /// One account, whole, after a change to it.
    case account(AccountState)
    /// Every IAM user access key, secrets included, after any of them changed.
    case accessKeys([AccessKey])
    /// A role session made a request (`RoleLastUsed`).
    case roleUsed(RoleUse)
    /// A CloudTrail event, in the event store's own encoding (opaque here).
    case event([UInt8])

    private enum Kind: UInt8 {
        case sessionKeys = 1, reset, clock, account, accessKeys, roleUsed, event
    }

    /// The session-token key material is exactly this long (`SessionTokenCodec` requires it).
    static let keyMaterialBytes = 64
    /// The furthest the clock offset may be from the wall clock: `POST /_roleplay/clock` takes ±100 years a call.
    static let maxClockOffsetSeconds: Int64 = 10_000 * 365 * 86_400

    /// Appends the record's payload: its kind, then its fields.
    func write(to out: inout BinaryWriter) {
        switch self {
        case .sessionKeys(let material, let generation):
            out.byte(Kind.sessionKeys.rawValue)
            out.data(material)
            out.int64(Int64(bitPattern: generation))
        case .reset:
            out.byte(Kind.reset.rawValue)
        case .clock(let offset):
            out.byte(Kind.clock.rawValue)
            out.int64(offset)
        case .account(let account):
            out.byte(Kind.account.rawValue)
            account.write(to: &out)
        case .accessKeys(let keys):
            out.byte(Kind.accessKeys.rawValue)
            out.list(keys) { $1.write(to: &$0) }
        case .roleUsed(let use):
            out.byte(Kind.roleUsed.rawValue)
            for text in [use.account, use.roleName, use.roleID, use.region] { out.string(text) }
            out.int64(use.date.secondsSince1970)
        case .event(let bytes):
            out.byte(Kind.event.rawValue)
            out.data(bytes)
        }
    }

    /// Reads one record's payload, to its last byte; nil when it is not a record this version writes.
    init?(payload: [UInt8], policies: PolicyRecompiler) {
        var reader = BinaryReader(bytes: payload)
        guard let kind = reader.byte().flatMap(Kind.init(rawValue:)) else { return nil }
        switch kind {
        case .sessionKeys:
            guard let material = reader.data(), material.count == Self.keyMaterialBytes,
                let generation = reader.int64()
            else { return nil }
            self = .sessionKeys(material: material, generation: UInt64(bitPattern: generation))
        case .reset:
            self = .reset
        case .clock:
            guard let offset = reader.int64(), abs(offset) <= Self.maxClockOffsetSeconds else { return nil }
            self = .clock(offsetSeconds: offset)
        case .account:
            guard let account = AccountState(reading: &reader, policies: policies) else { return nil }
            self = .account(account)
        case .accessKeys:
            guard let keys = reader.list({ AccessKey(reading: &$0) }) else { return nil }
            self = .accessKeys(keys)
        case .roleUsed:
            guard let account = reader.string(), let roleName = reader.string(), let roleID = reader.string(),
                let region = reader.string(), let date = reader.date()
            else { return nil }
            self = .roleUsed(RoleUse(account: account, roleName: roleName, roleID: roleID, date: date, region: region))
        case .event:
            guard let bytes = reader.data() else { return nil }
            self = .event(bytes)
        }
        guard reader.isAtEnd else { return nil }
    }
}

extension BinaryReader {
    /// A date the journal wrote: seconds since 1970, within years 1 to 9999 (what `AmzDate` formats).
    mutating func date() -> AmzDate? {
        guard let seconds = int64(), (-62_135_596_800...253_402_300_799).contains(seconds) else { return nil }
        return AmzDate(secondsSince1970: seconds)
    }
}
