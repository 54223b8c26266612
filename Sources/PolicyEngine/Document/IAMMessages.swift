/// IAM's `MalformedPolicyDocument` (and quota) messages, in one place.
///
/// Sources: `../shared/spec/aws-wire-facts.md` §5.5; IAM responses recorded in moto's
/// `tests/test_iam/test_iam_policies.py` (CreatePolicy); the trust-policy messages recorded in
/// versity/versitygw's IAM policy validator (CreateRole); IAM's quota errors. Where IAM's wording
/// differs between CreateRole and CreatePolicy, the trust-policy variant is used for `.trust`.
enum IAMMessages {
    // Whole document
    static let invalidJSON = "This policy contains invalid Json"
    static let syntaxErrors = "Syntax errors in policy."
    static let legacyParsing = "The policy failed legacy parsing"
    static let versionTooOld = "Policy document must be version 2012-10-17 or greater."
    static let trustInvalidVersion = "The policy must contain a valid version string"
    static let trustEmptyStatement = "Could not parse the policy: Statement is empty!"
    static let duplicateSids = "Statement IDs (SID) in a single policy must be unique."
    static let trustDuplicateSids = "The Statement Ids in the policy are not unique"

    // Statement elements
    static let missingEffect = "Missing required field Effect"
    static func trustInvalidEffect(_ effect: String) -> String { "Invalid effect: \(effect)" }
    static let mustContainActions = "Policy statement must contain actions."
    static let trustMissingAction = "Missing required field Action"
    static let mustContainResources = "Policy statement must contain resources."
    static let trustProhibitedResource = "Has prohibited field Resource"
    static let trustProhibitedNotResource = "AssumeRole policy must not contain resources."
    static let trustActionsOnlySTS = "AssumeRole policy may only specify STS AssumeRole actions."

    // Principals
    static let shouldNotSpecifyPrincipal = "Policy document should not specify a principal."
    static let missingPrincipal = "Missing required field Principal"
    static let emptyPrincipal = "Missing required field Principal cannot be empty!"
    static let principalMustBeObject = "Principal must be a JSON object."
    static let allowWithNotPrincipal = "Allow with NotPrincipal is not allowed."
    static let trustNotPrincipal = "AssumeRole policy must not contain NotPrincipal field."
    static func invalidPrincipalType(_ type: String) -> String { "Invalid principal in policy: \"\(type)\"" }
    static func invalidPrincipal(_ type: String, _ value: String) -> String {
        "Invalid principal in policy: \"\(type)\":\"\(value)\""
    }
    static let cognitoNeedsCondition = "A condition block must be present for the Cognito provider"

    // Actions
    static let actionNeedsVendor = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
    static let actionOneColon = "Actions/Condition can contain only one colon."
    static func invalidVendor(_ vendor: String) -> String { "Vendor \(vendor) is not valid" }

    // Resources
    static func resourceNotARN(_ resource: String) -> String { "Resource \(resource) must be in ARN format or \"*\"." }
    static func invalidPartition(_ partition: String, _ shown: String) -> String {
        "Partition \"\(partition)\" is not valid for resource \"\(shown)\"."
    }
    static let vendorNotQualified = "Resource vendor must be fully qualified and cannot contain regexes."
    static func iamResourceRegion(_ resource: String) -> String {
        "IAM resource \(resource) cannot contain region information."
    }
    static func s3ResourceRegion(_ resource: String) -> String {
        "Resource \(resource) can not contain region information."
    }
    static let iamResourcePrefixes = [
        "user/", "federated-user/", "role/", "group/", "instance-profile/", "mfa/", "server-certificate/",
        "policy/", "sms-mfa/", "saml-provider/", "oidc-provider/", "report/", "access-report/",
    ]
    static let iamResourcePath =
        "IAM resource path must either be \"*\" or start with \(iamResourcePrefixes.joined(separator: ", "))."

    // Quotas
    static func trustTooLarge(_ limit: Int) -> String { "Cannot exceed quota for ACLSizePerRole: \(limit)" }
    static func managedTooLarge(_ limit: Int) -> String { "Cannot exceed quota for PolicySize: \(limit)" }
    static func inlineTooLarge(_ limit: Int, entity: String, name: String) -> String {
        "Maximum policy size of \(limit) bytes exceeded for \(entity) \(name)"
    }
    static func resourceTooLarge(_ limit: Int) -> String { "Policies must be less than \(limit) bytes" }
    static func sessionTooLong(_ value: String, _ limit: Int) -> String {
        "1 validation error detected: Value '\(value)' at 'policy' failed to satisfy constraint: "
            + "Member must have length less than or equal to \(limit)"
    }
    static func characters(member: String, value: String) -> String {
        "1 validation error detected: Value '\(value)' at '\(member)' failed to satisfy constraint: "
            + "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"
    }
}
