/// Why a JSON body was rejected, and where.
///
/// A struct over a code enum (STYLE §6). `offset` is the byte offset into the input, so a 400 message can
/// point at the problem; the decoder never traps on input.
public struct JSONDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case tooLarge = "input exceeds the size limit"
        case tooDeep = "nesting exceeds the depth limit"
        case unexpectedEnd = "unexpected end of input"
        case unexpectedCharacter = "unexpected character"
        case invalidNumber = "invalid number"
        case invalidEscape = "invalid escape sequence"
        case invalidUnicodeEscape = "invalid \\u escape (lone surrogate or bad hex)"
        case controlCharacterInString = "unescaped control character in string"
        case invalidUTF8 = "invalid UTF-8"
        case duplicateKey = "duplicate object key"
        case trailingData = "data after the JSON value"
    }

    public var code: Code
    public var offset: Int
    /// The duplicate key, for `.duplicateKey`.
    public var key: String?

    public init(_ code: Code, offset: Int, key: String? = nil) {
        self.code = code
        self.offset = offset
        self.key = key
    }

    public var description: String {
        if let key { return "\(code.rawValue) \"\(key)\" at byte \(offset)" }
        return "\(code.rawValue) at byte \(offset)"
    }

    /// The protocol error to answer with: `SerializationException` for JSON 1.1, `ValidationException` for
    /// rest-json [E: AWS's wording differs per service; codes and statuses match].
    public func awsError(_ wire: WireProtocol) -> AWSError {
        switch wire {
        case .json: return AWSError(code: .serializationException, message: "Invalid JSON: \(description)")
        case .query, .restJSON: return AWSError(code: .validationException, message: "Invalid JSON: \(description)")
        }
    }
}
