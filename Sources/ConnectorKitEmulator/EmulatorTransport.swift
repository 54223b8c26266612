public import ConnectorKit
public import Emulator
internal import AWSWire

/// A transport that hands each request to an `Emulator` in this process: no socket, no port, no server
/// thread, so the whole connector flow runs in a unit test in milliseconds.
///
/// The emulator sees exactly the bytes a socket would carry (the same signed headers and body), so what passes
/// here passes over `roleplay serve`; only `remoteAddress` is absent.
public struct EmulatorTransport: Transport {
    public let emulator: Emulator

    public init(_ emulator: Emulator) { self.emulator = emulator }

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        let response = emulator.handle(
            HTTPRequest(method: request.method, target: request.target, headers: request.headers, body: request.body))
        switch response.body {
        case .bytes(let bytes):
            return TransportResponse(status: response.status, headers: response.headers, body: ResponseBody(bytes: bytes))
        case .stream(let stream):
            return TransportResponse(status: response.status, headers: response.headers, body: Self.pull(stream))
        }
    }

    /// Drains a streamed body on its own task: `next()` may block (the emulator paces chunks in time), which
    /// must not hold the caller. `.abort` surfaces as the connection loss a socket would show.
    static func pull(_ stream: any ResponseStream) -> ResponseBody {
        ResponseBody(
            AsyncThrowingStream { continuation in
                let task = Task.detached {
                    while !Task.isCancelled {
                        switch stream.next() {
                        case .data(let bytes): continuation.yield(bytes)
                        case .end: return continuation.finish()
                        case .abort:
                            return continuation.finish(throwing: TransportError(.connectionLost, "stream cut by the emulator"))
                        }
                    }
                    continuation.finish(throwing: CancellationError())
                }
                continuation.onTermination = { _ in task.cancel() }
            })
    }
}
