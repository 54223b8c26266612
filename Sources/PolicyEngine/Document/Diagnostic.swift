/// One problem found in a policy document: IAM's error code and message, plus where and why.
///
/// `message` is IAM's text, byte for byte, because the emulator returns it on the wire and SDK
/// users grep for it. `detail` is Roleplay's own sentence (what exactly was wrong and where),
/// because IAM's messages are famously unhelpful ("Syntax errors in policy.").
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// The wire error code IAM (or STS) returns for this problem.
    public enum Code: String, Sendable, Hashable {
        case malformedPolicyDocument = "MalformedPolicyDocument"
        case limitExceeded = "LimitExceeded"
        case validationError = "ValidationError"

        /// The HTTP status IAM answers with.
        public var httpStatus: Int { self == .limitExceeded ? 409 : 400 }
    }

    /// The order in which IAM checks a document; IAM reports only the first failing stage, so
    /// sorting by stage puts IAM's own answer first.
    package enum Stage: Int, Sendable, Hashable, Comparable {
        case characters, json, principalPresence, syntax, version, legacy, statementIDs, actionsPresent
        case resourcesPresent, resourceFormat, actionFormat, principals, size

        package static func < (lhs: Stage, rhs: Stage) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var code: Code
    /// IAM's message, exactly as the API returns it.
    public var message: String
    /// What Roleplay found, in plain words, with its location.
    public var detail: String
    /// Zero-based index of the statement concerned, if any.
    public var statementIndex: Int?
    package var stage: Stage

    package init(_ message: String, detail: String, statement: Int? = nil, stage: Stage) {
        self.init(.malformedPolicyDocument, message, detail: detail, statement: statement, stage: stage)
    }

    package init(_ code: Code, _ message: String, detail: String, statement: Int? = nil, stage: Stage) {
        self.code = code
        self.message = message
        self.detail = detail
        self.statementIndex = statement
        self.stage = stage
    }

    public var description: String { "\(code.rawValue): \(message) (\(detail))" }
}
