import AWSWire
import PolicyEngine
import SigV4

/// Managed policy versions (spec §5.4): a customer managed policy keeps up to five, one of them the default
/// that attachments evaluate. An AWS managed policy shows only its current default version.
extension IAMOperations {
    /// IAM's versions-per-policy quota.
    static let maxPolicyVersions = 5

    /// One version as the version operations show it, whoever owns the policy.
    struct VersionView {
        var id: String
        var isDefault: Bool
        /// ISO 8601.
        var createDate: String
        var document: String
    }

    struct CreatePolicyVersionInput: Sendable {
        var arn: String
        var document: String
        var setAsDefault: Bool
    }

    /// CreatePolicyVersion: the next number (never reused), default only when asked; the policy's
    /// `UpdateDate` becomes the new version's date, as IAM reports the newest version's.
    static let createPolicyVersion = Operation.query(
        "CreatePolicyVersion",
        decode: { (input: QueryInput) throws(AWSError) in
            CreatePolicyVersionInput(
                arn: input.policyARN(),
                document: input.required("PolicyDocument", min: 1, max: 131_072, pattern: .policyDocument),
                setAsDefault: input.bool("SetAsDefault") ?? false)
        },
        authorize: { input, _, environment throws(AWSError) in
            [policyCheck("iam:CreatePolicyVersion", input.arn, environment, changes: true)]
        },
        execute: { input, state, environment throws(AWSError) in
            let version = try updatingPolicy(input.arn, &state, environment) {
                (policy: inout ManagedPolicy) throws(AWSError) -> ManagedPolicy.Version in
                guard policy.versions.count < maxPolicyVersions else {
                    throw .limitExceeded(
                        "A managed policy can have up to \(maxPolicyVersions) versions. Before you create a new version, you must delete an existing version."
                    )
                }
                let stored = try IAMDocuments.store(input.document, kind: .managed, name: policy.name, state: nil)
                let version = ManagedPolicy.Version(
                    id: "v\(policy.nextVersionNumber)", policy: stored, createDate: environment.now)
                policy.versions.append(version)
                policy.nextVersionNumber += 1
                policy.updateDate = environment.now
                if input.setAsDefault { policy.defaultVersionID = version.id }
                return version
            }
            return .members { w in
                w.policyVersion(id: version.id, isDefault: input.setAsDefault, createDate: version.createDate.iso8601())
            }
        })

    struct PolicyVersionInput: Sendable {
        var arn: String
        var versionID: String
    }

    /// GetPolicyVersion: the version's document, URL-encoded (spec §5.1).
    static let getPolicyVersion = Operation.query(
        "GetPolicyVersion",
        decode: { (input: QueryInput) throws(AWSError) in input.policyVersion() },
        authorize: { input, _, environment throws(AWSError) in
            [policyCheck("iam:GetPolicyVersion", input.arn, environment)]
        },
        execute: { input, state, environment throws(AWSError) in
            guard let version = try versions(input.arn, state, environment).first(where: { $0.id == input.versionID })
            else { throw noSuchVersion(input) }
            return .members { w in
                w.policyVersion(
                    id: version.id, isDefault: version.isDefault, createDate: version.createDate,
                    document: version.document)
            }
        })

    struct ListPolicyVersionsInput: Sendable {
        var arn: String
        var marker: String?
        var maxItems: Int?
    }

    /// ListPolicyVersions: newest first, without documents, paged.
    static let listPolicyVersions = Operation.query(
        "ListPolicyVersions",
        decode: { (input: QueryInput) throws(AWSError) in
            let paging = input.paging()
            return ListPolicyVersionsInput(arn: input.policyARN(), marker: paging.marker, maxItems: paging.maxItems)
        },
        authorize: { input, _, environment throws(AWSError) in
            [policyCheck("iam:ListPolicyVersions", input.arn, environment)]
        },
        execute: { input, state, environment throws(AWSError) in
            let page = try IAMPage(
                versions(input.arn, state, environment), marker: input.marker, maxItems: input.maxItems)
            return .members { w in
                w.element("Versions") { w in
                    for version in page.items {
                        w.policyVersion(
                            id: version.id, isDefault: version.isDefault, createDate: version.createDate,
                            element: "member")
                    }
                }
                page.writeTruncation(to: &w)
            }
        })

    /// DeletePolicyVersion: any version but the default (which goes only with the policy).
    static let deletePolicyVersion = Operation.query(
        "DeletePolicyVersion",
        decode: { (input: QueryInput) throws(AWSError) in input.policyVersion() },
        authorize: { input, _, environment throws(AWSError) in
            [policyCheck("iam:DeletePolicyVersion", input.arn, environment, changes: true)]
        },
        execute: { input, state, environment throws(AWSError) in
            try updatingPolicy(input.arn, &state, environment) { (policy: inout ManagedPolicy) throws(AWSError) in
                guard let index = policy.versions.firstIndex(where: { $0.id == input.versionID }) else {
                    throw noSuchVersion(input)
                }
                if policy.defaultVersionID == input.versionID {
                    throw .deleteConflict("Cannot delete the default version of a policy.")
                }
                policy.versions.remove(at: index)
            }
            return .none
        })

    /// SetDefaultPolicyVersion: from then on, attachments of the policy evaluate that version.
    static let setDefaultPolicyVersion = Operation.query(
        "SetDefaultPolicyVersion",
        decode: { (input: QueryInput) throws(AWSError) in input.policyVersion() },
        authorize: { input, _, environment throws(AWSError) in
            [policyCheck("iam:SetDefaultPolicyVersion", input.arn, environment, changes: true)]
        },
        execute: { input, state, environment throws(AWSError) in
            try updatingPolicy(input.arn, &state, environment) { (policy: inout ManagedPolicy) throws(AWSError) in
                guard policy.versions.contains(where: { $0.id == input.versionID }) else { throw noSuchVersion(input) }
                policy.defaultVersionID = input.versionID
            }
            return .none
        })

    /// The versions of the policy `arn` names, newest first: a customer managed policy's own, or the one
    /// version of an AWS managed policy the catalog carries.
    static func versions(_ arn: String, _ state: EmulatorState, _ environment: RequestEnvironment) throws(AWSError)
        -> [VersionView]
    {
        if let policy = AWSManagedPolicyCatalog.policy(arn: arn) {
            return [
                VersionView(
                    id: policy.defaultVersionID, isDefault: true, createDate: policy.updateDate,
                    document: policy.document)
            ]
        }
        let policy = try customerPolicy(arn, state, environment)
        return policy.versions.reversed().map {
            VersionView(
                id: $0.id, isDefault: $0.id == policy.defaultVersionID, createDate: $0.createDate.iso8601(),
                document: $0.policy.text)
        }
    }

    static func noSuchVersion(_ input: PolicyVersionInput) -> AWSError {
        .noSuchEntity("Policy \(input.arn) version \(input.versionID) does not exist or is not attachable.")
    }
}

extension QueryInput {
    /// `PolicyArn` and `VersionId` (`v[1-9][0-9]*(\.[A-Za-z0-9-]*)?`).
    func policyVersion() -> IAMOperations.PolicyVersionInput {
        IAMOperations.PolicyVersionInput(
            arn: policyARN(), versionID: required("VersionId", pattern: .policyVersionID))
    }
}

extension MemberPattern {
    /// `v[1-9][0-9]*(\.[A-Za-z0-9-]*)?`: policy version IDs.
    static let policyVersionID = MemberPattern(text: #"v[1-9][0-9]*(\.[A-Za-z0-9-]*)?"#) { text in
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 2, scalars[0] == "v", ("1"..."9").contains(scalars[1]) else { return false }
        var index = 2
        while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
        guard index < scalars.count else { return true }
        guard scalars[index] == "." else { return false }
        return scalars[(index + 1)...].allSatisfy { s in
            switch s {
            case "A"..."Z", "a"..."z", "0"..."9", "-": true
            default: false
            }
        }
    }
}
