public import Foundation
internal import SigV4

/// What every client of one connection shares: how bytes move, where each service is, the clock, and the retry
/// state (quota and clock skew are reference types, so copies of a configuration share them).
public struct ClientConfiguration: Sendable {
    public var transport: any Transport
    public var endpoints: EndpointResolver
    /// The local time signatures are dated by (before skew correction). Injected so tests can pin it.
    public var now: @Sendable () -> Date
    /// `User-Agent` on every request (never signed).
    public var userAgent: String
    /// The largest whole response body accepted.
    public var maxResponseBytes: Int
    /// Attempts, backoff and quota: the AWS SDKs' standard retry mode.
    public var retry: RetryStrategy
    /// The learned offset to the services' clock, added to `now` when signing.
    public var clockSkew: ClockSkew
    /// Derived signing keys by secret and scope: a key changes once a day per region and service, so deriving it
    /// (four HMACs) for every request is wasted work. Shared by copies, like the quota.
    let signingKeys = SigningKeyCache(capacity: 256)

    public init(
        transport: any Transport, endpoints: EndpointResolver = .aws, now: @escaping @Sendable () -> Date = { Date() },
        userAgent: String = "roleplay-connectorkit/1.0", maxResponseBytes: Int = 64 << 20,
        retry: RetryStrategy = RetryStrategy(), clockSkew: ClockSkew = ClockSkew()
    ) {
        self.transport = transport
        self.endpoints = endpoints
        self.now = now
        self.userAgent = userAgent
        self.maxResponseBytes = maxResponseBytes
        self.retry = retry
        self.clockSkew = clockSkew
    }

    /// The time a request is signed at: the local clock corrected by the learned skew.
    var signingTime: Date { now().addingTimeInterval(clockSkew.offset) }
}
