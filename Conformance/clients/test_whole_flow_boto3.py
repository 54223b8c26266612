"""The whole connector flow of docs/MISSION.md with unmodified boto3, end to end on a server started as a team
would start it for CI with AWS's delays switched on (`--cloudtrail-lag 5m..15m --role-last-used-lag 4h`):
set-up, AssumeRole with the External ID, the model list, a greeting through the `us.` inference profile, and
the customer's audit — the AssumeRole in CloudTrail and the role's last use — each appearing only once the
virtual clock has passed AWS's delay. Protects against the steps working alone but not in sequence.

Expectations: ../shared/spec/aws-wire-facts.md §4.1, §5.3, §6.1, §7.2, §8.1–8.2."""

import json

import pytest

from conftest import (CUSTOMER_ACCOUNT, EXTERNAL_ID, ROLE_NAME, admin, client, root, serve, session_creds,
                      setup_connector)

PROFILE = "us.anthropic.claude-3-5-haiku-20241022-v1:0"


@pytest.fixture(scope="module")
def server():
    """This module's own server, with CloudTrail's and RoleLastUsed's delays as AWS has them."""
    yield from serve("--cloudtrail-lag", "5m..15m", "--role-last-used-lag", "4h")


def advance(server, seconds):
    status, body = admin(server, "POST", "/_roleplay/clock", {"advance_seconds": seconds})
    assert status == 200, body


def assume_role_events(server):
    trail = client(server, "cloudtrail", root(CUSTOMER_ACCOUNT))
    return trail.lookup_events(
        LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "AssumeRole"}])["Events"]


def test_the_whole_flow_and_the_customer_audit(server):
    connector = setup_connector(server)
    sts = client(server, "sts", connector.user)
    session = session_creds(sts.assume_role(
        RoleArn=connector.role_arn, RoleSessionName="connector-check", ExternalId=EXTERNAL_ID))

    identity = client(server, "sts", session).get_caller_identity()
    assert identity["Arn"] == f"arn:aws:sts::{CUSTOMER_ACCOUNT}:assumed-role/{ROLE_NAME}/connector-check"

    models = client(server, "bedrock", session).list_foundation_models(byProvider="Anthropic")["modelSummaries"]
    haiku = [m for m in models if m["modelId"] == PROFILE.removeprefix("us.")]
    assert haiku and haiku[0]["inferenceTypesSupported"] == ["INFERENCE_PROFILE"]

    runtime = client(server, "bedrock-runtime", session)
    answer = runtime.converse(modelId=PROFILE, messages=[{"role": "user", "content": [{"text": "Hello!"}]}])
    assert answer["stopReason"] == "end_turn"
    assert answer["output"]["message"]["content"][0]["text"]
    usage = answer["usage"]
    assert usage["inputTokens"] + usage["outputTokens"] == usage["totalTokens"]

    # AWS delivers the event within 5 to 15 minutes and shows the role's use hours later: not yet.
    assert assume_role_events(server) == []
    iam = client(server, "iam", root(CUSTOMER_ACCOUNT))
    assert "LastUsedDate" not in iam.get_role(RoleName=ROLE_NAME)["Role"].get("RoleLastUsed", {})

    advance(server, 15 * 60)
    events = assume_role_events(server)
    assert len(events) == 1
    record = json.loads(events[0]["CloudTrailEvent"])
    assert record["requestParameters"]["roleArn"] == connector.role_arn
    assert record["requestParameters"]["externalId"] == EXTERNAL_ID
    assert record["recipientAccountId"] == CUSTOMER_ACCOUNT
    assert record["userIdentity"]["type"] == "AWSAccount"
    assert "secretAccessKey" not in json.dumps(record)

    advance(server, 4 * 3600)
    last_used = iam.get_role(RoleName=ROLE_NAME)["Role"]["RoleLastUsed"]
    assert last_used["Region"] == "us-east-1"
    assert "LastUsedDate" in last_used
