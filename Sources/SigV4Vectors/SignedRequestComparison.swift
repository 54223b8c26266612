import Foundation
import SigV4

/// Compares signed requests as data, as the vectors README asks: same method and path, the same headers
/// as a multiset (names case-insensitive), the same query parameters as a multiset of decoded pairs, the
/// same body. Byte comparison would fail on parameter order, which carries no meaning.
enum SignedRequestComparison {
    static func differences(expected: SigV4Request, actual: SigV4Request, ignoringSignature: Bool) -> [String] {
        var out: [String] = []
        if expected.method != actual.method { out.append("method: expected \(expected.method), got \(actual.method)") }
        if expected.path != actual.path { out.append("path: expected \(expected.path), got \(actual.path)") }
        let eh = headerMultiset(expected, ignoringSignature), ah = headerMultiset(actual, ignoringSignature)
        if eh != ah { out.append("headers: expected \(eh), got \(ah)") }
        let eq = queryMultiset(expected.query, ignoringSignature), aq = queryMultiset(actual.query, ignoringSignature)
        if eq != aq { out.append("query: expected \(eq), got \(aq)") }
        if expected.body != actual.body { out.append("body differs") }
        return out
    }

    static func headerMultiset(_ r: SigV4Request, _ ignoringSignature: Bool) -> [String] {
        r.headers.map { h in
            var value = h.value
            if ignoringSignature, h.name.lowercased() == "authorization", let range = value.range(of: "Signature=") {
                value = String(value[..<range.upperBound])
            }
            return "\(h.name.lowercased()):\(value)"
        }.sorted()
    }

    static func queryMultiset(_ query: String, _ ignoringSignature: Bool) -> [String] {
        query.split(separator: "&").compactMap { piece in
            let kv = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = kv[0].removingPercentEncoding ?? String(kv[0])
            let value = kv.count > 1 ? (kv[1].removingPercentEncoding ?? String(kv[1])) : ""
            if ignoringSignature, key == "X-Amz-Signature" { return nil }
            return "\(key)=\(value)"
        }.sorted()
    }
}
