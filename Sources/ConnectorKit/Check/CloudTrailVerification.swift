/// How the check looks for its `AssumeRole` in the customer's CloudTrail (the guide's optional audit step).
///
/// CloudTrail delivers events minutes after the call (AWS: about 5–15), so the lookup is retried with
/// exponential backoff (`initialBackoff`, doubled up to `maxBackoff`) until the event appears or `timeout` has
/// passed on `clock`.
public struct CloudTrailVerification: Sendable {
    /// The customer's credentials: the role owner's copy of the event is in the customer's account, which the
    /// SaaS's own credentials cannot read. They need `cloudtrail:LookupEvents`.
    public var credentials: any CredentialsProvider
    public var timeout: Duration
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    public var clock: PollClock

    public init(
        credentials: any CredentialsProvider, timeout: Duration = .seconds(60), initialBackoff: Duration = .seconds(1),
        maxBackoff: Duration = .seconds(15), clock: PollClock = .continuous
    ) {
        self.credentials = credentials
        self.timeout = timeout
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.clock = clock
    }
}

/// The time a poll measures its deadline on and sleeps by.
///
/// Injected because against the emulator delivery lag runs on its *virtual* clock: a test hands in a clock
/// whose `sleep` advances the emulator's clock (`POST /_roleplay/clock`) instead of waiting, and whose `now` moves
/// by the same amount, so a 5-minute lag is polled through in milliseconds with the same backoff sequence as
/// against AWS.
public struct PollClock: Sendable {
    /// Time elapsed since some fixed origin.
    public var now: @Sendable () -> Duration
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(now: @escaping @Sendable () -> Duration, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    /// Real time: `ContinuousClock` and `Task.sleep`.
    public static var continuous: PollClock {
        let origin = ContinuousClock.now
        return PollClock(now: { ContinuousClock.now - origin }, sleep: { try await Task.sleep(for: $0) })
    }
}
