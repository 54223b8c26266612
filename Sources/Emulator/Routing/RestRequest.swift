public import AWSWire

/// A rest-json request once routed: the operation's path parameters by name, plus what the operation's
/// members may be bound to (query string, headers, body). Nothing is checked against a shape yet; the
/// operation's `decode` does that.
public struct RestRequest: Sendable {
    /// Path parameters by the name the route table gives them (`modelId`, `modelIdentifier`, …), decoded.
    public var pathParameters: [String: String]
    /// The raw query string, without the `?`.
    public var query: Substring
    public var headers: [HTTPField]
    public var body: [UInt8]

    /// The first header of that name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.value(named: name)
    }
}
