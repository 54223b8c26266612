#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One HTTP header as received or sent: name as written (case kept), value as written.
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// The parts of an HTTP request that SigV4 signs, in wire form.
///
/// `path` and `query` are kept exactly as they appear in the request line (percent-encoded as sent, or
/// raw bytes as in the published suites), because the canonical request is built from the wire form and
/// any re-encoding by a URL type would change the signature. Headers keep order and duplicates.
public struct SigV4Request: Sendable, Hashable {
    public var method: String
    /// The path as on the wire, without the query.
    public var path: String
    /// The query string as on the wire, without the leading `?`; empty when there is none.
    public var query: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]

    public init(method: String, path: String, query: String = "", headers: [HTTPHeader] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// A request from its request-line target (`/path?query`).
    public init(method: String, target: String, headers: [HTTPHeader] = [], body: [UInt8] = []) {
        if let q = target.utf8.firstIndex(of: UInt8(ascii: "?")) {
            self.init(
                method: method, path: String(target[..<q]), query: String(target[target.index(after: q)...]),
                headers: headers, body: body)
        } else {
            self.init(method: method, path: target, headers: headers, body: body)
        }
    }

    /// The request-line target: path, and `?query` when there is a query.
    public var target: String { query.isEmpty ? path : "\(path)?\(query)" }

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.utf8.count == name.utf8.count && ASCII.equalsIgnoringCase($0.name, name) }?.value
    }

    /// Every value of a header, in order, matched case-insensitively.
    public func headerValues(_ name: String) -> [String] {
        headers.filter { $0.name.utf8.count == name.utf8.count && ASCII.equalsIgnoringCase($0.name, name) }.map(\.value)
    }

    /// Replaces every header of that name (case-insensitively) by one with `value`, at the first one's place.
    public mutating func setHeader(_ name: String, _ value: String) {
        if let i = headers.firstIndex(where: { ASCII.equalsIgnoringCase($0.name, name) }) {
            headers[i].value = value
            var j = headers.count - 1
            while j > i {
                if ASCII.equalsIgnoringCase(headers[j].name, name) { headers.remove(at: j) }
                j -= 1
            }
        } else {
            headers.append(HTTPHeader(name, value))
        }
    }

    /// Removes every header of that name, case-insensitively.
    public mutating func removeHeader(_ name: String) {
        headers.removeAll { ASCII.equalsIgnoringCase($0.name, name) }
    }
}

extension String {
    /// Lends the string's UTF-8 bytes: straight from storage for native strings (no copy, no retain), or
    /// from a contiguous copy for the rare bridged one.
    @inline(__always)
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}

/// ASCII-only case folding: HTTP header names and hex digits are ASCII, and Unicode-aware lowercasing is
/// both slower and wrong for them.
enum ASCII {
    @inline(__always)
    static func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

    static func equalsIgnoringCase(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        return a.withUTF8Bytes { p in
            b.withUTF8Bytes { q in
                for i in 0..<p.count where lower(p[i]) != lower(q[i]) { return false }
                return true
            }
        }
    }

    /// Whether `bytes` equal the UTF-8 of `text` exactly.
    @inline(__always)
    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) -> Bool {
        guard bytes.count == text.utf8.count else { return false }
        guard let p = bytes.baseAddress else { return true }
        return text.withUTF8Bytes { other in memcmp(p, other.baseAddress!, bytes.count) == 0 }
    }

    /// Byte-order comparison of two byte strings: negative, zero or positive.
    @inline(__always)
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(a.count, b.count)
        if n > 0 {
            let c = memcmp(a.baseAddress!, b.baseAddress!, n)
            if c != 0 { return Int(c) }
        }
        return a.count - b.count
    }
}
