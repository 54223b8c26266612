import AWSWire

/// Equality as a scenario author means it: the same JSON data, however the response happened to write it.
enum JSONComparison {
    static func equal(_ actual: JSONValue, _ expected: JSONValue) -> Bool {
        switch (actual, expected) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a.text == b.text || a.double == b.double
        case (.string(let a), .string(let b)): return a == b
        // Query-protocol (XML) answers are text only: `<MaxSessionDuration>3600</…>` reads as "3600".
        case (.string(let a), .number(let b)): return Double(a).map { $0 == b.double } ?? false
        case (.string(let a), .bool(let b)): return a == (b ? "true" : "false")
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            return b.allSatisfy { member in a.contains { $0.key == member.key && equal($0.value, member.value) } }
        default: return false
        }
    }
}
