/// An IPv4 or IPv6 address range in CIDR form (`203.0.113.0/24`, `2001:db8::/32`), or a single
/// address (a range of one).
///
/// Parsed by hand: Foundation has no CIDR type, and `aws:SourceIp` checks must not depend on the
/// host's resolver or locale.
struct IPAddressRange: Sendable, Hashable {
    /// 4 bytes for IPv4, 16 for IPv6.
    let bytes: [UInt8]
    let prefixLength: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = Self.address(parts[0]) else { return nil }
        let maxPrefix = address.count * 8
        var prefix = maxPrefix
        if parts.count == 2 {
            guard let value = Int(parts[1]), parts[1].allSatisfy(\.isASCII), (0...maxPrefix).contains(value) else {
                return nil
            }
            prefix = value
        }
        bytes = address
        prefixLength = prefix
    }

    /// Whether `address` (4 or 16 bytes) lies in the range; an IPv4-mapped IPv6 address
    /// (`::ffff:192.0.2.1`) counts as its IPv4 address.
    func contains(_ address: [UInt8]) -> Bool {
        var candidate = address
        if bytes.count == 4, candidate.count == 16, candidate[0..<10].allSatisfy({ $0 == 0 }),
            candidate[10] == 0xFF, candidate[11] == 0xFF
        {
            candidate = Array(candidate[12..<16])
        }
        guard candidate.count == bytes.count else { return false }
        var remaining = prefixLength
        for index in 0..<bytes.count where remaining > 0 {
            let bits = min(8, remaining)
            let mask: UInt8 = bits == 8 ? 0xFF : ~(0xFF >> UInt8(bits))
            if bytes[index] & mask != candidate[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    /// An IPv4 or IPv6 address as bytes, or nil.
    static func address(_ text: Substring) -> [UInt8]? {
        text.contains(":") ? ipv6(text) : ipv4(text)
    }

    static func ipv4(_ text: Substring) -> [UInt8]? {
        let fields = text.split(separator: ".", omittingEmptySubsequences: false)
        guard fields.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for field in fields {
            guard !field.isEmpty, field.count <= 3, field.allSatisfy({ $0 >= "0" && $0 <= "9" }),
                let value = Int(field), value <= 255
            else { return nil }
            bytes.append(UInt8(value))
        }
        return bytes
    }

    static func ipv6(_ text: Substring) -> [UInt8]? {
        var tail: [UInt16] = []
        let halves = text.components(separatedByDoubleColon: ())
        guard halves.count <= 2 else { return nil }
        let sawGap = halves.count == 2
        /// Hex groups, with an optional dotted IPv4 address as the last two groups.
        func groups(_ part: Substring, allowV4: Bool) -> [UInt16]? {
            guard !part.isEmpty else { return [] }
            var result: [UInt16] = []
            let fields = part.split(separator: ":", omittingEmptySubsequences: false)
            for (position, field) in fields.enumerated() {
                if allowV4, position == fields.count - 1, field.contains(".") {
                    guard let v4 = ipv4(field) else { return nil }
                    result.append(UInt16(v4[0]) << 8 | UInt16(v4[1]))
                    result.append(UInt16(v4[2]) << 8 | UInt16(v4[3]))
                    continue
                }
                guard (1...4).contains(field.count), let value = UInt16(field, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        guard let head = groups(halves[0], allowV4: !sawGap) else { return nil }
        if sawGap {
            guard let second = groups(halves[1], allowV4: true) else { return nil }
            tail = second
        }
        let total = head.count + tail.count
        if sawGap { guard total <= 7 else { return nil } } else { guard total == 8 else { return nil } }
        let words = head + Array(repeating: 0, count: 8 - total) + tail
        return words.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }
}

extension Substring {
    /// Splits at the first `::` (IPv6 zero compression); a second `::` yields three parts.
    fileprivate func components(separatedByDoubleColon: Void) -> [Substring] {
        var parts: [Substring] = []
        var start = startIndex
        var index = startIndex
        while index < endIndex {
            let next = self.index(after: index)
            if self[index] == ":", next < endIndex, self[next] == ":" {
                parts.append(self[start..<index])
                start = self.index(after: next)
                index = start
                continue
            }
            index = next
        }
        parts.append(self[start..<endIndex])
        return parts
    }
}
