import PolicyEngine

extension AWSManagedPolicyCatalog {
    /// Each AWS managed policy compiled once, by ARN. AWS's own documents are exempt from the customer size
    /// quota, so they are parsed without it; a document that did not parse would be a catalog bug, caught by
    /// the catalog's tests.
    private static let compiledByARN: [String: CompiledPolicy] = {
        var result: [String: CompiledPolicy] = [:]
        for policy in all {
            guard let document = PolicyValidator(kind: .managed).validate(policy.document).document else { continue }
            result[policy.arn] = CompiledPolicy(document, name: policy.name, kind: .managed)
        }
        return result
    }()

    static func compiled(arn: String) -> CompiledPolicy? { compiledByARN[arn] }
}
