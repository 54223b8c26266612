/// The decoded segments of a rest-json request path (spec §1.2 step 5).
///
/// Path parameters arrive percent-encoded, and a model or inference-profile ARN contains `/` (`%2F`), so the
/// path is split on `/` first and each segment decoded afterwards; decoding first would split the ARN.
/// Unlike form bodies, `+` in a path is a literal plus.
public struct RestPath: Sendable, Hashable {
    /// Segments after the leading `/`, decoded. `/` gives `[]`; `/a/` gives `["a", ""]`.
    public var segments: [String]

    /// - Parameters:
    ///   - rawPath: the path as received (``HTTPRequest/path``), without the query.
    /// - Throws: `QueryDecodingError` with `.malformedPercentEscape` or `.invalidUTF8`.
    public init(_ rawPath: some StringProtocol) throws(QueryDecodingError) {
        // Split and decode over the contiguous UTF-8 buffer: every rest-json request routes on its path, and `/`
        // is ASCII.
        var path = Substring(rawPath)
        segments = try path.withUTF8 { buffer in Result { () throws(QueryDecodingError) in try Self.segments(buffer) } }
            .get()
    }

    /// The decoded segments of a path given as its UTF-8 bytes.
    private static func segments(_ path: UnsafeBufferPointer<UInt8>) throws(QueryDecodingError) -> [String] {
        var path = path[...]
        if path.first == UInt8(ascii: "/") { path = path.dropFirst() }
        if path.isEmpty { return [] }
        var decoded: [String] = []
        for raw in path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            decoded.append(try decodeSegment(UnsafeBufferPointer(rebasing: raw)))
        }
        return decoded
    }

    /// Percent-decodes one segment, keeping `+`.
    static func decodeSegment(_ raw: UnsafeBufferPointer<UInt8>) throws(QueryDecodingError) -> String {
        guard raw.contains(UInt8(ascii: "+")) else { return try QueryParameters.percentDecode(raw, parameter: nil) }
        var plusSafe: [UInt8] = []
        plusSafe.reserveCapacity(raw.count)
        for byte in raw {
            // Re-encode `+` so the form decoder's `+` → space rule does not apply to paths.
            if byte == UInt8(ascii: "+") { plusSafe += Array("%2B".utf8) } else { plusSafe.append(byte) }
        }
        return try QueryParameters.percentDecode(plusSafe, parameter: nil)
    }
}
