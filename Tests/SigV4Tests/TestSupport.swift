import Foundation
import SigV4


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
