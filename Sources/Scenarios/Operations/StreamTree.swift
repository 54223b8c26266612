public import AWSWire
internal import Foundation

/// A Bedrock Runtime event stream read whole: `{events: [{type, …payload members}]}`.
///
/// An InvokeModelWithResponseStream `chunk` carries the model's event base64-encoded in `bytes`; the tree shows
/// it decoded (`events[0].bytes.type`), as a reader of the stream needs it. An exception frame ends the stream
/// as an error, with the code boto3 reports (the `:exception-type`, e.g. `throttlingException`).
public struct StreamTree: Sendable {
    public var events: [JSONValue] = []
    /// The exception or error frame that ended the stream, as `{code, message, status}`.
    public var error: JSONValue?
    private var decoder = EventStreamDecoder()
    private let status: Int

    /// - Parameter status: the HTTP status the stream came with, reported on an in-stream error.
    public init(status: Int) { self.status = status }

    public var tree: JSONValue { ["events": .array(events)] }

    /// Reads the frames complete so far.
    /// - Throws: `ResponseTree.Unreadable` for a frame that is not a valid event stream message.
    public mutating func append(_ bytes: [UInt8]) throws(ResponseTree.Unreadable) {
        decoder.append(bytes)
        while true {
            let message: EventStreamMessage?
            do {
                message = try decoder.next()
            } catch {
                throw ResponseTree.Unreadable(description: "the event stream is malformed: \(error)")
            }
            guard let message else { return }
            read(message)
        }
    }

    private mutating func read(_ message: EventStreamMessage) {
        let payload = (try? JSONReader().decode(message.payload)) ?? [:]
        switch message[header: ":message-type"]?.stringValue {
        case "exception":
            let code = message[header: ":exception-type"]?.stringValue ?? "exception"
            error = ResponseTree.error(code: code, message: Self.message(in: payload), status: status)
        case "error":
            error = ResponseTree.error(
                code: message[header: ":error-code"]?.stringValue ?? "error",
                message: message[header: ":error-message"]?.stringValue ?? "", status: status)
        default:
            let type = message[header: ":event-type"]?.stringValue ?? ""
            var members = [JSONMember("type", .string(type))]
            for member in payload.objectValue ?? [] {
                if type == "chunk", member.key == "bytes", let decoded = Self.decodeChunk(member.value) {
                    members.append(JSONMember("bytes", decoded))
                } else {
                    members.append(member)
                }
            }
            events.append(.object(members))
        }
    }

    private static func message(in payload: JSONValue) -> String {
        payload["message"]?.stringValue ?? payload["Message"]?.stringValue ?? ""
    }

    /// The model event inside a chunk: base64 of JSON.
    private static func decodeChunk(_ value: JSONValue) -> JSONValue? {
        guard let text = value.stringValue, let data = Data(base64Encoded: text) else { return nil }
        return try? JSONReader().decode(Array(data))
    }
}
