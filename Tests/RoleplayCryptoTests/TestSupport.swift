import Foundation

/// Finds the repository's own data (`vectors/`) from this file's path, so the tests run from any directory.
enum RepositoryFiles {
    static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func url(_ relative: String) -> URL { root.appending(path: relative) }
}

/// A vector file: where its data comes from, and the cases.
struct VectorFile<Case: Decodable>: Decodable {
    let source: String
    let cases: [Case]

    static func load(_ relative: String) throws -> VectorFile {
        try JSONDecoder().decode(VectorFile.self, from: Data(contentsOf: RepositoryFiles.url(relative)))
    }
}

/// Bytes from hex written in a vector file, decoded here rather than by `Hex` so the vectors do not
/// depend on the code under test.
func bytes(hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    precondition(digits.count % 2 == 0, "odd-length hex in test data: \(hex)")
    func value(_ c: UInt8) -> UInt8 {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        case 0x41...0x46: return c - 0x41 + 10
        default: preconditionFailure("non-hex digit in test data: \(hex)")
        }
    }
    return stride(from: 0, to: digits.count, by: 2).map { value(digits[$0]) << 4 | value(digits[$0 + 1]) }
}

/// Lowercase hex, written independently of `Hex`.
func hexString(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { byte in
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }.joined()
}

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator, so every "random" test is deterministic
/// and a failure can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) } }

    /// Sorted cut points that split `count` bytes into pieces (empty pieces included).
    mutating func cuts(in count: Int, pieces: Int) -> [Int] {
        ((0..<max(0, pieces - 1)).map { _ in Int.random(in: 0...count, using: &self) } + [0, count]).sorted()
    }
}
