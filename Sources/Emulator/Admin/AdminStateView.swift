import AWSWire
import SigV4

/// `GET /_roleplay/state`: every account with its roles, users, access keys and policies, for people and
/// tests to look at. Secrets never appear: an access key shows its ID and status, its secret only as `****`.
struct AdminStateView {
    let state: EmulatorState

    var json: JSONValue {
        let accounts = state.accounts.keys.sorted().compactMap { state.account($0) }.map(account)
        return ["now": .string(state.clock.now().iso8601()), "accounts": .array(accounts)]
    }

    private func account(_ account: AccountState) -> JSONValue {
        [
            "id": .string(account.id),
            "roles": .array(account.roles.values.sorted { $0.name < $1.name }.map(role)),
            "users": .array(account.users.values.sorted { $0.name < $1.name }.map(user)),
            "policies": .array(account.policies.values.sorted { $0.arn < $1.arn }.map(policy)),
        ]
    }

    private func role(_ role: Role) -> JSONValue {
        [
            "name": .string(role.name), "arn": .string(role.arn), "id": .string(role.id), "path": .string(role.path),
            "create_date": .string(role.createDate.iso8601()), "max_session_duration": .int(role.maxSessionDuration),
            "trust_policy": .string(role.trustPolicy.text),
            "inline_policies": .array(role.inlinePolicies.map { .string($0.name) }),
            "attached_policies": .array(role.attachedPolicyARNs.map { .string($0) }),
            "permissions_boundary": role.permissionsBoundaryARN.map { .string($0) } ?? .null,
            "tags": tags(role.tags),
            "last_used": role.lastUsed.map { ["date": .string($0.date.iso8601()), "region": .string($0.region)] } ?? .null,
        ]
    }

    private func user(_ user: User) -> JSONValue {
        let keys: [JSONValue] = user.accessKeyIDs.compactMap { state.accessKeys[$0] }.map { key in
            ["id": .string(key.id), "status": .string(key.status.rawValue), "secret": "****",
             "create_date": .string(key.createDate.iso8601())]
        }
        return [
            "name": .string(user.name), "arn": .string(user.arn), "id": .string(user.id), "path": .string(user.path),
            "create_date": .string(user.createDate.iso8601()), "access_keys": .array(keys),
            "inline_policies": .array(user.inlinePolicies.map { .string($0.name) }),
            "attached_policies": .array(user.attachedPolicyARNs.map { .string($0) }),
            "permissions_boundary": user.permissionsBoundaryARN.map { .string($0) } ?? .null,
            "tags": tags(user.tags),
        ]
    }

    private func policy(_ policy: ManagedPolicy) -> JSONValue {
        [
            "name": .string(policy.name), "arn": .string(policy.arn), "id": .string(policy.id),
            "default_version": .string(policy.defaultVersionID),
            "versions": .array(policy.versions.map { .string($0.id) }),
        ]
    }

    private func tags(_ tags: [Tag]) -> JSONValue {
        .array(tags.map { ["key": .string($0.key), "value": .string($0.value)] })
    }
}
