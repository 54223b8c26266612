public import SigV4

/// How an emulator behaves. Passed in once; there are no global switches.
public struct EmulatorConfiguration: Sendable {
    /// Verify every request's SigV4 signature and its time (the default). Off, identities are still resolved
    /// from the access key, but neither the signature nor the clock skew is checked, and a request without any
    /// credentials acts as the root of `000000000000`: for users who need a lax mock.
    public var signatureCheck: Bool = true
    /// Makes every generated ID reproducible (`--seed N`).
    public var seed: UInt64?
    /// The region assumed for requests that carry none (unsigned requests with checking off).
    public var defaultRegion: String = "us-east-1"
    /// The wall clock: the SigV4 skew check compares against it, and virtual time starts from it.
    public var wallClock: @Sendable () -> AmzDate = VirtualClock.systemWall
    /// Called once per request, after the response is built (the `roleplay serve` log line), with the decision
    /// log, where a sink can look up why a denied request was denied.
    public var requestLog: (@Sendable (RequestLogRecord, DecisionLog) -> Void)?
    /// How many requests with a denied authorization `GET /_roleplay/decisions` can still explain.
    public var decisionLogCapacity: Int = 10_000
    /// How many requests whose authorizations all allowed it can still explain.
    public var allowedDecisionLogCapacity: Int = 1_000
    /// How long after a role session's request `GetRole` shows it as `RoleLastUsed`, in seconds of virtual time
    /// (`--role-last-used-lag`); AWS updates it asynchronously (spec §5.3). 0 shows every use at once.
    public var roleLastUsedLagSeconds: Int64 = 0
    /// The pause before each Bedrock Runtime stream frame after the first (`--stream-chunk-delay`), so clients
    /// see chunks arrive over time; the wait happens in the stream, outside the state lock.
    public var streamChunkDelay: Duration = .zero
    /// How long after a call its CloudTrail event becomes visible to LookupEvents (`--cloudtrail-lag`); none by
    /// default, AWS's is about 5 to 15 minutes.
    public var cloudTrailLag: DeliveryLag = .none
    /// How many CloudTrail events event history keeps at most, the oldest dropped first (`--cloudtrail-max-events`).
    public var cloudTrailMaxEvents: Int = 1_000_000
    /// When set, every admin request but `GET /_roleplay/health` must carry `Authorization: Bearer TOKEN`
    /// (`--admin-token`); nil leaves the admin API open, which is safe only on loopback.
    public var adminToken: AdminToken?
    /// The version string `GET /_roleplay/health` reports.
    public var version: String = "dev"

    public init() {}
}

/// One request, as the log line shows it. Carries no secret: the caller is an ARN, never a key or a token.
public struct RequestLogRecord: Sendable {
    public var requestID: String
    /// `sts`, `iam`, … or `admin`; `-` when the request could not be routed.
    public var service: String
    public var operation: String
    /// The caller's ARN, or `-` before authentication succeeded.
    public var caller: String
    public var status: Int
    /// `allow`, `deny`, or `-` when no authorization decision was made.
    public var decision: String
    /// The wire error code of a failed request.
    public var errorCode: String?
}
