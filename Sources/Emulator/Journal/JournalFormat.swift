import RoleplayCrypto

/// The journal file's layout (docs/persistence.md "Format"):
///
///     header   "RPJOURNL" (8 bytes), format version (UInt32 LE), 4 zero bytes
///     record   payload length (UInt32 LE), CRC-32 of the payload (UInt32 LE), payload
///
/// A payload is a `JournalRecord`: its kind byte, then its fields.
enum JournalFormat {
    static let magic = Array("RPJOURNL".utf8)
    static let version: UInt32 = 1
    static let headerBytes = 16
    static let frameHeaderBytes = 8
    /// Far above any real record (an account at IAM's largest quotas is a few tens of MB); a larger length
    /// in the file is damage, not a record.
    static let maxRecordBytes = 256 << 20

    static var header: [UInt8] {
        magic + (0..<4).map { UInt8(truncatingIfNeeded: version >> (8 * $0)) } + [0, 0, 0, 0]
    }

    /// Appends one framed record.
    /// - Returns: false, appending nothing, when the record is larger than `maxRecordBytes`.
    static func appendFrame(_ record: JournalRecord, to buffer: inout [UInt8]) -> Bool {
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: frameHeaderBytes))
        // Swapped in and out, so the record is written into the buffer in place, never copied.
        var writer = BinaryWriter()
        swap(&writer.bytes, &buffer)
        record.write(to: &writer)
        swap(&writer.bytes, &buffer)
        let length = buffer.count - start - frameHeaderBytes
        guard length <= maxRecordBytes else {
            buffer.removeSubrange(start...)
            return false
        }
        let crc = buffer.withUnsafeBytes { raw in
            var crc = CRC32()
            crc.update(UnsafeRawBufferPointer(rebasing: raw[(start + frameHeaderBytes)...]))
            return crc.value
        }
        for index in 0..<4 {
            buffer[start + index] = UInt8(truncatingIfNeeded: UInt32(length) >> (8 * index))
            buffer[start + 4 + index] = UInt8(truncatingIfNeeded: crc >> (8 * index))
        }
        return true
    }

    /// One intact frame found by `frames(in:)`.
    struct Frame {
        /// Where the frame starts in the file.
        var offset: Int
        var payload: Range<Int>
    }

    /// Where reading stopped before the end of the file, and why.
    struct Damage: Error, Equatable {
        enum Kind: Equatable {
            /// The last record is incomplete (a write cut short by a crash).
            case tornTail
            /// A record whose length is impossible or whose checksum does not match.
            case corrupt(String)
            /// A record that checks out but is not one this version reads.
            case unreadable
        }

        var kind: Kind
        /// Where the bad record starts: everything before it is kept.
        var offset: Int
        /// How many bytes from `offset` to the end of the file are dropped.
        var droppedBytes: Int
    }

    /// The intact frames after the header, in order, up to the first bad one.
    /// - Parameter bytes: the whole file, header included (checked by the caller).
    static func frames(in bytes: [UInt8]) -> (frames: [Frame], damage: Damage?) {
        var frames: [Frame] = []
        var offset = headerBytes
        while offset < bytes.count {
            let damage = { (kind: Damage.Kind) in Damage(kind: kind, offset: offset, droppedBytes: bytes.count - offset)
            }
            guard bytes.count - offset >= frameHeaderBytes else { return (frames, damage(.tornTail)) }
            let length = Int(readLittleEndian(bytes, at: offset))
            let crc = readLittleEndian(bytes, at: offset + 4)
            guard length > 0, length <= maxRecordBytes else {
                // A crash can leave a file's end zero-filled (its new size on disk before its data).
                let zeroFilled = bytes[offset...].allSatisfy { $0 == 0 }
                return (frames, damage(zeroFilled ? .tornTail : .corrupt("impossible record length \(length)")))
            }
            let start = offset + frameHeaderBytes
            guard bytes.count - start >= length else { return (frames, damage(.tornTail)) }
            let payload = start..<(start + length)
            let actual = bytes.withUnsafeBytes { raw in
                var check = CRC32()
                check.update(UnsafeRawBufferPointer(rebasing: raw[payload]))
                return check.value
            }
            guard actual == crc else {
                // A bad checksum on the very last record is a write cut short; anywhere else it is damage.
                return (frames, damage(payload.upperBound == bytes.count ? .tornTail : .corrupt("checksum mismatch")))
            }
            frames.append(Frame(offset: offset, payload: payload))
            offset = payload.upperBound
        }
        return (frames, nil)
    }

    private static func readLittleEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }

    /// Checks the header: nil when the file is a journal this version reads.
    static func headerProblem(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= headerBytes, Array(bytes[0..<8]) == magic else {
            return "not a Roleplay journal (no RPJOURNL header)"
        }
        let found = readLittleEndian(bytes, at: 8)
        return found == version ? nil : "journal format \(found), but this Roleplay reads format \(version)"
    }
}
