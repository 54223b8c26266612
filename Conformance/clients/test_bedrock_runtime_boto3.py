"""Bedrock Runtime through unmodified boto3 (../shared/spec/aws-wire-facts.md §7): the connector's role session
invokes a model through a `us.` inference profile, converses, reads both streams to the end; a list-only role
is denied; scripted answers and a cut stream behave as a real failing service would for boto3."""

import json

import pytest
from botocore.exceptions import ClientError, EventStreamError
from urllib3.exceptions import ProtocolError

from conftest import CUSTOMER_ACCOUNT, Creds, admin, client, root, session_creds, trust_policy

PROFILE = "us.anthropic.claude-3-5-haiku-20241022-v1:0"
GREETING = "Hello! How can I help you today?"
ANTHROPIC_HELLO = {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 256, "system": "Be brief.",
                   "messages": [{"role": "user", "content": [{"type": "text", "text": "Say hello"}]}]}
CONVERSE_HELLO = {"system": [{"text": "Be brief."}], "messages": [{"role": "user", "content": [{"text": "Say hello"}]}],
                  "inferenceConfig": {"maxTokens": 256, "temperature": 0.2}}


def runtime(server, creds: Creds):
    return client(server, "bedrock-runtime", creds)


@pytest.fixture
def role_session(server, connector) -> Creds:
    """The customer role's session, assumed by the SaaS user with the External ID."""
    out = client(server, "sts", connector.user).assume_role(
        RoleArn=connector.role_arn, RoleSessionName="connector-session", ExternalId=connector.external_id)
    return session_creds(out)


def test_invoke_model_through_a_profile_answers_a_greeting(server, role_session):
    out = runtime(server, role_session).invoke_model(
        modelId=PROFILE, body=json.dumps(ANTHROPIC_HELLO), contentType="application/json", accept="application/json")
    body = json.loads(out["body"].read())
    assert out["contentType"] == "application/json"
    assert body["content"] == [{"type": "text", "text": GREETING}]
    assert body["stop_reason"] == "end_turn" and body["id"].startswith("msg_bdrk_")
    headers = out["ResponseMetadata"]["HTTPHeaders"]
    assert int(headers["x-amzn-bedrock-input-token-count"]) == body["usage"]["input_tokens"]
    assert int(headers["x-amzn-bedrock-output-token-count"]) == body["usage"]["output_tokens"]


def test_converse(server, role_session):
    out = runtime(server, role_session).converse(modelId=PROFILE, **CONVERSE_HELLO)
    assert out["output"]["message"] == {"role": "assistant", "content": [{"text": GREETING}]}
    assert out["stopReason"] == "end_turn"
    usage = out["usage"]
    assert usage["inputTokens"] + usage["outputTokens"] == usage["totalTokens"]
    assert out["metrics"]["latencyMs"] >= 0


def test_converse_stream_read_to_the_end(server, role_session):
    out = runtime(server, role_session).converse_stream(
        modelId=PROFILE, messages=[{"role": "user", "content": [{"text": "Describe the weather on Mars"}]}])
    events = list(out["stream"])
    names = [next(iter(e)) for e in events]
    assert names[0] == "messageStart" and names[-3:] == ["contentBlockStop", "messageStop", "metadata"]
    text = "".join(e["contentBlockDelta"]["delta"]["text"] for e in events if "contentBlockDelta" in e)
    assert names.count("contentBlockDelta") > 1 and text.endswith(".")
    whole = runtime(server, role_session).converse(
        modelId=PROFILE, messages=[{"role": "user", "content": [{"text": "Describe the weather on Mars"}]}])
    assert whole["output"]["message"]["content"][0]["text"] == text
    assert events[-1]["metadata"]["usage"] == whole["usage"]


def test_invoke_model_with_response_stream_read_to_the_end(server, role_session):
    out = runtime(server, role_session).invoke_model_with_response_stream(
        modelId=PROFILE, body=json.dumps(ANTHROPIC_HELLO), contentType="application/json")
    chunks = [json.loads(event["chunk"]["bytes"]) for event in out["body"]]
    assert chunks[0]["type"] == "message_start" and chunks[-1]["type"] == "message_stop"
    text = "".join(c["delta"]["text"] for c in chunks if c["type"] == "content_block_delta")
    assert text == GREETING
    metrics = chunks[-1]["amazon-bedrock-invocationMetrics"]
    assert metrics["outputTokenCount"] == chunks[-2]["usage"]["output_tokens"]


def test_list_only_role_is_denied(server, connector):
    iam = client(server, "iam", root(CUSTOMER_ACCOUNT))
    iam.create_role(RoleName="bedrock-reader", AssumeRolePolicyDocument=json.dumps(trust_policy(connector.external_id)))
    iam.attach_role_policy(RoleName="bedrock-reader", PolicyArn="arn:aws:iam::aws:policy/AmazonBedrockReadOnly")
    out = client(server, "sts", connector.user).assume_role(
        RoleArn=f"arn:aws:iam::{CUSTOMER_ACCOUNT}:role/bedrock-reader", RoleSessionName="reader",
        ExternalId=connector.external_id)
    with pytest.raises(ClientError) as info:
        runtime(server, session_creds(out)).invoke_model(modelId=PROFILE, body=json.dumps(ANTHROPIC_HELLO))
    error = info.value.response
    assert error["Error"]["Code"] == "AccessDeniedException"
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert error["Error"]["Message"] == (
        f"User: arn:aws:sts::{CUSTOMER_ACCOUNT}:assumed-role/bedrock-reader/reader is not authorized to perform: "
        f"bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1:{CUSTOMER_ACCOUNT}:inference-profile/{PROFILE} "
        f"because no identity-based policy allows the bedrock:InvokeModel action")


def test_profile_only_model_by_bare_id_is_a_validation_error(server, role_session):
    with pytest.raises(ClientError) as info:
        runtime(server, role_session).converse(modelId="anthropic.claude-3-5-haiku-20241022-v1:0", **CONVERSE_HELLO)
    assert info.value.response["Error"]["Code"] == "ValidationException"
    assert "isn\u2019t supported" in info.value.response["Error"]["Message"]


def test_scripted_tool_call(server, role_session):
    status, _ = admin(server, "POST", "/_roleplay/bedrock/responses",
                      {"model": PROFILE, "prompt": "weather", "tool_use": {"name": "get_weather", "input": {"city": "Paris"}}})
    assert status == 200
    out = runtime(server, role_session).converse(
        modelId=PROFILE, messages=[{"role": "user", "content": [{"text": "What's the weather in Paris?"}]}],
        toolConfig={"tools": [{"toolSpec": {"name": "get_weather", "inputSchema": {"json": {"type": "object"}}}}]})
    assert out["stopReason"] == "tool_use"
    tool = out["output"]["message"]["content"][0]["toolUse"]
    assert tool["name"] == "get_weather" and tool["input"] == {"city": "Paris"}
    assert tool["toolUseId"].startswith("tooluse_")


def test_scripted_throttling_is_a_client_error(server, role_session):
    admin(server, "POST", "/_roleplay/bedrock/responses",
          {"model": "*", "error": {"code": "ThrottlingException", "message": "Too many requests, please wait before trying again."}})
    with pytest.raises(ClientError) as info:
        runtime(server, role_session).converse(modelId=PROFILE, **CONVERSE_HELLO)
    assert info.value.response["Error"]["Code"] == "ThrottlingException"
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 429


def test_in_stream_exception_raises_event_stream_error(server, role_session):
    admin(server, "POST", "/_roleplay/bedrock/responses",
          {"model": "*", "error": {"code": "ModelErrorException", "message": "Boom.", "after_chunks": 2}})
    out = runtime(server, role_session).converse_stream(modelId=PROFILE, **CONVERSE_HELLO)
    with pytest.raises(EventStreamError) as info:
        list(out["stream"])
    assert info.value.response["Error"]["Code"] == "modelStreamErrorException"


def test_cut_stream_raises_in_boto3(server, role_session):
    admin(server, "POST", "/_roleplay/bedrock/responses", {"model": "*", "cut_after_chunks": 2})
    out = runtime(server, role_session).invoke_model_with_response_stream(
        modelId=PROFILE, body=json.dumps(ANTHROPIC_HELLO), contentType="application/json")
    received = []
    # The connection ends inside the chunked body: urllib3 reports the broken read, botocore passes it on.
    with pytest.raises(ProtocolError):
        for event in out["body"]:
            received.append(event)
    assert len(received) == 2


def test_throttled_once_then_boto3_retries_and_succeeds(server, role_session):
    admin(server, "POST", "/_roleplay/bedrock/responses",
          {"model": "*", "error": {"code": "ThrottlingException", "message": "Too many requests, please wait before trying again."},
           "times": 1})
    out = client(server, "bedrock-runtime", role_session, retries=True).converse(modelId=PROFILE, **CONVERSE_HELLO)
    assert out["output"]["message"]["content"] == [{"text": GREETING}]
    assert out["ResponseMetadata"]["RetryAttempts"] == 1
    assert admin(server, "GET", "/_roleplay/bedrock/responses") == (200, {"rules": []})
