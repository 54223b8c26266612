import AWSWire
import TestSupport
import Testing

@Suite("Event-stream encoder and decoder (spec 7.6)")
struct EventStreamCodecTests {
    static func randomMessage(_ rng: inout SplitMix64) -> EventStreamMessage {
        var headers: [EventStreamHeader] = []
        for i in 0..<Int.random(in: 0...6, using: &rng) {
            let value: EventStreamHeaderValue
            switch Int.random(in: 0..<9, using: &rng) {
            case 0: value = .bool(Bool.random(using: &rng))
            case 1: value = .byte(Int8.random(in: .min ... .max, using: &rng))
            case 2: value = .short(Int16.random(in: .min ... .max, using: &rng))
            case 3: value = .int(Int32.random(in: .min ... .max, using: &rng))
            case 4: value = .long(Int64.random(in: .min ... .max, using: &rng))
            case 5: value = .bytes(rng.bytes(Int.random(in: 0...20, using: &rng)))
            case 6: value = .string(String(repeating: "é✓a", count: Int.random(in: 0...5, using: &rng)))
            case 7: value = .timestamp(milliseconds: Int64.random(in: 0...4_000_000_000_000, using: &rng))
            default: value = .uuid(EventStreamUUID(rng.bytes(16))!)
            }
            headers.append(EventStreamHeader("h\(i)", value))
        }
        return EventStreamMessage(headers: headers, payload: rng.bytes(Int.random(in: 0...64, using: &rng)))
    }

    @Test("the spec's two frames, byte for byte")
    func specVectors() throws {
        let encoder = EventStreamEncoder()
        #expect(hexString(try encoder.encode(EventStreamMessage())) == "000000100000000005c248eb7d98c8ff")
        let start = try encoder.encode(.event("messageStart", payload: Array(#"{"role":"assistant"}"#.utf8)))
        #expect(
            hexString(start)
                == "000000760000005296d5fade0b3a6576656e742d7479706507000c6d65737361676553746172740d3a636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e0d3a6d6573736167652d747970650700056576656e747b22726f6c65223a22617373697374616e74227d6fa8c599"
        )
    }

    @Test("message kinds carry the standard headers")
    func kinds() {
        let exception = EventStreamMessage.exception("throttlingException", payload: [])
        #expect(exception[header: ":message-type"]?.stringValue == "exception")
        #expect(exception[header: ":exception-type"]?.stringValue == "throttlingException")
        let error = EventStreamMessage.error(code: "InternalFailure", message: "boom")
        #expect(error[header: ":message-type"]?.stringValue == "error")
        #expect(error[header: ":error-message"]?.stringValue == "boom")
        #expect(error.payload.isEmpty)
    }

    @Test("random messages round-trip, whole and split at random points")
    func roundTrip() throws {
        var rng = SplitMix64(seed: 7)
        let encoder = EventStreamEncoder()
        for _ in 0..<200 {
            let messages = (0..<Int.random(in: 1...4, using: &rng)).map { _ in Self.randomMessage(&rng) }
            let stream = try messages.flatMap { try encoder.encode($0) }
            #expect(try EventStreamDecoder.decodeAll(stream) == messages)
            var decoder = EventStreamDecoder()
            var decoded: [EventStreamMessage] = []
            let cuts = rng.cuts(in: stream.count, pieces: Int.random(in: 1...8, using: &rng))
            for (a, b) in zip(cuts, cuts.dropFirst()) {
                decoder.append(stream[a..<b])
                while let message = try decoder.next() { decoded.append(message) }
            }
            #expect(decoded == messages)
            #expect(decoder.bufferedCount == 0)
        }
    }

    @Test("corruption is reported by the right check")
    func corruption() throws {
        let frame = try EventStreamEncoder().encode(.event("chunk", payload: Array("{}".utf8)))
        var badPrelude = frame
        badPrelude[3] ^= 1
        #expect(throws: EventStreamError(.preludeChecksumMismatch)) { try EventStreamDecoder.decodeFrame(badPrelude) }
        var badPayload = frame
        badPayload[frame.count - 6] ^= 0x80
        #expect(throws: EventStreamError(.messageChecksumMismatch)) { try EventStreamDecoder.decodeFrame(badPayload) }
        #expect(throws: EventStreamError(.truncated)) { try EventStreamDecoder.decodeFrame(Array(frame.dropLast())) }
        #expect(throws: EventStreamError(.trailingBytes)) { try EventStreamDecoder.decodeFrame(frame + [0]) }
        #expect(throws: EventStreamError(.truncated)) { try EventStreamDecoder.decodeAll(frame + frame.prefix(13)) }
    }

    /// A frame with valid CRCs around arbitrary prelude lengths and header bytes, to reach the checks behind them.
    static func frame(total: UInt32, headersLength: UInt32, body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for v in [total, headersLength] {
            out += [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
        }
        let preludeCRC = crc32(out)
        out += [
            UInt8(preludeCRC >> 24), UInt8(preludeCRC >> 16 & 0xFF), UInt8(preludeCRC >> 8 & 0xFF),
            UInt8(preludeCRC & 0xFF),
        ]
        out += body
        let crc = crc32(out)
        return out + [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
    }

    /// Bitwise CRC-32, written here so the test does not lean on the code under test.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        }
        return c ^ 0xFFFF_FFFF
    }

    @Test("lengths and header bytes are validated even when the CRCs are right")
    func structuralErrors() {
        func decode(_ headerBytes: [UInt8]) throws(EventStreamError) -> EventStreamMessage {
            try EventStreamDecoder.decodeFrame(
                Self.frame(
                    total: UInt32(16 + headerBytes.count), headersLength: UInt32(headerBytes.count), body: headerBytes))
        }
        #expect(throws: EventStreamError(.frameTooShort)) {
            try EventStreamDecoder.decodeFrame(Self.frame(total: 15, headersLength: 0, body: []))
        }
        #expect(throws: EventStreamError(.headersLengthMismatch)) {
            try EventStreamDecoder.decodeFrame(Self.frame(total: 16, headersLength: 1, body: []))
        }
        #expect(throws: EventStreamError(.frameTooLarge)) {
            try EventStreamDecoder.decodeFrame(Self.frame(total: UInt32.max, headersLength: 0, body: []))
        }
        #expect(throws: EventStreamError(.headersTooLarge)) {
            try EventStreamDecoder.decodeFrame(Self.frame(total: 16 + 200_000, headersLength: 200_000, body: []))
        }
        #expect(throws: EventStreamError(.invalidHeaderName)) { try decode([0]) }
        #expect(throws: EventStreamError(.truncatedHeader)) { try decode([5, 0x61]) }
        #expect(throws: EventStreamError(.invalidHeaderName)) { try decode([1, 0xFF, 0]) }
        #expect(throws: EventStreamError(.invalidHeaderType, header: "a")) { try decode([1, 0x61, 10]) }
        #expect(throws: EventStreamError(.truncatedHeader)) { try decode([1, 0x61, 4, 0, 0]) }
        #expect(throws: EventStreamError(.truncatedHeader)) { try decode([1, 0x61, 7, 0, 5, 0x61]) }
        #expect(throws: EventStreamError(.invalidStringValue, header: "a")) { try decode([1, 0x61, 7, 0, 1, 0xFF]) }
        #expect(throws: EventStreamError(.duplicateHeader, header: "a")) { try decode([1, 0x61, 0, 1, 0x61, 1]) }
        #expect(throws: EventStreamError(.truncatedHeader)) {
            try decode([1, 0x61, 9] + [UInt8](repeating: 0, count: 15))
        }
    }

    @Test("a small limit rejects a large frame from its prelude alone")
    func limits() throws {
        let limits = EventStreamLimits(maxHeadersLength: 64, maxPayloadLength: 8)
        let big = try EventStreamEncoder().encode(EventStreamMessage(payload: [UInt8](repeating: 1, count: 9)))
        var decoder = EventStreamDecoder(limits: limits)
        decoder.append(big.prefix(12))
        #expect(throws: EventStreamError(.payloadTooLarge)) { try decoder.next() }
        #expect(throws: EventStreamError(.payloadTooLarge)) {
            try EventStreamEncoder(limits: limits).encode(EventStreamMessage(payload: [UInt8](repeating: 1, count: 9)))
        }
    }

    @Test("the encoder refuses what decoders reject")
    func encoderErrors() {
        let encoder = EventStreamEncoder()
        #expect(throws: EventStreamError(.invalidHeaderName, header: "")) {
            try encoder.encode(EventStreamMessage(headers: [EventStreamHeader("", .bool(true))]))
        }
        let long = String(repeating: "n", count: 256)
        #expect(throws: EventStreamError(.invalidHeaderName, header: long)) {
            try encoder.encode(EventStreamMessage(headers: [EventStreamHeader(long, .bool(true))]))
        }
        #expect(throws: EventStreamError(.duplicateHeader, header: "a")) {
            try encoder.encode(
                EventStreamMessage(headers: [EventStreamHeader("a", .bool(true)), EventStreamHeader("a", .int(1))]))
        }
        #expect(throws: EventStreamError(.headerValueTooLong, header: "a")) {
            try encoder.encode(
                EventStreamMessage(headers: [EventStreamHeader("a", .bytes([UInt8](repeating: 0, count: 65536)))]))
        }
        #expect(EventStreamUUID([1, 2, 3]) == nil)
    }

    @Test("fuzz: truncations, byte flips and random input never trap")
    func fuzz() throws {
        var rng = SplitMix64(seed: 0xE7E7)
        let encoder = EventStreamEncoder()
        for _ in 0..<2000 {
            var stream = try encoder.encode(Self.randomMessage(&rng)) + encoder.encode(Self.randomMessage(&rng))
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: stream = Array(stream.prefix(Int.random(in: 0..<stream.count, using: &rng)))
            case 1:
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    stream[Int.random(in: 0..<stream.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
                }
            default: stream = rng.bytes(Int.random(in: 0...64, using: &rng))
            }
            var decoder = EventStreamDecoder()
            decoder.append(stream)
            do {
                while try decoder.next() != nil {}
            } catch {
                _ = error.description
            }
        }
    }
}
