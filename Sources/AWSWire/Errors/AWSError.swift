/// One AWS error as the emulator sends it: a wire code, the HTTP status, and the message text.
///
/// A struct over a closed code set (``AWSError/Code``) rather than an enum of cases, so codes can be added
/// without breaking callers (soto `AWSClientError`). The status usually follows from the code, but a few
/// codes answer with a different status per protocol (`UnrecognizedClientException` is 400 over JSON 1.1 and
/// 403 over rest-json, spec §2.4), so the status is stored and may be overridden.
public struct AWSError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: Code
    public var message: String
    /// The HTTP status this error is sent with; `code.httpStatus` unless overridden.
    public var httpStatus: Int

    public init(code: Code, message: String, httpStatus: Int? = nil) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus ?? code.httpStatus
    }

    /// An error from a wire code, status and message computed elsewhere — the authentication failures, whose
    /// per-protocol table lives with the verifier (`SigV4.AuthFailure.wireError(for:)`). Nil for a code this
    /// module does not list, so every code the emulator sends stays in ``Code``.
    public init?(wireCode: String, message: String, httpStatus: Int) {
        guard let code = Code(rawValue: wireCode) else { return nil }
        self.init(code: code, message: message, httpStatus: httpStatus)
    }

    /// The query protocol's `<Type>`: `Receiver` for server faults (5xx), `Sender` for everything else (§3.1).
    public var fault: Fault { httpStatus >= 500 ? .receiver : .sender }

    public enum Fault: String, Sendable, Hashable {
        case sender = "Sender"
        case receiver = "Receiver"
    }

    public var description: String { "\(code.rawValue) (\(httpStatus)): \(message)" }
}

extension AWSError {
    public static func accessDenied(_ message: String) -> AWSError { .init(code: .accessDenied, message: message) }
    public static func accessDeniedException(_ message: String) -> AWSError {
        .init(code: .accessDeniedException, message: message)
    }
    public static func validationError(_ message: String) -> AWSError {
        .init(code: .validationError, message: message)
    }
    public static func validationException(_ message: String) -> AWSError {
        .init(code: .validationException, message: message)
    }
    public static func malformedPolicyDocument(_ message: String) -> AWSError {
        .init(code: .malformedPolicyDocument, message: message)
    }
    public static func noSuchEntity(_ message: String) -> AWSError { .init(code: .noSuchEntity, message: message) }
    public static func entityAlreadyExists(_ message: String) -> AWSError {
        .init(code: .entityAlreadyExists, message: message)
    }
    public static func invalidParameterValue(_ message: String) -> AWSError {
        .init(code: .invalidParameterValue, message: message)
    }
    public static func missingParameter(_ message: String) -> AWSError {
        .init(code: .missingParameter, message: message)
    }
    public static func resourceNotFound(_ message: String) -> AWSError {
        .init(code: .resourceNotFoundException, message: message)
    }
    public static func internalFailure(_ message: String) -> AWSError {
        .init(code: .internalFailure, message: message)
    }
}
