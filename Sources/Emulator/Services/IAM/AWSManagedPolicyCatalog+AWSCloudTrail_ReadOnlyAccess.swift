/// `AWSCloudTrail_ReadOnlyAccess`, served so roles and users can attach it by ARN and evaluate exactly what AWS grants.
extension AWSManagedPolicyCatalog {
    // Document: moto 5.2.1 (pip package), moto/iam/aws_managed_policies.py (IAM's answers, snapshot),
    // entry AWSCloudTrail_ReadOnlyAccess (version v1,
    // created 2022-06-14T17:19:05Z); identical to
    // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCloudTrail_ReadOnlyAccess.html
    // Policy ID: GitHub tenchi-security/camp, policies/AWSCloudTrail_ReadOnlyAccess/metadata.json.
    // Description: https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCloudTrail_ReadOnlyAccess.html
    static let awsCloudTrailReadOnlyAccess = AWSManagedPolicy(
        name: "AWSCloudTrail_ReadOnlyAccess",
        policyID: "ANPAZKAPJZG4OGLRVUGKM",
        path: "/",
        description: "Provides read only access to AWS CloudTrail.",
        defaultVersionID: "v1",
        createDate: "2022-06-14T17:19:05Z",
        updateDate: "2022-06-14T17:19:05Z",
        document: #"""
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": [
                            "cloudtrail:Get*",
                            "cloudtrail:Describe*",
                            "cloudtrail:List*",
                            "cloudtrail:LookupEvents"
                        ],
                        "Resource": "*"
                    }
                ]
            }
            """#
    )
}
