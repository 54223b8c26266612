internal import RoleplayCrypto

/// Decodes `application/vnd.amazon.eventstream` frames, whole or arriving in pieces (spec §7.6).
///
/// Feed bytes with ``append(_:)`` and take messages with ``next()``; a frame split anywhere across reads
/// decodes the same. Every length is checked against the limits and against the frame before it is used,
/// and both CRCs are verified, so truncated or corrupt input is an ``EventStreamError``, never a trap.
/// After an error the stream is unusable (there is no resynchronization in this format).
public struct EventStreamDecoder: Sendable {
    public var limits: EventStreamLimits
    private var buffer: [UInt8] = []
    private var start = 0

    public init(limits: EventStreamLimits = .default) { self.limits = limits }

    /// Adds received bytes.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Bytes received but not yet consumed by a complete frame.
    public var bufferedCount: Int { buffer.count - start }

    /// The next complete message, or nil when more bytes are needed.
    public mutating func next() throws(EventStreamError) -> EventStreamMessage? {
        let available = buffer.count - start
        guard available >= 12 else { return nil }
        let total = Int(readUInt32(buffer, start))
        let headersLength = Int(readUInt32(buffer, start + 4))
        // Check the prelude before trusting its lengths.
        let preludeCRC = readUInt32(buffer, start + 8)
        guard CRC32.checksum(buffer[start..<start + 8]) == preludeCRC else {
            throw EventStreamError(.preludeChecksumMismatch)
        }
        guard total >= 16 else { throw EventStreamError(.frameTooShort) }
        guard total <= limits.maxFrameLength else { throw EventStreamError(.frameTooLarge) }
        guard headersLength <= limits.maxHeadersLength else { throw EventStreamError(.headersTooLarge) }
        guard headersLength <= total - 16 else { throw EventStreamError(.headersLengthMismatch) }
        guard total - 16 - headersLength <= limits.maxPayloadLength else { throw EventStreamError(.payloadTooLarge) }
        guard available >= total else { return nil }
        let frame = buffer[start..<start + total]
        let messageCRC = readUInt32(buffer, start + total - 4)
        guard CRC32.checksum(frame.dropLast(4)) == messageCRC else { throw EventStreamError(.messageChecksumMismatch) }
        let headers = try EventStreamDecoder.decodeHeaders(buffer, from: start + 12, count: headersLength)
        let payload = Array(buffer[(start + 12 + headersLength)..<(start + total - 4)])
        start += total
        return EventStreamMessage(headers: headers, payload: payload)
    }

    /// Decodes exactly one frame that must fill `bytes`.
    public static func decodeFrame(
        _ bytes: [UInt8], limits: EventStreamLimits = .default
    ) throws(EventStreamError) -> EventStreamMessage {
        var decoder = EventStreamDecoder(limits: limits)
        decoder.append(bytes)
        guard let message = try decoder.next() else { throw EventStreamError(.truncated) }
        guard decoder.bufferedCount == 0 else { throw EventStreamError(.trailingBytes) }
        return message
    }

    /// Decodes every frame in `bytes`; trailing bytes that do not complete a frame are an error.
    public static func decodeAll(
        _ bytes: [UInt8], limits: EventStreamLimits = .default
    ) throws(EventStreamError) -> [EventStreamMessage] {
        var decoder = EventStreamDecoder(limits: limits)
        decoder.append(bytes)
        var messages: [EventStreamMessage] = []
        while let message = try decoder.next() { messages.append(message) }
        guard decoder.bufferedCount == 0 else { throw EventStreamError(.truncated) }
        return messages
    }

    static func decodeHeaders(_ bytes: [UInt8], from offset: Int, count: Int) throws(EventStreamError)
        -> [EventStreamHeader]
    {
        var headers: [EventStreamHeader] = []
        var seen: Set<String> = []
        var i = offset
        let end = offset + count
        func need(_ n: Int) throws(EventStreamError) {
            guard n <= end - i else { throw EventStreamError(.truncatedHeader) }
        }
        while i < end {
            try need(1)
            let nameLength = Int(bytes[i])
            i += 1
            guard nameLength > 0 else { throw EventStreamError(.invalidHeaderName) }
            try need(nameLength)
            guard let name = String(validating: bytes[i..<i + nameLength], as: UTF8.self) else {
                throw EventStreamError(.invalidHeaderName)
            }
            i += nameLength
            try need(1)
            let type = bytes[i]
            i += 1
            let value: EventStreamHeaderValue
            switch type {
            case 0: value = .bool(true)
            case 1: value = .bool(false)
            case 2:
                try need(1)
                value = .byte(Int8(bitPattern: bytes[i]))
                i += 1
            case 3:
                try need(2)
                value = .short(Int16(bitPattern: UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])))
                i += 2
            case 4:
                try need(4)
                value = .int(Int32(bitPattern: readUInt32(bytes, i)))
                i += 4
            case 5, 8:
                try need(8)
                let v = Int64(bitPattern: UInt64(readUInt32(bytes, i)) << 32 | UInt64(readUInt32(bytes, i + 4)))
                value = type == 5 ? .long(v) : .timestamp(milliseconds: v)
                i += 8
            case 6, 7:
                try need(2)
                let length = Int(UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
                i += 2
                try need(length)
                let raw = Array(bytes[i..<i + length])
                i += length
                if type == 6 {
                    value = .bytes(raw)
                } else {
                    guard let s = String(validating: raw, as: UTF8.self) else {
                        throw EventStreamError(.invalidStringValue, header: name)
                    }
                    value = .string(s)
                }
            case 9:
                try need(16)
                guard let uuid = EventStreamUUID(Array(bytes[i..<i + 16])) else {
                    throw EventStreamError(.truncatedHeader)
                }
                value = .uuid(uuid)
                i += 16
            default:
                throw EventStreamError(.invalidHeaderType, header: name)
            }
            guard seen.insert(name).inserted else { throw EventStreamError(.duplicateHeader, header: name) }
            headers.append(EventStreamHeader(name, value))
        }
        return headers
    }
}

func readUInt32(_ bytes: [UInt8], _ i: Int) -> UInt32 {
    UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3])
}
