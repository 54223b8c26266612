import Foundation
import SigV4

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

/// Lowercase hex, written independently of `RoleplayCrypto.Hex`.
func hexString(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef")
    return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] })
}

/// Bytes from hex written in test data.
func bytes(hex: String) -> [UInt8] {
    let d = Array(hex.utf8).map { c -> UInt8 in c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10 }
    return stride(from: 0, to: d.count - 1, by: 2).map { d[$0] << 4 | d[$0 + 1] }
}

/// Percent-decoding as RFC 3986 defines it (`%XX` → byte; a `%` without two hex digits stays; `+` stays),
/// written independently of the SigV4 target, for comparing queries as data.
func percentDecoded(_ text: some Sequence<UInt8>) -> [UInt8] {
    let a = Array(text)
    func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x41...0x46: c - 0x41 + 10
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }
    var out: [UInt8] = []
    var i = 0
    while i < a.count {
        if a[i] == UInt8(ascii: "%"), i + 2 < a.count, let h = hex(a[i + 1]), let l = hex(a[i + 2]) {
            out.append(h << 4 | l)
            i += 3
        } else {
            out.append(a[i])
            i += 1
        }
    }
    return out
}

/// A query string as a sorted multiset of decoded (key, value) pairs; empty pieces are dropped.
func decodedQuery(_ query: String) -> [[UInt8]] {
    query.utf8.split(separator: UInt8(ascii: "&")).map { piece -> [UInt8] in
        let eq = piece.firstIndex(of: UInt8(ascii: "=")) ?? piece.endIndex
        let value = eq == piece.endIndex ? [] : percentDecoded(piece[piece.index(after: eq)...])
        return percentDecoded(piece[..<eq]) + [0] + value
    }.sorted { $0.lexicographicallyPrecedes($1) }
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
}

extension SigV4Request {
    /// The request with one header (matched case-insensitively) replaced or added.
    func setting(_ name: String, _ value: String) -> SigV4Request {
        var r = self
        r.setHeader(name, value)
        return r
    }

    /// The request without a header.
    func removing(_ name: String) -> SigV4Request {
        var r = self
        r.removeHeader(name)
        return r
    }

    /// The query's raw `key=value` pieces, as sent.
    var queryPieces: [String] { query.split(separator: "&").map(String.init) }

    /// The request with the query pieces whose key is one of `keys` removed.
    func removingQuery(_ keys: String...) -> SigV4Request {
        var r = self
        r.query = queryPieces.filter { piece in !keys.contains { piece.hasPrefix("\($0)=") } }.joined(separator: "&")
        return r
    }

    /// The request with the raw value of query parameter `key` replaced (`value` is written as given).
    func replacingQuery(_ key: String, with value: String) -> SigV4Request {
        var r = self
        r.query = queryPieces.map { $0.hasPrefix("\(key)=") ? "\(key)=\(value)" : $0 }.joined(separator: "&")
        return r
    }

    /// The raw value of query parameter `key`.
    func queryValue(_ key: String) -> String? {
        queryPieces.first { $0.hasPrefix("\(key)=") }.map { String($0.dropFirst(key.count + 1)) }
    }
}

/// Test data that does not have the shape a test assumes (thrown while building arguments, where `#require`
/// cannot be used).
struct FixtureError: Error, CustomStringConvertible {
    let description: String
}

func unwrap<T>(_ value: T?, _ what: String) throws -> T {
    guard let value else { throw FixtureError(description: "missing \(what)") }
    return value
}
