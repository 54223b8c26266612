"""`roleplay serve --state-dir` with unmodified boto3 (docs/persistence.md): what a client created is there after
the server is killed with SIGKILL and started again on the same directory, and so are the credentials it issued."""

import json
import shutil
import signal
import tempfile

import pytest

from conftest import (
    ASSUME_ANY_ROLE, CUSTOMER_ACCOUNT, EXTERNAL_ID, ROLE_NAME, SAAS_ACCOUNT, USER_NAME, client, make_user, root,
    session_creds, start_server, trust_policy)


@pytest.fixture(autouse=True)
def reset():
    """This module starts its own servers, each on a state directory; nothing to reset."""
    yield


@pytest.fixture
def state_dir():
    path = tempfile.mkdtemp(prefix="roleplay-state-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


def kill(server) -> None:
    server.proc.send_signal(signal.SIGKILL)
    server.proc.wait(timeout=10)


def test_state_survives_kill_9(state_dir):
    first = start_server("--state-dir", state_dir)
    try:
        user = make_user(first, SAAS_ACCOUNT, USER_NAME, ASSUME_ANY_ROLE)
        iam = client(first, "iam", root(CUSTOMER_ACCOUNT))
        role = iam.create_role(RoleName=ROLE_NAME, AssumeRolePolicyDocument=json.dumps(trust_policy(EXTERNAL_ID)))["Role"]
        policy = iam.create_policy(PolicyName="invoke", PolicyDocument=json.dumps({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "*"}]}))["Policy"]
        iam.attach_role_policy(RoleName=ROLE_NAME, PolicyArn=policy["Arn"])
        sts = client(first, "sts", user)
        session = session_creds(sts.assume_role(
            RoleArn=role["Arn"], RoleSessionName="before-kill", ExternalId=EXTERNAL_ID))
    finally:
        kill(first)

    second = start_server("--state-dir", state_dir)
    try:
        iam = client(second, "iam", root(CUSTOMER_ACCOUNT))
        restored = iam.get_role(RoleName=ROLE_NAME)["Role"]
        assert (restored["RoleId"], restored["Arn"]) == (role["RoleId"], role["Arn"])
        attached = iam.list_attached_role_policies(RoleName=ROLE_NAME)["AttachedPolicies"]
        assert [p["PolicyArn"] for p in attached] == [policy["Arn"]]
        # The user's long-term key still assumes the role...
        again = client(second, "sts", user).assume_role(
            RoleArn=role["Arn"], RoleSessionName="after-restart", ExternalId=EXTERNAL_ID)
        assert again["AssumedRoleUser"]["Arn"].endswith(f"assumed-role/{ROLE_NAME}/after-restart")
        # ...and the session issued before the kill is still valid.
        identity = client(second, "sts", session).get_caller_identity()
        assert identity["Arn"].endswith(f"assumed-role/{ROLE_NAME}/before-kill")
        assert "warning" not in second.stderr()
    finally:
        kill(second)
