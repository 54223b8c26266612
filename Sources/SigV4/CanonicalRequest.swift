public import RoleplayCrypto

/// Task 1 of SigV4: the canonical request.
///
/// ```
/// METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n \n SignedHeaders \n PayloadHash
/// ```
/// Built as bytes in one buffer: the signer hashes it at once, and only `--explain` or a mismatch report
/// turns it into a string.
public struct CanonicalRequest: Sendable, Hashable {
    /// The canonical request, byte for byte.
    public let bytes: [UInt8]
    /// Lowercase signed header names joined by `;`.
    public let signedHeaders: String
    /// The last line: hex SHA-256 of the payload, or `UNSIGNED-PAYLOAD`.
    public let payloadHash: String

    public var text: String { String(decoding: bytes, as: UTF8.self) }
    public var hash: SHA256Digest { SHA256.hash(bytes) }

    /// Which headers a canonical request covers.
    enum HeaderSelection {
        /// Every header except these lowercase names (the signer's choice).
        case allExcept(Set<String>)
        /// Exactly these lowercase names, in any order (the verifier, from `SignedHeaders`).
        case only([String])
    }

    /// Builds the canonical request.
    ///
    /// - Parameters:
    ///   - extraQuery: decoded pairs added to the query (presigning's `X-Amz-*` parameters).
    ///   - excludedQueryKey: a decoded key left out (the verifier drops `X-Amz-Signature`).
    static func build(
        _ request: SigV4Request, headers selection: HeaderSelection, payloadHash: String, options: SigningOptions,
        extraQuery: [(String, String)] = [], excludedQueryKey: String? = nil
    ) -> CanonicalRequest {
        var out = [UInt8]()
        out.reserveCapacity(256 + request.path.utf8.count + request.query.utf8.count)
        out += request.method.utf8
        out.append(0x0A)
        appendURI(request.path, options: options, to: &out)
        out.append(0x0A)
        appendQuery(request.query, extra: extraQuery, excluding: excludedQueryKey, to: &out)
        out.append(0x0A)
        let signed = appendHeaders(request.headers, selection: selection, to: &out)
        out.append(0x0A)
        out += signed.utf8
        out.append(0x0A)
        out += payloadHash.utf8
        return CanonicalRequest(bytes: out, signedHeaders: signed, payloadHash: payloadHash)
    }

    // MARK: Canonical URI

    /// Normalizes (if asked) and percent-encodes the path; S3-style single encoding decodes it first.
    static func appendURI(_ path: String, options: SigningOptions, to out: inout [UInt8]) {
        var bytes = Array(path.utf8)
        if !options.doubleEncodePath { bytes = URIEncoding.decode(bytes) }
        if options.normalizePath { bytes = URIEncoding.normalizePath(bytes) }
        if bytes.isEmpty { bytes = [UInt8(ascii: "/")] }
        URIEncoding.encode(bytes, keepSlash: true, into: &out)
    }

    // MARK: Canonical query

    /// Decodes then re-encodes each key and value, sorts by encoded key then value (byte order), joins with `&`.
    static func appendQuery(
        _ query: String, extra: [(String, String)], excluding excluded: String?, to out: inout [UInt8]
    ) {
        guard !query.isEmpty || !extra.isEmpty else { return }
        var pairs: [([UInt8], [UInt8])] = []
        for piece in query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let eq = piece.firstIndex(of: UInt8(ascii: "="))
            let rawKey = eq.map { piece[piece.startIndex..<$0] } ?? piece[...]
            let rawValue = eq.map { piece[piece.index(after: $0)...] } ?? piece[piece.endIndex...]
            let key = URIEncoding.decode(rawKey)
            if let excluded, key.elementsEqual(excluded.utf8) { continue }
            var k = [UInt8]()
            var v = [UInt8]()
            URIEncoding.encode(key, keepSlash: false, into: &k)
            URIEncoding.encode(URIEncoding.decode(rawValue), keepSlash: false, into: &v)
            pairs.append((k, v))
        }
        for (key, value) in extra {
            var k = [UInt8]()
            var v = [UInt8]()
            URIEncoding.encode(Array(key.utf8), keepSlash: false, into: &k)
            URIEncoding.encode(Array(value.utf8), keepSlash: false, into: &v)
            pairs.append((k, v))
        }
        pairs.sort { a, b in
            a.0 == b.0 ? a.1.lexicographicallyPrecedes(b.1) : a.0.lexicographicallyPrecedes(b.0)
        }
        for (i, pair) in pairs.enumerated() {
            if i > 0 { out.append(UInt8(ascii: "&")) }
            out += pair.0
            out.append(UInt8(ascii: "="))
            out += pair.1
        }
    }

    // MARK: Canonical headers

    /// Writes `name:value\n` per signed header (names lowercased and sorted; repeated headers joined with
    /// `,` in order of appearance; values trimmed, inner whitespace runs collapsed) and returns SignedHeaders.
    static func appendHeaders(_ headers: [HTTPHeader], selection: HeaderSelection, to out: inout [UInt8]) -> String {
        var entries: [(name: String, index: Int)] = []
        entries.reserveCapacity(headers.count)
        for (i, h) in headers.enumerated() {
            let name = lowercasedName(h.name)
            switch selection {
            case .allExcept(let skipped): if skipped.contains(name) { continue }
            case .only(let names): if !names.contains(name) { continue }
            }
            entries.append((name, i))
        }
        if case .only(let names) = selection {
            // A listed header the request lacks still appears (empty), so the signature fails as AWS's does.
            for name in names where !entries.contains(where: { $0.name == name }) { entries.append((name, -1)) }
        }
        entries.sort { $0.name == $1.name ? $0.index < $1.index : $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }

        var signed = ""
        var previous: String? = nil
        for entry in entries {
            if entry.name == previous {
                out.append(UInt8(ascii: ","))
            } else {
                if previous != nil {
                    out.append(0x0A)
                    signed += ";"
                }
                out += entry.name.utf8
                out.append(UInt8(ascii: ":"))
                signed += entry.name
                previous = entry.name
            }
            if entry.index >= 0 { appendTrimmed(headers[entry.index].value, to: &out) }
        }
        if previous != nil { out.append(0x0A) }
        return signed
    }

    /// Trims leading and trailing whitespace and collapses inner runs to one space (quotes included).
    @inline(__always)
    static func appendTrimmed(_ value: String, to out: inout [UInt8]) {
        var pendingSpace = false
        var started = false
        for c in value.utf8 {
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                pendingSpace = started
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                started = true
                out.append(c)
            }
        }
    }

    /// The header name in ASCII lowercase, reusing the string when it already is (the common case).
    @inline(__always)
    static func lowercasedName(_ name: String) -> String {
        name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? ASCII.lowercased(name) : name
    }
}
