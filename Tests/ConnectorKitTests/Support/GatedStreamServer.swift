import AWSWire
import ConnectorKit
import Dispatch
import HTTPServer
import RoleplaySync
import Synchronization

/// An `HTTPServer` on 127.0.0.1 whose one answer is a chunked body that sends its first chunk, then waits for
/// the test to open the gate before the rest: what a client read before the gate opened was handed on while
/// the body was still being written, with no timing involved. The gate opens when this is released, so the
/// server thread never stays blocked.
final class GatedStreamServer {
    static let chunks: [[UInt8]] = [Array("first ".utf8), Array("second ".utf8), Array("third".utf8)]

    let stream = GatedStream(chunks: GatedStreamServer.chunks)
    let server: HTTPServer
    let address: BoundAddress

    init() throws {
        let stream = stream
        server = HTTPServer(
            configuration: ServerConfiguration(port: 0, shutdownGracePeriod: .seconds(1)),
            handler: { _ in HTTPResponse(status: 200, headers: [HTTPField("Content-Type", "text/plain")], body: .stream(stream)) })
        address = try server.start()
    }

    deinit {
        stream.open()
        server.stop()
    }

    /// `GET /` on this server.
    var request: TransportRequest {
        get throws {
            TransportRequest(
                endpoint: try EndpointResolver.custom("http://127.0.0.1:\(address.port)").endpoint(
                    for: .sts, region: "us-east-1"),
                method: "GET", target: "/", headers: [HTTPField("Host", "127.0.0.1:\(address.port)")], body: [])
        }
    }
}

/// The body `GatedStreamServer` sends: chunk 0, then the rest once `open()` was called.
final class GatedStream: ResponseStream {
    let chunks: [[UInt8]]
    private let gate = DispatchSemaphore(value: 0)
    private let position = Locked(0)

    init(chunks: [[UInt8]]) { self.chunks = chunks }

    func next() -> ResponseChunk {
        let index = position.withLock { position in
            defer { position += 1 }
            return position
        }
        if index == 1 {
            gate.wait()
            gate.signal()
        }
        return index < chunks.count ? .data(chunks[index]) : .end
    }

    /// Lets the rest of the body go (idempotent).
    func open() { gate.signal() }
}
