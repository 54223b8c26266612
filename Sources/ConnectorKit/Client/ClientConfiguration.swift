public import Foundation

/// What every client of one connection shares: how bytes move, where each service is, and the clock.
public struct ClientConfiguration: Sendable {
    public var transport: any Transport
    public var endpoints: EndpointResolver
    /// The local time signatures are dated by (before skew correction). Injected so tests can pin it.
    public var now: @Sendable () -> Date
    /// `User-Agent` on every request (never signed).
    public var userAgent: String
    /// The largest whole response body accepted.
    public var maxResponseBytes: Int

    public init(
        transport: any Transport, endpoints: EndpointResolver = .aws, now: @escaping @Sendable () -> Date = { Date() },
        userAgent: String = "roleplay-connectorkit/1.0", maxResponseBytes: Int = 64 << 20
    ) {
        self.transport = transport
        self.endpoints = endpoints
        self.now = now
        self.userAgent = userAgent
        self.maxResponseBytes = maxResponseBytes
    }
}
