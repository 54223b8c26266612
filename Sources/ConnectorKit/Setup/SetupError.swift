/// A connector set-up value that AWS would refuse, named by what it is and why, so a form or a command line can
/// show the message next to the field the user typed it in.
public struct SetupError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which value was wrong.
    public enum Field: String, Sendable, Hashable, Codable {
        case externalID = "external ID"
        case accountID = "account ID"
        case roleARN = "role ARN"
        case region
        case name
        /// The system could not produce a secret (no random source).
        case randomness
    }

    public var field: Field
    public var message: String

    public init(_ field: Field, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "invalid \(field.rawValue): \(message)" }
}
