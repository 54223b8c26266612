/// The trust policy the customer pastes into their role: the SaaS account's root may call `sts:AssumeRole`
/// only with this connector's External ID.
///
/// Naming the account root delegates to that account's IAM policies (only its principals allowed
/// `sts:AssumeRole` on the role can use it), and the `StringEquals sts:ExternalId` condition stops the SaaS from
/// being tricked into using this role for another customer.
public enum TrustPolicy {
    /// The document, formatted as the set-up guide shows it (two-space indentation, one key order), so what the
    /// page shows and what the customer pastes are byte for byte the same.
    /// - Parameter partition: the customer's partition (a role in China trusts `arn:aws-cn:iam::…:root`).
    /// - Throws: `SetupError` for an account ID that is not 12 digits or an External ID AWS would refuse.
    public static func render(
        systemAccountID: String, externalID: String, partition: Partition = .aws
    ) throws(SetupError) -> String {
        try AccountID.validate(systemAccountID)
        try ExternalID.validate(externalID)
        // Both values are checked above to hold no character JSON would need escaped.
        return """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "AllowSystemAccount",
                  "Effect": "Allow",
                  "Principal": { "AWS": "arn:\(partition.rawValue):iam::\(systemAccountID):root" },
                  "Action": "sts:AssumeRole",
                  "Condition": {
                    "StringEquals": { "sts:ExternalId": "\(externalID)" }
                  }
                }
              ]
            }
            """
    }
}
