import SigV4

/// What a journal describes: the state, the session-token keys, and the CloudTrail events, as replaying its
/// records in order leaves them.
struct RestoredState {
    var state: EmulatorState
    /// nil for a journal that holds none yet (a new state directory).
    var keys: (material: [UInt8], generation: UInt64)?
    /// CloudTrail events since the last reset, oldest first, in the event store's encoding.
    var events: [[UInt8]] = []

    init(wallClock: @escaping @Sendable () -> AmzDate) {
        state = Self.emptyState(wall: wallClock)
    }

    /// Replayed uses stay pending (see `EmulatorState.setRoleLastUsedLag`), so a restart shows no use earlier
    /// than the running emulator's lag allows.
    private static func emptyState(wall: @escaping @Sendable () -> AmzDate) -> EmulatorState {
        EmulatorState(clock: VirtualClock(wall: wall), roleLastUsedLag: EmulatorState.maxRoleLastUsedLag)
    }

    /// Replays the intact records of a journal file (header checked by the caller).
    /// - Returns: the state, and where and why replay stopped early, if it did.
    /// - Parameter maxEvents: the most CloudTrail events kept (the newest).
    static func replay(_ bytes: [UInt8], wallClock: @escaping @Sendable () -> AmzDate, maxEvents: Int)
        -> (RestoredState, JournalFormat.Damage?)
    {
        var restored = RestoredState(wallClock: wallClock)
        let (frames, damage) = JournalFormat.frames(in: bytes)
        let policies = PolicyRecompiler()
        for frame in frames {
            guard let record = JournalRecord(payload: Array(bytes[frame.payload]), policies: policies) else {
                restored.keepNewestEvents(maxEvents)
                return (
                    restored, .init(kind: .unreadable, offset: frame.offset, droppedBytes: bytes.count - frame.offset)
                )
            }
            restored.apply(record)
            // Trimmed now and then, not at every event: a long journal stays within twice the bound.
            if restored.events.count >= 2 * max(maxEvents, 1) { restored.keepNewestEvents(maxEvents) }
        }
        restored.keepNewestEvents(maxEvents)
        return (restored, damage)
    }

    mutating func apply(_ record: JournalRecord) {
        switch record {
        case .sessionKeys(let material, let generation):
            keys = (material, generation)
        case .reset:
            state = Self.emptyState(wall: state.clock.wall)
            events = []
        case .clock(let offset):
            state.clock.reset()
            state.clock.advance(seconds: offset)
        case .account(let account):
            state.withAccount(account.id) { $0 = account }
        case .accessKeys(let list):
            state.accessKeys = Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        case .roleUsed(let use):
            state.recordUse(
                ofRole: use.roleName, id: use.roleID, account: use.account, at: use.date, region: use.region)
        case .event(let bytes):
            events.append(bytes)
        }
    }

    mutating func keepNewestEvents(_ count: Int) {
        if events.count > count { events.removeFirst(events.count - max(count, 0)) }
    }

    /// The records that rebuild this state from nothing: what a compacted journal starts with.
    var snapshot: [JournalRecord] {
        var records: [JournalRecord] = []
        if let keys { records.append(.sessionKeys(material: keys.material, generation: keys.generation)) }
        records.append(.clock(offsetSeconds: state.clock.offsetSeconds))
        records.append(.accessKeys(Array(state.accessKeys.values)))
        records += state.accounts.values.map(JournalRecord.account)
        records += events.map(JournalRecord.event)
        return records
    }
}
