"""Fault injection (docs/faults.md) as boto3 sees it: injected throttling is retried by botocore's legacy retry
mode (spec §9.1) and then succeeds; an injected 500 surfaces as the service's error."""

import pytest
from botocore.exceptions import ClientError

from conftest import admin, client, root

ACCOUNT = "111111111111"


def add_rule(server, rule: dict) -> dict:
    status, body = admin(server, "POST", "/_roleplay/faults", rule)
    assert status == 200, body
    return body


def test_throttling_retried_until_success(server):
    add_rule(server, {"service": "bedrock", "operation": "ListFoundationModels", "throttle": True, "count": 2})
    bedrock = client(server, "bedrock", root(ACCOUNT), retries=True)
    resp = bedrock.list_foundation_models()
    assert resp["ResponseMetadata"]["RetryAttempts"] == 2
    assert resp["modelSummaries"]
    _, listed = admin(server, "GET", "/_roleplay/faults")
    assert [(r["hits"], r["remaining"]) for r in listed["rules"]] == [(2, 0)]


def test_query_throttling_retried(server):
    add_rule(server, {"service": "sts", "throttle": True, "count": 2})
    sts = client(server, "sts", root(ACCOUNT), retries=True)
    resp = sts.get_caller_identity()
    assert resp["ResponseMetadata"]["RetryAttempts"] == 2
    assert resp["Account"] == ACCOUNT


def test_injected_500(server):
    """A 500 is retried too (legacy mode); every attempt gets the same injected error."""
    add_rule(server, {"service": "bedrock", "error": {"code": "InternalServerException", "status": 500,
                                                      "message": "injected"}})
    bedrock = client(server, "bedrock", root(ACCOUNT))
    with pytest.raises(ClientError) as info:
        bedrock.list_inference_profiles()
    err = info.value.response
    assert (err["Error"]["Code"], err["ResponseMetadata"]["HTTPStatusCode"]) == ("InternalServerException", 500)
    assert err["Error"]["Message"] == "injected"
    assert err["ResponseMetadata"]["RequestId"]
    _, listed = admin(server, "GET", "/_roleplay/faults")
    assert listed["rules"][0]["hits"] == 1 + err["ResponseMetadata"]["RetryAttempts"]
    admin(server, "DELETE", "/_roleplay/faults")
    assert bedrock.list_inference_profiles()["inferenceProfileSummaries"]


def test_faults_cleared(server):
    add_rule(server, {"throttle": True})
    assert admin(server, "DELETE", "/_roleplay/faults") == (200, {"status": "cleared"})
    assert client(server, "sts", root(ACCOUNT)).get_caller_identity()["Account"] == ACCOUNT
