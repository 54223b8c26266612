import AWSWire

/// Reads a query-protocol input tree against an operation's shape, collecting every constraint violation.
///
/// AWS validates the whole input and answers once: `1 validation error detected: Value 'x' at 'roleSessionName'
/// failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*`, or `N validation
/// errors detected: …; …` (spec §4.1). boto3 checks only required members, types and minimums, so maxima and
/// patterns reach the server and must be refused here. Accessors record a violation and return a placeholder;
/// `finish()` throws the collected `ValidationError`.
final class QueryInput {
    private let tree: QueryValue
    private var violations: [String] = []

    init(_ tree: QueryValue) { self.tree = tree }

    /// A string member. `name` is the wire name (`RoleSessionName`); messages use its lowerCamelCase form.
    func string(_ name: String, min: Int? = nil, max: Int? = nil, pattern: MemberPattern? = nil) -> String? {
        guard let value = tree[name] else { return nil }
        guard let text = value.stringValue else {
            violations.append("Value at '\(Self.memberName(name))' failed to satisfy constraint: Member must be a string")
            return nil
        }
        check(text, at: Self.memberName(name), min: min, max: max, pattern: pattern)
        return text
    }

    /// A required string member; "" (with a violation recorded) when missing.
    func required(_ name: String, min: Int? = nil, max: Int? = nil, pattern: MemberPattern? = nil) -> String {
        guard tree[name] != nil else {
            violations.append("Value null at '\(Self.memberName(name))' failed to satisfy constraint: Member must not be null")
            return ""
        }
        return string(name, min: min, max: max, pattern: pattern) ?? ""
    }

    /// An integer member within `min…max`.
    func int(_ name: String, min: Int? = nil, max: Int? = nil) -> Int? {
        guard let text = string(name) else { return nil }
        let member = Self.memberName(name)
        guard let value = Int(text) else {
            violations.append("Value '\(text)' at '\(member)' failed to satisfy constraint: Member must be a number")
            return nil
        }
        if let min, value < min {
            violations.append("Value '\(value)' at '\(member)' failed to satisfy constraint: Member must have value greater than or equal to \(min)")
        }
        if let max, value > max {
            violations.append("Value '\(value)' at '\(member)' failed to satisfy constraint: Member must have value less than or equal to \(max)")
        }
        return value
    }

    /// A boolean member (`true`/`false`).
    func bool(_ name: String) -> Bool? {
        guard let text = string(name) else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default:
            violations.append("Value '\(text)' at '\(Self.memberName(name))' failed to satisfy constraint: Member must be a boolean")
            return nil
        }
    }

    /// A list of strings (`Name.member.N`), each checked against the element constraints.
    func strings(
        _ name: String, maxCount: Int? = nil, min: Int? = nil, max: Int? = nil, pattern: MemberPattern? = nil
    ) -> [String]? {
        guard let elements = structures(name, maxCount: maxCount) else { return nil }
        let member = Self.memberName(name)
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            guard let text = element.stringValue else {
                violations.append("Value at '\(member).\(index + 1)' failed to satisfy constraint: Member must be a string")
                continue
            }
            check(text, at: "\(member).\(index + 1).member", min: min, max: max, pattern: pattern)
            result.append(text)
        }
        return result
    }

    /// A list (`Name.member.N…`), its length checked; the elements as trees (structures, or strings for `strings`).
    func structures(_ name: String, maxCount: Int? = nil) -> [QueryValue]? {
        guard let value = tree[name] else { return nil }
        let member = Self.memberName(name)
        guard let elements = value.listValue else {
            violations.append("Value at '\(member)' failed to satisfy constraint: Member must be a list")
            return nil
        }
        checkCount(elements.count, member: member, maxCount: maxCount)
        return elements
    }

    /// `Tags.member.N.Key/Value` with IAM's and STS's tag constraints (key 1–128, value 0–256, ≤ 50 tags).
    func tags(_ name: String = "Tags") -> [Tag]? {
        guard let elements = structures(name, maxCount: 50) else { return nil }
        let member = Self.memberName(name)
        var tags: [Tag] = []
        for (index, element) in elements.enumerated() {
            let path = "\(member).\(index + 1).member"
            guard let key = element["Key"]?.stringValue else {
                violations.append("Value null at '\(path).key' failed to satisfy constraint: Member must not be null")
                continue
            }
            let value = element["Value"]?.stringValue ?? ""
            check(key, at: "\(path).key", min: 1, max: 128, pattern: .tag)
            check(value, at: "\(path).value", min: 0, max: 256, pattern: .tag)
            tags.append(Tag(key: key, value: value))
        }
        return tags
    }

    /// Records a violation found outside the accessors (cross-member rules).
    func violation(_ message: String) { violations.append(message) }

    /// Throws the collected violations as one `ValidationError`.
    func finish() throws(AWSError) {
        guard !violations.isEmpty else { return }
        let count = violations.count
        let head = count == 1 ? "1 validation error detected: " : "\(count) validation errors detected: "
        throw .validationError(head + violations.joined(separator: "; "))
    }

    // MARK: Constraints

    private func check(_ text: String, at member: String, min: Int?, max: Int?, pattern: MemberPattern?) {
        // AWS counts UTF-16 code units (Java string length), not grapheme clusters.
        let length = text.utf16.count
        if let max, length > max {
            violations.append("Value '\(text)' at '\(member)' failed to satisfy constraint: Member must have length less than or equal to \(max)")
        }
        if let min, length < min {
            violations.append("Value '\(text)' at '\(member)' failed to satisfy constraint: Member must have length greater than or equal to \(min)")
        }
        if let pattern, !pattern.matches(text) {
            violations.append("Value '\(text)' at '\(member)' failed to satisfy constraint: Member must satisfy regular expression pattern: \(pattern.text)")
        }
    }

    private func checkCount(_ count: Int, member: String, maxCount: Int?) {
        if let maxCount, count > maxCount {
            violations.append("Value at '\(member)' failed to satisfy constraint: Member must have length less than or equal to \(maxCount)")
        }
    }

    /// `RoleSessionName` → `roleSessionName`, `PolicyArns` → `policyArns`.
    static func memberName(_ wireName: String) -> String {
        guard let first = wireName.first else { return wireName }
        return first.lowercased() + wireName.dropFirst()
    }
}
