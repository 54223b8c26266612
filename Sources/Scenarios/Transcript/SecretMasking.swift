public import AWSWire

/// Masks what must never reach a transcript: secret keys and session tokens (as `****`). Access key IDs stay:
/// they are not secret, and replay needs them to tell which credentials signed what.
///
/// Documents embedded as JSON text are masked too: CloudTrail's `CloudTrailEvent` carries the session token an
/// AssumeRole handed out.
public enum SecretMasking {
    public static let mask = "****"

    /// Member names whose string values are secrets, compared case-insensitively (CloudTrail spells them in
    /// camel case, IAM and STS in Pascal case).
    static let secretKeys: Set<String> = ["secretaccesskey", "sessiontoken", "password"]

    public static func masked(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(
                members.map { member in
                    if secretKeys.contains(member.key.lowercased()), case .string = member.value {
                        return JSONMember(member.key, .string(mask))
                    }
                    return JSONMember(member.key, masked(member.value))
                })
        case .array(let elements): return .array(elements.map(masked))
        case .string(let text): return .string(masked(embedded: text))
        default: return value
        }
    }

    /// JSON object text with its secrets masked, rewritten only when something was masked (so an untouched
    /// document keeps its bytes).
    static func masked(embedded text: String) -> String {
        guard text.hasPrefix("{"), let tree = try? JSONReader().decode(text), case .object = tree else { return text }
        let result = masked(tree)
        return result == tree ? text : JSONWriter.string(result)
    }
}
