/// Bounds on what one client can make the server hold. Every size the server buffers is bounded by one of these.
public struct ServerLimits: Sendable, Hashable {
    /// The largest request body accepted; a larger one gets `413 Content Too Large` and the connection is closed.
    public var maxBodyBytes: Int
    /// The most header fields in one request; more gets `431 Request Header Fields Too Large`.
    public var maxHeaderCount: Int
    /// The largest request line plus header block. libmicrohttpd enforces it while reading (its per-connection
    /// memory pool is sized from it) and answers `431`/`414` itself; the adapter also checks the parsed total.
    public var maxHeaderBytes: Int
    /// The most simultaneous connections; later ones are accepted and closed at once.
    public var maxConnections: Int
    /// Seconds a connection may sit idle (no bytes in either direction) before it is closed; 0 means never.
    public var idleTimeoutSeconds: Int
    /// The most bytes one call asks a streamed body for: the buffer size of each chunk.
    public var streamBlockBytes: Int

    public init(
        maxBodyBytes: Int = 16 << 20, maxHeaderCount: Int = 100, maxHeaderBytes: Int = 32 << 10,
        maxConnections: Int = 1024, idleTimeoutSeconds: Int = 30, streamBlockBytes: Int = 16 << 10
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxHeaderBytes = maxHeaderBytes
        self.maxConnections = maxConnections
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.streamBlockBytes = streamBlockBytes
    }

    /// libmicrohttpd's per-connection memory pool: it holds the request line and headers, and the read buffer
    /// for the body, so it is the header limit plus room to read body data in.
    var connectionMemoryBytes: Int { max(maxHeaderBytes, 1024) + (16 << 10) }
}
