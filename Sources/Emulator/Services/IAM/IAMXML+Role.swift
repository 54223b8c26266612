import AWSWire
import SigV4

/// How much of a role an IAM response shows. IAM's listing operations return a subset of each entity
/// (spec §5.3): `RoleLastUsed` only from GetRole, and `Tags` and `PermissionsBoundary` not from ListRoles.
enum RoleDetail {
    /// ListRoles: no `RoleLastUsed`, `Tags` or `PermissionsBoundary`.
    case listing
    /// CreateRole: what was just set (`Tags`, `PermissionsBoundary`), but no `RoleLastUsed`.
    case created
    /// GetRole, UpdateRoleDescription: everything.
    case full
}

/// A managed policy as `<Policy>` shows it, whoever owns it: a customer managed policy of the caller's
/// account, or an AWS managed policy with the caller's account's attachment counts (spec §5.4, §5.6).
struct PolicyView {
    var name: String
    var id: String
    var path: String
    var arn: String
    var defaultVersionID: String
    var description: String?
    /// ISO 8601, as written.
    var createDate: String
    var updateDate: String
    var tags: [Tag]
    var attachmentCount: Int
    var boundaryUsageCount: Int

    init(_ policy: ManagedPolicy, in account: AccountState) {
        name = policy.name
        id = policy.id
        path = policy.path
        arn = policy.arn
        defaultVersionID = policy.defaultVersionID
        description = policy.description
        createDate = policy.createDate.iso8601()
        updateDate = policy.updateDate.iso8601()
        tags = policy.tags
        attachmentCount = account.attachmentCount(of: policy.arn)
        boundaryUsageCount = account.boundaryUsageCount(of: policy.arn)
    }

    /// An AWS managed policy; `account` is the caller's (AWS reports each account's own counts), nil if unused.
    init(_ policy: AWSManagedPolicy, in account: AccountState?) {
        name = policy.name
        id = policy.policyID
        path = policy.path
        arn = policy.arn
        defaultVersionID = policy.defaultVersionID
        description = policy.description
        createDate = policy.createDate
        updateDate = policy.updateDate
        tags = []
        attachmentCount = account?.attachmentCount(of: policy.arn) ?? 0
        boundaryUsageCount = account?.boundaryUsageCount(of: policy.arn) ?? 0
    }
}

extension XMLWriter {
    /// `<Role>…</Role>`, shared by CreateRole, GetRole, ListRoles (as `member`) and UpdateRoleDescription.
    /// The trust policy goes out URL-encoded (spec §5.1).
    mutating func role(_ role: Role, detail: RoleDetail, element name: String = "Role") {
        element(name) { w in
            w.element("Path", text: role.path)
            w.element("AssumeRolePolicyDocument", text: IAMDocuments.encoded(role.trustPolicy.text))
            w.element("MaxSessionDuration", text: String(role.maxSessionDuration))
            w.element("RoleId", text: role.id)
            w.element("RoleName", text: role.name)
            w.element("Arn", text: role.arn)
            w.element("CreateDate", text: role.createDate.iso8601())
            w.element("Description", optional: role.description)
            guard detail != .listing else { return }
            w.permissionsBoundary(role.permissionsBoundaryARN)
            w.tags(role.tags)
            guard detail == .full else { return }
            // Never used: an empty element, as AWS sends it (spec §5.3).
            w.element("RoleLastUsed") { w in
                if let lastUsed = role.lastUsed {
                    w.element("LastUsedDate", text: lastUsed.date.iso8601())
                    w.element("Region", text: lastUsed.region)
                }
            }
        }
    }

    /// `<PermissionsBoundary>…</PermissionsBoundary>` of a role or user, omitted when it has none.
    mutating func permissionsBoundary(_ arn: String?) {
        guard let arn else { return }
        element("PermissionsBoundary") { w in
            w.element("PermissionsBoundaryType", text: "PermissionsBoundaryPolicy")
            w.element("PermissionsBoundaryArn", text: arn)
        }
    }

    /// `<Policy>…</Policy>`. ListPolicies leaves out `Description` and `Tags`, as IAM's listings do.
    mutating func policy(_ policy: PolicyView, listing: Bool = false, element name: String = "Policy") {
        element(name) { w in
            w.element("PolicyName", text: policy.name)
            w.element("DefaultVersionId", text: policy.defaultVersionID)
            w.element("PolicyId", text: policy.id)
            w.element("Path", text: policy.path)
            w.element("Arn", text: policy.arn)
            w.element("AttachmentCount", text: String(policy.attachmentCount))
            w.element("PermissionsBoundaryUsageCount", text: String(policy.boundaryUsageCount))
            w.element("IsAttachable", text: "true")
            if !listing { w.element("Description", optional: policy.description) }
            w.element("CreateDate", text: policy.createDate)
            w.element("UpdateDate", text: policy.updateDate)
            if !listing { w.tags(policy.tags) }
        }
    }

    /// `<PolicyVersion>…</PolicyVersion>`. Only GetPolicyVersion carries the `Document` (URL-encoded).
    mutating func policyVersion(
        id: String, isDefault: Bool, createDate: String, document: String? = nil, element name: String = "PolicyVersion"
    ) {
        element(name) { w in
            w.element("Document", optional: document.map(IAMDocuments.encoded))
            w.element("VersionId", text: id)
            w.element("IsDefaultVersion", text: isDefault ? "true" : "false")
            w.element("CreateDate", text: createDate)
        }
    }
}
