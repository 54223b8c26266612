/// ConverseStream's answer: typed events in order, as they arrive.
///
/// Iterating throws `ServiceError` for an in-stream exception (code as sent, `throttlingException`…),
/// `StreamError` for a body cut inside a frame, a corrupt frame or an unreadable event, and `TransportError`
/// for a lost connection.
public struct ConverseStream: AsyncSequence, Sendable {
    public typealias Element = ConverseStreamEvent

    public let requestID: String?
    let events: EventStreamEvents

    init(events: EventStreamEvents) {
        self.events = events
        requestID = events.requestID
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(events: events.makeIterator()) }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var events: EventStreamEvents.Iterator

        public mutating func next() async throws -> ConverseStreamEvent? {
            let operation = events.source.operation
            let reader = ResponseReader(service: events.source.service, operation: operation)
            while let event = try await events.next() {
                do {
                    if let typed = try ConverseStreamEvent(type: event.type, payload: event.payload, reader) {
                        return typed
                    }
                } catch {
                    throw StreamError(.malformedEvent, operation: operation, detail: error.detail)
                }
            }
            return nil
        }
    }
}
