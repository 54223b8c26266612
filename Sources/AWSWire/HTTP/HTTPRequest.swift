/// One HTTP request as the server received it, the value every layer above the socket works on.
///
/// `target` is the request-target exactly as received (path and query, still percent-encoded): SigV4
/// signs the wire form, and routing splits path segments before decoding them (`%2F` inside a model ARN
/// must not become a separator). Headers keep their order, case and duplicates.
public struct HTTPRequest: Sendable, Hashable {
    public var method: String
    public var target: String
    public var headers: [HTTPField]
    public var body: [UInt8]
    /// The peer's address (`127.0.0.1`, `::1`), for `aws:SourceIp` and logs; nil in-process.
    public var remoteAddress: String?

    public init(method: String, target: String, headers: [HTTPField] = [], body: [UInt8] = [], remoteAddress: String? = nil) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The path part of the target, still percent-encoded.
    public var path: Substring {
        queryMark.map { target[..<$0] } ?? target[...]
    }

    /// The query part of the target without `?`, still percent-encoded; empty when there is none.
    public var query: Substring {
        queryMark.map { target[target.utf8.index(after: $0)...] } ?? ""
    }

    /// Where `?` is. Searched in UTF-8: every request routes on the path, and a search over Characters would
    /// segment graphemes all the way along the target. `?` is ASCII, so the index is a Character boundary.
    private var queryMark: String.Index? {
        target.utf8.firstIndex(of: UInt8(ascii: "?"))
    }

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? { headers.value(named: name) }
}

/// One header line: the name as written and the value as received (surrounding whitespace removed).
public struct HTTPField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

extension [HTTPField] {
    /// The first value of a header, matched case-insensitively: the one lookup every request, response and error
    /// reader uses.
    public func value(named name: String) -> String? {
        first { $0.name.caseInsensitiveEquals(name) }?.value
    }
}

extension String {
    /// ASCII case-insensitive equality: header names are ASCII, and Unicode folding is slower and wrong here.
    public func caseInsensitiveEquals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        // Over the contiguous buffers native strings have: every header lookup compares each name, and zipping
        // two UTF-8 views steps both indexes byte by byte.
        let fast = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in zip(a, b).allSatisfy(Self.asciiCaseInsensitiveEqual) }
        }
        if case .some(.some(let equal)) = fast { return equal }
        return zip(utf8, other.utf8).allSatisfy(Self.asciiCaseInsensitiveEqual)
    }

    private static func asciiCaseInsensitiveEqual(_ a: UInt8, _ b: UInt8) -> Bool {
        let la = a >= 0x41 && a <= 0x5A ? a | 0x20 : a
        let lb = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
        return la == lb
    }
}
