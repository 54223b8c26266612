/// Size bounds for event-stream frames.
///
/// The defaults are botocore's (spec §7.6): headers up to 128 KiB, payload up to 24 MiB, which also bounds
/// the frame. A decoder checks the prelude against these before buffering a frame, so a hostile length
/// cannot make it wait for (or allocate) gigabytes.
public struct EventStreamLimits: Sendable, Hashable {
    public var maxHeadersLength: Int
    public var maxPayloadLength: Int

    public static let `default` = EventStreamLimits(maxHeadersLength: 128 * 1024, maxPayloadLength: 24 * 1024 * 1024)

    public init(maxHeadersLength: Int, maxPayloadLength: Int) {
        self.maxHeadersLength = maxHeadersLength
        self.maxPayloadLength = maxPayloadLength
    }

    /// Prelude (12) + headers + payload + message CRC (4).
    public var maxFrameLength: Int { 16 + maxHeadersLength + maxPayloadLength }
}
