/// IAM's checks on `Principal` / `NotPrincipal`, which depend most on the kind of policy.
///
/// Identity, managed and session policies must not name principals at all. A trust policy must
/// name them as an object (the bare `"*"` is refused; `{"AWS": "*"}` is accepted), may not use
/// `NotPrincipal`, and each ARN must resolve to something that exists, because IAM stores the
/// principal's unique ID rather than its name.
extension PolicyValidator {
    func checkPrincipals(_ document: PolicyDocument, into diagnostics: inout [Diagnostic]) {
        for statement in document.statements {
            let where_ = "statement \(statement.index + 1)"
            func add(_ message: String, _ detail: String, stage: Diagnostic.Stage = .principals) {
                diagnostics.append(
                    .init(message, detail: "\(where_): \(detail)", statement: statement.index, stage: stage))
            }
            guard kind.requiresPrincipal else {
                if let principal = statement.principal {
                    add(
                        IAMMessages.shouldNotSpecifyPrincipal,
                        "\(kind.displayName)s name no \(principal.negated ? "NotPrincipal" : "Principal")",
                        stage: .principalPresence)
                }
                continue
            }
            guard let principal = statement.principal else {
                add(
                    IAMMessages.missingPrincipal, "a \(kind.displayName) statement must name its principals",
                    stage: .principalPresence)
                continue
            }
            if principal.negated && kind == .trust {
                add(
                    statement.effect == .allow ? IAMMessages.allowWithNotPrincipal : IAMMessages.trustNotPrincipal,
                    "a trust policy cannot use NotPrincipal", stage: .principalPresence)
                continue
            }
            if principal.isBareWildcard {
                if kind == .trust {
                    add(
                        IAMMessages.principalMustBeObject,
                        "write {\"AWS\": \"*\"} rather than the bare \"*\" in a trust policy", stage: .principalPresence
                    )
                }
                continue
            }
            if principal.entries.isEmpty {
                add(
                    kind == .trust ? IAMMessages.emptyPrincipal : IAMMessages.syntaxErrors,
                    "the Principal object names nobody", stage: .principalPresence)
                continue
            }
            for entry in principal.entries {
                checkEntry(entry, statement: statement, add: { add($0, $1) })
            }
        }
    }

    private func checkEntry(_ entry: PrincipalEntry, statement: Statement, add: (String, String) -> Void) {
        switch entry.type {
        case .aws:
            for value in entry.values {
                guard let reference = PrincipalName.classify(value) else {
                    if value != "*" {
                        add(
                            IAMMessages.invalidPrincipal("AWS", value),
                            "\"\(value)\" is not an account ID or principal ARN")
                    }
                    continue
                }
                if let exists = options.principalExists, !exists(reference) {
                    add(IAMMessages.invalidPrincipal("AWS", value), "no such principal: \(value)")
                }
            }
        case .service:
            for value in entry.values {
                if !PrincipalName.isServiceName(value) {
                    add(IAMMessages.invalidPrincipal("SERVICE", value), "\"\(value)\" is not a service principal")
                } else if let exists = options.principalExists, !exists(.service(value)) {
                    add(IAMMessages.invalidPrincipal("SERVICE", value), "unknown service principal \(value)")
                }
            }
        case .federated:
            for value in entry.values {
                if !PrincipalName.isFederatedProvider(value) {
                    add(IAMMessages.invalidPrincipal("FEDERATED", value), "\"\(value)\" is not an identity provider")
                } else if let exists = options.principalExists, !exists(.federatedProvider(value)) {
                    add(IAMMessages.invalidPrincipal("FEDERATED", value), "no such identity provider: \(value)")
                }
                if kind == .trust && value == "cognito-identity.amazonaws.com" && statement.conditions.isEmpty {
                    add(IAMMessages.cognitoNeedsCondition, "a Cognito trust statement needs a Condition")
                }
            }
        case .canonicalUser where kind == .resource:
            break
        case .canonicalUser, .other:
            add(
                IAMMessages.invalidPrincipalType(entry.type.description),
                "\(entry.type) principals are not accepted in a \(kind.displayName)")
        }
    }
}

/// Recognizes the principal names IAM accepts, by shape.
package enum PrincipalName {
    /// What an `AWS` principal value names, or nil when IAM would call it invalid (`"*"` included:
    /// it names everyone, not a principal).
    package static func classify(_ value: String) -> PrincipalReference? {
        if isAccountID(value) { return .account(value) }
        guard let arn = ARN(value), !value.utf8.contains(UInt8(ascii: "*")), !value.utf8.contains(UInt8(ascii: "?")),
            arn.region.isEmpty, isAccountID(arn.account)
        else { return nil }
        let resource = arn.resource
        switch arn.service {
        case "iam":
            if resource == "root" { return .account(String(arn.account)) }
            if resource.hasPrefix("user/") && resource.utf8.count > 5 { return .user(arn: value) }
            if resource.hasPrefix("role/") && resource.utf8.count > 5 { return .role(arn: value) }
        case "sts":
            let parts = resource.split(separator: "/", omittingEmptySubsequences: false)
            if parts.first == "assumed-role" && parts.count == 3 && !parts[1].isEmpty && !parts[2].isEmpty {
                return .assumedRole(arn: value)
            }
            if parts.first == "federated-user" && parts.count == 2 && !parts[1].isEmpty {
                return .federatedUser(arn: value)
            }
        default: break
        }
        return nil
    }

    /// Twelve ASCII digits.
    package static func isAccountID(_ value: some StringProtocol) -> Bool {
        value.utf8.count == 12 && value.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// A service principal such as `ec2.amazonaws.com` or `states.us-east-1.amazonaws.com`.
    package static func isServiceName(_ value: String) -> Bool {
        let suffixes = [".amazonaws.com", ".amazonaws.com.cn", ".amazon.com"]
        guard let suffix = suffixes.first(where: { value.hasSuffix($0) }), value.count > suffix.count else {
            return false
        }
        return value.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
    }

    /// A SAML/OIDC provider ARN or a web identity provider host such as `accounts.google.com`.
    package static func isFederatedProvider(_ value: String) -> Bool {
        if let arn = ARN(value) {
            return arn.service == "iam" && isAccountID(arn.account)
                && (arn.resource.hasPrefix("saml-provider/") || arn.resource.hasPrefix("oidc-provider/"))
        }
        return value.contains(".")
            && value.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/")
            }
    }
}
