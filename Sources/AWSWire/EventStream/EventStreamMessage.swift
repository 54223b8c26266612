/// One `application/vnd.amazon.eventstream` message: typed headers and a payload (spec §7.6).
///
/// Header order is kept: the frame bytes depend on it, and the spec's test vectors fix
/// `:event-type, :content-type, :message-type`.
public struct EventStreamMessage: Sendable, Hashable {
    public var headers: [EventStreamHeader]
    public var payload: [UInt8]

    public init(headers: [EventStreamHeader] = [], payload: [UInt8] = []) {
        self.headers = headers
        self.payload = payload
    }

    /// The value of the first header with this name.
    public subscript(header name: String) -> EventStreamHeaderValue? {
        headers.first { $0.name == name }?.value
    }

    /// An event (`:event-type`, `:content-type`, `:message-type=event`), as Bedrock Runtime streams send.
    public static func event(_ type: String, payload: [UInt8], contentType: String = "application/json") -> Self {
        EventStreamMessage(
            headers: [
                EventStreamHeader(":event-type", .string(type)),
                EventStreamHeader(":content-type", .string(contentType)),
                EventStreamHeader(":message-type", .string("event")),
            ],
            payload: payload)
    }

    /// A modeled exception (`:exception-type`, payload `{"message":"…"}`), raised by boto3 as `EventStreamError`.
    public static func exception(_ type: String, payload: [UInt8], contentType: String = "application/json") -> Self {
        EventStreamMessage(
            headers: [
                EventStreamHeader(":exception-type", .string(type)),
                EventStreamHeader(":content-type", .string(contentType)),
                EventStreamHeader(":message-type", .string("exception")),
            ],
            payload: payload)
    }

    /// An unmodeled error (`:error-code`, `:error-message`, empty payload).
    public static func error(code: String, message: String) -> Self {
        EventStreamMessage(headers: [
            EventStreamHeader(":error-code", .string(code)), EventStreamHeader(":error-message", .string(message)),
            EventStreamHeader(":message-type", .string("error")),
        ])
    }
}

/// One header: a name (1–255 bytes of UTF-8) and a typed value.
public struct EventStreamHeader: Sendable, Hashable {
    public var name: String
    public var value: EventStreamHeaderValue

    public init(_ name: String, _ value: EventStreamHeaderValue) {
        self.name = name
        self.value = value
    }
}

/// A header value, one case per wire type (the type byte is in ``typeByte``).
public enum EventStreamHeaderValue: Sendable, Hashable {
    /// Types 0 (true) and 1 (false); no value bytes.
    case bool(Bool)
    /// Type 2, i8.
    case byte(Int8)
    /// Type 3, i16 big-endian.
    case short(Int16)
    /// Type 4, i32 big-endian.
    case int(Int32)
    /// Type 5, i64 big-endian.
    case long(Int64)
    /// Type 6, u16 length then bytes.
    case bytes([UInt8])
    /// Type 7, u16 length then UTF-8.
    case string(String)
    /// Type 8, i64 milliseconds since the Unix epoch.
    case timestamp(milliseconds: Int64)
    /// Type 9, 16 bytes.
    case uuid(EventStreamUUID)

    public var typeByte: UInt8 {
        switch self {
        case .bool(let b): b ? 0 : 1
        case .byte: 2
        case .short: 3
        case .int: 4
        case .long: 5
        case .bytes: 6
        case .string: 7
        case .timestamp: 8
        case .uuid: 9
        }
    }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
}

/// Exactly 16 bytes, so a UUID header cannot be built with the wrong length.
public struct EventStreamUUID: Sendable, Hashable {
    public let bytes: [UInt8]

    /// nil unless `bytes` has 16 elements.
    public init?(_ bytes: [UInt8]) {
        guard bytes.count == 16 else { return nil }
        self.bytes = bytes
    }
}
