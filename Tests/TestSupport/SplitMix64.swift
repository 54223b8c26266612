/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator, so every "random" test is deterministic
/// and a failure can be replayed from its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
    }

    /// Sorted cut points that split `count` bytes into pieces (empty pieces included).
    public mutating func cuts(in count: Int, pieces: Int) -> [Int] {
        ((0..<max(0, pieces - 1)).map { _ in Int.random(in: 0...count, using: &self) } + [0, count]).sorted()
    }
}
