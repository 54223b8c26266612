import AWSWire
import Foundation
import RoleplaySync
import Synchronization

/// A Bedrock Runtime stream body that produces one event-stream frame per pull, waiting `delay` before each
/// frame after the first (`--stream-chunk-delay`), and that can cut the connection after some frames.
///
/// The wait happens here, in the server's pull, never under the emulator's state lock, so a slow stream holds
/// up nothing but its own connection. Frames are encoded as they are pulled.
final class PacedEventStream: ResponseStream {
    private let messages: [EventStreamMessage]
    private let delay: Duration
    /// Send this many frames, then `.abort` (a cut stream, as a failing connection would end).
    private let cutAfter: Int?
    /// Index of the next frame; a `Locked` because `next()` is non-mutating on a `Sendable` class (the server
    /// pulls from one thread at a time, so it is never contended).
    private let position = Locked(0)

    init(messages: [EventStreamMessage], delay: Duration, cutAfter: Int?) {
        self.messages = messages
        self.delay = delay
        self.cutAfter = cutAfter
    }

    func next() -> ResponseChunk {
        let index = position.withLock { index in
            defer { index += 1 }
            return index
        }
        if let cutAfter, index >= cutAfter { return .abort }
        guard index < messages.count else { return .end }
        if index > 0, delay > .zero {
            let (seconds, attoseconds) = delay.components
            Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
        }
        // Every message here is small and has fixed, valid headers; a failure would be a defect, and a cut
        // connection is the honest way to end a stream that cannot continue.
        guard let frame = try? EventStreamEncoder().encode(messages[index]) else { return .abort }
        return .data(frame)
    }

    /// The 200 response for a stream of `messages`.
    static func response(
        _ messages: [EventStreamMessage], delay: Duration, cutAfter: Int?, extraHeaders: [HTTPField] = []
    ) -> HTTPResponse {
        HTTPResponse(
            status: 200, headers: [HTTPField("Content-Type", EventStreamBody.contentType)] + extraHeaders,
            body: .stream(PacedEventStream(messages: messages, delay: delay, cutAfter: cutAfter)))
    }
}
