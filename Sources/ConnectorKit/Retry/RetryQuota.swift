internal import RoleplaySync
internal import Synchronization

/// The retry token bucket of the AWS SDKs' "standard" retry mode, shared by every client of one configuration,
/// so a connection that keeps failing stops retrying instead of multiplying its load (botocore
/// `retries/quota.py`, `retries/standard.py`).
///
/// A retry takes `retryCost` tokens (`timeoutRetryCost` after a timeout); a success gives
/// back what its last retry took, or `noRetryIncrement` when it needed none, never past the capacity.
public final class RetryQuota: Sendable {
    public static let initialTokens = 500
    public static let retryCost = 5
    public static let timeoutRetryCost = 10
    public static let noRetryIncrement = 1

    public let capacity: Int
    private let tokens: Locked<Int>

    public init(capacity: Int = RetryQuota.initialTokens) {
        self.capacity = capacity
        tokens = Locked(capacity)
    }

    /// The tokens left now.
    public var available: Int { tokens.withLock { $0 } }

    /// Takes the cost of one retry; nil, taking nothing, when too few tokens are left.
    func acquire(after failure: RetryClassifier.Failure) -> Int? {
        let cost = failure == .timeout ? Self.timeoutRetryCost : Self.retryCost
        return tokens.withLock { tokens in
            guard tokens >= cost else { return nil }
            tokens -= cost
            return cost
        }
    }

    /// Gives back `amount` tokens after a success.
    func release(_ amount: Int) {
        tokens.withLock { $0 = min(capacity, $0 + amount) }
    }
}
