/// One policy statement, with string-or-array elements normalized to arrays.
///
/// Each element keeps whether it was written in its negated form (`NotAction`, `NotResource`,
/// `NotPrincipal`), because the negated forms invert matching rather than being separate rules.
public struct Statement: Sendable, Hashable {
    /// Position in the document, zero-based; used to name statements that have no `Sid`.
    public var index: Int
    public var sid: String?
    /// nil when `Effect` is missing or not `Allow`/`Deny` (validation reports it).
    public var effect: Effect?
    public var principal: PrincipalElement?
    public var action: ListElement?
    public var resource: ListElement?
    /// One entry per operator and key, in document order.
    public var conditions: [ConditionEntry]

    public init(
        index: Int, sid: String? = nil, effect: Effect?, principal: PrincipalElement? = nil,
        action: ListElement?, resource: ListElement? = nil, conditions: [ConditionEntry] = []
    ) {
        self.index = index
        self.sid = sid
        self.effect = effect
        self.principal = principal
        self.action = action
        self.resource = resource
        self.conditions = conditions
    }

    /// The name explanations use: the Sid, or `#N` (one-based) when there is none.
    public var displayName: String {
        if let sid, !sid.isEmpty { return sid }
        return "#\(index + 1)"
    }
}

/// `Allow` or `Deny`.
public enum Effect: String, Sendable, Hashable {
    case allow = "Allow"
    case deny = "Deny"
}

/// `Action`/`NotAction` or `Resource`/`NotResource`: a list of patterns, possibly negated.
public struct ListElement: Sendable, Hashable {
    /// True for `NotAction` / `NotResource`.
    public var negated: Bool
    public var values: [String]

    public init(negated: Bool = false, _ values: [String]) {
        self.negated = negated
        self.values = values
    }
}
