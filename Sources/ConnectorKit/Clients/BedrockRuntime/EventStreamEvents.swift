internal import AWSWire

/// The `event` messages of an `application/vnd.amazon.eventstream` body, decoded as chunks arrive.
///
/// Exceptions and errors inside the stream end it with a `ServiceError`; a body that ends inside a frame or
/// holds a corrupt one ends it with a `StreamError`; the transport's own failure (a cut connection) passes
/// through unchanged, so callers can tell the service's refusal from a broken connection.
struct EventStreamEvents: Sendable {
    let body: ResponseBody
    let service: AWSService
    let operation: String
    let requestID: String?

    /// One event: its `:event-type` and payload.
    struct Event {
        var type: String
        var payload: [UInt8]
    }

    func makeIterator() -> Iterator {
        Iterator(chunks: body.makeAsyncIterator(), source: self)
    }

    struct Iterator {
        var chunks: ResponseBody.AsyncIterator
        let source: EventStreamEvents
        var decoder = EventStreamDecoder()
        var finished = false

        init(chunks: ResponseBody.AsyncIterator, source: EventStreamEvents) {
            self.chunks = chunks
            self.source = source
        }

        /// The next event, nil at a clean end of the body.
        mutating func next() async throws -> Event? {
            guard !finished else { return nil }
            while true {
                let message: EventStreamMessage?
                do {
                    message = try decoder.next()
                } catch {
                    finished = true
                    throw StreamError(.malformedFrame, operation: source.operation, detail: error.description)
                }
                if let message {
                    return try event(message)
                }
                let chunk: [UInt8]?
                do {
                    chunk = try await chunks.next()
                } catch {
                    finished = true
                    throw error
                }
                guard let chunk else {
                    finished = true
                    guard decoder.bufferedCount == 0 else {
                        throw StreamError(
                            .truncated, operation: source.operation,
                            detail: "body ended \(decoder.bufferedCount) bytes into a frame")
                    }
                    return nil
                }
                decoder.append(chunk)
            }
        }

        /// An event, or the in-stream exception or error thrown (spec §7.6's three message types).
        mutating func event(_ message: EventStreamMessage) throws -> Event {
            switch message[header: ":message-type"]?.stringValue {
            case "exception":
                finished = true
                let code = message[header: ":exception-type"]?.stringValue ?? "UnknownException"
                let payload = try? JSONReader(limits: ResponseReader.limits).decode(message.payload)
                throw ServiceError(
                    service: source.service, operation: source.operation, code: code,
                    message: payload?["message"]?.stringValue ?? payload?["Message"]?.stringValue ?? "",
                    status: Self.status(ofException: code), requestID: source.requestID)
            case "error":
                finished = true
                throw ServiceError(
                    service: source.service, operation: source.operation,
                    code: message[header: ":error-code"]?.stringValue ?? "UnknownError",
                    message: message[header: ":error-message"]?.stringValue ?? "", status: 500,
                    requestID: source.requestID)
            default:
                // `event`, or no `:message-type` at all, which botocore also reads as an event.
                guard let type = message[header: ":event-type"]?.stringValue else {
                    finished = true
                    throw StreamError(.malformedEvent, operation: source.operation, detail: "event without :event-type")
                }
                return Event(type: type, payload: message.payload)
            }
        }

        /// The HTTP status the service model gives each in-stream exception, so a retry policy can treat it as it
        /// treats the same error before the stream (the response itself was a 200). Unknown ones count as 500.
        static func status(ofException code: String) -> Int {
            switch code {
            case "validationException": 400
            case "modelTimeoutException": 408
            case "modelStreamErrorException": 424
            case "throttlingException": 429
            case "serviceUnavailableException": 503
            default: 500
            }
        }
    }
}
