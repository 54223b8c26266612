#!/usr/bin/env bash
# Steps 2-4 with the aws CLI: create the role, attach AmazonBedrockFullAccess, read it back (spec §5.2-5.5).
source "$(dirname "$0")/lib.sh"

as "$CUSTOMER" test
arn=$(awsx iam create-role --role-name "$ROLE_NAME" --assume-role-policy-document "$TRUST" --query Role.Arn --output text)
expect_eq "$arn" "$ROLE_ARN" "create-role Role.Arn"
awsx iam attach-role-policy --role-name "$ROLE_NAME" --policy-arn "$BEDROCK_FULL_ACCESS"

got=$(awsx iam get-role --role-name "$ROLE_NAME" \
    --query '[Role.Arn, Role.MaxSessionDuration, Role.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals."sts:ExternalId", Role.AssumeRolePolicyDocument.Statement[0].Principal.AWS]' \
    --output text)
expect_eq "$got" "$ROLE_ARN	3600	$EXTERNAL_ID	arn:aws:iam::$SAAS:root" "get-role"
got=$(awsx iam list-attached-role-policies --role-name "$ROLE_NAME" --query 'AttachedPolicies[].PolicyArn' --output text)
expect_eq "$got" "$BEDROCK_FULL_ACCESS" "list-attached-role-policies"

expect_error EntityAlreadyExists CreateRole "Role with name $ROLE_NAME already exists." \
    awsx iam create-role --role-name "$ROLE_NAME" --assume-role-policy-document "$TRUST"
expect_error MalformedPolicyDocument CreateRole "This policy contains invalid Json" \
    awsx iam create-role --role-name broken --assume-role-policy-document '{not json'
expect_error NoSuchEntity GetRole "The role with name missing-role cannot be found." \
    awsx iam get-role --role-name missing-role
echo ok
