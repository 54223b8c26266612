/// RFC 3986 percent-encoding as SigV4 defines it: every byte outside `A-Z a-z 0-9 - _ . ~` becomes `%XX`
/// with uppercase hex; `/` is kept in paths. Works on bytes so raw UTF-8 encodes byte by byte.
enum URIEncoding {
    /// 256 entries: true for RFC 3986 unreserved characters.
    static let unreserved: [Bool] = (0..<256).map { b in
        let c = UInt8(b)
        return (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
            || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") || c == UInt8(ascii: "~")
    }
    static let upperHex: [UInt8] = Array("0123456789ABCDEF".utf8)

    @inline(__always)
    static func upperHexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x37 + nibble }

    /// Appends `bytes` percent-encoded; `keepSlash` leaves `/` as is (paths).
    @inline(__always)
    static func encode(_ bytes: UnsafeBufferPointer<UInt8>, keepSlash: Bool, into out: inout [UInt8]) {
        for c in bytes {
            if unreserved[Int(c)] || (keepSlash && c == UInt8(ascii: "/")) {
                out.append(c)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(upperHex[Int(c >> 4)])
                out.append(upperHex[Int(c & 0x0F)])
            }
        }
    }

    static func encode(_ bytes: some Collection<UInt8>, keepSlash: Bool, into out: inout [UInt8]) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { encode($0, keepSlash: keepSlash, into: &out) }
        if done == nil { Array(bytes).withUnsafeBufferPointer { encode($0, keepSlash: keepSlash, into: &out) } }
    }

    /// Percent-encodes a whole string (a query key or value, a header value in a presigned URL).
    static func encode(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        encode(Array(text.utf8), keepSlash: false, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` sequences; a `%` not followed by two hex digits stays literal, and `+` stays `+`
    /// (SigV4 query strings use `%20` for space; a literal plus is a plus).
    static func decode(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let a = Array(bytes)
        guard a.contains(UInt8(ascii: "%")) else { return a }
        var out = [UInt8]()
        out.reserveCapacity(a.count)
        var i = 0
        while i < a.count {
            if a[i] == UInt8(ascii: "%"), i + 2 < a.count,
                let hi = hexValue(a[i + 1]), let lo = hexValue(a[i + 2])
            {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(a[i])
                i += 1
            }
        }
        return out
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x41...0x46: c - 0x41 + 10
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }

    /// Cheap pre-check: a path that starts with `/` and has no empty, `.` or `..` segment is already
    /// normalized, which is true of nearly every SDK request.
    static func mayNeedNormalizing(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        guard path.first == UInt8(ascii: "/") else { return true }
        var previous: UInt8 = 0
        var dots = 0  // dots since the last slash, or -1 once the segment has another character
        for c in path {
            if c == UInt8(ascii: "/") {
                if previous == UInt8(ascii: "/") || dots > 0 { return true }
                dots = 0
            } else if c == UInt8(ascii: "."), dots >= 0 {
                dots += 1
                if dots > 2 { dots = -1 }
            } else {
                dots = -1
            }
            previous = c
        }
        return dots > 0
    }

    /// RFC 3986 §5.2.4 dot-segment removal plus merging of empty segments, as the SigV4 path
    /// normalization does: `/a/./b/../c//d` → `/a/c/d`; a trailing `/`, `.` or `..` keeps a trailing slash.
    static func normalizePath(_ path: [UInt8]) -> [UInt8] {
        var segments: [ArraySlice<UInt8>] = []
        var trailingSlash = false
        for segment in path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst(
            path.first == UInt8(ascii: "/") ? 1 : 0)
        {
            trailingSlash = false
            if segment.isEmpty || segment.elementsEqual([UInt8(ascii: ".")]) {
                trailingSlash = true
            } else if segment.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                if !segments.isEmpty { segments.removeLast() }
                trailingSlash = true
            } else {
                segments.append(segment)
            }
        }
        var out: [UInt8] = [UInt8(ascii: "/")]
        for (i, segment) in segments.enumerated() {
            if i > 0 { out.append(UInt8(ascii: "/")) }
            out += segment
        }
        if trailingSlash, !segments.isEmpty { out.append(UInt8(ascii: "/")) }
        return out
    }
}
