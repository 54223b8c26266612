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
        var capacity = 160 + request.method.utf8.count + 3 * (request.path.utf8.count + request.query.utf8.count)
        for h in request.headers { capacity += 2 * h.name.utf8.count + h.value.utf8.count + 3 }
        var out = [UInt8]()
        out.reserveCapacity(capacity)
        out += request.method.utf8
        out.append(0x0A)
        appendURI(request.path, options: options, to: &out)
        out.append(0x0A)
        appendQuery(request.query, extra: extraQuery, excluding: excludedQueryKey, to: &out)
        out.append(0x0A)
        let signedRange = appendHeaders(request.headers, selection: selection, to: &out)
        out.append(0x0A)
        out += payloadHash.utf8
        let signed = String(decoding: out[signedRange], as: UTF8.self)
        return CanonicalRequest(bytes: out, signedHeaders: signed, payloadHash: payloadHash)
    }

    // MARK: Canonical URI

    /// Normalizes (if asked) and percent-encodes the path; S3-style single encoding decodes it first.
    /// Paths that need neither (the common case) are encoded straight from the string's storage.
    static func appendURI(_ path: String, options: SigningOptions, to out: inout [UInt8]) {
        let needsDecoding = !options.doubleEncodePath && path.utf8.contains(UInt8(ascii: "%"))
        let needsNormalizing = options.normalizePath && URIEncoding.mayNeedNormalizing(path.utf8)
        if !needsDecoding, !needsNormalizing, !path.isEmpty {
            URIEncoding.encode(path.utf8, keepSlash: true, into: &out)
            return
        }
        var bytes = Array(path.utf8)
        if needsDecoding { bytes = URIEncoding.decode(bytes) }
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
    /// `,` in order of appearance; values trimmed, inner whitespace runs collapsed), then the blank line and
    /// SignedHeaders, and returns SignedHeaders' range in `out`.
    ///
    /// Sorting works on header indices in temporary (stack) storage and compares names case-insensitively
    /// in place, so no lowercased copy of any name is made.
    static func appendHeaders(_ headers: [HTTPHeader], selection: HeaderSelection, to out: inout [UInt8]) -> Range<Int> {
        let listed: [String]
        switch selection {
        case .allExcept: listed = []
        case .only(let names): listed = names
        }
        // Entry e ≥ 0 is headers[e]; e < 0 is listed[-e - 1], a signed name the request lacks (written empty,
        // so the signature fails as AWS's does).
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: headers.count + listed.count) { entries in
            var n = 0
            for (i, h) in headers.enumerated() {
                let keep: Bool
                switch selection {
                case .allExcept(let skipped): keep = !isSkipped(h.name, skipped)
                case .only(let names): keep = names.contains { ASCII.equalsIgnoringCase($0, h.name) }
                }
                if keep {
                    entries[n] = i
                    n += 1
                }
            }
            for (k, name) in listed.enumerated() where !headers.contains(where: { ASCII.equalsIgnoringCase($0.name, name) }) {
                entries[n] = -k - 1
                n += 1
            }
            let name = { (e: Int) -> String in e >= 0 ? headers[e].name : listed[-e - 1] }
            let precedes = { (a: Int, b: Int) -> Bool in
                let order = ASCII.compareIgnoringCase(name(a), name(b))
                return order == 0 ? a < b : order < 0
            }
            // Insertion sort: stable, in place, no allocation; header counts are small and bounded by the server.
            for i in 1..<max(n, 1) {
                let e = entries[i]
                var j = i
                while j > 0, precedes(e, entries[j - 1]) {
                    entries[j] = entries[j - 1]
                    j -= 1
                }
                entries[j] = e
            }
            var previous = -1
            for k in 0..<n {
                let e = entries[k]
                if previous >= 0, ASCII.compareIgnoringCase(name(previous), name(e)) == 0 {
                    out.append(UInt8(ascii: ","))
                } else {
                    if previous >= 0 { out.append(0x0A) }
                    for c in name(e).utf8 { out.append(ASCII.lower(c)) }
                    out.append(UInt8(ascii: ":"))
                }
                if e >= 0 { appendTrimmed(headers[e].value, to: &out) }
                previous = e
            }
            if previous >= 0 { out.append(0x0A) }
            out.append(0x0A)
            let start = out.count
            previous = -1
            for k in 0..<n {
                let e = entries[k]
                if previous >= 0, ASCII.compareIgnoringCase(name(previous), name(e)) == 0 { continue }
                if previous >= 0 { out.append(UInt8(ascii: ";")) }
                for c in name(e).utf8 { out.append(ASCII.lower(c)) }
                previous = e
            }
            return start..<out.count
        }
    }

    /// Whether a header name (any case) is in the lowercase skip list, without lowercasing it unless needed.
    @inline(__always)
    static func isSkipped(_ name: String, _ skipped: Set<String>) -> Bool {
        skipped.contains(name) || skipped.contains(lowercasedName(name))
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

    /// The header name in ASCII lowercase, reusing the string when it already is.
    @inline(__always)
    static func lowercasedName(_ name: String) -> String {
        name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? ASCII.lowercased(name) : name
    }
}
