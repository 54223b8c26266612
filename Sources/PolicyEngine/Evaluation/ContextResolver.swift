/// Looks up condition keys: first the request's own context, then the global keys AWS derives
/// from the caller and the request (`aws:PrincipalArn`, `aws:username`, `aws:PrincipalTag/…`).
///
/// Deriving on lookup, rather than copying into the context up front, keeps evaluation free of
/// allocations: most policies read one or two keys, and the seed trust policy reads exactly one.
struct ContextResolver {
    let request: AuthorizationRequest

    /// A key's value(s) as the evaluator needs them.
    enum Resolved {
        case absent
        case single(String)
        case multiple([String])
    }

    func resolve(_ key: String) -> Resolved {
        if let value = request.storage.context.value(lowercased: key) {
            if !value.isMultivalued, value.values.count == 1 { return .single(value.values[0]) }
            return .multiple(value.values)
        }
        return derived(key)
    }

    /// A single value for `${…}` policy variables; multivalued keys never substitute.
    func variable(_ key: String) -> String? {
        switch resolve(key) {
        case .single(let value): value
        case .absent, .multiple: nil
        }
    }

    private func derived(_ key: String) -> Resolved {
        let caller = request.storage.caller
        switch key {
        case "aws:principalarn":
            return caller.isAccountPrincipal ? .single(caller.principalARN) : .absent
        case "aws:principalaccount":
            return caller.account.isEmpty ? .absent : .single(caller.account)
        case "aws:principaltype":
            return .single(caller.principalType)
        case "aws:username":
            return caller.userName.map { .single($0) } ?? .absent
        case "aws:userid":
            return caller.userID.map { .single($0) } ?? .absent
        case "aws:principalisawsservice":
            return .single(caller.kind == .service ? "true" : "false")
        case "aws:principalservicename":
            return caller.kind == .service ? .single(caller.arn) : .absent
        case "aws:resourceaccount":
            return request.storage.resourceAccount.isEmpty ? .absent : .single(request.storage.resourceAccount)
        default:
            if key.hasPrefix("aws:principaltag/") {
                return caller.tags[String(key.dropFirst("aws:principaltag/".count))].map { .single($0) } ?? .absent
            }
            return .absent
        }
    }
}
