import AWSWire
import PolicyEngine

/// What a role or user may do: inline policies (embedded documents, named per entity, that live and die with
/// it), attached managed policies (AWS's or the account's, at most ten; `IAMAttachments` checks them) and the
/// permissions boundary that caps both (spec §5.4). IAM has each operation twice, `…Role…` and `…User…`; both
/// are built here from `IAMPrincipalEntity`.
extension IAMOperations {
    /// The inline policy, attachment, boundary and tag operations of roles or of users.
    static func principalPolicyOperations<Entity: IAMPrincipalEntity>(for entity: Entity.Type) -> [Operation] {
        inlinePolicyOperations(for: entity) + attachedPolicyOperations(for: entity)
            + permissionsBoundaryOperations(for: entity) + tagOperations(for: entity)
    }

    /// `Put…Policy`, `Get…Policy`, `List…Policies`, `Delete…Policy`.
    static func inlinePolicyOperations<Entity: IAMPrincipalEntity>(for _: Entity.Type) -> [Operation] {
        let kind = Entity.kind
        let nameLength = Entity.existingNameLength
        // Put…Policy: adds or replaces the named policy. Each document must be a valid identity policy, and
        // all of the entity's inline documents together must stay within IAM's aggregate quota.
        let put = Operation.query(
            "Put\(kind)Policy",
            decode: { (input: QueryInput) throws(AWSError) in
                (
                    name: Entity.name(from: input, maxLength: nameLength), policyName: input.policyName(),
                    document: input.required("PolicyDocument", min: 1, max: 131_072, pattern: .policyDocument)
                )
            },
            authorize: { input, state, environment throws(AWSError) in
                [Entity.check("iam:Put\(kind)Policy", input.name, state, environment)]
            },
            execute: { input, state, environment throws(AWSError) in
                let entity = try Entity.existing(input.name, state, environment)
                let quota = Entity.inlineEntity(entity.name)
                let policy = try IAMDocuments.store(
                    input.document, kind: .identity, name: input.policyName, state: nil, entity: quota)
                var policies = entity.inlinePolicies
                policies.put(InlinePolicy(name: input.policyName, policy: policy))
                try policies.checkAggregateSize(entity: quota)
                try Entity.updating(input.name, &state, environment) { (entity: inout Entity) throws(AWSError) in
                    entity.inlinePolicies = policies
                }
                return .none
            })
        let decodeNamed = { @Sendable (input: QueryInput) throws(AWSError) in
            (name: Entity.name(from: input, maxLength: nameLength), policyName: input.policyName())
        }
        // Get…Policy: the document as it was sent, URL-encoded (spec §5.1).
        let get = Operation.query(
            "Get\(kind)Policy", decode: decodeNamed,
            authorize: { input, state, environment throws(AWSError) in
                [Entity.check("iam:Get\(kind)Policy", input.name, state, environment)]
            },
            execute: { input, state, environment throws(AWSError) in
                let entity = try Entity.existing(input.name, state, environment)
                guard let inline = entity.inlinePolicies.first(where: { $0.name == input.policyName }) else {
                    throw noSuchInlinePolicy(input.policyName, kind: kind)
                }
                return .members { w in
                    w.element("\(kind)Name", text: entity.name)
                    w.element("PolicyName", text: inline.name)
                    w.element("PolicyDocument", text: IAMDocuments.encoded(inline.policy.text))
                }
            })
        // List…Policies: the names, alphabetically, paged.
        let list = Operation.query(
            "List\(kind)Policies",
            decode: { (input: QueryInput) throws(AWSError) in
                let paging = input.paging()
                return (name: Entity.name(from: input, maxLength: nameLength), paging: paging)
            },
            authorize: { input, state, environment throws(AWSError) in
                [Entity.check("iam:List\(kind)Policies", input.name, state, environment)]
            },
            execute: { input, state, environment throws(AWSError) in
                let entity = try Entity.existing(input.name, state, environment)
                let names = entity.inlinePolicies.map(\.name).sorted(by: alphabetical)
                let page = try IAMPage(names, marker: input.paging.marker, maxItems: input.paging.maxItems)
                return .members { w in
                    w.element("PolicyNames") { w in
                        for name in page.items { w.element("member", text: name) }
                    }
                    page.writeTruncation(to: &w)
                }
            })
        // Delete…Policy: its permissions end with the next request.
        let delete = Operation.query(
            "Delete\(kind)Policy", decode: decodeNamed,
            authorize: { input, state, environment throws(AWSError) in
                [Entity.check("iam:Delete\(kind)Policy", input.name, state, environment)]
            },
            execute: { input, state, environment throws(AWSError) in
                try Entity.updating(input.name, &state, environment) { (entity: inout Entity) throws(AWSError) in
                    guard let index = entity.inlinePolicies.firstIndex(where: { $0.name == input.policyName }) else {
                        throw noSuchInlinePolicy(input.policyName, kind: kind)
                    }
                    entity.inlinePolicies.remove(at: index)
                }
                return .none
            })
        return [put, get, list, delete]
    }

    /// `Attach…Policy`, `Detach…Policy`, `ListAttached…Policies`. The policy's ARN is the `iam:PolicyARN`
    /// condition key of attach and detach.
    static func attachedPolicyOperations<Entity: IAMPrincipalEntity>(for _: Entity.Type) -> [Operation] {
        let kind = Entity.kind
        let decode = { @Sendable (input: QueryInput) throws(AWSError) -> AttachmentInput in
            (name: Entity.name(from: input), policyARN: input.policyARN())
        }
        // Attach…Policy: the policy must be AWS's or the caller's account's; attaching twice changes nothing.
        let attach = Operation.query(
            "Attach\(kind)Policy", decode: decode, authorize: attachmentCheck(Entity.self, "iam:Attach\(kind)Policy"),
            execute: { input, state, environment throws(AWSError) in
                _ = try Entity.existing(input.name, state, environment)
                _ = try IAMAttachments.policyName(input.policyARN, account: environment.identity.account, state: state)
                try Entity.updating(input.name, &state, environment) { (entity: inout Entity) throws(AWSError) in
                    try IAMAttachments.attach(input.policyARN, to: &entity.attachedPolicyARNs, entity: kind)
                }
                return .none
            })
        // Detach…Policy: the policy must be attached.
        let detach = Operation.query(
            "Detach\(kind)Policy", decode: decode, authorize: attachmentCheck(Entity.self, "iam:Detach\(kind)Policy"),
            execute: { input, state, environment throws(AWSError) in
                try Entity.updating(input.name, &state, environment) { (entity: inout Entity) throws(AWSError) in
                    try IAMAttachments.detach(input.policyARN, from: &entity.attachedPolicyARNs)
                }
                return .none
            })
        // ListAttached…Policies: in attachment order, filtered by the policies' path, paged.
        let list = Operation.query(
            "ListAttached\(kind)Policies",
            decode: { (input: QueryInput) throws(AWSError) in
                let paging = input.paging()
                return (name: Entity.name(from: input), pathPrefix: input.policyPathPrefix(), paging: paging)
            },
            authorize: { input, state, environment throws(AWSError) in
                [Entity.check("iam:ListAttached\(kind)Policies", input.name, state, environment)]
            },
            execute: { input, state, environment throws(AWSError) in
                let entity = try Entity.existing(input.name, state, environment)
                let matching = entity.attachedPolicyARNs.filter {
                    (ManagedPolicyARN($0)?.path ?? "/").hasPrefix(input.pathPrefix)
                }
                let page = try IAMPage(matching, marker: input.paging.marker, maxItems: input.paging.maxItems)
                return .members { w in
                    IAMAttachments.writeAttached(page.items, names: IAMAttachments.name(of:), to: &w)
                    page.writeTruncation(to: &w)
                }
            })
        return [attach, detach, list]
    }

    /// `Put…PermissionsBoundary`, `Delete…PermissionsBoundary`.
    static func permissionsBoundaryOperations<Entity: IAMPrincipalEntity>(for _: Entity.Type) -> [Operation] {
        let kind = Entity.kind
        // Put…PermissionsBoundary: the boundary must be an attachable managed policy (AWS's or the account's);
        // it is the `iam:PermissionsBoundary` condition key.
        let put = Operation.query(
            "Put\(kind)PermissionsBoundary",
            decode: { (input: QueryInput) throws(AWSError) in
                (name: Entity.name(from: input), boundary: input.required("PermissionsBoundary", min: 20, max: 2048))
            },
            authorize: { input, state, environment throws(AWSError) in
                var check = Entity.check("iam:Put\(kind)PermissionsBoundary", input.name, state, environment)
                check.context.set("iam:PermissionsBoundary", input.boundary)
                return [check]
            },
            execute: { input, state, environment throws(AWSError) in
                _ = try Entity.existing(input.name, state, environment)
                _ = try IAMAttachments.policyName(input.boundary, account: environment.identity.account, state: state)
                try Entity.updating(input.name, &state, environment) { (entity: inout Entity) throws(AWSError) in
                    entity.permissionsBoundaryARN = input.boundary
                }
                return .none
            })
        // Delete…PermissionsBoundary: removing a boundary the entity does not have is not an error.
        let delete = Operation.query(
            "Delete\(kind)PermissionsBoundary",
            decode: { (input: QueryInput) throws(AWSError) in Entity.name(from: input) },
            authorize: { name, state, environment throws(AWSError) in
                [Entity.check("iam:Delete\(kind)PermissionsBoundary", name, state, environment)]
            },
            execute: { name, state, environment throws(AWSError) in
                try Entity.updating(name, &state, environment) { (entity: inout Entity) throws(AWSError) in
                    entity.permissionsBoundaryARN = nil
                }
                return .none
            })
        return [put, delete]
    }

    /// The entity and policy that Attach…Policy and Detach…Policy name.
    typealias AttachmentInput = (name: String, policyARN: String)

    /// The check of Attach…Policy and Detach…Policy: the entity's, with the policy's ARN as `iam:PolicyARN`.
    static func attachmentCheck<Entity: IAMPrincipalEntity>(_: Entity.Type, _ action: String)
        -> @Sendable (AttachmentInput, EmulatorState, RequestEnvironment) throws(AWSError) -> [AuthorizationCheck]
    {
        { input, state, environment throws(AWSError) in
            var check = Entity.check(action, input.name, state, environment)
            check.context.set("iam:PolicyARN", input.policyARN)
            return [check]
        }
    }

    /// IAM's NoSuchEntity for a missing inline policy: "The role policy with name … cannot be found."
    static func noSuchInlinePolicy(_ name: String, kind: String) -> AWSError {
        .noSuchEntity("The \(kind.lowercased()) policy with name \(name) cannot be found.")
    }
}

extension QueryInput {
    /// `PolicyName`: 1–128 of `[\w+=,.@-]`.
    func policyName() -> String { required("PolicyName", min: 1, max: 128, pattern: .entityName) }

    /// `PolicyArn`: 20–2048 characters (its form is checked by whoever resolves it: `InvalidInput`).
    func policyARN() -> String { required("PolicyArn", min: 20, max: 2048) }

    /// `PathPrefix` of the policy listings (`((/[A-Za-z0-9\.,\+@=_-]+)*)/`), `/` when absent.
    func policyPathPrefix() -> String { string("PathPrefix", min: 1, max: 512, pattern: .policyPathPrefix) ?? "/" }
}

extension [InlinePolicy] {
    /// Adds the policy, or replaces the one of the same name in place (IAM names inline policies exactly).
    mutating func put(_ policy: InlinePolicy) {
        if let index = firstIndex(where: { $0.name == policy.name }) {
            self[index] = policy
        } else {
            append(policy)
        }
    }

    /// IAM's inline quota is an aggregate: the SUM of all of an entity's inline documents, counted without
    /// white space, must stay within 10,240 characters for a role (2,048 for a user, 5,120 for a group).
    /// `PolicyValidator` sees one document at a time, so it catches a single document over the limit; the
    /// sum is checked here, against the same quota and with the same `LimitExceeded` message.
    /// - Throws: `LimitExceeded` 409, `Maximum policy size of 10240 bytes exceeded for role NAME`.
    func checkAggregateSize(entity: InlinePolicyEntity) throws(AWSError) {
        let quota = PolicySizeLimits().inlineQuota(for: entity)
        let total = reduce(0) { $0 + PolicyValidator.nonWhitespaceCount($1.policy.text) }
        guard total > quota.limit else { return }
        throw .limitExceeded(quota.message)
    }
}
