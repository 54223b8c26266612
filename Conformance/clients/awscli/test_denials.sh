#!/usr/bin/env bash
# Denials with the aws CLI: a nonexistent role is AccessDenied (never NoSuchEntity), root may not assume roles,
# an unknown key is InvalidClientTokenId (spec §2.4, §4.1).
source "$(dirname "$0")/lib.sh"
setup_connector

missing="arn:aws:iam::$CUSTOMER:role/does-not-exist"
as "$SAAS_KEY" "$SAAS_SECRET"
expect_error AccessDenied AssumeRole \
    "User: $USER_ARN is not authorized to perform: sts:AssumeRole on resource: $missing" \
    awsx sts assume-role --role-arn "$missing" --role-session-name airia-connector --external-id "$EXTERNAL_ID"

as "$SAAS" test
expect_error AccessDenied AssumeRole "Roles may not be assumed by root accounts." \
    awsx sts assume-role --role-arn "$ROLE_ARN" --role-session-name airia-connector --external-id "$EXTERNAL_ID"

as AKIAZZZZZZZZZZZZZZZZ ssssssssssssssssssssssssssssssssssssssss
expect_error InvalidClientTokenId GetCallerIdentity "The security token included in the request is invalid." \
    awsx sts get-caller-identity
echo ok
