internal import RoleplaySync
internal import Synchronization

/// A streamed response body that sends one event-stream frame per pull (spec §7.3, §7.5).
///
/// Bedrock Runtime's streaming operations answer 200 with `application/vnd.amazon.eventstream` and flush per
/// event, so the server's chunked writer gets exactly one frame per ``next()``. Frames are encoded up front,
/// so an encoding error surfaces before the 200 is committed.
public final class EventStreamBody: ResponseStream {
    private let frames: [[UInt8]]
    /// Index of the next frame; a `Locked` because the protocol is `Sendable` and `next()` is non-mutating
    /// (the server calls it from one thread at a time, so the lock is never contended).
    private let position = Locked(0)

    /// Encodes `messages` (in order) with `encoder`.
    public init(messages: [EventStreamMessage], encoder: EventStreamEncoder = EventStreamEncoder())
        throws(EventStreamError)
    {
        var frames: [[UInt8]] = []
        for message in messages { frames.append(try encoder.encode(message)) }
        self.frames = frames
    }

    public func next() -> ResponseChunk {
        position.withLock { index in
            guard index < frames.count else { return .end }
            defer { index += 1 }
            return .data(frames[index])
        }
    }

    /// The 200 response for a Bedrock Runtime stream: `Content-Type: application/vnd.amazon.eventstream`,
    /// `x-amzn-RequestId`, plus operation headers (InvokeModelWithResponseStream needs
    /// `X-Amzn-Bedrock-Content-Type`).
    public static func response(
        messages: [EventStreamMessage], requestID: String, extraHeaders: [HTTPField] = []
    ) throws(EventStreamError) -> HTTPResponse {
        HTTPResponse(
            status: 200,
            headers: [HTTPField("Content-Type", contentType), HTTPField("x-amzn-RequestId", requestID)] + extraHeaders,
            body: .stream(try EventStreamBody(messages: messages)))
    }

    public static let contentType = "application/vnd.amazon.eventstream"
}
