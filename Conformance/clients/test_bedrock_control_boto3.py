"""The Bedrock control plane (spec §6) through an unmodified boto3 `bedrock` client: listing and getting models and
inference profiles, filters, paging, not found, validation and an IAM denial, each as boto3 parses it."""

import pytest
from botocore.exceptions import ClientError

from conftest import REGION, client, make_user, root

ACCOUNT = "111111111111"
HAIKU = "anthropic.claude-3-5-haiku-20241022-v1:0"
HAIKU_PROFILE = f"us.{HAIKU}"


def expect_error(call, code: str, status: int) -> dict:
    with pytest.raises(ClientError) as info:
        call()
    resp = info.value.response
    assert (resp["Error"]["Code"], resp["ResponseMetadata"]["HTTPStatusCode"]) == (code, status), resp
    return resp


@pytest.fixture
def bedrock(server):
    return client(server, "bedrock", root(ACCOUNT))


def test_list_foundation_models(bedrock):
    models = bedrock.list_foundation_models()["modelSummaries"]
    haiku = next(m for m in models if m["modelId"] == HAIKU)
    assert haiku["modelArn"] == f"arn:aws:bedrock:{REGION}::foundation-model/{HAIKU}"
    assert haiku["providerName"] == "Anthropic"
    assert haiku["modelLifecycle"] == {"status": "ACTIVE"}
    filtered = bedrock.list_foundation_models(byProvider="anthropic", byOutputModality="TEXT")["modelSummaries"]
    assert filtered and all(m["providerName"] == "Anthropic" for m in filtered)
    assert len(filtered) < len(models)


def test_filter_validation(bedrock):
    resp = expect_error(lambda: bedrock.list_foundation_models(byOutputModality="VIDEO"), "ValidationException", 400)
    assert "Member must satisfy enum value set: [TEXT, IMAGE, EMBEDDING]" in resp["Error"]["Message"]


def test_get_foundation_model_by_id_and_arn(bedrock):
    by_id = bedrock.get_foundation_model(modelIdentifier=HAIKU)["modelDetails"]
    by_arn = bedrock.get_foundation_model(modelIdentifier=by_id["modelArn"])["modelDetails"]
    assert by_id == by_arn
    assert by_id["modelId"] == HAIKU
    expect_error(lambda: bedrock.get_foundation_model(modelIdentifier="anthropic.nope-v1:0"),
                 "ResourceNotFoundException", 404)


def test_inference_profiles_paged(bedrock):
    everything = bedrock.list_inference_profiles()["inferenceProfileSummaries"]
    seen, token = [], None
    while True:
        page = bedrock.list_inference_profiles(maxResults=5, typeEquals="SYSTEM_DEFINED",
                                               **({"nextToken": token} if token else {}))
        seen += page["inferenceProfileSummaries"]
        token = page.get("nextToken")
        if not token:
            break
    assert [p["inferenceProfileId"] for p in seen] == [p["inferenceProfileId"] for p in everything]
    haiku = next(p for p in everything if p["inferenceProfileId"] == HAIKU_PROFILE)
    assert haiku["inferenceProfileArn"] == f"arn:aws:bedrock:{REGION}:{ACCOUNT}:inference-profile/{HAIKU_PROFILE}"
    assert haiku["createdAt"].tzinfo is not None  # parsed as an ISO 8601 timestamp
    expect_error(lambda: bedrock.list_inference_profiles(nextToken="garbage"), "ValidationException", 400)


def test_get_inference_profile(bedrock):
    by_id = bedrock.get_inference_profile(inferenceProfileIdentifier=HAIKU_PROFILE)
    by_arn = bedrock.get_inference_profile(inferenceProfileIdentifier=by_id["inferenceProfileArn"])
    for resp in (by_id, by_arn):
        resp.pop("ResponseMetadata")
    assert by_id == by_arn
    assert by_id["type"] == "SYSTEM_DEFINED"
    expect_error(lambda: bedrock.get_inference_profile(inferenceProfileIdentifier="us.nope-v1:0"),
                 "ResourceNotFoundException", 404)


def test_denied_without_permission(server):
    user = make_user(server, ACCOUNT, "nobody")
    bedrock = client(server, "bedrock", user)
    resp = expect_error(bedrock.list_foundation_models, "AccessDeniedException", 403)
    assert resp["Error"]["Message"] == (
        f"User: arn:aws:iam::{ACCOUNT}:user/nobody is not authorized to perform: bedrock:ListFoundationModels "
        "because no identity-based policy allows the bedrock:ListFoundationModels action")
