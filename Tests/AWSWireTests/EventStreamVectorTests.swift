import AWSWire
import TestSupport
import Testing

/// One case of vectors/eventstream/frames.json (packed independently, decoded by botocore).
struct EventStreamVector: Decodable, Sendable, CustomTestStringConvertible {
    struct Header: Decodable, Sendable {
        let name: String
        let type: String
        let value: HeaderJSON
    }

    struct BotocoreHeader: Decodable, Sendable {
        let name: String
        let value: HeaderJSON
    }

    struct BotocoreView: Decodable, Sendable {
        let headers: [BotocoreHeader]
        let payload_hex: String
        let total_length: Int
        let headers_length: Int
    }

    /// A header value as JSON writes it: null, bool, integer or string (hex for bytes and UUIDs).
    enum HeaderJSON: Decodable, Sendable, Equatable {
        case null, bool(Bool), int(Int64), string(String)

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                self = .null
            } else if let b = try? c.decode(Bool.self) {
                self = .bool(b)
            } else if let i = try? c.decode(Int64.self) {
                self = .int(i)
            } else {
                self = .string(try c.decode(String.self))
            }
        }
    }

    let name: String
    let headers: [Header]
    let payload_hex: String
    let frame_hex: String
    let botocore: BotocoreView

    var testDescription: String { "frames.json: \(name)" }

    static func all() throws -> [EventStreamVector] {
        try VectorFile<EventStreamVector>.load("vectors/eventstream/frames.json").cases
    }

    /// The message the case describes, built from its typed header list.
    func message() throws -> EventStreamMessage {
        let built = try headers.map { header -> EventStreamHeader in
            let value: EventStreamHeaderValue
            switch (header.type, header.value) {
            case ("true", _): value = .bool(true)
            case ("false", _): value = .bool(false)
            case ("byte", .int(let v)): value = .byte(Int8(v))
            case ("short", .int(let v)): value = .short(Int16(v))
            case ("int", .int(let v)): value = .int(Int32(v))
            case ("long", .int(let v)): value = .long(v)
            case ("timestamp", .int(let v)): value = .timestamp(milliseconds: v)
            case ("bytes", .string(let hex)): value = .bytes(TestSupport.bytes(hex: hex))
            case ("string", .string(let s)): value = .string(s)
            case ("uuid", .string(let hex)):
                value = .uuid(try unwrap(EventStreamUUID(TestSupport.bytes(hex: hex)), "uuid"))
            default: throw FixtureError("unknown header \(header.type) in \(name)")
            }
            return EventStreamHeader(header.name, value)
        }
        return EventStreamMessage(headers: built, payload: TestSupport.bytes(hex: payload_hex))
    }

    /// How botocore renders a decoded value, for comparison with what our decoder returns.
    static func botocoreForm(_ value: EventStreamHeaderValue) -> HeaderJSON {
        switch value {
        case .bool(let b): .bool(b)
        case .byte(let v): .int(Int64(v))
        case .short(let v): .int(Int64(v))
        case .int(let v): .int(Int64(v))
        case .long(let v), .timestamp(milliseconds: let v): .int(v)
        case .bytes(let b): .string(hexString(b))
        case .string(let s): .string(s)
        case .uuid(let u): .string(hexString(u.bytes))
        }
    }
}

@Suite("Event-stream frames against botocore-checked vectors (vectors/eventstream)")
struct EventStreamVectorTests {
    @Test("our encoder produces the vector's bytes", arguments: try EventStreamVector.all())
    func encodes(_ vector: EventStreamVector) throws {
        let frame = try EventStreamEncoder().encode(vector.message())
        #expect(hexString(frame) == vector.frame_hex)
    }

    @Test("our decoder reads what botocore read", arguments: try EventStreamVector.all())
    func decodes(_ vector: EventStreamVector) throws {
        let frame = bytes(hex: vector.frame_hex)
        let message = try EventStreamDecoder.decodeFrame(frame)
        #expect(message.headers.map(\.name) == vector.botocore.headers.map(\.name))
        #expect(
            message.headers.map { EventStreamVector.botocoreForm($0.value) } == vector.botocore.headers.map(\.value))
        #expect(hexString(message.payload) == vector.botocore.payload_hex)
        #expect(frame.count == vector.botocore.total_length)
        #expect(message == (try vector.message()))
    }

    @Test("the vector file says where it came from")
    func source() throws {
        let file = try VectorFile<EventStreamVector>.load("vectors/eventstream/frames.json")
        #expect(file.source.contains("botocore"))
        #expect(file.cases.count >= 5)
    }
}
