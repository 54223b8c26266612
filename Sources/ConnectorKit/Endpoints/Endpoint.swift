/// Where one service's requests go and how they are scoped: the base URL and the credential scope's region
/// and service.
public struct Endpoint: Sendable, Hashable {
    /// `https` (AWS) or `http` (a local emulator).
    public var scheme: String
    public var host: String
    /// Nil for the scheme's default port (it is then left out of `Host`, as SDKs do).
    public var port: Int?
    /// A path prefix every request target is appended to (empty for AWS).
    public var basePath: String
    /// The region in the credential scope: IAM signs for `us-east-1` whatever region the client uses.
    public var signingRegion: String
    public var signingName: String

    public init(scheme: String, host: String, port: Int? = nil, basePath: String = "", signingRegion: String, signingName: String) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.basePath = basePath
        self.signingRegion = signingRegion
        self.signingName = signingName
    }

    /// The `Host` header: the host, with the port when it is not the scheme's default.
    public var hostHeader: String {
        guard let port, port != (scheme == "https" ? 443 : 80) else { return host }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// `scheme://host[:port]basePath`.
    public var baseURL: String { "\(scheme)://\(hostHeader)\(basePath)" }
}
