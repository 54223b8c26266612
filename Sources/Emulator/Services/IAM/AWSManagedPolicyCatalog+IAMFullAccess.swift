/// `IAMFullAccess`, served so roles and users can attach it by ARN and evaluate exactly what AWS grants.
extension AWSManagedPolicyCatalog {
    // Document: moto 5.2.1 (pip package), moto/iam/aws_managed_policies.py (IAM's answers, snapshot),
    // entry IAMFullAccess (version v2,
    // created 2019-06-21T19:40:00Z); identical to
    // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/IAMFullAccess.html
    // and zoph-io/MAMIP policies/IAMFullAccess (v2).
    // Policy ID: GitHub tenchi-security/camp, policies/IAMFullAccess/metadata.json.
    // Description: https://docs.aws.amazon.com/aws-managed-policy/latest/reference/IAMFullAccess.html
    static let iamFullAccess = AWSManagedPolicy(
        name: "IAMFullAccess",
        policyID: "ANPAI7XKCFMBPM3QQRRVQ",
        path: "/",
        description: "Provides full access to IAM via the AWS Management Console.",
        defaultVersionID: "v2",
        createDate: "2015-02-06T18:40:38Z",
        updateDate: "2019-06-21T19:40:00Z",
        document: #"""
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": [
                            "iam:*",
                            "organizations:DescribeAccount",
                            "organizations:DescribeOrganization",
                            "organizations:DescribeOrganizationalUnit",
                            "organizations:DescribePolicy",
                            "organizations:ListChildren",
                            "organizations:ListParents",
                            "organizations:ListPoliciesForTarget",
                            "organizations:ListRoots",
                            "organizations:ListPolicies",
                            "organizations:ListTargetsForPolicy"
                        ],
                        "Resource": "*"
                    }
                ]
            }
            """#
    )
}
