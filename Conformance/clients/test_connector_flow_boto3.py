"""The connector flow of docs/MISSION.md (steps 1-5) through unmodified boto3, success and every way it fails.

Codes, HTTP statuses and messages are AWS's, from ../shared/spec/aws-wire-facts.md: §2.3-2.4 auth errors, §2.5 identifiers,
§4.1 AssumeRole errors, §4.2 GetCallerIdentity, §5.1-5.5 IAM. Where the spec gives a message it is compared exactly."""

import json
import re
from datetime import datetime, timedelta

import botocore.auth
import botocore.compat
import pytest
from botocore.exceptions import ClientError

from conftest import (BEDROCK_FULL_ACCESS, CUSTOMER_ACCOUNT, OTHER_ACCOUNT, ROLE_ARN, ROLE_NAME, SAAS_ACCOUNT,
                      USER_ARN, ASSUME_ANY_ROLE, Creds, admin, client, make_user, root, session_creds,
                      trust_policy)

SESSION = "airia-connector"
ASSUMED_ARN = f"arn:aws:sts::{CUSTOMER_ACCOUNT}:assumed-role/{ROLE_NAME}/{SESSION}"
DENIED = "User: {caller} is not authorized to perform: sts:AssumeRole on resource: {role}"
AMZ_DATE = "%Y%m%dT%H%M%SZ"
SIGNATURE_MISMATCH = ("The request signature we calculated does not match the signature you provided. Check your AWS "
                      "Secret Access Key and signing method. Consult the service documentation for details.")


def expect_error(call, code: str, status: int, message: str | None = None) -> dict:
    """Run `call`, require a ClientError with this code and status (and message if given); return the response."""
    with pytest.raises(ClientError) as info:
        call()
    resp = info.value.response
    got = (resp["Error"]["Code"], resp["ResponseMetadata"]["HTTPStatusCode"])
    assert got == (code, status), f"got {got}: {resp['Error'].get('Message')!r}"
    if message is not None:
        assert resp["Error"]["Message"] == message
    return resp


def assume(server, creds: Creds, role_arn: str = ROLE_ARN, **kwargs) -> dict:
    return client(server, "sts", creds).assume_role(RoleArn=role_arn, RoleSessionName=SESSION, **kwargs)


def denied(caller: str, role: str = ROLE_ARN) -> str:
    return DENIED.format(caller=caller, role=role)


def virtual_now(server) -> datetime:
    status, body = admin(server, "GET", "/_roleplay/health")
    assert status == 200 and body["status"] == "ok"
    return datetime.fromisoformat(body["now"].replace("Z", "+00:00"))


# --- step 5 succeeds -------------------------------------------------------------------------------------------------

def test_assume_role_with_right_external_id_returns_session_credentials(server, connector):
    """§4.1: the right External ID yields ASIA credentials expiring after the default 3600 s."""
    before = virtual_now(server)
    out = assume(server, connector.user, ExternalId=connector.external_id)
    c = out["Credentials"]
    assert re.fullmatch(r"ASIA[A-Z2-7]{16}", c["AccessKeyId"]), c["AccessKeyId"]
    assert len(c["SecretAccessKey"]) == 40 and c["SessionToken"]
    assert out["AssumedRoleUser"]["Arn"] == ASSUMED_ARN
    assert re.fullmatch(rf"AROA[A-Z0-9]{{17}}:{SESSION}", out["AssumedRoleUser"]["AssumedRoleId"])
    lifetime = c["Expiration"] - before
    assert timedelta(seconds=3600 - 60) <= lifetime <= timedelta(seconds=3600 + 60), lifetime
    meta = out["ResponseMetadata"]
    assert meta["RequestId"] and meta["HTTPHeaders"].get("x-amzn-requestid") == meta["RequestId"], meta
    assert "date" in meta["HTTPHeaders"], "§9.4: every response carries Date"


def test_caller_identity_of_the_session_is_the_assumed_role(server, connector):
    """§4.2: the assumed-role ARN (path dropped) and UserId `{RoleId}:{session}`, RoleId as GetRole reports it."""
    creds = session_creds(assume(server, connector.user, ExternalId=connector.external_id))
    ident = client(server, "sts", creds).get_caller_identity()
    role_id = client(server, "iam", root(CUSTOMER_ACCOUNT)).get_role(RoleName=ROLE_NAME)["Role"]["RoleId"]
    assert re.fullmatch(r"AROA[A-Z0-9]{17}", role_id), role_id
    assert (ident["Arn"], ident["UserId"], ident["Account"]) == (ASSUMED_ARN, f"{role_id}:{SESSION}", CUSTOMER_ACCOUNT)


def test_caller_identity_of_the_saas_user_and_of_root(server, connector):
    """§4.2: an IAM user is `AIDA…` with its user ARN; a root caller is the account id with `:root`."""
    user = client(server, "sts", connector.user).get_caller_identity()
    assert (user["Arn"], user["Account"]) == (USER_ARN, SAAS_ACCOUNT)
    assert re.fullmatch(r"AIDA[A-Z0-9]{17}", user["UserId"]), user["UserId"]
    me = client(server, "sts", root(SAAS_ACCOUNT)).get_caller_identity()
    assert (me["Arn"], me["UserId"], me["Account"]) == (f"arn:aws:iam::{SAAS_ACCOUNT}:root", SAAS_ACCOUNT, SAAS_ACCOUNT)


def test_get_session_token_for_the_iam_user(server, connector):
    """GetSessionToken gives the user ASIA credentials that still identify as the user, not a role."""
    c = client(server, "sts", connector.user).get_session_token()["Credentials"]
    assert re.fullmatch(r"ASIA[A-Z2-7]{16}", c["AccessKeyId"]) and c["SessionToken"]
    ident = client(server, "sts", Creds(c["AccessKeyId"], c["SecretAccessKey"], c["SessionToken"])).get_caller_identity()
    assert (ident["Arn"], ident["Account"]) == (USER_ARN, SAAS_ACCOUNT)


def test_updating_the_trust_policy_to_the_new_external_id_fixes_a_reloaded_page(server, connector):
    """The documented fix for a reloaded page: put the new External ID in the trust policy; the old one then fails."""
    iam = client(server, "iam", root(CUSTOMER_ACCOUNT))
    iam.update_assume_role_policy(RoleName=ROLE_NAME, PolicyDocument=json.dumps(trust_policy("airia-ext-new")))
    assert assume(server, connector.user, ExternalId="airia-ext-new")["AssumedRoleUser"]["Arn"] == ASSUMED_ARN
    expect_error(lambda: assume(server, connector.user, ExternalId=connector.external_id),
                 "AccessDenied", 403, denied(USER_ARN))


# --- step 5 is denied ------------------------------------------------------------------------------------------------

def test_wrong_external_id_from_a_reloaded_page_is_denied(server, connector):
    """§4.1: an External ID that no longer matches the trust policy is AccessDenied, with no hint why."""
    expect_error(lambda: assume(server, connector.user, ExternalId="airia-ext-reloaded-0d77"),
                 "AccessDenied", 403, denied(USER_ARN))


def test_missing_external_id_is_denied(server, connector):
    """§4.1: the trust policy's StringEquals on sts:ExternalId fails when the key is absent."""
    expect_error(lambda: assume(server, connector.user), "AccessDenied", 403, denied(USER_ARN))


def test_a_third_account_with_the_right_external_id_is_denied(server, connector):
    """§4.1: the trust policy names only the SaaS account; another account's permitted user is still denied."""
    outsider = make_user(server, OTHER_ACCOUNT, "intruder", ASSUME_ANY_ROLE)
    expect_error(lambda: assume(server, outsider, ExternalId=connector.external_id), "AccessDenied", 403,
                 denied(f"arn:aws:iam::{OTHER_ACCOUNT}:user/intruder"))


def test_root_credentials_cannot_assume_a_role(server, connector):
    """MISSION.md / contract: root may never call AssumeRole, even from the trusted account."""
    expect_error(lambda: assume(server, root(SAAS_ACCOUNT), ExternalId=connector.external_id),
                 "AccessDenied", 403, "Roles may not be assumed by root accounts.")


def test_caller_without_its_own_assume_role_permission_is_denied(server, connector):
    """§4.1: a trust policy naming the account root delegates to the caller's identity policy, which must allow it."""
    bare = make_user(server, SAAS_ACCOUNT, "no-policy-user")
    expect_error(lambda: assume(server, bare, ExternalId=connector.external_id), "AccessDenied", 403,
                 denied(f"arn:aws:iam::{SAAS_ACCOUNT}:user/no-policy-user"))


def test_nonexistent_role_is_access_denied_not_no_such_entity(server, connector):
    """§4.1: a missing role must not be distinguishable from a refused one."""
    missing = f"arn:aws:iam::{CUSTOMER_ACCOUNT}:role/does-not-exist"
    expect_error(lambda: assume(server, connector.user, missing, ExternalId=connector.external_id),
                 "AccessDenied", 403, denied(USER_ARN, missing))


def test_duration_over_max_session_duration_is_a_validation_error(server, connector):
    """§4.1: DurationSeconds above the role's MaxSessionDuration (default 3600)."""
    expect_error(lambda: assume(server, connector.user, ExternalId=connector.external_id, DurationSeconds=7200),
                 "ValidationError", 400, "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")


def test_role_chaining_is_limited_to_one_hour(server, connector):
    """§4.1: a role session assuming another role may ask at most 3600 s, whatever the target's MaxSessionDuration."""
    iam = client(server, "iam", root(CUSTOMER_ACCOUNT))
    target = iam.create_role(RoleName="chained-target", MaxSessionDuration=43200,
                             AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{
                                 "Effect": "Allow", "Principal": {"AWS": ROLE_ARN}, "Action": "sts:AssumeRole"}]}))
    iam.put_role_policy(RoleName=ROLE_NAME, PolicyName="chain", PolicyDocument=json.dumps(ASSUME_ANY_ROLE))
    first = session_creds(assume(server, connector.user, ExternalId=connector.external_id))
    target_arn = target["Role"]["Arn"]
    assert assume(server, first, target_arn, DurationSeconds=3600)["AssumedRoleUser"]["Arn"] == \
        f"arn:aws:sts::{CUSTOMER_ACCOUNT}:assumed-role/chained-target/{SESSION}"
    expect_error(lambda: assume(server, first, target_arn, DurationSeconds=7200), "ValidationError", 400,
                 "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")


@pytest.mark.parametrize("name, duration, constraint", [
    ("s" * 70, 3600, "Value '" + "s" * 70 + "' at 'roleSessionName' failed to satisfy constraint: "
                     "Member must have length less than or equal to 64"),
    ("bad name!", 3600, "Value 'bad name!' at 'roleSessionName' failed to satisfy constraint: "
                        r"Member must satisfy regular expression pattern: [\w+=,.@-]*"),
    (SESSION, 99999, "Value '99999' at 'durationSeconds' failed to satisfy constraint: "
                     "Member must have value less than or equal to 43200"),
], ids=["session-name-too-long", "session-name-bad-characters", "duration-over-43200"])
def test_input_outside_the_model_is_a_validation_error(server, connector, name, duration, constraint):
    """§4.1: boto3 checks only minimums, so maxima and patterns reach the server, which answers as AWS's model does."""
    call = lambda: client(server, "sts", connector.user).assume_role(
        RoleArn=ROLE_ARN, RoleSessionName=name, ExternalId=connector.external_id, DurationSeconds=duration)
    expect_error(call, "ValidationError", 400, f"1 validation error detected: {constraint}")


def test_session_credentials_expire_on_the_virtual_clock(server, connector):
    """§2.4: a session past its Expiration answers ExpiredToken 403 (not the modeled ExpiredTokenException)."""
    creds = session_creds(assume(server, connector.user, ExternalId=connector.external_id))
    sts = client(server, "sts", creds)
    assert sts.get_caller_identity()["Arn"] == ASSUMED_ARN
    status, body = admin(server, "POST", "/_roleplay/clock", {"advance_seconds": 3700})
    assert status == 200 and body["offset_seconds"] == 3700, body
    expect_error(sts.get_caller_identity, "ExpiredToken", 403, "The security token included in the request is expired")
    assert client(server, "sts", connector.user).get_caller_identity()["Arn"] == USER_ARN, "long-term keys never expire"


def test_signature_with_the_wrong_secret_does_not_match(server, connector):
    """§2.4: a known key signed with another secret."""
    tampered = Creds(connector.user.key, "x" * 40)
    expect_error(client(server, "sts", tampered).get_caller_identity, "SignatureDoesNotMatch", 403, SIGNATURE_MISMATCH)


@pytest.mark.parametrize("skew, template", [
    (timedelta(minutes=-20), r"Signature expired: {ts} is now earlier than (\S+) \((\S+) - 15 min\.\)"),
    (timedelta(minutes=20), r"Signature not yet current: {ts} is still later than (\S+) \((\S+) \+ 15 min\.\)"),
], ids=["signed-20-min-ago", "signed-20-min-ahead"])
def test_a_signature_outside_the_15_minute_window_is_refused(server, connector, monkeypatch, skew, template):
    """§2.3: STS compares X-Amz-Date with the wall clock, ±15 min; botocore never corrects skew, so it surfaces."""
    signed = botocore.compat.get_current_datetime() + skew
    monkeypatch.setattr(botocore.auth, "get_current_datetime", lambda remove_tzinfo=True: signed)
    resp = expect_error(client(server, "sts", connector.user).get_caller_identity, "SignatureDoesNotMatch", 403)
    message = resp["Error"]["Message"]
    match = re.fullmatch(template.format(ts=signed.strftime(AMZ_DATE)), message)
    assert match, message
    limit, now = (datetime.strptime(g, AMZ_DATE) for g in match.groups())
    assert limit - now == (timedelta(minutes=15) if skew > timedelta(0) else -timedelta(minutes=15)), message
    assert abs(now - botocore.compat.get_current_datetime()) < timedelta(seconds=30), message


def test_an_unsigned_request_is_missing_its_token(server):
    """§2.4: no Authorization header at all."""
    expect_error(client(server, "sts", None).get_caller_identity, "MissingAuthenticationToken", 403,
                 "Request is missing Authentication Token")


def test_unknown_access_key_is_an_invalid_client_token(server):
    """§2.4: a key the emulator never issued."""
    stranger = Creds("AKIAZZZZZZZZZZZZZZZZ", "s" * 40)
    expect_error(client(server, "sts", stranger).get_caller_identity, "InvalidClientTokenId", 403,
                 "The security token included in the request is invalid.")


# --- explaining a deny -----------------------------------------------------------------------------------------------

def test_a_denied_request_id_is_explained_by_the_admin_api(server, connector):
    """Contract: the request id of a deny (body and x-amzn-RequestId header) leads to a non-empty explanation."""
    resp = expect_error(lambda: assume(server, connector.user, ExternalId="airia-ext-stale"), "AccessDenied", 403)
    meta = resp["ResponseMetadata"]
    request_id = meta["RequestId"]
    assert request_id and meta["HTTPHeaders"].get("x-amzn-requestid") == request_id
    status, body = admin(server, "GET", f"/_roleplay/decisions?request_id={request_id}")
    assert status == 200 and body["request_id"] == request_id, body
    denies = [d for d in body["decisions"] if d["action"] == "sts:AssumeRole" and d["decision"] != "allowed"
              and d["resource"] == ROLE_ARN]
    assert denies, body
    assert all(d["decision"] in ("implicitDeny", "explicitDeny") and d["explanation"] for d in denies), denies
    status, _ = admin(server, "GET", "/_roleplay/decisions?request_id=no-such-request")
    assert status == 404


# --- IAM side (steps 2-4) --------------------------------------------------------------------------------------------

def test_get_role_returns_the_trust_policy_and_the_attached_policy(server, connector):
    """§5.1/5.3: documents come back URL-encoded, so boto3 decodes them to exactly the dict that was sent."""
    iam = client(server, "iam", root(CUSTOMER_ACCOUNT))
    role = iam.get_role(RoleName=ROLE_NAME)["Role"]
    assert (role["Arn"], role["Path"], role["MaxSessionDuration"]) == (ROLE_ARN, "/", 3600)
    assert role["AssumeRolePolicyDocument"] == connector.trust
    attached = iam.list_attached_role_policies(RoleName=ROLE_NAME)["AttachedPolicies"]
    assert attached == [{"PolicyName": "AmazonBedrockFullAccess", "PolicyArn": BEDROCK_FULL_ACCESS}]


@pytest.mark.parametrize("document, message", [
    ("{not json", "This policy contains invalid Json"),
    (json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
      "Principal": {"AWS": f"arn:aws:iam::{SAAS_ACCOUNT}:root"}, "Resource": "*"}]}), "Has prohibited field Resource"),
    (json.dumps(trust_policy("x1", f"arn:aws:iam::{CUSTOMER_ACCOUNT}:role/Missing")),
     f'Invalid principal in policy: "AWS":"arn:aws:iam::{CUSTOMER_ACCOUNT}:role/Missing"'),
], ids=["invalid-json", "resource-in-trust-policy", "principal-that-does-not-exist"])
def test_create_role_with_a_malformed_trust_policy(server, document, message):
    """§5.5: the trust policy is validated at CreateRole."""
    iam = client(server, "iam", root(CUSTOMER_ACCOUNT))
    expect_error(lambda: iam.create_role(RoleName="broken", AssumeRolePolicyDocument=document),
                 "MalformedPolicyDocument", 400, message)


def test_role_names_are_unique_regardless_of_case(server, connector):
    """§5.1/5.2: a second role differing only in case already exists (409)."""
    iam = client(server, "iam", root(CUSTOMER_ACCOUNT))
    expect_error(lambda: iam.create_role(RoleName=ROLE_NAME.upper(), AssumeRolePolicyDocument=json.dumps(connector.trust)),
                 "EntityAlreadyExists", 409)


def test_an_account_id_principal_is_stored_as_the_account_root(server, connector):
    """§5.5: a customer pasting the bare account id gets the same trust as the root ARN, and the same flow works."""
    iam = client(server, "iam", root(CUSTOMER_ACCOUNT))
    iam.update_assume_role_policy(RoleName=ROLE_NAME, PolicyDocument=json.dumps(trust_policy("x1", SAAS_ACCOUNT)))
    assert assume(server, connector.user, ExternalId="x1")["AssumedRoleUser"]["Arn"] == ASSUMED_ARN
    stored = iam.get_role(RoleName=ROLE_NAME)["Role"]["AssumeRolePolicyDocument"]
    assert stored == trust_policy("x1"), stored


def test_iam_is_denied_to_a_user_without_iam_permissions(server, connector):
    """Every IAM call is authorized: the SaaS user may only assume roles. (No IAM denial text in the spec: prefix.)"""
    iam = client(server, "iam", connector.user)
    resp = expect_error(lambda: iam.create_role(RoleName="sneaky", AssumeRolePolicyDocument=json.dumps(connector.trust)),
                        "AccessDenied", 403)
    assert resp["Error"]["Message"].startswith(
        f"User: {USER_ARN} is not authorized to perform: iam:CreateRole on resource: "
        f"arn:aws:iam::{SAAS_ACCOUNT}:role/sneaky"), resp["Error"]["Message"]


def test_the_session_has_bedrock_full_access_rights_only(server, connector):
    """§5.6: AmazonBedrockFullAccess allows iam:ListRoles but not iam:CreateRole."""
    iam = client(server, "iam", session_creds(assume(server, connector.user, ExternalId=connector.external_id)))
    assert ROLE_ARN in [r["Arn"] for r in iam.list_roles()["Roles"]]
    resp = expect_error(lambda: iam.create_role(RoleName="sneaky", AssumeRolePolicyDocument=json.dumps(connector.trust)),
                        "AccessDenied", 403)
    assert resp["Error"]["Message"].startswith(f"User: {ASSUMED_ARN} is not authorized to perform: iam:CreateRole")
