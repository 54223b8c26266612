import AWSWire

/// The `nextToken` of `ListInferenceProfiles`: where the next page starts, bound to the listing it belongs to.
///
/// AWS's tokens are opaque; so is this one (the hex of `region|type|offset`), but it is checked on the way back:
/// a token that does not decode, belongs to another Region or `type` filter, or points past the listing is the
/// `ValidationException` AWS sends for a bad token. It carries no secret and no state, so a restarted emulator
/// still accepts it.
struct InferenceProfilePageToken: Sendable, Hashable {
    var region: String
    /// The `type` filter of the listing (`""` for none).
    var type: String
    /// Index of the first profile of the next page.
    var offset: Int

    static let invalid = AWSError.validationException("The provided pagination token is invalid.")

    init(region: String, type: String, offset: Int) {
        self.region = region
        self.type = type
        self.offset = offset
    }

    /// Decodes a token and checks it belongs to this listing (`region`, `type`, `count` profiles).
    init(decoding token: String, region: String, type: String, count: Int) throws(AWSError) {
        let hex = Array(token.utf8)
        guard !hex.isEmpty, hex.count.isMultiple(of: 2), hex.count <= 512 else { throw Self.invalid }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.count / 2)
        for index in stride(from: 0, to: hex.count, by: 2) {
            guard let high = Self.nibble(hex[index]), let low = Self.nibble(hex[index + 1]) else { throw Self.invalid }
            bytes.append(high << 4 | low)
        }
        let fields = String(decoding: bytes, as: UTF8.self).split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0] == region, fields[1] == type, let offset = Int(fields[2]),
            offset > 0, offset < count
        else { throw Self.invalid }
        self.init(region: region, type: type, offset: offset)
    }

    /// The token as sent: lowercase hex.
    var text: String {
        let digits = Array("0123456789abcdef".utf8)
        let bytes = Array("\(region)|\(type)|\(offset)".utf8).flatMap {
            [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
