/// Why a frame could not be encoded or decoded.
///
/// A struct over a code enum (STYLE §6). Decoding never traps: truncated, oversized or corrupt input is
/// one of these codes.
public struct EventStreamError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case frameTooLarge = "frame exceeds the size limit"
        case frameTooShort = "total length smaller than the 16-byte minimum"
        case headersTooLarge = "headers exceed the size limit"
        case payloadTooLarge = "payload exceeds the size limit"
        case headersLengthMismatch = "headers length does not fit the total length"
        case preludeChecksumMismatch = "prelude CRC32 mismatch"
        case messageChecksumMismatch = "message CRC32 mismatch"
        case truncated = "input ends inside a frame"
        case truncatedHeader = "header runs past the headers section"
        case invalidHeaderName = "header name is empty, too long or not UTF-8"
        case invalidHeaderType = "unknown header value type"
        case invalidStringValue = "string header value is not UTF-8"
        case headerValueTooLong = "header value longer than 65535 bytes"
        case duplicateHeader = "header name repeated"
        case trailingBytes = "bytes after the frame"
    }

    public var code: Code
    /// The header involved, when there is one.
    public var header: String?

    public init(_ code: Code, header: String? = nil) {
        self.code = code
        self.header = header
    }

    public var description: String { header.map { "\(code.rawValue): \($0)" } ?? code.rawValue }
}
