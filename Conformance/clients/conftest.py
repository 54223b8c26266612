"""Fixtures for the real-client suite: a `roleplay serve` per test module, a reset before every test, and
helpers that build the connector flow of docs/MISSION.md with unmodified boto3.

Expectations come from ../shared/spec/aws-wire-facts.md (§2 auth errors, §4 STS, §5 IAM) and the server
contract (command line, identities, admin API)."""

import json
import os
import selectors
import signal
import subprocess
import tempfile
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import boto3
import botocore
import botocore.config
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
REGION = "us-east-1"
STARTUP_TIMEOUT = 30
STOP_TIMEOUT = 15

SAAS_ACCOUNT = "808540602285"
CUSTOMER_ACCOUNT = "123456789012"
OTHER_ACCOUNT = "999999999999"
USER_NAME = "saas-connector"
USER_ARN = f"arn:aws:iam::{SAAS_ACCOUNT}:user/{USER_NAME}"
ROLE_NAME = "airia-bedrock-access"
ROLE_ARN = f"arn:aws:iam::{CUSTOMER_ACCOUNT}:role/{ROLE_NAME}"
BEDROCK_FULL_ACCESS = "arn:aws:iam::aws:policy/AmazonBedrockFullAccess"
EXTERNAL_ID = "airia-ext-4b1f9c2e"
ASSUME_ANY_ROLE = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::*:role/*"}],
}

# The clients must see only the credentials and endpoint a test passes, never this machine's AWS set-up.
for _name in [n for n in os.environ if n.startswith("AWS_")]:
    del os.environ[_name]
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull


@dataclass
class Server:
    """A running `roleplay serve`; its stderr goes to a file so a crash can be shown, never lost."""

    proc: subprocess.Popen
    endpoint: str
    stderr_path: str

    def stderr(self) -> str:
        return Path(self.stderr_path).read_text(errors="replace")

    def check_alive(self) -> None:
        if self.proc.poll() is not None:
            pytest.fail(f"roleplay exited with {self.proc.returncode}; stderr:\n{self.stderr()}", pytrace=False)


def roleplay_bin() -> Path:
    path = Path(os.environ.get("ROLEPLAY_BIN", ".build/release/roleplay"))
    return path if path.is_absolute() else REPO_ROOT / path


def _read_first_line(proc: subprocess.Popen, timeout: float) -> str:
    """The first stdout line, or '' if the process closes stdout or stays silent past the timeout."""
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    ready = sel.select(timeout)
    sel.close()
    return proc.stdout.readline().decode(errors="replace").strip() if ready else ""


def _drain(stream) -> None:
    for _ in iter(stream.readline, b""):
        pass


def start_server(*options: str) -> Server:
    """`roleplay serve` on a free port, with any other `options`, once it has announced its address."""
    binary = roleplay_bin()
    if not binary.exists():
        pytest.fail(f"{binary} does not exist: run `swift build -c release --product roleplay` or set ROLEPLAY_BIN")
    stderr_file = tempfile.NamedTemporaryFile(prefix="roleplay-stderr-", suffix=".log", delete=False)
    proc = subprocess.Popen(
        [str(binary), "serve", "--host", "127.0.0.1", "--port", "0", "--log-level", "warn", *options],
        stdout=subprocess.PIPE, stderr=stderr_file, cwd=REPO_ROOT)
    stderr_file.close()
    srv = Server(proc, "", stderr_file.name)
    line = _read_first_line(proc, STARTUP_TIMEOUT)
    prefix = "listening on "
    if not line.startswith(prefix):
        proc.kill()
        proc.wait()
        pytest.fail(f"expected '{prefix}http://HOST:PORT' as the first stdout line, got {line!r} "
                    f"(exit {proc.returncode}); stderr:\n{srv.stderr()}", pytrace=False)
    srv.endpoint = line[len(prefix):]
    threading.Thread(target=_drain, args=(proc.stdout,), daemon=True).start()
    return srv


def serve(*options: str):
    """A started server (see `start_server`) while the generator is suspended; then stopped with SIGTERM, which
    must exit 0."""
    srv = start_server(*options)
    yield srv
    proc = srv.proc
    proc.send_signal(signal.SIGTERM)
    try:
        code = proc.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        pytest.fail(f"roleplay did not stop within {STOP_TIMEOUT}s of SIGTERM; stderr:\n{srv.stderr()}")
    assert code == 0, f"roleplay exited {code} after SIGTERM; stderr:\n{srv.stderr()}"
    os.unlink(srv.stderr_path)


@pytest.fixture(scope="module")
def server():
    """One server per test module on a free port."""
    yield from serve()


def admin(server: Server, method: str, path: str, body=None):
    """Call the unsigned admin API; returns (status, decoded JSON body)."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(server.endpoint + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read() or b"null")


@pytest.fixture(autouse=True)
def reset(server):
    """Every test starts from an empty emulator at the wall clock."""
    server.check_alive()
    status, body = admin(server, "POST", "/_roleplay/reset")
    assert (status, body) == (200, {"status": "reset"})
    yield
    server.check_alive()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach the server's stderr to every failing test's report."""
    outcome = yield
    report = outcome.get_result()
    srv = item.funcargs.get("server") if hasattr(item, "funcargs") else None
    if report.failed and isinstance(srv, Server):
        report.sections.append(("roleplay stderr", srv.stderr()[-4000:] or "(empty)"))


@dataclass(frozen=True)
class Creds:
    key: str | None
    secret: str | None
    token: str | None = None


def root(account: str) -> Creds:
    """Contract: a 12-digit access key with secret `test` is the root user of that account."""
    return Creds(account, "test")


_BOTO = boto3.session.Session()  # one session: its loader parses each service model once, not per client


def client(server: Server, service: str, creds: Creds | None, retries: bool = False):
    """A boto3 client with explicit credentials (None: unsigned requests); retries off by default so that an error
    is seen exactly once."""
    config = botocore.config.Config(retries={"max_attempts": 5 if retries else 1})
    if creds is None:
        creds, config = Creds(None, None), config.merge(botocore.config.Config(signature_version=botocore.UNSIGNED))
    return _BOTO.client(
        service, endpoint_url=server.endpoint, region_name=REGION, config=config,
        aws_access_key_id=creds.key, aws_secret_access_key=creds.secret, aws_session_token=creds.token)


def trust_policy(external_id: str, principal: str = f"arn:aws:iam::{SAAS_ACCOUNT}:root") -> dict:
    """The trust policy the SaaS shows in step 1 of MISSION.md."""
    return {"Version": "2012-10-17", "Statement": [{
        "Sid": "AllowSystemAccount", "Effect": "Allow", "Principal": {"AWS": principal},
        "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": external_id}}}]}


def make_user(server: Server, account: str, name: str, policy: dict | None = None) -> Creds:
    """An IAM user (created by the account's root) with an optional inline policy and an access key."""
    iam = client(server, "iam", root(account))
    iam.create_user(UserName=name)
    if policy is not None:
        iam.put_user_policy(UserName=name, PolicyName=f"{name}-policy", PolicyDocument=json.dumps(policy))
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return Creds(key["AccessKeyId"], key["SecretAccessKey"])


@dataclass(frozen=True)
class Connector:
    user: Creds
    role_arn: str
    external_id: str
    trust: dict


def setup_connector(server: Server, external_id: str = EXTERNAL_ID) -> Connector:
    """Steps 1-4 of MISSION.md: the SaaS user that may assume roles, the customer's role trusting the SaaS account
    with an External ID, AmazonBedrockFullAccess attached."""
    user = make_user(server, SAAS_ACCOUNT, USER_NAME, ASSUME_ANY_ROLE)
    trust = trust_policy(external_id)
    iam = client(server, "iam", root(CUSTOMER_ACCOUNT))
    arn = iam.create_role(RoleName=ROLE_NAME, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    iam.attach_role_policy(RoleName=ROLE_NAME, PolicyArn=BEDROCK_FULL_ACCESS)
    return Connector(user, arn, external_id, trust)


@pytest.fixture
def connector(server) -> Connector:
    return setup_connector(server)


def session_creds(assume_role_response: dict) -> Creds:
    c = assume_role_response["Credentials"]
    return Creds(c["AccessKeyId"], c["SecretAccessKey"], c["SessionToken"])
