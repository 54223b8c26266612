internal import RoleplayCrypto

/// Encodes messages as `application/vnd.amazon.eventstream` frames (spec §7.6).
///
/// `[total u32][headers u32][CRC32(first 8 bytes)][headers][payload][CRC32(all preceding bytes)]`, all
/// big-endian. The encoder refuses what a decoder would refuse (oversized sections, duplicate or bad header
/// names), so the emulator cannot send a frame the SDKs reject.
public struct EventStreamEncoder: Sendable {
    public var limits: EventStreamLimits

    public init(limits: EventStreamLimits = .default) { self.limits = limits }

    /// The frame for one message.
    public func encode(_ message: EventStreamMessage) throws(EventStreamError) -> [UInt8] {
        let headers = try encodeHeaders(message.headers)
        guard headers.count <= limits.maxHeadersLength else { throw EventStreamError(.headersTooLarge) }
        guard message.payload.count <= limits.maxPayloadLength else { throw EventStreamError(.payloadTooLarge) }
        let total = 16 + headers.count + message.payload.count
        var frame: [UInt8] = []
        frame.reserveCapacity(total)
        appendBigEndian(UInt32(total), to: &frame)
        appendBigEndian(UInt32(headers.count), to: &frame)
        appendBigEndian(CRC32.checksum(frame), to: &frame)
        frame += headers
        frame += message.payload
        appendBigEndian(CRC32.checksum(frame), to: &frame)
        return frame
    }

    /// The headers section: `[name_len u8][name][type u8][value]` per header.
    func encodeHeaders(_ headers: [EventStreamHeader]) throws(EventStreamError) -> [UInt8] {
        var out: [UInt8] = []
        var seen: Set<String> = []
        for header in headers {
            let name = Array(header.name.utf8)
            guard !name.isEmpty, name.count <= 255 else {
                throw EventStreamError(.invalidHeaderName, header: header.name)
            }
            guard seen.insert(header.name).inserted else {
                throw EventStreamError(.duplicateHeader, header: header.name)
            }
            out.append(UInt8(name.count))
            out += name
            out.append(header.value.typeByte)
            switch header.value {
            case .bool: break
            case .byte(let v): out.append(UInt8(bitPattern: v))
            case .short(let v): appendBigEndian(UInt16(bitPattern: v), to: &out)
            case .int(let v): appendBigEndian(UInt32(bitPattern: v), to: &out)
            case .long(let v), .timestamp(milliseconds: let v): appendBigEndian(UInt64(bitPattern: v), to: &out)
            case .bytes(let v):
                guard v.count <= 0xFFFF else { throw EventStreamError(.headerValueTooLong, header: header.name) }
                appendBigEndian(UInt16(v.count), to: &out)
                out += v
            case .string(let s):
                let v = Array(s.utf8)
                guard v.count <= 0xFFFF else { throw EventStreamError(.headerValueTooLong, header: header.name) }
                appendBigEndian(UInt16(v.count), to: &out)
                out += v
            case .uuid(let u): out += u.bytes
            }
        }
        return out
    }
}

func appendBigEndian<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
    let be = value.bigEndian
    withUnsafeBytes(of: be) { out.append(contentsOf: $0) }
}
