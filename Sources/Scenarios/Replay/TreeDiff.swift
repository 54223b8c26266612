public import AWSWire

/// Field-by-field differences of two trees, each named by its path (`Role.AssumeRolePolicyDocument`,
/// `Events[0].CloudTrailEvent.errorCode`) with both values written as compact JSON.
public enum TreeDiff {
    public struct Change: Sendable, Hashable {
        public var path: String
        public var recorded: String
        public var replayed: String
    }

    /// How a missing member or element is shown.
    public static let absent = "(absent)"
    /// Longer values are cut, so one changed document does not flood the report.
    static let maxValueLength = 300

    public static func changes(recorded: JSONValue?, replayed: JSONValue?, path: String = "") -> [Change] {
        switch (recorded, replayed) {
        case (nil, nil): return []
        case (.object(let a)?, .object(let b)?):
            var changes: [Change] = []
            for member in a {
                changes += Self.changes(
                    recorded: member.value, replayed: b.first { $0.key == member.key }?.value,
                    path: join(path, member.key))
            }
            for member in b where !a.contains(where: { $0.key == member.key }) {
                changes += Self.changes(recorded: nil, replayed: member.value, path: join(path, member.key))
            }
            return changes
        case (.array(let a)?, .array(let b)?):
            return (0..<max(a.count, b.count)).flatMap { index in
                // Typed: a bare `nil` here would be `JSONValue.null`, which is a value, not an absence.
                let recorded: JSONValue? = index < a.count ? .some(a[index]) : .none
                let replayed: JSONValue? = index < b.count ? .some(b[index]) : .none
                return Self.changes(recorded: recorded, replayed: replayed, path: "\(path.isEmpty ? "body" : path)[\(index)]")
            }
        default:
            guard recorded != replayed else { return [] }
            return [Change(path: path.isEmpty ? "body" : path, recorded: show(recorded), replayed: show(replayed))]
        }
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    static func show(_ value: JSONValue?) -> String {
        guard let value else { return absent }
        let text = JSONWriter.string(value)
        return text.count > maxValueLength ? String(text.prefix(maxValueLength)) + "…" : text
    }
}
