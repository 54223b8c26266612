import AWSWire
import PolicyEngine

/// Policy documents on their way into IAM: validated as IAM validates them (`MalformedPolicyDocument` with
/// IAM's message, `LimitExceeded` for size), and compiled once, for every later evaluation.
enum IAMDocuments {
    /// Validates and compiles `text` as a policy of `kind`.
    /// - Parameters:
    ///   - state: for trust policies, IAM refuses principals that do not exist (spec §5.5); nil skips that.
    ///   - entity: for inline policies, the role or user it is embedded in (the size quota differs).
    static func store(
        _ text: String, kind: PolicyKind, name: String, state: EmulatorState?, entity: InlinePolicyEntity? = nil
    ) throws(AWSError) -> StoredPolicy {
        var options = ValidationOptions()
        if let entity { options.inlineEntity = entity }
        if let state { options.principalExists = PrincipalDirectory(state).exists }
        let validator = PolicyValidator(kind: kind, options: options)
        let report = validator.validate(text)
        if let problem = report.firstError {
            throw AWSError(wireCode: problem.code.rawValue, message: problem.message, httpStatus: problem.code.httpStatus)
                ?? .malformedPolicyDocument(problem.message)
        }
        guard let document = report.document else { throw .malformedPolicyDocument("Syntax errors in policy.") }
        // IAM stores a trust policy's bare account principals as root ARNs; the rewrite is as valid as the original.
        let stored = kind == .trust ? TrustPolicyNormalization.normalized(text) : text
        if stored != text, let rewritten = validator.validate(stored).document {
            return StoredPolicy(text: stored, compiled: CompiledPolicy(rewritten, name: name, kind: kind))
        }
        return StoredPolicy(text: text, compiled: CompiledPolicy(document, name: name, kind: kind))
    }

    /// A document as IAM returns it: URL-encoded (spec §5.1). Everything but RFC 3986's unreserved characters
    /// is percent-encoded, spaces as `%20`: boto3 decodes with `unquote`, which leaves `+` alone.
    static func encoded(_ text: String) -> String { PercentEncoding.encode(text, space: .percent20) }
}

/// Which principals exist, for the trust-policy check. A snapshot of names only (sets of ARNs), so the
/// closure the validator keeps does not hold on to the state itself (which would make the next write copy it).
struct PrincipalDirectory: Sendable {
    private let roles: Set<String>
    private let users: Set<String>

    init(_ state: EmulatorState) {
        var roles = Set<String>()
        var users = Set<String>()
        for account in state.accounts.values {
            for role in account.roles.values { roles.insert(role.arn) }
            for user in account.users.values { users.insert(user.arn) }
        }
        self.roles = roles
        self.users = users
    }

    /// Accounts exist on first use, so an account principal always exists; services and providers are not
    /// checked beyond their form; roles and users must exist (sessions are never resolved by IAM).
    var exists: @Sendable (PrincipalReference) -> Bool {
        { [roles, users] reference in
            switch reference {
            case .role(let arn): roles.contains(arn)
            case .user(let arn): users.contains(arn)
            default: true
            }
        }
    }
}
