/// `AdministratorAccess`, served so roles and users can attach it by ARN and evaluate exactly what AWS grants.
extension AWSManagedPolicyCatalog {
    // Document: moto 5.2.1 (pip package), moto/iam/aws_managed_policies.py (IAM's answers, snapshot),
    // entry AdministratorAccess (version v1,
    // created 2015-02-06T18:39:46Z); identical to zoph-io/MAMIP policies/AdministratorAccess (v1).
    // Policy ID: GitHub tenchi-security/camp, policies/AdministratorAccess/metadata.json.
    // Description: IAM GetPolicy output as quoted in public READMEs and tutorials.
    static let administratorAccess = AWSManagedPolicy(
        name: "AdministratorAccess",
        policyID: "ANPAIWMBCKSKIEE64ZLYK",
        path: "/",
        description: "Provides full access to AWS services and resources.",
        defaultVersionID: "v1",
        createDate: "2015-02-06T18:39:46Z",
        updateDate: "2015-02-06T18:39:46Z",
        document: #"""
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": "*",
                        "Resource": "*"
                    }
                ]
            }
            """#
    )
}
