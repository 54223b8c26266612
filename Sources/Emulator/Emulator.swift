import AWSWire
import RoleplaySync
import Synchronization

/// The emulated AWS endpoint: every request in, every response out, no sockets (`roleplay serve` joins it to
/// `HTTPServer`; tests and the scenario runner call `handle` directly).
///
/// Thread safety: all mutable state is one `EmulatorState` plus the session-token keys, behind one `Locked` (the project's `Mutex`).
/// Signature verification and encoding run outside it; authorization and execution run inside, together, so
/// the state cannot change between the check and the change.
public final class Emulator: Sendable {
    public let configuration: EmulatorConfiguration
    let core: Locked<Core>
    let ids: IDGenerator
    public let decisions: DecisionLog
    let sessionPolicies = SessionPolicyCache()
    let verifiers: Verifiers
    let faults: FaultInjector
    let journal: JournalWriter?
    /// Event history: its own lock, outside `core` (recording and lookups never wait for the state).
    let cloudTrail: CloudTrailStore

    /// The state and the keys of the current generation (a reset starts a new one).
    struct Core: ~Copyable {
        var state: EmulatorState
        var tokens: SessionTokenCodec
        /// How many resets so far (a seeded run derives each generation's keys from the seed and this).
        var generation: UInt64
    }

    public convenience init(configuration: EmulatorConfiguration = EmulatorConfiguration()) {
        self.init(configuration: configuration, journal: nil)
    }

    /// - Parameter journal: where state changes are recorded (`--state-dir`); nil keeps state in memory only.
    init(configuration: EmulatorConfiguration, journal: JournalWriter?) {
        self.configuration = configuration
        self.journal = journal
        ids = IDGenerator(seed: configuration.seed)
        decisions = DecisionLog(
            deniedCapacity: configuration.decisionLogCapacity, allowedCapacity: configuration.allowedDecisionLogCapacity)
        verifiers = Verifiers()
        faults = FaultInjector(seed: Self.faultSeed(configuration, ids))
        cloudTrail = CloudTrailStore(maxEvents: configuration.cloudTrailMaxEvents)
        let tokens = SessionTokenCodec(keyMaterial: ids.bytes(64))
        core = Locked(Core(state: Self.emptyState(configuration), tokens: tokens, generation: 0))
    }

    /// Forgets every account, user, role, key, session, decision, fault rule and CloudTrail event, and puts the
    /// clock back on the wall clock. Sessions issued before stop working (new token keys). A seeded emulator
    /// restarts its ID sequence, so a scripted run after a reset makes the same IDs as the first time.
    public func reset() {
        ids.restart()
        let tokens = SessionTokenCodec(keyMaterial: ids.bytes(64))
        let journaled = core.withLock { core in
            core.generation += 1
            core.state = Self.emptyState(configuration)
            // A seeded run replays the same key bytes; the generation keeps old tokens from validating.
            core.tokens = configuration.seed == nil ? tokens : SessionTokenCodec(keyMaterial: tokens.keyMaterial(mixing: core.generation))
            return journalReset(&core)
        }
        journaled?.commit()
        decisions.removeAll()
        faults.clear()
        cloudTrail.removeAll()
    }

    /// The state of a new or reset emulator: nothing in it, the clock on the wall clock.
    static func emptyState(_ configuration: EmulatorConfiguration) -> EmulatorState {
        EmulatorState(clock: VirtualClock(wall: configuration.wallClock), roleLastUsedLag: configuration.roleLastUsedLagSeconds)
    }

    /// A copy of the current state (for the admin API and tests).
    public var state: EmulatorState { core.withLock { $0.state } }

    /// Runs `body` on the state under the lock (admin API: the clock), journaling what it changed.
    func withState<R>(_ body: (inout EmulatorState) -> R) -> R { withJournaledState { body(&$0.state) } }
}
