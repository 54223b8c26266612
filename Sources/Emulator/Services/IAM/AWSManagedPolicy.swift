/// One AWS managed policy as IAM serves it (ARN `arn:aws:iam::aws:policy{path}{name}`).
///
/// AWS managed policies live in no account: every account can attach them, nobody can change them,
/// and `GetPolicy`/`GetPolicyVersion` answer with AWS's own metadata. Roleplay carries the real
/// documents (not look-alikes) so that a role granted `ReadOnlyAccess` is denied exactly what AWS
/// would deny it, and a user reading the policy back sees what the console shows.
struct AWSManagedPolicy: Sendable, Hashable {
    /// `AmazonBedrockFullAccess`.
    let name: String
    /// AWS's real `ANPA…` policy ID (21 characters), as `GetPolicy` returns it.
    let policyID: String
    /// `/` for every policy here (AWS also uses `/job-function/`, `/service-role/`, … for others).
    let path: String
    /// AWS's description text, verbatim.
    let description: String
    /// The default version's ID, e.g. `v11`; AWS bumps it whenever it edits the policy.
    let defaultVersionID: String
    /// When AWS created the policy (ISO 8601, `Z`).
    let createDate: String
    /// When the default version was created, which is what IAM reports as the policy's `UpdateDate`.
    let updateDate: String
    /// The exact JSON document of the default version (whitespace normalized, content untouched).
    let document: String

    var arn: String { "arn:aws:iam::aws:policy" + path + name }
}

/// The AWS managed policies the emulator serves. Each lives in its own
/// `AWSManagedPolicyCatalog+Name.swift` file with a comment saying where its document came from.
enum AWSManagedPolicyCatalog {
    /// Every policy, alphabetical by name ignoring case, so listings page through a stable order.
    static let all: [AWSManagedPolicy] = [
        administratorAccess,
        amazonBedrockFullAccess,
        amazonBedrockReadOnly,
        awsCloudTrailReadOnlyAccess,
        iamFullAccess,
        iamReadOnlyAccess,
        readOnlyAccess,
    ]

    /// Built once: attach, get and simulate calls look policies up by ARN on every request.
    private static let byARN: [String: AWSManagedPolicy] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.arn, $0) })

    /// The policy whose ARN is exactly `arn` (IAM ARNs are case-sensitive), or nil.
    static func policy(arn: String) -> AWSManagedPolicy? { byARN[arn] }
}
