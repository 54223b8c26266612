internal import Foundation

/// How `AWSClient` retries: the AWS SDKs' "standard" mode (botocore `retries/standard.py`): at most
/// `maxAttempts` attempts, a capped exponential backoff with full jitter between them, and a shared
/// ``RetryQuota``.
///
/// Sleeping and the random source are injected so tests run in milliseconds and see exact delays.
public struct RetryStrategy: Sendable {
    /// Attempts per call, the first included (1: never retry).
    public var maxAttempts: Int
    /// The longest pause between two attempts.
    public var maxBackoff: Duration
    public var quota: RetryQuota
    /// A value in `0..<1` for each pause.
    public var random: @Sendable () -> Double
    /// Pauses the calling task; throws when it is cancelled.
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(
        maxAttempts: Int = 3, maxBackoff: Duration = .seconds(20), quota: RetryQuota = RetryQuota(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.maxBackoff = maxBackoff
        self.quota = quota
        self.random = random
        self.sleep = sleep
    }

    /// The pause after failed attempt `attempt` (1-based): `random × min(2^(attempt − 1), maxBackoff)` seconds,
    /// botocore's `ExponentialBackoff` (full jitter over a capped base: at most 1 s after the first failure, 2 s
    /// after the second, 20 s from the sixth on).
    public func backoff(afterAttempt attempt: Int) -> Duration {
        let base = min(pow(2, Double(min(max(attempt - 1, 0), 62))), maxBackoff.timeInterval)
        let seconds = random() * base
        return .nanoseconds(Int64(seconds * 1e9))
    }
}
