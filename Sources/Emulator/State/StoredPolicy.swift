public import PolicyEngine

/// A policy document as IAM keeps it: the text exactly as the caller sent it (IAM echoes it back URL-encoded)
/// and its compiled form, made once when the document is written and evaluated on every request after.
public struct StoredPolicy: Sendable {
    public let text: String
    public let compiled: CompiledPolicy

    public init(text: String, compiled: CompiledPolicy) {
        self.text = text
        self.compiled = compiled
    }
}

/// An inline policy embedded in a role or user.
public struct InlinePolicy: Sendable {
    public var name: String
    public var policy: StoredPolicy
}

/// One `Key`/`Value` tag as IAM and STS take them.
public struct Tag: Sendable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

extension [Tag] {
    /// Adds or replaces tags by key, ignoring case as IAM does, keeping first-seen order.
    mutating func merge(_ tags: [Tag]) {
        for tag in tags {
            let key = tag.key.lowercased()
            if let index = firstIndex(where: { $0.key.lowercased() == key }) {
                self[index] = tag
            } else {
                append(tag)
            }
        }
    }

    /// The tags as `aws:PrincipalTag` sees them.
    var dictionary: [String: String] { Dictionary(map { ($0.key, $0.value) }, uniquingKeysWith: { $1 }) }
}
