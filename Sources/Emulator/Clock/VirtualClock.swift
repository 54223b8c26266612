public import SigV4
import Foundation

/// The emulator's notion of "now": the wall clock plus an offset that `POST /_roleplay/clock` moves.
///
/// Credential expiry, `CreateDate`s and (later) CloudTrail times follow virtual time, so a test can jump an
/// hour ahead without waiting. The SigV4 skew check does not: clients sign with their own wall clock, so the
/// verifier compares against `wallNow()`. Setting `now` to a past instant is allowed (the offset is negative).
public struct VirtualClock: Sendable {
    /// Reads the wall clock; injectable so in-process tests pin time.
    public var wall: @Sendable () -> AmzDate
    /// Seconds added to the wall clock.
    public private(set) var offsetSeconds: Int64 = 0

    public init(wall: @escaping @Sendable () -> AmzDate = VirtualClock.systemWall) {
        self.wall = wall
    }

    /// The system clock, to the second.
    public static let systemWall: @Sendable () -> AmzDate = { AmzDate(Date()) }

    /// Virtual now.
    public func now() -> AmzDate { wall().adding(seconds: offsetSeconds) }

    /// Moves virtual time forward (or back, with a negative value).
    public mutating func advance(seconds: Int64) { offsetSeconds += seconds }

    /// Makes virtual now equal `instant` from this moment on.
    public mutating func set(now instant: AmzDate) { offsetSeconds = instant.secondsSince1970 - wall().secondsSince1970 }

    /// Back to the wall clock.
    public mutating func reset() { offsetSeconds = 0 }
}
