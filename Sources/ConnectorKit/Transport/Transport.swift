public import AWSWire

/// Moves one signed request to an endpoint and its response back; nothing else (no signing, no retries).
///
/// Injected so the same clients run over a socket (`URLSessionTransport`, for real AWS or `roleplay serve`) and
/// inside the test process (`EmulatorTransport`, which calls `Emulator.handle` with no socket at all).
public protocol Transport: Sendable {
    /// Sends `request`; returns once the status and headers are known, with the body still arriving.
    /// - Throws: `TransportError` when no response could be read (refused, reset, timed out).
    func send(_ request: TransportRequest) async throws -> TransportResponse
}

/// A request ready for the wire: the endpoint it goes to and the exact bytes SigV4 signed.
public struct TransportRequest: Sendable {
    public var endpoint: Endpoint
    public var method: String
    /// Path (with the endpoint's base path) and query exactly as signed, percent-encoded.
    public var target: String
    public var headers: [HTTPField]
    public var body: [UInt8]

    public init(endpoint: Endpoint, method: String, target: String, headers: [HTTPField], body: [UInt8]) {
        self.endpoint = endpoint
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    /// The absolute URL, as `URLSession` needs it.
    public var url: String { "\(endpoint.scheme)://\(endpoint.hostHeader)\(target)" }
}

/// A response whose status and headers have arrived; the body is read as it comes.
public struct TransportResponse: Sendable {
    public var status: Int
    public var headers: [HTTPField]
    public var body: ResponseBody

    public init(status: Int, headers: [HTTPField], body: ResponseBody) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        headers.value(named: name)
    }
}

/// Why a transport got no complete response.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// No connection could be made (refused, DNS, TLS).
        case connectionFailed
        /// The connection broke before the response was complete (reset, cut mid-stream).
        case connectionLost
        /// No answer within the transport's timeout.
        case timedOut
        /// The response body passed the size this client accepts.
        case bodyTooLarge
    }

    public var kind: Kind
    public var detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "\(kind): \(detail)" }
}
