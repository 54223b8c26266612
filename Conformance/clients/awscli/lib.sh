# Shared by the awscli tests (sourced, not run): the endpoint from $1, the connector-flow names of docs/MISSION.md,
# and checks that compare `aws` output and error text exactly (spec: ../shared/spec/aws-wire-facts.md §2.4, §4, §5).
set -euo pipefail
ENDPOINT="${1:?usage: $0 http://HOST:PORT}"
export AWS_DEFAULT_REGION=us-east-1 AWS_MAX_ATTEMPTS=1
SAAS=808540602285
CUSTOMER=123456789012
ROLE_NAME=airia-bedrock-access
ROLE_ARN="arn:aws:iam::$CUSTOMER:role/$ROLE_NAME"
USER_ARN="arn:aws:iam::$SAAS:user/saas-connector"
EXTERNAL_ID=airia-ext-4b1f9c2e
BEDROCK_FULL_ACCESS=arn:aws:iam::aws:policy/AmazonBedrockFullAccess
TRUST='{"Version":"2012-10-17","Statement":[{"Sid":"AllowSystemAccount","Effect":"Allow",
 "Principal":{"AWS":"arn:aws:iam::808540602285:root"},"Action":"sts:AssumeRole",
 "Condition":{"StringEquals":{"sts:ExternalId":"airia-ext-4b1f9c2e"}}}]}'
ASSUME_ANY='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::*:role/*"}]}'

awsx() { aws --endpoint-url "$ENDPOINT" "$@"; }

# as KEY SECRET [TOKEN]: the credentials the next calls use (a 12-digit key with secret `test` is that account's root).
as() {
    export AWS_ACCESS_KEY_ID="$1" AWS_SECRET_ACCESS_KEY="$2"
    if [ $# -ge 3 ]; then export AWS_SESSION_TOKEN="$3"; else unset AWS_SESSION_TOKEN; fi
}

fail() { echo "FAIL: $*" >&2; exit 1; }
expect_eq() { [ "$1" == "$2" ] || fail "$3: expected '$2', got '$1'"; }

# expect_error CODE OPERATION MESSAGE COMMAND...: the command must fail with exactly awscli's line for that error.
expect_error() {
    local want="An error occurred ($1) when calling the $2 operation: $3" err rc=0
    shift 3
    err=$("$@" 2>&1 >/dev/null) || rc=$?
    [ "$rc" -ne 0 ] || fail "'$*' succeeded; expected: $want"
    grep -qxF -- "$want" <<<"$err" || fail "'$*' (exit $rc) printed:
$err
expected the line:
$want"
}

# setup_connector: steps 1-4, leaving SAAS_KEY/SAAS_SECRET for the SaaS user that may assume roles.
setup_connector() {
    as "$SAAS" test
    awsx iam create-user --user-name saas-connector >/dev/null
    awsx iam put-user-policy --user-name saas-connector --policy-name assume-roles --policy-document "$ASSUME_ANY"
    local keys
    keys=$(awsx iam create-access-key --user-name saas-connector --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text)
    read -r SAAS_KEY SAAS_SECRET <<<"$keys"
    as "$CUSTOMER" test
    awsx iam create-role --role-name "$ROLE_NAME" --assume-role-policy-document "$TRUST" >/dev/null
    awsx iam attach-role-policy --role-name "$ROLE_NAME" --policy-arn "$BEDROCK_FULL_ACCESS"
}
