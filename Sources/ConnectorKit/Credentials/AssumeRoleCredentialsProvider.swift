public import Foundation

/// Credentials of a role session, assumed with an `STSClient` (whose own provider supplies the base
/// credentials) and cached until `refreshMargin` before they expire.
///
/// An actor, so that however many requests need credentials at once, one `AssumeRole` runs per refresh: the
/// first caller to find the cache stale starts a refresh task and stores it; callers arriving while it runs
/// (including ones let in by the actor's reentrancy at the `await`) wait for that same task. A failed refresh
/// is thrown to every waiter unchanged (a `ServiceError` stays one) and is not cached, so the next call tries
/// again.
public actor AssumeRoleCredentialsProvider: CredentialsProvider {
    public nonisolated let sts: STSClient
    public nonisolated let request: AssumeRoleRequest
    /// How long before `expiration` the credentials count as stale: requests signed just before expiry can
    /// reach the service after it, and the local clock may be behind the service's.
    public nonisolated let refreshMargin: Duration
    private let now: @Sendable () -> Date

    private var cached: AWSCredentials?
    private var refresh: Task<AWSCredentials, any Error>?

    public init(
        sts: STSClient, request: AssumeRoleRequest, refreshMargin: Duration = .seconds(300),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.sts = sts
        self.request = request
        self.refreshMargin = refreshMargin
        self.now = now
    }

    /// The cached session credentials, or new ones when none are cached or they are within `refreshMargin`
    /// of expiry.
    public func credentials() async throws -> AWSCredentials {
        if let cached, isFresh(cached) { return cached }
        let task: Task<AWSCredentials, any Error>
        if let refresh {
            task = refresh
        } else {
            task = Task { [sts, request] in try await sts.assumeRole(request).credentials }
            refresh = task
        }
        // Whichever waiter resumes first retires the task (and caches a success); the others see it retired.
        do {
            let value = try await task.value
            if refresh == task {
                refresh = nil
                cached = value
            }
            return value
        } catch {
            if refresh == task { refresh = nil }
            throw error
        }
    }

    /// Drops the cached credentials, so the next call assumes the role again. A refresh already running is
    /// left to finish: its credentials are new ones anyway.
    ///
    /// `async` although it never suspends: `await provider.invalidate()` on this type would otherwise pick the
    /// protocol extension's no-op `invalidate() async` (async overloads win in async code) and drop nothing.
    public func invalidate() async {
        cached = nil
    }

    private func isFresh(_ credentials: AWSCredentials) -> Bool {
        guard let expiration = credentials.expiration else { return true }
        return now() < expiration.addingTimeInterval(-refreshMargin.timeInterval)
    }
}
