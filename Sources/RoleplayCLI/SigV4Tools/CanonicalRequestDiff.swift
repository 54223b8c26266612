/// A line-by-line comparison of two canonical requests (the client's and the server's), naming the part
/// of the canonical request each differing line belongs to, for `roleplay verify --expected-canonical`.
///
/// The lines are aligned by longest common subsequence rather than by position, so one missing header
/// marks one line, not every line after it.
struct CanonicalRequestDiff: Sendable {
    /// One line of the comparison.
    struct Line: Sendable, Equatable, Encodable {
        enum Kind: String, Sendable, Encodable {
            /// In both canonical requests.
            case same
            /// Only in the client's (expected) canonical request.
            case expected
            /// Only in the server's (received) canonical request.
            case received
        }

        var kind: Kind
        var text: String
        /// 1-based line number in the canonical request the line comes from.
        var number: Int
        /// The part of the canonical request: `HTTP method`, `canonical URI`, `header host`…
        var part: String

        /// The line with its marker: two spaces (same), `- ` (expected only), `+ ` (received only).
        var marked: String {
            switch kind {
            case .same: "  \(text)"
            case .expected: "- \(text)"
            case .received: "+ \(text)"
            }
        }
    }

    var lines: [Line]

    /// Compares the client's canonical request with the server's.
    init(expected: String, received: String) {
        let a = Self.split(expected)
        let b = Self.split(received)
        let partsA = Self.parts(of: a)
        let partsB = Self.parts(of: b)
        // lcs[i][j] = length of the longest common subsequence of a[i...] and b[j...].
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out: [Line] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                out.append(Line(kind: .same, text: a[i], number: i + 1, part: partsA[i]))
                i += 1
                j += 1
            } else if j == b.count || (i < a.count && lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.append(Line(kind: .expected, text: a[i], number: i + 1, part: partsA[i]))
                i += 1
            } else {
                out.append(Line(kind: .received, text: b[j], number: j + 1, part: partsB[j]))
                j += 1
            }
        }
        lines = out
    }

    /// True when the two canonical requests are the same text.
    var isIdentical: Bool { lines.allSatisfy { $0.kind == .same } }

    /// The first line that differs.
    var firstDifference: Line? { lines.first { $0.kind != .same } }

    /// One sentence on the first difference: where it is and what usually causes it.
    var summary: String {
        guard let first = firstDifference else {
            return "The canonical requests are identical, so the difference is in the string to sign or the key: "
                + "check the secret access key, the credential scope (date, region, service) and X-Amz-Date."
        }
        let side = first.kind == .expected ? "client's" : "server's"
        return "First difference: line \(first.number) of the \(side) canonical request, the \(first.part). "
            + Self.hint(for: first.part)
    }

    /// What usually makes that part differ between client and server.
    static func hint(for part: String) -> String {
        switch part {
        case "HTTP method":
            return "The request was sent with another method than the one signed."
        case "canonical URI":
            return "The path changed between signing and receipt: a proxy or client re-encoded or decoded it "
                + "(%3A and ':' in model IDs and ARNs, %2F and '/'), or only one side normalized '.', '..' or '//' "
                + "(S3 rules vs. every other service)."
        case "canonical query string":
            return "The query changed: a parameter was added or removed, or re-encoded ('+' vs '%20', '%7E' vs '~')."
        case "end of canonical headers":
            return "The two sides sign a different number of headers."
        case "signed headers":
            return "The two sides sign a different list of headers."
        case "payload hash":
            return "The body changed in transit, or only one side used UNSIGNED-PAYLOAD or x-amz-content-sha256."
        default:
            if part.hasPrefix("header ") {
                return "That header is missing, or its value changed in transit (proxies rewrite Host, Content-Type, "
                    + "Content-Length) or was canonicalized differently (trimming, joining repeated headers with ',')."
            }
            return ""
        }
    }

    /// Lines of a canonical request; a trailing line end (from a file saved by an editor) is dropped,
    /// because a canonical request ends with its payload hash, never with an empty line.
    static func split(_ text: String) -> [String] {
        var t = Substring(text)
        while t.last == "\n" || t.last == "\r" { t = t.dropLast() }
        return t.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
    }

    /// The part each line belongs to: method, URI, query, one line per header, the empty line that ends
    /// the headers, the signed-header list, the payload hash (SigV4 task 1).
    static func parts(of lines: [String]) -> [String] {
        var out: [String] = []
        var inHeaders = true
        for (n, line) in lines.enumerated() {
            switch n {
            case 0: out.append("HTTP method")
            case 1: out.append("canonical URI")
            case 2: out.append("canonical query string")
            default:
                if inHeaders {
                    if line.isEmpty {
                        inHeaders = false
                        out.append("end of canonical headers")
                    } else {
                        let name = line.split(separator: ":", maxSplits: 1).first.map(String.init) ?? line
                        out.append("header \(name)")
                    }
                } else if n == lines.count - 1 {
                    out.append("payload hash")
                } else {
                    out.append("signed headers")
                }
            }
        }
        return out
    }
}

/// The labelled sections `roleplay sign --explain` writes (`--- canonical request`, `--- string to sign`,
/// `--- signature`), so `verify --expected-canonical` accepts either that output or a bare canonical request.
enum ExplainSections {
    static let canonicalRequest = "canonical request"
    static let stringToSign = "string to sign"
    static let signature = "signature"

    /// The header line of a section.
    static func header(_ name: String) -> String { "--- \(name)" }

    /// Renders sections in order.
    static func render(_ sections: [(String, String)]) -> String {
        sections.map { "\(header($0.0))\n\($0.1)\n" }.joined()
    }

    /// Splits `--explain` output into its sections; nil when the text has no section header (a bare
    /// canonical request).
    static func parse(_ text: String) -> [String: String]? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        var sections: [String: String] = [:]
        var current: String? = nil
        var body: [String] = []
        func close() {
            if let current {
                while body.last == "" { body.removeLast() }
                sections[current] = body.joined(separator: "\n")
            }
        }
        for line in lines {
            if line.hasPrefix("--- ") {
                close()
                current = String(line.dropFirst(4))
                body = []
            } else if current != nil {
                body.append(line)
            }
        }
        close()
        return sections.isEmpty ? nil : sections
    }
}
