import RoleplaySync
import Synchronization

/// Durable state (`--state-dir`, docs/persistence.md): how the emulator starts from a journal and records
/// every change in it.
extension Emulator {
    /// An emulator whose state survives restarts: it replays the journal in `stateDirectory` (created when
    /// missing), compacts it, and from then on journals every state change before answering the request that
    /// made it.
    /// - Parameters:
    ///   - warn: where damage found in the journal, and failed writes, are reported (`roleplay serve`: standard
    ///     error).
    ///   - compactionBytes: the journal size at which the running server compacts it.
    /// - Throws: when the directory cannot be used (see `StateDirectoryError`), or with a seed (a seeded
    ///   generator would make again, after a restart, the IDs and keys the journal already holds); a damaged
    ///   journal is not an error.
    public convenience init(
        configuration: EmulatorConfiguration = EmulatorConfiguration(), stateDirectory: String,
        warn: @escaping @Sendable (String) -> Void,
        compactionBytes: Int = Emulator.defaultCompactionBytes
    ) throws(StateDirectoryError) {
        guard configuration.seed == nil else {
            throw StateDirectoryError(
                "a seeded run cannot keep state: after a restart it would issue the same IDs and keys again")
        }
        let directory = try JournalDirectory(
            path: stateDirectory, maxEvents: configuration.cloudTrailMaxEvents, warn: warn)
        let restored = try directory.restore(wallClock: configuration.wallClock)
        let journal = try directory.compact(restored.snapshot, compactAt: compactionBytes)
        self.init(configuration: configuration, journal: journal)
        let unreadable = cloudTrail.restore(journalBytes: restored.events)
        if unreadable > 0 { warn("journal: \(unreadable) CloudTrail event(s) could not be read back and were dropped") }
        let ticket = core.withLock { core -> JournalTicket? in
            core.state = restored.state
            core.state.setRoleLastUsedLag(configuration.roleLastUsedLagSeconds)
            core.state.changes = StateChanges(journaledClockOffset: restored.state.clock.offsetSeconds)
            guard let keys = restored.keys else {
                // A new directory: the keys this emulator drew go in first.
                return journal.append(.sessionKeys(material: core.tokens.material, generation: core.generation))
            }
            core.tokens = SessionTokenCodec(keyMaterial: keys.material)
            core.generation = keys.generation
            return nil
        }
        ticket?.commit()
    }

    /// The journal size at which a running server compacts it (unless the last compaction left more than half of
    /// that: then at twice what it left).
    public static let defaultCompactionBytes = 64 << 20

    /// Runs `body` under the state lock, then journals whatever it changed before returning.
    func withJournaledState<R>(_ body: (inout Core) -> R) -> R {
        var ticket: JournalTicket?
        let result = core.withLock { core in
            defer { ticket = journalChanges(&core) }
            return body(&core)
        }
        ticket?.commit()
        return result
    }

    /// Journals CloudTrail events (their `journalBytes()`) and hands them to the kernel in one write; call it
    /// where the events are stored, before the response is returned. Takes no state lock.
    func journal(events: [[UInt8]]) {
        guard let journal else { return }
        events.map { journal.append(.event($0)) }.last?.commit()
    }

    /// Under the lock: appends a record for each change the state tracked since the last call, and forgets them.
    /// - Returns: what to commit after the lock is released; nil when nothing changed or nothing is journaled.
    private func journalChanges(_ core: inout Core) -> JournalTicket? {
        guard let journal, let changes = core.state.changes,
            !changes.isEmpty || changes.journaledClockOffset != core.state.clock.offsetSeconds
        else { return nil }
        core.state.changes = StateChanges(journaledClockOffset: core.state.clock.offsetSeconds)
        var ticket: JournalTicket?
        if changes.journaledClockOffset != core.state.clock.offsetSeconds {
            ticket = journal.append(.clock(offsetSeconds: core.state.clock.offsetSeconds))
        }
        for id in changes.accounts {
            if let account = core.state.account(id) { ticket = journal.append(.account(account)) }
        }
        if changes.accessKeys { ticket = journal.append(.accessKeys(Array(core.state.accessKeys.values))) }
        for use in changes.roleUses { ticket = journal.append(.roleUsed(use)) }
        return ticket
    }

    /// Under the lock, after a reset: journals it with the new generation's keys.
    func journalReset(_ core: inout Core) -> JournalTicket? {
        guard let journal else { return nil }
        core.state.changes = StateChanges(journaledClockOffset: core.state.clock.offsetSeconds)
        _ = journal.append(.reset)
        return journal.append(.sessionKeys(material: core.tokens.material, generation: core.generation))
    }
}
