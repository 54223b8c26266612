/// What happened to one statement: whether it applied and, element by element, why.
///
/// A statement applies when its action, resource, principal and every condition match. One that
/// does not apply neither allows nor denies; the trace says which element kept it out, so a deny
/// can be explained as "the trust policy statement did not apply because …".
public struct StatementTrace: Sendable, Hashable {
    public var policy: PolicyReference
    public var index: Int
    public var sid: String?
    public var effect: Effect?
    public var applied: Bool
    public var action: ElementTrace
    /// nil when the statement has no Resource element (trust policies).
    public var resource: ElementTrace?
    /// nil when the statement names no principal (identity-side policies).
    public var principal: ElementTrace?
    public var conditions: [ConditionTrace]

    /// The statement's Sid, or `#N` (one-based) when it has none.
    public var displayName: String {
        if let sid, !sid.isEmpty { return sid }
        return "#\(index + 1)"
    }

    /// A reference to this statement.
    public var reference: StatementReference {
        StatementReference(policy: policy, index: index, sid: sid)
    }
}

/// Which policy a statement belongs to and the part that policy plays in the decision.
public struct PolicyReference: Sendable, Hashable {
    public var name: String
    public var kind: PolicyKind
    public var role: PolicyRole

    public init(name: String, kind: PolicyKind, role: PolicyRole) {
        self.name = name
        self.kind = kind
        self.role = role
    }

    /// "trust policy", "identity policy Connector", "permissions boundary Boundary".
    public var displayName: String {
        switch role {
        case .resource: kind == .trust ? "trust policy" : "resource policy"
        case .identity: name.isEmpty ? "identity policy" : "identity policy \(name)"
        case .permissionsBoundary: name.isEmpty ? "permissions boundary" : "permissions boundary \(name)"
        case .session: name.isEmpty ? "session policy" : "session policy \(name)"
        }
    }
}

/// The part a policy plays in an authorization.
public enum PolicyRole: String, Sendable, Hashable {
    case identity
    case permissionsBoundary
    case session
    case resource
}

/// A statement named in a decision.
public struct StatementReference: Sendable, Hashable, CustomStringConvertible {
    public var policy: PolicyReference
    public var index: Int
    public var sid: String?

    /// The statement's Sid, or `#N` (one-based) when it has none.
    public var displayName: String {
        if let sid, !sid.isEmpty { return sid }
        return "#\(index + 1)"
    }

    public var description: String { "\(policy.displayName) statement \(displayName)" }
}

/// How one element (Action, Resource, Principal or their Not forms) compared with the request.
public struct ElementTrace: Sendable, Hashable {
    /// The element's name as written: `Action`, `NotResource`, `Principal`, …
    public var name: String
    /// True when the element lets the statement apply (for a Not element: nothing listed matched).
    public var satisfied: Bool
    /// What the request had (the action, the resource ARN, the caller's ARN).
    public var requestValue: String
    /// The element's values as written.
    public var patterns: [String]
    /// The value that matched the request, if one did.
    public var matchedPattern: String?
    /// For principals: how strongly the element names the caller.
    public var principalMatch: PrincipalMatch?
}

/// How one condition test compared with the request.
public struct ConditionTrace: Sendable, Hashable {
    /// Why a condition came out as it did, when the values alone do not say.
    public enum Note: String, Sendable, Hashable {
        /// The key is not in the request, so the condition is false.
        case keyMissing
        /// The key is absent and the operator ends in `IfExists`, so the condition is true.
        case absentKeyIfExists
        /// The key is absent and the operator is negated, so the condition is true.
        case absentKeyNegated
        /// The key is absent or empty and the operator is `ForAllValues:`, so the condition is true.
        case absentKeyForAllValues
        /// The request has several values but the operator has no `ForAnyValue:`/`ForAllValues:`.
        case multivaluedNeedsSetOperator
        /// IAM knows no such operator; the condition is false.
        case unknownOperator
        /// A `${…}` policy variable had no value and no default; that value matches nothing.
        case unresolvedVariable
    }

    public var operatorName: String
    public var key: String
    /// Policy values, with policy variables filled in where they resolved.
    public var policyValues: [String]
    /// The request's values, or nil when the key is absent.
    public var requestValues: [String]?
    public var satisfied: Bool
    public var note: Note?
}
