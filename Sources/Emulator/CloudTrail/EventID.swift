/// A UUID as 128 bits: CloudTrail's `eventID`, `sharedEventID` and the `requestID` of the emulator's calls.
///
/// Sixteen bytes inline instead of a 36-character heap string: with a million recorded events that is most of
/// the difference between fitting the memory budget and not (docs/cloudtrail.md).
struct EventID: Sendable, Hashable {
    var high: UInt64
    var low: UInt64

    /// Parses the canonical 8-4-4-4-12 hexadecimal form (either case); nil for anything else.
    init?(_ text: String) {
        // Read from the contiguous UTF-8 buffer: every recorded call parses its request ID, and stepping the
        // String's UTF-8 view costs more than the parse.
        var text = text
        guard let value = text.withUTF8({ Self.parse($0) }) else { return nil }
        high = value.0
        low = value.1
    }

    /// The two halves of a canonical UUID; nil for anything else.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        guard bytes.count == 36 else { return nil }
        var value: (UInt64, UInt64) = (0, 0)
        var nibbles = 0
        for (index, byte) in bytes.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard let nibble = Self.nibble(byte) else { return nil }
            if nibbles < 16 {
                value.0 = value.0 << 4 | UInt64(nibble)
            } else {
                value.1 = value.1 << 4 | UInt64(nibble)
            }
            nibbles += 1
        }
        return value
    }

    /// Lowercase canonical text, as AWS writes IDs.
    var text: String {
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var position = 0
            for nibbleIndex in 0..<32 {
                if nibbleIndex == 8 || nibbleIndex == 12 || nibbleIndex == 16 || nibbleIndex == 20 {
                    buffer[position] = UInt8(ascii: "-")
                    position += 1
                }
                let word = nibbleIndex < 16 ? high : low
                let shift = UInt64(60 - 4 * (nibbleIndex % 16))
                buffer[position] = digits[Int((word >> shift) & 0xF)]
                position += 1
            }
            return 36
        }
    }

    /// A well-mixed 64-bit value of the ID (the delivery lag is drawn from it).
    var mixed: UInt64 {
        var mixer = SplitMix(seed: high ^ (low &* 0x9E37_79B9_7F4A_7C15))
        return mixer.next()
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension EventID {
    /// A new random (version 4) UUID from the emulator's generator (reproducible under `--seed`).
    init(_ ids: IDGenerator) {
        let bytes = ids.bytes(16)
        var high: UInt64 = 0
        var low: UInt64 = 0
        for index in 0..<8 {
            high = high << 8 | UInt64(bytes[index])
            low = low << 8 | UInt64(bytes[index + 8])
        }
        self.high = (high & ~0xF000) | 0x4000
        self.low = (low & ~(0xC000 << 48)) | (0x8000 << 48)
    }
}
