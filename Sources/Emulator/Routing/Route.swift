public import AWSWire

/// Where a request goes: the service, the operation's name, and its decoded parameters.
public struct Route: Sendable {
    public var service: Service
    /// The operation as the service names it (`AssumeRole`, `LookupEvents`, `InvokeModel`).
    public var operation: String
    public var parameters: Parameters

    /// The operation's input as the protocol carries it, not yet checked against the operation's shape.
    public enum Parameters: Sendable {
        /// Query protocol: the form (or query string) rebuilt into a tree.
        case query(QueryValue)
        /// JSON 1.1: the body.
        case json([UInt8])
        /// rest-json: the path parameters the route table bound, the query, the headers and the body.
        case rest(RestRequest)
    }
}

/// Why a request could not be routed; answered in the protocol's own error shape.
struct RoutingFailure: Error, Sendable {
    var wireProtocol: WireProtocol
    var namespace: String
    var error: AWSError
}
