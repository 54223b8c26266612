import AWSWire
import PolicyEngine
import SigV4

extension STSOperations {
    struct AssumeRoleInput: Sendable {
        var roleARN: String
        /// `roleARN` parsed once at decoding; nil when it is not a role ARN (answered like a missing role).
        var parsedRoleARN: RoleARN?
        var sessionName: String
        var externalID: String?
        var durationSeconds: Int?
        var policy: String?
        var policyARNs: [String]
        var tags: [Tag]
        var transitiveTagKeys: [String]
        var sourceIdentity: String?
        var serialNumber: String?

        /// Whether the caller passes session tags (which needs `sts:TagSession` too).
        var passesTags: Bool { !tags.isEmpty || !transitiveTagKeys.isEmpty }
    }

    /// AssumeRole (spec §4.1): validate the parameters as STS does, authorize against the caller's policies and
    /// the role's trust policy together (the policy engine holds the same- and cross-account rules and the root
    /// rule), then mint a session. A missing role, a wrong or missing External ID, a missing permission: all
    /// answer the same `AccessDenied`, and the decision log says which.
    static let assumeRole = Operation.query(
        "AssumeRole",
        decode: { (input: QueryInput) throws(AWSError) in
            let roleARN = input.required("RoleArn", min: 20, max: 2048)
            return AssumeRoleInput(
                roleARN: roleARN, parsedRoleARN: RoleARN(roleARN),
                sessionName: input.required("RoleSessionName", min: 2, max: 64, pattern: .sessionName),
                externalID: input.string("ExternalId", min: 2, max: 1224, pattern: .externalID),
                durationSeconds: input.int("DurationSeconds", min: 900, max: 43_200),
                policy: input.string("Policy", min: 1, pattern: .policyDocument),
                policyARNs: (input.structures("PolicyArns", maxCount: 10) ?? []).enumerated().compactMap { index, element in
                    guard let arn = element["arn"]?.stringValue else {
                        input.violation("Value null at 'policyArns.\(index + 1).member.arn' failed to satisfy constraint: Member must not be null")
                        return nil
                    }
                    if arn.utf16.count < 20 || arn.utf16.count > 2048 {
                        input.violation("Value '\(arn)' at 'policyArns.\(index + 1).member.arn' failed to satisfy constraint: Member must have length between 20 and 2048")
                    }
                    return arn
                },
                tags: input.tags() ?? [],
                transitiveTagKeys: input.strings("TransitiveTagKeys", maxCount: 50, min: 1, max: 128, pattern: .tag) ?? [],
                sourceIdentity: input.string("SourceIdentity", min: 2, max: 64, pattern: .sessionName),
                serialNumber: input.string("SerialNumber", min: 9, max: 256, pattern: .serialNumber))
        },
        authorize: { input, state, environment throws(AWSError) in
            let role = input.parsedRoleARN.flatMap(state.role)
            var context = RequestContext()
            if let externalID = input.externalID { context.set("sts:ExternalId", externalID) }
            context.set("sts:RoleSessionName", input.sessionName)
            if let sourceIdentity = input.sourceIdentity { context.set("sts:SourceIdentity", sourceIdentity) }
            let tags = effectiveTags(input, caller: environment.identity)
            for tag in tags { context.set("aws:RequestTag/\(tag.key)", tag.value) }
            if !tags.isEmpty { context.set("aws:TagKeys", values: tags.map(\.key)) }
            if !input.transitiveTagKeys.isEmpty { context.set("sts:TransitiveTagKeys", values: input.transitiveTagKeys) }
            let check = AuthorizationCheck(
                action: "sts:AssumeRole", resource: input.roleARN,
                resourceAccount: input.parsedRoleARN?.account, resourcePolicy: role?.trustPolicy.compiled,
                context: context, missingResource: role == nil ? "the role \(input.roleARN) does not exist" : nil)
            var checks = [check]
            if input.passesTags {
                var tagging = check
                tagging.action = "sts:TagSession"
                checks.append(tagging)
            }
            if input.sourceIdentity != nil {
                var setting = check
                setting.action = "sts:SetSourceIdentity"
                checks.append(setting)
            }
            return checks
        },
        execute: { input, state, environment throws(AWSError) in
            // Authorization refused a missing role, so it exists here.
            guard let role = input.parsedRoleARN.flatMap(state.role) else {
                throw .accessDenied(
                    "User: \(environment.identity.caller.arn) is not authorized to perform: sts:AssumeRole on resource: \(input.roleARN)")
            }
            let caller = environment.identity
            let duration = input.durationSeconds ?? 3_600
            if caller.isRoleSession && duration > 3_600 {
                throw .validationError(
                    "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")
            }
            if duration > role.maxSessionDuration {
                throw .validationError("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
            }
            try checkSessionPolicy(input, state: state)
            let tags = try sessionTags(input, caller: caller)
            let now = environment.now.secondsSince1970
            var claims = SessionClaims(
                origin: .assumeRole, account: role.account, issuedAt: now, expiration: now + Int64(duration))
            claims.roleName = role.name
            claims.rolePath = role.path
            claims.roleID = role.id
            claims.sessionName = input.sessionName
            claims.sourceIdentity = input.sourceIdentity ?? caller.session?.sourceIdentity
            claims.sessionPolicy = input.policy
            claims.sessionPolicyARNs = input.policyARNs
            claims.tags = tags.tags
            claims.transitiveTagKeys = tags.transitive
            claims.multiFactorAuthenticated = input.serialNumber != nil || caller.session?.multiFactorAuthenticated == true
            let packed = packedPolicySize(input)
            // Minting (random key ID, two HMACs, base64) happens when the result is written, which the pipeline
            // does after the state lock is released: nothing of it touches the state.
            return .members { w in
                TemporaryCredentials.issue(claims, environment).write(to: &w)
                w.element("AssumedRoleUser") { w in
                    w.element("AssumedRoleId", text: claims.assumedRoleID)
                    w.element("Arn", text: claims.assumedRoleARN)
                }
                if let packed { w.element("PackedPolicySize", text: String(packed)) }
                w.element("SourceIdentity", optional: claims.sourceIdentity)
            }
        },
        trail: { input, trail in
            // The role is the call's resource; a cross-account call is recorded in the role owner's history too.
            guard let role = input.parsedRoleARN else { return }
            trail.resources = [TrailResource(accountID: role.account, type: "AWS::IAM::Role", arn: input.roleARN)]
            trail.sharedWithAccount = role.account
        })

    /// The session policy must be a valid session policy, and each `PolicyArns` entry an existing managed policy.
    static func checkSessionPolicy(_ input: AssumeRoleInput, state: EmulatorState) throws(AWSError) {
        if let text = input.policy, let problem = PolicyValidator(kind: .session).validate(text).firstError {
            throw AWSError(wireCode: problem.code.rawValue, message: problem.message, httpStatus: problem.code.httpStatus)
                ?? .malformedPolicyDocument(problem.message)
        }
        for arn in input.policyARNs {
            let exists =
                AWSManagedPolicyCatalog.policy(arn: arn) != nil
                || ManagedPolicyARN(arn).flatMap { state.account($0.account)?.policies[arn] } != nil
            if !exists { throw .invalidParameterValue("The policy \(arn) does not exist or is not attachable.") }
        }
    }

    /// The session's tags: those passed, plus the transitive tags of a calling role session (which may not be
    /// overridden), keys unique ignoring case; transitive keys must name passed tags.
    static func sessionTags(_ input: AssumeRoleInput, caller: Identity) throws(AWSError) -> (tags: [Tag], transitive: [String]) {
        var seen = Set<String>()
        for tag in input.tags where !seen.insert(tag.key.lowercased()).inserted {
            throw .invalidParameterValue("Duplicate tag keys found. Please note that Tag keys are case insensitive.")
        }
        for key in input.transitiveTagKeys where !seen.contains(key.lowercased()) {
            throw .invalidParameterValue("The transitive tag key \(key) is not among the session tags passed.")
        }
        var tags = input.tags
        var transitive = input.transitiveTagKeys
        if let session = caller.session, session.origin == .assumeRole {
            for key in session.transitiveTagKeys {
                guard let inherited = session.tags.first(where: { $0.key.lowercased() == key.lowercased() }) else { continue }
                if seen.contains(key.lowercased()) {
                    throw .invalidParameterValue("The transitive session tag \(key) cannot be overridden by a chained session.")
                }
                tags.append(inherited)
                transitive.append(inherited.key)
            }
        }
        return (tags, transitive)
    }

    /// The tags the trust policy sees (`aws:RequestTag/…`): passed ones and inherited transitive ones.
    static func effectiveTags(_ input: AssumeRoleInput, caller: Identity) -> [Tag] {
        (try? sessionTags(input, caller: caller).tags) ?? input.tags
    }

    /// `PackedPolicySize`, a percentage of the packed limit, sent only when session policies or tags were
    /// passed. AWS's packing is a private compression; Roleplay counts the policy's characters outside white
    /// space plus the tags' keys and values against 2,048 (documented as a simplification).
    static func packedPolicySize(_ input: AssumeRoleInput) -> Int? {
        guard input.policy != nil || !input.policyARNs.isEmpty || !input.tags.isEmpty else { return nil }
        let policy = input.policy.map { $0.unicodeScalars.count { !$0.properties.isWhitespace } } ?? 0
        let tags = input.tags.reduce(0) { $0 + $1.key.count + $1.value.count }
        let arns = input.policyARNs.reduce(0) { $0 + $1.count }
        return max(1, (policy + tags + arns) * 100 / 2_048)
    }
}
