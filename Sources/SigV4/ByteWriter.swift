/// Appends bytes into a buffer sized up front, the way the canonical request is assembled on the hot path.
///
/// `[UInt8].append` checks uniqueness and capacity on every byte; the canonical request's size has a known
/// upper bound, so the builder computes it, allocates once, and writes through this cursor. Every write is
/// still bounds-checked (a `precondition` per call, not per byte), so a wrong bound traps instead of
/// writing out of bounds.
struct ByteWriter: ~Copyable {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    private(set) var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        base = buffer.baseAddress!
        capacity = buffer.count
    }

    @inline(__always)
    mutating func reserve(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        precondition(n >= 0 && count + n <= capacity, "canonical request size bound exceeded")
        let p = base + count
        count += n
        return p
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) { reserve(1).pointee = byte }

    /// Appends raw bytes.
    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count).update(from: source, count: bytes.count)
    }

    /// Appends a string's UTF-8.
    @inline(__always)
    mutating func append(_ text: String) {
        text.withUTF8Bytes { append($0) }
    }

    /// Appends a string's UTF-8 in ASCII lowercase.
    mutating func appendLowercased(_ bytes: UnsafeBufferPointer<UInt8>) {
        let p = reserve(bytes.count)
        for i in 0..<bytes.count { p[i] = ASCII.lower(bytes[i]) }
    }

    /// Appends a header value trimmed, with inner whitespace runs collapsed to one space (SigV4's rule,
    /// applied inside quotes too).
    mutating func appendTrimmed(_ text: String) {
        text.withUTF8Bytes { value in
            var pendingSpace = false
            var started = false
            // The output is never longer than the input.
            precondition(count + value.count <= capacity, "canonical request size bound exceeded")
            for c in value {
                if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                    pendingSpace = started
                } else {
                    if pendingSpace {
                        base[count] = 0x20
                        count += 1
                    }
                    pendingSpace = false
                    started = true
                    base[count] = c
                    count += 1
                }
            }
        }
    }

    /// Appends bytes percent-encoded (RFC 3986 unreserved kept; `/` kept when `keepSlash`): at most 3× input.
    mutating func appendEncoded(_ bytes: UnsafeBufferPointer<UInt8>, keepSlash: Bool) {
        precondition(count + 3 * bytes.count <= capacity, "canonical request size bound exceeded")
        URIEncoding.unreserved.withUnsafeBufferPointer { unreserved in
            for c in bytes {
                if unreserved[Int(c)] || (keepSlash && c == UInt8(ascii: "/")) {
                    base[count] = c
                    count += 1
                } else {
                    base[count] = UInt8(ascii: "%")
                    base[count + 1] = URIEncoding.upperHexDigit(c >> 4)
                    base[count + 2] = URIEncoding.upperHexDigit(c & 0x0F)
                    count += 3
                }
            }
        }
    }
}
