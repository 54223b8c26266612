import AWSWire
import PolicyEngine

/// Something IAM tags: roles, users and managed policies each have `Tag…`, `Untag…` and `List…Tags`, which
/// behave alike but for how the tagged entity is named, found and authorized. `tagOperations(for:)` builds
/// the three from those differences.
protocol IAMTaggable: Sendable {
    /// How the tagged entity is named in a request: a role's or user's name, a policy's ARN.
    associatedtype Key: Sendable
    /// "Role", "User", "Policy", as operation names (`TagRole`, `ListRoleTags`) and quotas (`TagsPerRole`)
    /// spell the kind.
    static var kind: String { get }
    /// Decodes the entity's name or ARN from the request.
    static func tagKey(_ input: QueryInput) -> Key
    /// The permission a tag operation needs; `changes` is true for Tag and Untag.
    static func tagCheck(
        _ action: String, _ key: Key, _ state: EmulatorState, _ environment: RequestEnvironment, changes: Bool
    ) -> AuthorizationCheck
    /// The entity's tags, or IAM's NoSuchEntity.
    static func tags(of key: Key, _ state: EmulatorState, _ environment: RequestEnvironment) throws(AWSError)
        -> [Tag]
    /// Changes the entity's tags; nothing is stored when `body` throws.
    static func updatingTags(
        _ key: Key, _ state: inout EmulatorState, _ environment: RequestEnvironment,
        _ body: (inout [Tag]) throws(AWSError) -> Void
    ) throws(AWSError)
}

extension ManagedPolicy: IAMTaggable {
    static let kind = "Policy"

    static func tagKey(_ input: QueryInput) -> String { input.policyARN() }

    static func tagCheck(
        _ action: String, _ arn: String, _ state: EmulatorState, _ environment: RequestEnvironment, changes: Bool
    ) -> AuthorizationCheck {
        IAMOperations.policyCheck(action, arn, environment, changes: changes)
    }

    /// AWS managed policies are listed too (they have no tags); only the account's own can be tagged.
    static func tags(of arn: String, _ state: EmulatorState, _ environment: RequestEnvironment) throws(AWSError)
        -> [Tag]
    {
        try IAMOperations.policyView(arn, state, environment).tags
    }

    static func updatingTags(
        _ arn: String, _ state: inout EmulatorState, _ environment: RequestEnvironment,
        _ body: (inout [Tag]) throws(AWSError) -> Void
    ) throws(AWSError) {
        try IAMOperations.updatingPolicy(arn, &state, environment) { (policy: inout ManagedPolicy) throws(AWSError) in
            try body(&policy.tags)
        }
    }
}

extension IAMOperations {
    /// IAM's `TagsPerRole`, `TagsPerUser` and `TagsPerPolicy` quota.
    static let maxTags = 50

    /// `Tag…`, `Untag…` and `List…Tags` for one kind of taggable entity.
    static func tagOperations<Entity: IAMTaggable>(for _: Entity.Type) -> [Operation] {
        let kind = Entity.kind
        // Tag…: adds or replaces tags (keys ignore case); at most 50 in all.
        let tag = Operation.query(
            "Tag\(kind)",
            decode: { (input: QueryInput) throws(AWSError) in
                (key: Entity.tagKey(input), tags: input.requiredTags())
            },
            authorize: { input, state, environment throws(AWSError) in
                let check = Entity.tagCheck("iam:Tag\(kind)", input.key, state, environment, changes: true)
                return [withTagContext(check, input.tags)]
            },
            execute: { input, state, environment throws(AWSError) in
                try checkUniqueKeys(input.tags)
                try Entity.updatingTags(input.key, &state, environment) { (tags: inout [Tag]) throws(AWSError) in
                    var merged = tags
                    merged.merge(input.tags)
                    guard merged.count <= maxTags else {
                        throw .limitExceeded("Cannot exceed quota for TagsPer\(kind): \(maxTags)")
                    }
                    tags = merged
                }
                return .none
            })
        // Untag…: removes the tags with these keys (ignoring case); unknown keys are not an error.
        let untag = Operation.query(
            "Untag\(kind)",
            decode: { (input: QueryInput) throws(AWSError) in
                let key = Entity.tagKey(input)
                let keys = input.strings("TagKeys", maxCount: 50, min: 1, max: 128, pattern: .tag)
                if keys == nil {
                    input.violation("Value null at 'tagKeys' failed to satisfy constraint: Member must not be null")
                }
                return (key: key, keys: keys ?? [])
            },
            authorize: { input, state, environment throws(AWSError) in
                var check = Entity.tagCheck("iam:Untag\(kind)", input.key, state, environment, changes: true)
                if !input.keys.isEmpty { check.context.set("aws:TagKeys", values: input.keys) }
                return [check]
            },
            execute: { input, state, environment throws(AWSError) in
                let keys = Set(input.keys.map { $0.lowercased() })
                try Entity.updatingTags(input.key, &state, environment) { (tags: inout [Tag]) throws(AWSError) in
                    tags.removeAll { keys.contains($0.key.lowercased()) }
                }
                return .none
            })
        // List…Tags: in the order the tags were first set, paged.
        let list = Operation.query(
            "List\(kind)Tags",
            decode: { (input: QueryInput) throws(AWSError) in
                let paging = input.paging()
                return (key: Entity.tagKey(input), paging: paging)
            },
            authorize: { input, state, environment throws(AWSError) in
                [Entity.tagCheck("iam:List\(kind)Tags", input.key, state, environment, changes: false)]
            },
            execute: { input, state, environment throws(AWSError) in
                let tags = try Entity.tags(of: input.key, state, environment)
                let page = try IAMPage(tags, marker: input.paging.marker, maxItems: input.paging.maxItems)
                return .members { w in
                    // Always present (required in the model), even when empty.
                    w.tagList(page.items)
                    page.writeTruncation(to: &w)
                }
            })
        return [tag, untag, list]
    }

    /// IAM refuses tag keys given twice, ignoring case.
    static func checkUniqueKeys(_ tags: [Tag]) throws(AWSError) {
        var seen = Set<String>()
        for tag in tags where !seen.insert(tag.key.lowercased()).inserted {
            throw .invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.")
        }
    }

    /// The check with the request's tags as AWS presents them to conditions: `aws:RequestTag/KEY` and
    /// `aws:TagKeys` (tag-on-create and the Tag operations).
    static func withTagContext(_ check: AuthorizationCheck, _ tags: [Tag]) -> AuthorizationCheck {
        guard !tags.isEmpty else { return check }
        var check = check
        for tag in tags { check.context.set("aws:RequestTag/\(tag.key)", tag.value) }
        check.context.set("aws:TagKeys", values: tags.map(\.key))
        return check
    }
}

extension QueryInput {
    /// `Tags`, which must be present (the Tag operations).
    func requiredTags() -> [Tag] {
        guard let tags = tags() else {
            violation("Value null at 'tags' failed to satisfy constraint: Member must not be null")
            return []
        }
        return tags
    }
}

extension XMLWriter {
    /// `<Tags><member><Key/><Value/></member>…</Tags>`, omitted when empty (as IAM does in entities).
    mutating func tags(_ tags: [Tag]) {
        guard !tags.isEmpty else { return }
        tagList(tags)
    }

    /// `<Tags>…</Tags>` even when empty, as the List…Tags operations answer.
    mutating func tagList(_ tags: [Tag]) {
        element("Tags") { w in
            for tag in tags {
                w.element("member") { w in
                    w.element("Key", text: tag.key)
                    w.element("Value", text: tag.value)
                }
            }
        }
    }
}
