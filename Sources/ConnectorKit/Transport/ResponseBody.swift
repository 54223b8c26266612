/// A response body as an async sequence of chunks, in arrival order.
///
/// Streams (Bedrock's event streams) are read chunk by chunk while the server is still sending; every other
/// body is collected whole with ``collect(limit:)``.
public struct ResponseBody: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    private let chunks: AsyncThrowingStream<[UInt8], any Error>

    public init(_ chunks: AsyncThrowingStream<[UInt8], any Error>) { self.chunks = chunks }

    /// A body that is already complete.
    public init(bytes: [UInt8]) {
        self.chunks = AsyncThrowingStream { continuation in
            if !bytes.isEmpty { continuation.yield(bytes) }
            continuation.finish()
        }
    }

    public func makeAsyncIterator() -> AsyncThrowingStream<[UInt8], any Error>.AsyncIterator {
        chunks.makeAsyncIterator()
    }

    /// Every chunk joined.
    /// - Throws: `TransportError(.bodyTooLarge)` past `limit` bytes, or what the transport threw mid-body.
    public func collect(limit: Int = 64 << 20) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in self {
            guard bytes.count + chunk.count <= limit else {
                throw TransportError(.bodyTooLarge, "response body over \(limit) bytes")
            }
            bytes += chunk
        }
        return bytes
    }
}
