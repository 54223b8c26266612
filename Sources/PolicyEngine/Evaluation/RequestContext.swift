/// The request's condition context: key → one value or several.
///
/// Condition key names are case-insensitive in IAM (`sts:externalid` and `sts:ExternalId` are
/// the same key), so keys are stored lowercased once, and every lookup is by lowercased key.
/// Whether a key is multivalued is a property of the request, not of the policy: `aws:TagKeys`
/// carries a list even when it holds one tag.
public struct RequestContext: Sendable, Hashable {
    private(set) var storage: [String: ContextValue] = [:]

    /// Single-valued keys, plus multivalued ones.
    public init(_ single: [String: String] = [:], multivalued: [String: [String]] = [:]) {
        for (key, value) in single { set(key, value) }
        for (key, values) in multivalued { set(key, values: values) }
    }

    /// Sets a single-valued key.
    public mutating func set(_ key: String, _ value: String) {
        storage[key.lowercased()] = ContextValue(values: [value], isMultivalued: false)
    }

    /// Sets a multivalued key (an empty list is present but holds nothing).
    public mutating func set(_ key: String, values: [String]) {
        storage[key.lowercased()] = ContextValue(values: values, isMultivalued: true)
    }

    /// Removes a key.
    public mutating func remove(_ key: String) { storage[key.lowercased()] = nil }

    /// The value of `key`, compared without regard to case.
    public subscript(key: String) -> ContextValue? { storage[key.lowercased()] }

    /// Lookup by an already-lowercased key (the evaluator lowercases policy keys once, at compile time).
    func value(lowercased key: String) -> ContextValue? { storage[key] }

    /// Keys present, lowercased, sorted (for explanations and JSON output).
    public var keys: [String] { storage.keys.sorted() }
}

/// One context key's value(s).
public struct ContextValue: Sendable, Hashable {
    public var values: [String]
    /// True for list-valued keys, which need `ForAnyValue:`/`ForAllValues:` when they hold several values.
    public var isMultivalued: Bool

    public init(values: [String], isMultivalued: Bool) {
        self.values = values
        self.isMultivalued = isMultivalued
    }
}
