import AWSWire
import PolicyEngine

/// What roles and users share as IAM principals: a name unique in the account ignoring case, inline and
/// attached policies, a permissions boundary and tags. IAM gives both kinds the same operations under two
/// names (ListRoles, ListUsers, PutRolePolicy, PutUserPolicy, …); they are written once, over this protocol
/// (the listing here, the rest in `IAMOperations+PrincipalPolicies.swift` and `IAMTags.swift`), and each kind
/// says only where it is kept, how long a name its operations take, what authorization names it and how a
/// listing shows it.
protocol IAMPrincipalEntity: IAMTaggable where Key == String {
    /// The longest name the operations on an existing entity take: `RoleName` is 1–64 everywhere, but IAM's
    /// user operations older than boundaries and attachments (inline policies, tags) take 1–128.
    static var existingNameLength: Int { get }
    /// Where the account keeps entities of this kind, by lowercased name.
    static var entities: WritableKeyPath<AccountState, [String: Self]> { get }
    /// The permission a call on the entity `name` needs, with the entity's ARN as its resource.
    static func check(_ action: String, _ name: String, _ state: EmulatorState, _ environment: RequestEnvironment)
        -> AuthorizationCheck
    /// The inline-policy quota the entity falls under.
    static func inlineEntity(_ name: String) -> InlinePolicyEntity

    /// A `member` of ListRoles / ListUsers, which show less than the Get operations.
    static func writeListed(_ entity: Self, to writer: inout XMLWriter)

    var name: String { get }
    var path: String { get }
    var inlinePolicies: [InlinePolicy] { get set }
    var attachedPolicyARNs: [String] { get set }
    var permissionsBoundaryARN: String? { get set }
    var tags: [Tag] { get set }
}

extension IAMPrincipalEntity {
    /// `RoleName` / `UserName`, 1 to `maxLength` of `[\w+=,.@-]`.
    static func name(from input: QueryInput, maxLength: Int = 64) -> String {
        input.required("\(kind)Name", min: 1, max: maxLength, pattern: .entityName)
    }

    /// IAM's NoSuchEntity for a missing role or user.
    static func notFound(_ name: String) -> AWSError {
        .noSuchEntity("The \(kind.lowercased()) with name \(name) cannot be found.")
    }

    /// The caller's entity `name`, or IAM's NoSuchEntity.
    static func existing(_ name: String, _ state: EmulatorState, _ environment: RequestEnvironment)
        throws(AWSError) -> Self
    {
        guard let entity = state.account(environment.identity.account)?[keyPath: entities][name.lowercased()] else {
            throw notFound(name)
        }
        return entity
    }

    /// Changes the caller's entity `name`; nothing is stored when `body` throws.
    @discardableResult
    static func updating<R>(
        _ name: String, _ state: inout EmulatorState, _ environment: RequestEnvironment,
        _ body: (inout Self) throws(AWSError) -> R
    ) throws(AWSError) -> R {
        var entity = try existing(name, state, environment)
        let result = try body(&entity)
        state.withAccount(environment.identity.account) { $0[keyPath: entities][name.lowercased()] = entity }
        return result
    }

    // MARK: Tags, as `IAMTaggable` asks for them

    static func tagKey(_ input: QueryInput) -> String { name(from: input, maxLength: existingNameLength) }

    static func tagCheck(
        _ action: String, _ name: String, _ state: EmulatorState, _ environment: RequestEnvironment, changes: Bool
    ) -> AuthorizationCheck {
        check(action, name, state, environment)
    }

    static func tags(of name: String, _ state: EmulatorState, _ environment: RequestEnvironment) throws(AWSError)
        -> [Tag]
    {
        try existing(name, state, environment).tags
    }

    static func updatingTags(
        _ name: String, _ state: inout EmulatorState, _ environment: RequestEnvironment,
        _ body: (inout [Tag]) throws(AWSError) -> Void
    ) throws(AWSError) {
        try updating(name, &state, environment) { (entity: inout Self) throws(AWSError) in try body(&entity.tags) }
    }
}

extension IAMOperations {
    /// ListRoles / ListUsers: alphabetically by name, filtered by path prefix, paged. They cannot be scoped
    /// to resources (`*`).
    static func listOperation<Entity: IAMPrincipalEntity>(for _: Entity.Type) -> Operation {
        Operation.query(
            "List\(Entity.kind)s",
            decode: { (input: QueryInput) throws(AWSError) in
                let paging = input.paging()
                return (
                    pathPrefix: input.string("PathPrefix", min: 1, max: 512, pattern: .pathPrefix) ?? "/",
                    paging: paging
                )
            },
            authorize: { _, _, _ throws(AWSError) in [IAMResources.check("iam:List\(Entity.kind)s", "*")] },
            execute: { input, state, environment throws(AWSError) in
                let all = state.account(environment.identity.account)?[keyPath: Entity.entities].values
                let matching = (all.map(Array.init) ?? []).filter { $0.path.hasPrefix(input.pathPrefix) }
                    .sorted { alphabetical($0.name, $1.name) }
                let page = try IAMPage(matching, marker: input.paging.marker, maxItems: input.paging.maxItems)
                return .members { w in
                    w.element("\(Entity.kind)s") { w in
                        for entity in page.items { Entity.writeListed(entity, to: &w) }
                    }
                    page.writeTruncation(to: &w)
                }
            })
    }
}

extension Role: IAMPrincipalEntity {
    static let kind = "Role"
    static let existingNameLength = 64
    static var entities: WritableKeyPath<AccountState, [String: Role]> { \.roles }

    static func check(_ action: String, _ name: String, _ state: EmulatorState, _ environment: RequestEnvironment)
        -> AuthorizationCheck
    {
        IAMOperations.roleCheck(action, name, state, environment)
    }

    static func inlineEntity(_ name: String) -> InlinePolicyEntity { .role(name: name) }

    static func writeListed(_ role: Role, to writer: inout XMLWriter) {
        writer.role(role, detail: .listing, element: "member")
    }
}

extension User: IAMPrincipalEntity {
    static let kind = "User"
    static let existingNameLength = 128
    static var entities: WritableKeyPath<AccountState, [String: User]> { \.users }

    static func check(_ action: String, _ name: String, _ state: EmulatorState, _ environment: RequestEnvironment)
        -> AuthorizationCheck
    {
        IAMResources.check(action, IAMOperations.userARN(name, state, environment))
    }

    static func inlineEntity(_ name: String) -> InlinePolicyEntity { .user(name: name) }

    static func writeListed(_ user: User, to writer: inout XMLWriter) {
        writer.user(user, detail: .listing, element: "member")
    }
}
