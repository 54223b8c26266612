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
    public var signedHeaders: String { String(decoding: bytes[signedHeadersRange], as: UTF8.self) }
    /// Where SignedHeaders sits in `bytes`: kept as a range so signing does not copy it into a string.
    let signedHeadersRange: Range<Int>
    /// The last line: hex SHA-256 of the payload, or `UNSIGNED-PAYLOAD`.
    public var payloadHash: String {
        let start = (bytes.lastIndex(of: 0x0A) ?? -1) + 1
        return String(decoding: bytes[start...], as: UTF8.self)
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }
    public var hash: SHA256Digest { SHA256.hash(bytes) }

    /// The canonical request's last line: a body digest (written as hex straight into the buffer) or a
    /// literal such as `UNSIGNED-PAYLOAD` or a client's `x-amz-content-sha256`.
    enum PayloadHash {
        case digest(SHA256Digest)
        case literal(String)

        var byteCount: Int {
            switch self {
            case .digest: 64
            case .literal(let text): text.utf8.count
            }
        }

        var text: String {
            switch self {
            case .digest(let d): d.hex
            case .literal(let text): text
            }
        }
    }

    /// Which headers a canonical request covers.
    enum HeaderSelection {
        /// Every header except these lowercase names (the signer's choice).
        case allExcept(Set<String>)
        /// Exactly these lowercase names, in any order (the verifier, from `SignedHeaders`).
        case only([String])
    }

    /// Builds the canonical request.
    ///
    /// The output's size has an upper bound known from the inputs (percent-encoding at most triples a byte;
    /// trimming only shortens), so it is written into one allocation through a `ByteWriter`.
    ///
    /// - Parameters:
    ///   - extraQuery: decoded pairs added to the query (presigning's `X-Amz-*` parameters).
    ///   - excludedQueryKey: a decoded key left out (the verifier drops `X-Amz-Signature`).
    static func build(
        _ request: SigV4Request, headers selection: HeaderSelection, payloadHash: PayloadHash, options: SigningOptions,
        extraQuery: [(String, String)] = [], excludedQueryKey: String? = nil
    ) -> CanonicalRequest {
        let query = canonicalQuery(request, extraQuery, excludedQueryKey)
        var signedRange = 0..<0
        let bytes = [UInt8](
            unsafeUninitializedCapacity: bound(request, selection, payloadHash, query: query)
        ) { buffer, initialized in
            var w = ByteWriter(buffer)
            signedRange = write(request, selection, payloadHash, options, query: query, to: &w)
            initialized = w.count
        }
        return CanonicalRequest(bytes: bytes, signedHeadersRange: signedRange)
    }

    /// SHA-256 of the canonical request, built in temporary (stack) memory: all a verifier needs unless the
    /// signature fails, when it builds the full value to explain why.
    static func hash(
        _ request: SigV4Request, headers selection: HeaderSelection, payloadHash: PayloadHash, options: SigningOptions,
        excludedQueryKey: String? = nil
    ) -> SHA256Digest {
        let query = canonicalQuery(request, [], excludedQueryKey)
        let capacity = bound(request, selection, payloadHash, query: query)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var w = ByteWriter(buffer)
            _ = write(request, selection, payloadHash, options, query: query, to: &w)
            return SHA256.hash(UnsafeRawBufferPointer(start: buffer.baseAddress, count: w.count))
        }
    }

    static func canonicalQuery(_ request: SigV4Request, _ extra: [(String, String)], _ excluded: String?) -> [UInt8] {
        var query: [UInt8] = []
        appendQuery(request.query, extra: extra, excluding: excluded, to: &query)
        return query
    }

    /// An upper bound on the canonical request's size.
    static func bound(_ request: SigV4Request, _ selection: HeaderSelection, _ payloadHash: PayloadHash, query: [UInt8]) -> Int {
        var listedBytes = 0
        if case .only(let names) = selection { for n in names { listedBytes += 2 * n.utf8.count + 3 } }
        var headerBytes = 0
        for h in request.headers { headerBytes += 2 * h.name.utf8.count + h.value.utf8.count + 3 }
        return request.method.utf8.count + 3 * max(request.path.utf8.count, 1) + query.count + headerBytes
            + listedBytes + payloadHash.byteCount + 8
    }

    /// Writes the six parts; returns SignedHeaders' range.
    static func write(
        _ request: SigV4Request, _ selection: HeaderSelection, _ payloadHash: PayloadHash, _ options: SigningOptions,
        query: [UInt8], to w: inout ByteWriter
    ) -> Range<Int> {
        w.append(request.method)
        w.append(0x0A)
        appendURI(request.path, options: options, to: &w)
        w.append(0x0A)
        query.withUnsafeBufferPointer { w.append($0) }
        w.append(0x0A)
        let signedRange = appendHeaders(request.headers, selection: selection, to: &w)
        w.append(0x0A)
        switch payloadHash {
        case .digest(let digest):
            digest.withUnsafeBytes { Hex.encode($0, into: UnsafeMutableRawBufferPointer(start: w.reserve(64), count: 64)) }
        case .literal(let text): w.append(text)
        }
        return signedRange
    }

    // MARK: Canonical URI

    /// Normalizes (if asked) and percent-encodes the path; S3-style single encoding decodes it first.
    /// Paths that need neither (the common case) are encoded straight from the string's storage.
    static func appendURI(_ path: String, options: SigningOptions, to w: inout ByteWriter) {
        var raw = path
        raw.withUTF8 { bytes in
            let needsDecoding = !options.doubleEncodePath && bytes.contains(UInt8(ascii: "%"))
            let needsNormalizing = options.normalizePath && URIEncoding.mayNeedNormalizing(bytes)
            if !needsDecoding, !needsNormalizing, !bytes.isEmpty {
                w.appendEncoded(bytes, keepSlash: true)
                return
            }
            var rewritten = Array(bytes)
            if needsDecoding { rewritten = URIEncoding.decode(rewritten) }
            if options.normalizePath { rewritten = URIEncoding.normalizePath(rewritten) }
            if rewritten.isEmpty { rewritten = [UInt8(ascii: "/")] }
            rewritten.withUnsafeBufferPointer { w.appendEncoded($0, keepSlash: true) }
        }
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
    /// SignedHeaders, and returns SignedHeaders' range in the output.
    ///
    /// Names are lowercased once into stack scratch memory and sorted by byte comparison there, so no
    /// lowercased `String` is ever made.
    static func appendHeaders(_ headers: [HTTPHeader], selection: HeaderSelection, to w: inout ByteWriter) -> Range<Int> {
        withHeaderTable(headers, selection) { table in
            table.writeLines(headers, to: &w)
            return table.writeNames(to: &w)
        }
    }

    /// SignedHeaders exactly as the canonical request of `headers` will list them (presigning needs the list
    /// before the canonical request exists, for `X-Amz-SignedHeaders`).
    static func signedHeaders(_ headers: [HTTPHeader], selection: HeaderSelection) -> String {
        var bound = 1
        for h in headers { bound += h.name.utf8.count + 1 }
        let bytes = [UInt8](unsafeUninitializedCapacity: bound) { buffer, initialized in
            var w = ByteWriter(buffer)
            _ = withHeaderTable(headers, selection) { $0.writeNames(to: &w) }
            initialized = w.count
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Selects, lowercases (into stack scratch memory) and sorts the signed headers, then lends the table.
    static func withHeaderTable<R>(
        _ headers: [HTTPHeader], _ selection: HeaderSelection, _ body: (HeaderTable) -> R
    ) -> R {
        let listed: [String]
        switch selection {
        case .allExcept: listed = []
        case .only(let names): listed = names
        }
        var nameBytes = 0
        for h in headers { nameBytes += h.name.utf8.count }
        for n in listed { nameBytes += n.utf8.count }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(nameBytes, 1)) { scratch in
            withUnsafeTemporaryAllocation(of: HeaderEntry.self, capacity: max(headers.count + listed.count, 1)) { slots in
                var table = HeaderTable(scratch: scratch, entries: slots)
                for (i, h) in headers.enumerated() {
                    let entry = table.lowercase(h.name, header: i)
                    let name = table.bytes(entry)
                    let keep: Bool
                    switch selection {
                    case .allExcept(let skipped): keep = !skipped.contains { ASCII.equals(name, $0) }
                    case .only(let names): keep = names.contains { ASCII.equals(name, $0) }
                    }
                    if keep { table.add(entry) }
                }
                for name in listed where !table.contains(name) {
                    table.add(table.lowercase(name, header: nil))
                }
                table.sort()
                return body(table)
            }
        }
    }

    /// One signed header's source: its lowercased name in scratch memory, and the header it came from
    /// (nil for a name `SignedHeaders` lists but the request lacks; it is written empty, so the signature
    /// fails as AWS's does).
    struct HeaderEntry {
        var offset: Int
        var length: Int
        var header: Int?
    }

    /// The signed headers of one canonical request, in temporary memory the caller owns for the call.
    struct HeaderTable {
        let scratch: UnsafeMutableBufferPointer<UInt8>
        let entries: UnsafeMutableBufferPointer<HeaderEntry>
        var used = 0
        var count = 0

        init(scratch: UnsafeMutableBufferPointer<UInt8>, entries: UnsafeMutableBufferPointer<HeaderEntry>) {
            self.scratch = scratch
            self.entries = entries
        }

        /// Copies `name` into scratch memory in ASCII lowercase.
        mutating func lowercase(_ name: String, header: Int?) -> HeaderEntry {
            let length = name.withUTF8Bytes { bytes in
                for i in 0..<bytes.count { scratch[used + i] = ASCII.lower(bytes[i]) }
                return bytes.count
            }
            defer { used += length }
            return HeaderEntry(offset: used, length: length, header: header)
        }

        func bytes(_ e: HeaderEntry) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: scratch[e.offset..<e.offset + e.length])
        }

        mutating func add(_ e: HeaderEntry) {
            entries[count] = e
            count += 1
        }

        func contains(_ name: String) -> Bool {
            for k in 0..<count where ASCII.equals(bytes(entries[k]), name) { return true }
            return false
        }

        /// Insertion sort: stable (repeated headers keep their order), in place, no allocation; header
        /// counts are small and bounded by the server's limits.
        mutating func sort() {
            guard count > 1 else { return }
            for i in 1..<count {
                let e = entries[i]
                let key = bytes(e)
                var j = i
                while j > 0, ASCII.compare(key, bytes(entries[j - 1])) < 0 {
                    entries[j] = entries[j - 1]
                    j -= 1
                }
                entries[j] = e
            }
        }

        func sameName(_ k: Int) -> Bool { k > 0 && ASCII.compare(bytes(entries[k - 1]), bytes(entries[k])) == 0 }

        /// Writes the header lines and the blank line that ends them.
        func writeLines(_ headers: [HTTPHeader], to w: inout ByteWriter) {
            for k in 0..<count {
                let e = entries[k]
                if sameName(k) {
                    w.append(UInt8(ascii: ","))
                } else {
                    if k > 0 { w.append(0x0A) }
                    w.append(bytes(e))
                    w.append(UInt8(ascii: ":"))
                }
                if let header = e.header { w.appendTrimmed(headers[header].value) }
            }
            if count > 0 { w.append(0x0A) }
            w.append(0x0A)
        }

        /// Writes SignedHeaders (unique names joined by `;`) and returns its range.
        func writeNames(to w: inout ByteWriter) -> Range<Int> {
            let start = w.count
            for k in 0..<count where !sameName(k) {
                if k > 0 { w.append(UInt8(ascii: ";")) }
                w.append(bytes(entries[k]))
            }
            return start..<w.count
        }
    }
}
