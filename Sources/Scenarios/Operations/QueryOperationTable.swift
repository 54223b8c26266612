/// The awsQuery operations the emulator serves (STS `2011-06-15`, IAM `2010-05-08`), by the names botocore's
/// service models give them.
enum QueryOperationTable {
    static let stsVersion = "2011-06-15"
    static let iamVersion = "2010-05-08"

    static let sts: Set<String> = ["AssumeRole", "GetCallerIdentity", "GetSessionToken"]

    /// Roles and users share their inline, attached, boundary and tag operations.
    private static func principalOperations(_ kind: String) -> [String] {
        [
            "Put\(kind)Policy", "Get\(kind)Policy", "List\(kind)Policies", "Delete\(kind)Policy",
            "Attach\(kind)Policy", "Detach\(kind)Policy", "ListAttached\(kind)Policies",
            "Put\(kind)PermissionsBoundary", "Delete\(kind)PermissionsBoundary",
            "Tag\(kind)", "Untag\(kind)", "List\(kind)Tags",
        ]
    }

    static let iam: Set<String> = Set(
        [
            "CreateRole", "GetRole", "ListRoles", "UpdateRole", "UpdateRoleDescription", "DeleteRole",
            "UpdateAssumeRolePolicy",
            "CreateUser", "GetUser", "ListUsers", "UpdateUser", "DeleteUser",
            "CreateAccessKey", "ListAccessKeys", "UpdateAccessKey", "DeleteAccessKey", "GetAccessKeyLastUsed",
            "CreatePolicy", "GetPolicy", "ListPolicies", "DeletePolicy",
            "CreatePolicyVersion", "GetPolicyVersion", "ListPolicyVersions", "DeletePolicyVersion",
            "SetDefaultPolicyVersion", "TagPolicy", "UntagPolicy", "ListPolicyTags",
            "SimulatePrincipalPolicy", "SimulateCustomPolicy",
        ] + principalOperations("Role") + principalOperations("User"))

    /// Response elements that hold `member` lists: an empty one (`<Roles/>`) is an empty list, not a string.
    static let listElements: Set<String> = [
        "Roles", "Users", "Policies", "PolicyNames", "AttachedPolicies", "Tags", "Versions", "AccessKeyMetadata",
        "EvaluationResults", "MatchedStatements", "MissingContextValues", "ResourceSpecificResults",
    ]

    /// Response elements that hold a URL-encoded policy document (botocore's `policyDocumentType`), which boto3
    /// decodes and parses.
    static let documentElements: Set<String> = ["AssumeRolePolicyDocument", "PolicyDocument", "Document"]
}
