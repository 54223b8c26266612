/// Reads what `BinaryWriter` wrote, checking every length against the bytes left: nil on any inconsistency,
/// never a trap, whatever the input (a journal file on disk is input like any other).
struct BinaryReader {
    let bytes: [UInt8]
    private(set) var position: Int

    init(bytes: [UInt8], position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    /// True when every byte has been read.
    var isAtEnd: Bool { position == bytes.count }

    mutating func byte() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func bool() -> Bool? {
        switch byte() {
        case 0: false
        case 1: true
        default: nil
        }
    }

    mutating func int64() -> Int64? {
        guard bytes.count - position >= 8 else { return nil }
        var value: Int64 = 0
        for _ in 0..<8 {
            value = value << 8 | Int64(bytes[position])
            position += 1
        }
        return value
    }

    /// A count or length that must fit in the bytes left (each item takes at least `itemBytes`).
    private mutating func count(itemBytes: Int) -> Int? {
        guard let value = int64(), value >= 0, value <= (bytes.count - position) / max(itemBytes, 1) else { return nil }
        return Int(value)
    }

    mutating func string() -> String? {
        guard let count = count(itemBytes: 1) else { return nil }
        let start = position
        position += count
        return String(validating: bytes[start..<position], as: UTF8.self)
    }

    mutating func data() -> [UInt8]? {
        guard let count = count(itemBytes: 1) else { return nil }
        let start = position
        position += count
        return Array(bytes[start..<position])
    }

    /// `.some(nil)` for an absent value, nil for a malformed one.
    mutating func optional() -> String?? {
        guard let present = bool() else { return nil }
        guard present else { return .some(nil) }
        return string().map { .some($0) }
    }

    mutating func strings() -> [String]? { list { $0.string() } }

    /// A list written by `BinaryWriter.list`; nil when the count or any item is malformed.
    mutating func list<Item>(_ item: (inout BinaryReader) -> Item?) -> [Item]? {
        // Every item takes at least one byte, so the count cannot exceed the bytes left.
        guard let count = count(itemBytes: 1) else { return nil }
        var items: [Item] = []
        items.reserveCapacity(count)
        for _ in 0..<count {
            guard let element = item(&self) else { return nil }
            items.append(element)
        }
        return items
    }
}
