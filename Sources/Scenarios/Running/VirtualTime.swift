internal import Foundation
internal import RoleplaySync
internal import Synchronization

/// The target's virtual time as the runner tracks it: the wall clock plus every `clock.advance` since the
/// last reset (a reset puts the emulator's clock back on the wall clock). Assumed sessions are renewed by it.
///
/// A class behind a lock because the connection check's poll clock advances it from its own closure.
final class VirtualTime: Sendable {
    private let offsetSeconds = Locked<Int64>(0)

    var now: Date { Date().addingTimeInterval(TimeInterval(offsetSeconds.withLock { $0 })) }

    /// How far `clock.advance` has moved the clock since the last reset.
    var offset: Duration { .seconds(offsetSeconds.withLock { $0 }) }

    func advance(seconds: Int64) { offsetSeconds.withLock { $0 += seconds } }

    func reset() { offsetSeconds.withLock { $0 = 0 } }
}
