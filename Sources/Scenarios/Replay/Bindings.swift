public import AWSWire
internal import Foundation

/// Recorded value → the replay's value, for what the upstream generated (access key IDs, role and user IDs,
/// ARNs): a later request that names such a value must name the replay's, or it would ask for something the
/// replayed upstream never made.
///
/// Learned by walking the recorded and replayed response trees side by side; applied as text substitution to
/// each later request's target and body, in the raw, form-encoded and `%20`-encoded spellings.
public struct Bindings: Sendable, Hashable {
    /// Member names whose values the upstream generates, compared case-insensitively.
    static let boundKeys: Set<String> = [
        "accesskeyid", "roleid", "userid", "assumedroleid", "policyid", "groupid", "instanceprofileid", "arn",
        "account",
    ]
    /// Shorter values are not bound: a substitution of a short string could hit unrelated text.
    static let minimumLength = 8

    public private(set) var values: [String: String] = [:]

    public init() {}

    public mutating func learn(recorded: JSONValue?, replayed: JSONValue?, key: String? = nil) {
        switch (recorded, replayed) {
        case (.object(let a)?, .object(let b)?):
            for member in a {
                learn(recorded: member.value, replayed: b.first { $0.key == member.key }?.value, key: member.key)
            }
        case (.array(let a)?, .array(let b)?):
            for (x, y) in zip(a, b) { learn(recorded: x, replayed: y, key: key) }
        case (.string(let a)?, .string(let b)?):
            guard a != b, a.count >= Self.minimumLength, let key, Self.boundKeys.contains(key.lowercased()) else { return }
            values[a] = b
        default: return
        }
    }

    /// A body with the values replaced when it is text; other bytes (a binary payload) are sent as recorded.
    public func apply(_ body: [UInt8]) -> [UInt8] {
        guard !values.isEmpty, let text = String(validating: body, as: UTF8.self) else { return body }
        return Array(apply(text).utf8)
    }

    /// `text` with every recorded value replaced by the replay's, longest first (an ARN before the ID inside it).
    public func apply(_ text: String) -> String {
        var result = text
        for (old, new) in values.sorted(by: { $0.key.count > $1.key.count }) {
            result = result.replacingOccurrences(of: old, with: new)
            for space in [PercentEncoding.Space.plus, .percent20] {
                let encoded = PercentEncoding.encode(old, space: space)
                if encoded != old {
                    result = result.replacingOccurrences(of: encoded, with: PercentEncoding.encode(new, space: space))
                }
            }
        }
        return result
    }
}
