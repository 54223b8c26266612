/// `AmazonBedrockFullAccess`, served so roles and users can attach it by ARN and evaluate exactly what AWS grants.
extension AWSManagedPolicyCatalog {
    // Document: GitHub zoph-io/MAMIP, policies/AmazonBedrockFullAccess at commit
    // 0ab480c5b6bfbde671831f04def6611298361744 (version v11, created 2026-08-04T05:42:21Z). Cross-checked:
    // identical to v10 in moto 5.2.1 moto/iam/aws_managed_policies.py except the added
    // `BedrockWebSearch` statement, and to the shared spec aws-wire-facts.md §5.6.
    // Policy ID and create date: GitHub tenchi-security/camp, policies/AmazonBedrockFullAccess/metadata.json.
    // Description: the policy's IAM description as republished in AWS managed-policy name lists
    // ("Provides full access to Amazon Bedrock as well as limited access to related services …").
    static let amazonBedrockFullAccess = AWSManagedPolicy(
        name: "AmazonBedrockFullAccess",
        policyID: "ANPAZKAPJZG4IZPIPC3GC",
        path: "/",
        description: "Provides full access to Amazon Bedrock as well as limited access to related "
            + "services that are required by it",
        defaultVersionID: "v11",
        createDate: "2023-12-06T15:47:17Z",
        updateDate: "2026-08-04T05:42:21Z",
        document: #"""
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "BedrockAll",
                        "Effect": "Allow",
                        "Action": [
                            "bedrock:*"
                        ],
                        "Resource": "*"
                    },
                    {
                        "Sid": "BedrockMantleAll",
                        "Effect": "Allow",
                        "Action": [
                            "bedrock-mantle:*"
                        ],
                        "Resource": "*"
                    },
                    {
                        "Sid": "BedrockWebSearch",
                        "Effect": "Allow",
                        "Action": [
                            "bedrock-websearch:InvokeSearch",
                            "bedrock-websearch:InvokeFetch"
                        ],
                        "Resource": "arn:aws:bedrock-websearch:*:*:*"
                    },
                    {
                        "Sid": "DescribeKey",
                        "Effect": "Allow",
                        "Action": [
                            "kms:DescribeKey"
                        ],
                        "Resource": "arn:*:kms:*:::*"
                    },
                    {
                        "Sid": "APIsWithAllResourceAccess",
                        "Effect": "Allow",
                        "Action": [
                            "iam:ListRoles",
                            "ec2:DescribeVpcs",
                            "ec2:DescribeSubnets",
                            "ec2:DescribeSecurityGroups"
                        ],
                        "Resource": "*"
                    },
                    {
                        "Sid": "MarketplaceModelEndpointMutatingAPIs",
                        "Effect": "Allow",
                        "Action": [
                            "sagemaker:CreateEndpoint",
                            "sagemaker:CreateEndpointConfig",
                            "sagemaker:CreateModel",
                            "sagemaker:DeleteEndpoint",
                            "sagemaker:UpdateEndpoint"
                        ],
                        "Resource": [
                            "arn:aws:sagemaker:*:*:endpoint/*",
                            "arn:aws:sagemaker:*:*:endpoint-config/*",
                            "arn:aws:sagemaker:*:*:model/*"
                        ],
                        "Condition": {
                            "StringEquals": {
                                "aws:CalledViaLast": "bedrock.amazonaws.com",
                                "aws:ResourceTag/sagemaker-sdk:bedrock": "compatible"
                            }
                        }
                    },
                    {
                        "Sid": "MarketplaceModelEndpointAddTagsOperations",
                        "Effect": "Allow",
                        "Action": [
                            "sagemaker:AddTags"
                        ],
                        "Resource": [
                            "arn:aws:sagemaker:*:*:endpoint/*",
                            "arn:aws:sagemaker:*:*:endpoint-config/*",
                            "arn:aws:sagemaker:*:*:model/*"
                        ],
                        "Condition": {
                            "ForAllValues:StringEquals": {
                                "aws:TagKeys": [
                                    "sagemaker-sdk:bedrock",
                                    "bedrock:marketplace-registration-status",
                                    "sagemaker-studio:hub-content-arn"
                                ]
                            },
                            "StringLike": {
                                "aws:RequestTag/sagemaker-sdk:bedrock": "compatible",
                                "aws:RequestTag/bedrock:marketplace-registration-status": "registered",
                                "aws:RequestTag/sagemaker-studio:hub-content-arn": "arn:aws:sagemaker:*:aws:hub-content/SageMakerPublicHub/Model/*"
                            }
                        }
                    },
                    {
                        "Sid": "MarketplaceModelEndpointDeleteTagsOperations",
                        "Effect": "Allow",
                        "Action": [
                            "sagemaker:DeleteTags"
                        ],
                        "Resource": [
                            "arn:aws:sagemaker:*:*:endpoint/*",
                            "arn:aws:sagemaker:*:*:endpoint-config/*",
                            "arn:aws:sagemaker:*:*:model/*"
                        ],
                        "Condition": {
                            "ForAllValues:StringEquals": {
                                "aws:TagKeys": [
                                    "sagemaker-sdk:bedrock",
                                    "bedrock:marketplace-registration-status",
                                    "sagemaker-studio:hub-content-arn"
                                ]
                            },
                            "StringLike": {
                                "aws:ResourceTag/sagemaker-sdk:bedrock": "compatible",
                                "aws:ResourceTag/bedrock:marketplace-registration-status": "registered",
                                "aws:ResourceTag/sagemaker-studio:hub-content-arn": "arn:aws:sagemaker:*:aws:hub-content/SageMakerPublicHub/Model/*"
                            }
                        }
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
                        "Sid": "MarketplaceModelEndpointInvokingOperations",
                        "Effect": "Allow",
                        "Action": [
                            "sagemaker:InvokeEndpoint",
                            "sagemaker:InvokeEndpointWithResponseStream"
                        ],
                        "Resource": [
                            "arn:aws:sagemaker:*:*:endpoint/*"
                        ],
                        "Condition": {
                            "StringEquals": {
                                "aws:CalledViaLast": "bedrock.amazonaws.com",
                                "aws:ResourceTag/sagemaker-sdk:bedrock": "compatible"
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
                    },
                    {
                        "Sid": "PassRoleToSageMaker",
                        "Effect": "Allow",
                        "Action": [
                            "iam:PassRole"
                        ],
                        "Resource": [
                            "arn:aws:iam::*:role/*SageMaker*ForBedrock*"
                        ],
                        "Condition": {
                            "StringEquals": {
                                "iam:PassedToService": [
                                    "sagemaker.amazonaws.com",
                                    "bedrock.amazonaws.com"
                                ]
                            }
                        }
                    },
                    {
                        "Sid": "PassRoleToBedrock",
                        "Effect": "Allow",
                        "Action": [
                            "iam:PassRole"
                        ],
                        "Resource": "arn:aws:iam::*:role/*AmazonBedrock*",
                        "Condition": {
                            "StringEquals": {
                                "iam:PassedToService": [
                                    "bedrock.amazonaws.com"
                                ]
                            }
                        }
                    },
                    {
                        "Sid": "MarketplaceOperationsFromBedrockFor3pModels",
                        "Effect": "Allow",
                        "Action": [
                            "aws-marketplace:Subscribe",
                            "aws-marketplace:ViewSubscriptions",
                            "aws-marketplace:Unsubscribe"
                        ],
                        "Resource": "*",
                        "Condition": {
                            "StringEquals": {
                                "aws:CalledViaLast": "bedrock.amazonaws.com"
                            }
                        }
                    }
                ]
            }
            """#
    )
}
