/// Why a form body or query string was rejected.
///
/// A struct over a code enum (STYLE §6); `parameter` names the key involved when there is one, so the
/// 400 the emulator sends says what was wrong.
public struct QueryDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case tooManyParameters = "too many parameters"
        case keyTooLong = "parameter name too long"
        case valueTooLong = "parameter value too long"
        case malformedPercentEscape = "malformed percent escape"
        case invalidUTF8 = "parameter is not valid UTF-8 after percent-decoding"
        case emptyPathSegment = "empty segment in parameter name"
        case pathTooDeep = "parameter name nests too deeply"
        case invalidListIndex = "list index must be a positive integer"
        case duplicateParameter = "parameter given more than once"
        case conflictingShapes = "parameter is both a value and a structure"
        case invalidMapEntry = "map entry needs exactly one key and one value"
    }

    public var code: Code
    public var parameter: String?

    public init(_ code: Code, parameter: String? = nil) {
        self.code = code
        self.parameter = parameter
    }

    public var description: String {
        parameter.map { "\(code.rawValue): \($0)" } ?? code.rawValue
    }

    /// The query-protocol error to answer with [E: AWS's exact text for malformed forms is not captured].
    public var awsError: AWSError {
        switch code {
        case .duplicateParameter, .conflictingShapes, .invalidListIndex, .invalidMapEntry, .emptyPathSegment:
            return AWSError(code: .invalidParameterValue, message: description)
        default:
            return AWSError(code: .validationError, message: description)
        }
    }
}
