/// `IAMReadOnlyAccess`, served so roles and users can attach it by ARN and evaluate exactly what AWS grants.
extension AWSManagedPolicyCatalog {
    // Document: moto 5.2.1 (pip package), moto/iam/aws_managed_policies.py (IAM's answers, snapshot),
    // entry IAMReadOnlyAccess (version v4,
    // created 2018-01-25T19:11:27Z); identical to zoph-io/MAMIP policies/IAMReadOnlyAccess (v4) and
    // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/IAMReadOnlyAccess.html
    // Policy ID: IAM ListPolicies output quoted in public repositories (ANPAJKSO7NDY4T57MWDSQ).
    // Description: IAM GetPolicy output quoted in public repositories.
    static let iamReadOnlyAccess = AWSManagedPolicy(
        name: "IAMReadOnlyAccess",
        policyID: "ANPAJKSO7NDY4T57MWDSQ",
        path: "/",
        description: "Provides read only access to IAM via the AWS Management Console.",
        defaultVersionID: "v4",
        createDate: "2015-02-06T18:40:39Z",
        updateDate: "2018-01-25T19:11:27Z",
        document: #"""
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": [
                            "iam:GenerateCredentialReport",
                            "iam:GenerateServiceLastAccessedDetails",
                            "iam:Get*",
                            "iam:List*",
                            "iam:SimulateCustomPolicy",
                            "iam:SimulatePrincipalPolicy"
                        ],
                        "Resource": "*"
                    }
                ]
            }
            """#
    )
}
