public import AWSWire

/// Masks what must never reach a transcript: secret keys and session tokens (as `****`). Access key IDs stay:
/// they are not secret, and replay needs them to tell which credentials signed what.
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
        default: return value
        }
    }
}
