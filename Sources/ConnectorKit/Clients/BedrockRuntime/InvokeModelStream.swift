internal import AWSWire
internal import Foundation

/// InvokeModelWithResponseStream's answer: the model's native stream events (each `chunk.bytes`, decoded from
/// base64), in order, as they arrive.
///
/// Iterating throws `ServiceError` for an in-stream exception (code as sent, `throttlingException`…),
/// `StreamError` for a body that is cut inside a frame or corrupt, and `TransportError` for a lost connection.
public struct InvokeModelStream: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    /// `X-Amzn-Bedrock-Content-Type`: the media type of each chunk.
    public let contentType: String?
    public let requestID: String?
    let events: EventStreamEvents

    init(events: EventStreamEvents, contentType: String?) {
        self.events = events
        self.contentType = contentType
        requestID = events.requestID
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(events: events.makeIterator()) }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var events: EventStreamEvents.Iterator

        public mutating func next() async throws -> [UInt8]? {
            // Event types other than `chunk` carry nothing for the caller; newer ones are skipped as SDKs do.
            while let event = try await events.next() {
                guard event.type == "chunk" else { continue }
                return try Self.chunkBytes(event.payload, operation: events.source.operation)
            }
            return nil
        }

        /// `{"bytes": "<base64>"}` (AWS pads with a `p` member, ignored).
        static func chunkBytes(_ payload: [UInt8], operation: String) throws(StreamError) -> [UInt8] {
            guard let json = try? JSONReader(limits: ResponseReader.limits).decode(payload),
                let encoded = json["bytes"]?.stringValue, let bytes = Data(base64Encoded: encoded)
            else {
                throw StreamError(.malformedEvent, operation: operation, detail: "chunk without base64 bytes")
            }
            return Array(bytes)
        }
    }
}
