"""CloudTrail event history with unmodified boto3 (spec §8): the customer finds the connector's AssumeRole, pages
with boto3's paginator, and sees events only after the delivery lag of a server started with
`--cloudtrail-lag 5m..15m` has passed on the virtual clock."""

import json

import pytest

from conftest import (CUSTOMER_ACCOUNT, SAAS_ACCOUNT, USER_NAME, admin, client, root, serve, session_creds,
                      setup_connector)


def assume_connector_role(server, connector, session_name="connector-session"):
    sts = client(server, "sts", connector.user)
    return sts.assume_role(RoleArn=connector.role_arn, RoleSessionName=session_name,
                           ExternalId=connector.external_id, DurationSeconds=3600)


def test_customer_finds_the_connector_assume_role(server, connector):
    response = assume_connector_role(server, connector)
    trail = client(server, "cloudtrail", root(CUSTOMER_ACCOUNT))
    events = trail.lookup_events(
        LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "AssumeRole"}])["Events"]
    assert len(events) == 1
    event = events[0]
    assert event["EventName"] == "AssumeRole"
    assert event["EventSource"] == "sts.amazonaws.com"
    assert event["ReadOnly"] == "true"
    assert event["Resources"] == [{"ResourceType": "AWS::IAM::Role", "ResourceName": connector.role_arn}]
    record = json.loads(event["CloudTrailEvent"])
    assert record["requestParameters"]["roleArn"] == connector.role_arn
    assert record["requestParameters"]["externalId"] == connector.external_id
    assert record["requestParameters"]["durationSeconds"] == 3600
    assert record["userIdentity"] == {"type": "AWSAccount", "principalId": record["userIdentity"]["principalId"],
                                      "accountId": SAAS_ACCOUNT}
    assert record["recipientAccountId"] == CUSTOMER_ACCOUNT
    assert record["sharedEventID"]
    assert record["userAgent"].startswith("Boto3/")
    credentials = response["Credentials"]
    assert record["responseElements"]["credentials"]["accessKeyId"] == credentials["AccessKeyId"]
    assert credentials["SecretAccessKey"] not in event["CloudTrailEvent"]
    assert event["EventId"] == record["eventID"]

    # The SaaS side's copy shares the sharedEventID and names its user.
    saas = client(server, "cloudtrail", root(SAAS_ACCOUNT)).lookup_events(
        LookupAttributes=[{"AttributeKey": "Username", "AttributeValue": USER_NAME}])["Events"]
    assert [e["EventName"] for e in saas] == ["AssumeRole"]
    assert json.loads(saas[0]["CloudTrailEvent"])["sharedEventID"] == record["sharedEventID"]


def test_session_calls_are_in_the_customer_history(server, connector):
    session = session_creds(assume_connector_role(server, connector))
    client(server, "sts", session).get_caller_identity()
    events = client(server, "cloudtrail", root(CUSTOMER_ACCOUNT)).lookup_events(
        LookupAttributes=[{"AttributeKey": "Username", "AttributeValue": "connector-session"}])["Events"]
    assert [e["EventName"] for e in events] == ["GetCallerIdentity"]
    identity = json.loads(events[0]["CloudTrailEvent"])["userIdentity"]
    assert identity["type"] == "AssumedRole"
    assert identity["sessionContext"]["sessionIssuer"]["arn"] == connector.role_arn


def test_paginator_walks_every_page(server, connector):
    for index in range(7):
        assume_connector_role(server, connector, session_name=f"session-{index}")
    trail = client(server, "cloudtrail", root(CUSTOMER_ACCOUNT))
    pages = list(trail.get_paginator("lookup_events").paginate(
        LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "AssumeRole"}],
        PaginationConfig={"PageSize": 3}))
    assert [len(page["Events"]) for page in pages] == [3, 3, 1]
    sessions = [json.loads(e["CloudTrailEvent"])["requestParameters"]["roleSessionName"]
                for page in pages for e in page["Events"]]
    assert sessions == [f"session-{index}" for index in reversed(range(7))]


def test_lookup_errors(server):
    trail = client(server, "cloudtrail", root(CUSTOMER_ACCOUNT))
    with pytest.raises(trail.exceptions.InvalidLookupAttributesException):
        trail.lookup_events(LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "A"},
                                              {"AttributeKey": "Username", "AttributeValue": "b"}])
    with pytest.raises(trail.exceptions.InvalidTimeRangeException):
        trail.lookup_events(StartTime=1736942500, EndTime=1736942400)
    with pytest.raises(trail.exceptions.InvalidMaxResultsException):
        trail.lookup_events(MaxResults=51)
    with pytest.raises(trail.exceptions.InvalidNextTokenException):
        trail.lookup_events(NextToken="bm90LWEtdG9rZW4=")


@pytest.fixture(scope="module")
def lagging_server():
    yield from serve("--cloudtrail-lag", "5m..15m")


def test_delivery_lag_follows_the_virtual_clock(lagging_server):
    setup_connector(lagging_server)
    trail = client(lagging_server, "cloudtrail", root(CUSTOMER_ACCOUNT))
    lookup = {"LookupAttributes": [{"AttributeKey": "EventName", "AttributeValue": "CreateRole"}]}
    assert trail.lookup_events(**lookup)["Events"] == []
    status, _ = admin(lagging_server, "POST", "/_roleplay/clock", {"advance_seconds": 15 * 60})
    assert status == 200
    events = trail.lookup_events(**lookup)["Events"]
    assert [e["EventName"] for e in events] == ["CreateRole"]
