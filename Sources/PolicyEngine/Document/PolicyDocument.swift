/// A parsed IAM policy document: its statements, normalized, and the text it came from.
///
/// The original text is kept because IAM echoes it back (URL-encoded) in GetRole,
/// GetRolePolicy and GetPolicyVersion, exactly as the caller sent it, whitespace included.
public struct PolicyDocument: Sendable, Hashable {
    /// The policy language version the document declares.
    public var version: PolicyVersion
    /// The optional top-level `Id`.
    public var id: String?
    /// Statements in document order (`Statement` may be one object or an array).
    public var statements: [Statement]
    /// The text exactly as received.
    public var originalText: String

    public init(version: PolicyVersion, id: String? = nil, statements: [Statement], originalText: String) {
        self.version = version
        self.id = id
        self.statements = statements
        self.originalText = originalText
    }
}

/// The `Version` element.
///
/// Only `2012-10-17` turns on policy variables; under `2008-10-17` or no version, `${…}` is
/// literal text, as AWS documents for the older language.
public enum PolicyVersion: Sendable, Hashable, CustomStringConvertible {
    case v2012_10_17
    case v2008_10_17
    case absent
    /// Any other value (rejected by validation, kept so diagnostics can quote it).
    case other(String)

    init(_ text: String?) {
        switch text {
        case nil: self = .absent
        case "2012-10-17": self = .v2012_10_17
        case "2008-10-17": self = .v2008_10_17
        case let value?: self = .other(value)
        }
    }

    /// Whether `${…}` policy variables are substituted.
    public var supportsPolicyVariables: Bool { self == .v2012_10_17 }

    public var description: String {
        switch self {
        case .v2012_10_17: "2012-10-17"
        case .v2008_10_17: "2008-10-17"
        case .absent: "(none)"
        case .other(let text): text
        }
    }
}
