import AWSWire
import Emulator
import EmulatorTestSupport
import HTTPServer
import SigV4
import TestSupport

/// An `Emulator` behind an `HTTPServer` on 127.0.0.1 with a kernel-chosen port: the stack `roleplay serve`
/// runs, in-process, for one test. The server stops when this is released.
///
/// The emulator's wall clock is pinned to `signingTime`, so signed requests never depend on the test's timing.
/// Every request that reaches the emulator is kept in `received` (`EmulatorServer`), so a test can see what the
/// HTTP layer let through.
final class EmulatorSocket {
    /// 2025-01-15T12:00:00Z: what the emulator believes the time is, and what requests are signed at.
    static let signingTime = AmzDate(secondsSince1970: 1_736_942_400)

    private let backend: EmulatorServer

    init(limits: ServerLimits = ServerLimits()) throws {
        var settings = EmulatorConfiguration()
        settings.wallClock = { Self.signingTime }
        backend = try EmulatorServer(settings, limits: limits)
    }

    var address: BoundAddress { backend.address }

    /// The requests that reached the emulator, in arrival order.
    var received: [HTTPRequest] { backend.received }

    /// `Host` as a client of this server sends it.
    var host: String { "127.0.0.1:\(address.port)" }

    func connect(timeoutMilliseconds: Int = 5000) throws -> TestConnection {
        try TestConnection(port: address.port, timeoutMilliseconds: timeoutMilliseconds)
    }

    /// Sends `bytes` on a new connection and reads one response; nil when the server closed the connection
    /// without answering. A server that neither answers nor closes within the timeout throws (a hang).
    func exchange(_ bytes: [UInt8], timeoutMilliseconds: Int = 5000) throws -> WireResponse? {
        let connection = try connect(timeoutMilliseconds: timeoutMilliseconds)
        // The server may refuse and close while the request is still being written; the answer is what counts.
        try? connection.send(bytes)
        do {
            return try connection.readResponse()
        } catch let error as ClientError where !error.isTimeout {
            return nil
        }
    }

    func exchange(_ text: String) throws -> WireResponse? { try exchange(Array(text.utf8)) }

    /// A signed call, sent with `Content-Length`.
    func call(
        _ action: String, version: String = "2011-06-15", service: String = "sts", _ parameters: [(String, String)] = []
    ) throws -> WireResponse? {
        try exchange(
            SignedQuery.wire(
                SignedQuery.request(
                    action, version: version, service: service, parameters, host: host, at: Self.signingTime)))
    }

    /// The status of `GET /_roleplay/health` on a fresh connection: 200 while the server is well.
    func healthStatus() throws -> Int {
        let connection = try connect()
        try connection.send("GET /_roleplay/health HTTP/1.1\r\nHost: \(host)\r\n\r\n")
        return try connection.readResponse().status
    }
}
