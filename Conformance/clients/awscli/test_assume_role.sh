#!/usr/bin/env bash
# Step 5 with the aws CLI: the right External ID gives credentials that identify as the assumed role; a wrong
# (reloaded page) or missing one is AccessDenied with AWS's message (spec §4.1, §4.2).
source "$(dirname "$0")/lib.sh"
setup_connector

as "$SAAS_KEY" "$SAAS_SECRET"
creds=$(awsx sts assume-role --role-arn "$ROLE_ARN" --role-session-name airia-connector \
    --external-id "$EXTERNAL_ID" --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)
read -r key secret token <<<"$creds"
[[ "$key" == ASIA* ]] || fail "assume-role AccessKeyId '$key' does not start with ASIA"

as "$key" "$secret" "$token"
got=$(awsx sts get-caller-identity --query '[Arn,Account]' --output text)
expect_eq "$got" "arn:aws:sts::$CUSTOMER:assumed-role/$ROLE_NAME/airia-connector	$CUSTOMER" "get-caller-identity (session)"

as "$SAAS_KEY" "$SAAS_SECRET"
denied="User: $USER_ARN is not authorized to perform: sts:AssumeRole on resource: $ROLE_ARN"
expect_error AccessDenied AssumeRole "$denied" \
    awsx sts assume-role --role-arn "$ROLE_ARN" --role-session-name airia-connector --external-id airia-ext-reloaded
expect_error AccessDenied AssumeRole "$denied" \
    awsx sts assume-role --role-arn "$ROLE_ARN" --role-session-name airia-connector
echo ok
