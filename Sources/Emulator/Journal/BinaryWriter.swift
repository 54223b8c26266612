/// Appends values in the emulator's private binary layout: big-endian 64-bit integers, strings as their UTF-8
/// length then bytes, optionals as a 0/1 flag then the value, lists as their count then the items.
///
/// Session tokens and journal records use it; both are only ever read back by the emulator, through
/// `BinaryReader`, so the layout favours speed and simplicity over compactness.
struct BinaryWriter {
    var bytes: [UInt8]

    init(bytes: [UInt8] = []) { self.bytes = bytes }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func int64(_ value: Int64) {
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> Int64(shift)))
        }
    }

    mutating func string(_ text: String) {
        int64(Int64(text.utf8.count))
        bytes.append(contentsOf: text.utf8)
    }

    mutating func data(_ value: [UInt8]) {
        int64(Int64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func optional(_ text: String?) {
        bool(text != nil)
        if let text { string(text) }
    }

    mutating func strings(_ list: [String]) {
        int64(Int64(list.count))
        for text in list { string(text) }
    }

    /// A list of any kind of item, each written by `item`.
    mutating func list<Item>(_ items: [Item], _ item: (inout BinaryWriter, Item) -> Void) {
        int64(Int64(items.count))
        for element in items { item(&self, element) }
    }
}
