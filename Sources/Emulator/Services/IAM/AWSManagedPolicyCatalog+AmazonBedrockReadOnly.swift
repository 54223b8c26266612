/// `AmazonBedrockReadOnly`, served so roles and users can attach it by ARN and evaluate exactly what AWS grants.
extension AWSManagedPolicyCatalog {
    // Document: moto 5.2.1 (pip package), moto/iam/aws_managed_policies.py (IAM's answers, snapshot),
    // entry AmazonBedrockReadOnly (version v7,
    // created 2026-02-12T17:57:55Z); identical to policies/AmazonBedrockReadOnly (v7) in GitHub
    // zoph-io/MAMIP and zoph-io/IAMTrail.
    // Policy ID: GitHub tenchi-security/camp, policies/AmazonBedrockReadOnly/metadata.json.
    // Description: https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonBedrockReadOnly.html
    static let amazonBedrockReadOnly = AWSManagedPolicy(
        name: "AmazonBedrockReadOnly",
        policyID: "ANPAZKAPJZG4LQSTUJ5QY",
        path: "/",
        description: "Provides read only access to Amazon Bedrock",
        defaultVersionID: "v7",
        createDate: "2023-12-06T15:48:19Z",
        updateDate: "2026-02-12T17:57:55Z",
        document: #"""
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "AmazonBedrockReadOnly",
                        "Effect": "Allow",
                        "Action": [
                            "bedrock:Get*",
                            "bedrock:List*"
                        ],
                        "Resource": "*"
                    },
                    {
                        "Sid": "MarketplaceModelEndpointNonMutatingAPIs",
                        "Effect": "Allow",
                        "Action": [
                            "sagemaker:DescribeEndpoint",
                            "sagemaker:DescribeEndpointConfig",
                            "sagemaker:DescribeModel",
                            "sagemaker:DescribeInferenceComponent",
                            "sagemaker:ListEndpoints",
                            "sagemaker:ListTags"
                        ],
                        "Resource": [
                            "arn:aws:sagemaker:*:*:endpoint/*",
                            "arn:aws:sagemaker:*:*:endpoint-config/*",
                            "arn:aws:sagemaker:*:*:model/*"
                        ],
                        "Condition": {
                            "StringEquals": {
                                "aws:CalledViaLast": "bedrock.amazonaws.com"
                            }
                        }
                    },
                    {
                        "Sid": "DiscoveringMarketplaceModel",
                        "Effect": "Allow",
                        "Action": [
                            "sagemaker:DescribeHubContent"
                        ],
                        "Resource": [
                            "arn:aws:sagemaker:*:aws:hub-content/SageMakerPublicHub/Model/*",
                            "arn:aws:sagemaker:*:aws:hub/SageMakerPublicHub"
                        ]
                    },
                    {
                        "Sid": "AllowMarketplaceModelsListing",
                        "Effect": "Allow",
                        "Action": [
                            "sagemaker:ListHubContents"
                        ],
                        "Resource": "arn:aws:sagemaker:*:aws:hub/SageMakerPublicHub"
                    }
                ]
            }
            """#
    )
}
