import AWSWire
import PolicyEngine

/// A user's policies: inline ones (embedded in the user, validated and compiled when written) and attached
/// managed ones (AWS's or the account's, at most ten).
extension IAMOperations {
    static let userPolicyOperations: [Operation] = [
        putUserPolicy, getUserPolicy, listUserPolicies, deleteUserPolicy, attachUserPolicy, detachUserPolicy,
        listAttachedUserPolicies,
    ]

    struct UserPolicyInput: Sendable {
        var userName: String
        var policyName: String
        var document: String?
    }

    /// PutUserPolicy: adds or replaces an inline policy. The document is checked as IAM checks identity
    /// policies, and all of the user's inline policies together stay within 2,048 characters (white space
    /// not counted), IAM's aggregate quota for users.
    static let putUserPolicy = Operation.query(
        "PutUserPolicy",
        decode: { (input: QueryInput) throws(AWSError) in
            UserPolicyInput(
                userName: input.required("UserName", min: 1, max: 128, pattern: .entityName),
                policyName: input.policyName(),
                document: input.required("PolicyDocument", min: 1, max: 131_072, pattern: .policyDocument))
        },
        authorize: { input, state, environment throws(AWSError) in
            [IAMResources.check("iam:PutUserPolicy", userARN(input.userName, state, environment))]
        },
        execute: { input, state, environment throws(AWSError) in
            let user = try existingUser(input.userName, state, environment)
            let policy = try IAMDocuments.store(
                input.document ?? "", kind: .identity, name: input.policyName, state: nil,
                entity: .user(name: user.name))
            var policies = user.inlinePolicies
            policies.put(InlinePolicy(name: input.policyName, policy: policy))
            try policies.checkAggregateSize(entity: .user(name: user.name))
            try withUser(input.userName, &state, environment) { (user: inout User) throws(AWSError) in
                user.inlinePolicies = policies
            }
            return .none
        })

    /// GetUserPolicy: the document as written, URL-encoded (spec §5.1).
    static let getUserPolicy = Operation.query(
        "GetUserPolicy",
        decode: { (input: QueryInput) throws(AWSError) in
            UserPolicyInput(
                userName: input.required("UserName", min: 1, max: 128, pattern: .entityName),
                policyName: input.policyName())
        },
        authorize: { input, state, environment throws(AWSError) in
            [IAMResources.check("iam:GetUserPolicy", userARN(input.userName, state, environment))]
        },
        execute: { input, state, environment throws(AWSError) in
            let user = try existingUser(input.userName, state, environment)
            guard let inline = user.inlinePolicies.first(where: { $0.name == input.policyName }) else {
                throw userPolicyNotFound(input.policyName)
            }
            return .members { w in
                w.element("UserName", text: user.name)
                w.element("PolicyName", text: inline.name)
                w.element("PolicyDocument", text: IAMDocuments.encoded(inline.policy.text))
            }
        })

    /// ListUserPolicies: inline policy names, alphabetically, paged.
    static let listUserPolicies = Operation.query(
        "ListUserPolicies",
        decode: { (input: QueryInput) throws(AWSError) in
            (name: input.required("UserName", min: 1, max: 128, pattern: .entityName), paging: input.paging())
        },
        authorize: { input, state, environment throws(AWSError) in
            [IAMResources.check("iam:ListUserPolicies", userARN(input.name, state, environment))]
        },
        execute: { input, state, environment throws(AWSError) in
            let user = try existingUser(input.name, state, environment)
            let names = user.inlinePolicies.map(\.name).sorted()
            let page = try IAMPage(names, marker: input.paging.marker, maxItems: input.paging.maxItems)
            return .members { w in
                w.element("PolicyNames") { w in
                    for name in page.items { w.element("member", text: name) }
                }
                page.writeTruncation(to: &w)
            }
        })

    /// DeleteUserPolicy: removes an inline policy; its permissions end with the next request.
    static let deleteUserPolicy = Operation.query(
        "DeleteUserPolicy",
        decode: { (input: QueryInput) throws(AWSError) in
            UserPolicyInput(
                userName: input.required("UserName", min: 1, max: 128, pattern: .entityName),
                policyName: input.policyName())
        },
        authorize: { input, state, environment throws(AWSError) in
            [IAMResources.check("iam:DeleteUserPolicy", userARN(input.userName, state, environment))]
        },
        execute: { input, state, environment throws(AWSError) in
            try withUser(input.userName, &state, environment) { (user: inout User) throws(AWSError) in
                guard let index = user.inlinePolicies.firstIndex(where: { $0.name == input.policyName }) else {
                    throw userPolicyNotFound(input.policyName)
                }
                user.inlinePolicies.remove(at: index)
            }
            return .none
        })

    struct UserAttachmentInput: Sendable {
        var userName: String
        var policyARN: String
    }

    /// AttachUserPolicy: the policy must exist and be attachable; `iam:PolicyARN` is in the request context.
    static let attachUserPolicy = Operation.query(
        "AttachUserPolicy",
        decode: decodeUserAttachment,
        authorize: { input, state, environment throws(AWSError) in
            [userAttachmentCheck("iam:AttachUserPolicy", input, state, environment)]
        },
        execute: { input, state, environment throws(AWSError) in
            _ = try existingUser(input.userName, state, environment)
            _ = try IAMAttachments.policyName(input.policyARN, account: environment.identity.account, state: state)
            try withUser(input.userName, &state, environment) { (user: inout User) throws(AWSError) in
                try IAMAttachments.attach(input.policyARN, to: &user.attachedPolicyARNs, entity: "User")
            }
            return .none
        })

    /// DetachUserPolicy: the policy must be attached.
    static let detachUserPolicy = Operation.query(
        "DetachUserPolicy",
        decode: decodeUserAttachment,
        authorize: { input, state, environment throws(AWSError) in
            [userAttachmentCheck("iam:DetachUserPolicy", input, state, environment)]
        },
        execute: { input, state, environment throws(AWSError) in
            try withUser(input.userName, &state, environment) { (user: inout User) throws(AWSError) in
                try IAMAttachments.detach(input.policyARN, from: &user.attachedPolicyARNs)
            }
            return .none
        })

    struct ListAttachedUserPoliciesInput: Sendable {
        var userName: String
        var pathPrefix: String
        var marker: String?
        var maxItems: Int?
    }

    /// ListAttachedUserPolicies: in attachment order, filtered by the policies' path, paged.
    static let listAttachedUserPolicies = Operation.query(
        "ListAttachedUserPolicies",
        decode: { (input: QueryInput) throws(AWSError) in
            let paging = input.paging()
            return ListAttachedUserPoliciesInput(
                userName: input.required("UserName", min: 1, max: 64, pattern: .entityName),
                pathPrefix: input.string("PathPrefix", min: 1, max: 512, pattern: .policyPathPrefix) ?? "/",
                marker: paging.marker, maxItems: paging.maxItems)
        },
        authorize: { input, state, environment throws(AWSError) in
            [IAMResources.check("iam:ListAttachedUserPolicies", userARN(input.userName, state, environment))]
        },
        execute: { input, state, environment throws(AWSError) in
            let user = try existingUser(input.userName, state, environment)
            let arns = user.attachedPolicyARNs.filter {
                (ManagedPolicyARN($0)?.path ?? "/").hasPrefix(input.pathPrefix)
            }
            let page = try IAMPage(arns, marker: input.marker, maxItems: input.maxItems)
            return .members { w in
                IAMAttachments.writeAttached(page.items, names: IAMAttachments.name(of:), to: &w)
                page.writeTruncation(to: &w)
            }
        })

    // MARK: Helpers

    static func userPolicyNotFound(_ name: String) -> AWSError {
        .noSuchEntity("The user policy with name \(name) cannot be found.")
    }

    @Sendable static func decodeUserAttachment(_ input: QueryInput) throws(AWSError) -> UserAttachmentInput {
        UserAttachmentInput(
            userName: input.required("UserName", min: 1, max: 64, pattern: .entityName),
            policyARN: input.required("PolicyArn", min: 20, max: 2048))
    }

    static func userAttachmentCheck(
        _ action: String, _ input: UserAttachmentInput, _ state: EmulatorState, _ environment: RequestEnvironment
    ) -> AuthorizationCheck {
        var check = IAMResources.check(action, userARN(input.userName, state, environment))
        check.context.set("iam:PolicyARN", input.policyARN)
        return check
    }

    /// A document's size as IAM's quotas count it: every character but space, tab, line feed and carriage return.
    static func countedCharacters(_ text: String) -> Int {
        text.unicodeScalars.count { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "\r" }
    }
}
