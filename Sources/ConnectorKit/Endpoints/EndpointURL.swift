internal import Foundation

/// An `http(s)://host[:port][/path]` URL, checked, without query or fragment.
public struct EndpointURL: Sendable, Hashable {
    public var scheme: String
    public var host: String
    public var port: Int?
    /// Without a trailing `/` (targets start with one).
    public var path: String

    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public var url: String
        public var reason: String
        public var description: String { "invalid endpoint URL \"\(url)\": \(reason)" }
    }

    public init(_ text: String) throws(Invalid) {
        func invalid(_ reason: String) -> Invalid { Invalid(url: text, reason: reason) }
        guard let schemeEnd = text.range(of: "://") else { throw invalid("expected http:// or https://") }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { throw invalid("the scheme must be http or https") }
        let rest = text[schemeEnd.upperBound...]
        guard !rest.contains("?"), !rest.contains("#") else { throw invalid("no query or fragment is allowed") }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var path = String(rest[authorityEnd...])
        while path.hasSuffix("/") { path.removeLast() }
        var host = String(authority)
        var port: Int?
        if authority.hasPrefix("[") {  // [::1]:4590
            guard let close = authority.firstIndex(of: "]") else { throw invalid("unclosed IPv6 address") }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let p = Int(after.dropFirst()) else { throw invalid("bad port") }
                port = p
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            guard let p = Int(authority[authority.index(after: colon)...]) else { throw invalid("bad port") }
            port = p
        }
        guard !host.isEmpty, !host.contains("@") else { throw invalid("no host") }
        if let port, !(1...65535).contains(port) { throw invalid("port out of range") }
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
    }
}
