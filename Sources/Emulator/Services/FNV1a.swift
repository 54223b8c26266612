/// 64-bit FNV-1a: a stable hash (Swift's `Hasher` is seeded per process, so it can neither pick reproducible
/// words for model replies nor fingerprint a CloudTrail NextToken across restarts).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) { add(text.utf8) }

    mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
    }

    /// Adds `text` and a separator byte, so that the fields ("ab", "c") and ("a", "bc") hash differently.
    mutating func add(field text: String) {
        add(text.utf8)
        add(CollectionOfOne(0))
    }
}
