#!/usr/bin/env python3
"""Generate SigV4 test vectors for Roleplay with botocore as the independent signer.

Every case is a request shaped like what real SDKs send to the emulator (STS/IAM query
form POSTs, Bedrock control-plane GETs, Bedrock Runtime POSTs, CloudTrail JSON 1.1,
presigned URLs), signed by botocore's pure-Python ``SigV4Auth`` (header mode) or
``SigV4QueryAuth`` (query mode) with the clock frozen per case. botocore's own
``canonical_request()``, ``string_to_sign()`` and ``signature()`` results are captured
while it signs, together with the request before and after signing.

Self-checks (any failure aborts): a from-scratch signer in this file, which sees only the
JSON of a case and follows the rules written down in README.md, must reproduce botocore's
canonical request, string to sign, signature, signed headers and signed request byte for
byte; the signature is recomputed from ``string_to_sign`` with hashlib/hmac; the last line
of the canonical request must equal the payload hash derived from the request alone.

Usage:  python3 vectors/sigv4/generate.py --out vectors/sigv4/botocore-vectors.json
        (without --out the JSON goes to standard output). Output is deterministic.
"""
import os

os.environ["BOTO_DISABLE_CRT"] = "true"  # never let botocore pick the awscrt signers

import argparse
import base64
import datetime
import hashlib
import hmac
import json
import sys
from urllib.parse import parse_qsl, unquote_to_bytes, urlsplit

import botocore
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.utils import percent_encode, percent_encode_sequence

# ----------------------------------------------------------------------------- fixtures


def det_bytes(label, n):
    """n deterministic pseudo-random bytes derived from label (SHA-256 in counter mode)."""
    out, i = b"", 0
    while len(out) < n:
        out += hashlib.sha256(f"{label}:{i}".encode()).digest()
        i += 1
    return out[:n]


def det_key_id(prefix, label):
    return prefix + base64.b32encode(det_bytes(label, 10)).decode()[:16]


def det_token(label, nbytes):
    """Session-token-like base64 text; checked to contain '/', '+' and '=' padding."""
    tok = "IQoJb3JpZ2luX2Vj" + base64.b64encode(det_bytes(label, nbytes)).decode()
    assert "/" in tok and "+" in tok and tok.endswith("="), label
    return tok


CREDS = {
    "akia": ("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", None),
    "akid": ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None),
    "root": ("111111111111", "test", None),
    "test": ("test", "test", None),
    "temp": ("ASIAQXAMPLE7TEMPKEY1", "tEmPsEcReTkEy/ExAmPlE+0123456789abcdefgh",
             "IQoJb3JpZ2luX2VjEXAMPLETOKEN//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexample=="),
    "temp-long": (det_key_id("ASIA", "temp-long"),
                  base64.b64encode(det_bytes("temp-long-secret", 30)).decode(),
                  det_token("temp-long-token", 601)),
    "temp-short": (det_key_id("ASIA", "temp-short"),
                   base64.b64encode(det_bytes("temp-short-secret", 30)).decode(),
                   det_token("temp-short-token", 256)),
}
CRED_CYCLE = ["akia", "temp", "akid", "temp-long", "root", "test", "temp-short"]
TIMES = ["20250115T120000Z", "20150830T123600Z", "20240229T235959Z",
         "20251231T235959Z", "20260301T000000Z", "20250630T080509Z"]
UA = [
    "Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.8.0 md/arch#x86_64 lang/python#3.11.7 "
    "md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.43.11",
    "aws-cli/2.27.0 md/awscrt#0.26.1 ua/2.1 os/linux#6.8.0 md/arch#x86_64 lang/python#3.13.3 "
    "md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off",
    "aws-sdk-js/3.758.0 ua/2.1 os/linux#6.8.0 lang/js md/nodejs#20.18.0 m/E,N",
    "aws-sdk-swift/1.2.0 ua/2.1 os/linux#6.8.0 lang/swift#6.0 m/E",
]
FORM = "application/x-www-form-urlencoded; charset=utf-8"
JSON11 = "application/x-amz-json-1.1"
LOCAL = [("http", "127.0.0.1:4590"), ("http", "localhost:4590"), ("http", "127.0.0.1:48080")]
ROLE_ARN = "arn:aws:iam::123456789012:role/airia-bedrock-access"
TRUST = {"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"},
    "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "ext-7f3a9c"}}}]}
BEDROCK_POLICY = {"Version": "2012-10-17", "Statement": [{
    "Sid": "Invoke", "Effect": "Allow",
    "Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream", "bedrock:Converse*"],
    "Resource": ["arn:aws:bedrock:*::foundation-model/anthropic.*",
                 "arn:aws:bedrock:*:123456789012:inference-profile/*"]}]}


def pick(seq, i):
    return seq[i % len(seq)]


def case(slug, desc, *, service, host, region="us-east-1", scheme="https", method="GET",
         path="/", query="", headers=(), data=None, mode="header", creds="akia", ts=0,
         expires=None, context=None):
    """One case specification. `headers` excludes Host, which is always sent first."""
    return dict(slug=slug, description=desc, service=service, host=host, region=region,
                scheme=scheme, method=method, path=path, query=query,
                headers=[("Host", host)] + list(headers), data=data, mode=mode,
                creds=creds, ts=pick(TIMES, ts) if isinstance(ts, int) else ts,
                expires=expires, context=context or {})


def aws_host(prefix, region, i, local_every=3):
    """Real endpoint most of the time, a custom (emulator) endpoint every `local_every`."""
    if i % local_every == local_every - 1:
        return pick(LOCAL, i // local_every)
    return ("https", f"{prefix}.{region}.amazonaws.com")


def padded_json(obj, size, field_path):
    """json.dumps(obj) (botocore's separators) padded to exactly `size` bytes via a text field."""
    body = json.dumps(obj).encode()
    target = obj
    for key in field_path[:-1]:
        target = target[key]
    target[field_path[-1]] += "x" * (size - len(body))
    body = json.dumps(obj).encode()
    assert len(body) == size, (len(body), size)
    return body


# ----------------------------------------------------------------------------- STS and IAM


def form(action, version, **params):
    """Query-protocol parameters in botocore's order; AWSRequest form-encodes the dict."""
    return {"Action": action, "Version": version, **params}


def sts_cases():
    hosts = [("https", "sts.amazonaws.com", "us-east-1"),
             ("https", "sts.us-east-1.amazonaws.com", "us-east-1"),
             ("https", "sts.eu-west-1.amazonaws.com", "eu-west-1"),
             ("https", "sts.ap-southeast-2.amazonaws.com", "ap-southeast-2"),
             ("http", "127.0.0.1:4590", "us-east-1"),
             ("http", "localhost:4590", "us-west-2")]
    ext = "ext-7f3a9c"
    variants = [
        ("external-id", "AssumeRole with an External ID", {"ExternalId": ext}),
        ("external-id-symbols", "External ID using every extra character IAM allows (+=,.@:/-_)",
         {"ExternalId": "Ext+Id=1,2.3@x:y/z-w_"}),
        ("external-id-long", "1224-character External ID (the maximum)",
         {"ExternalId": det_bytes("long-external-id", 612).hex()}),
        ("external-id-space-unicode", "External ID with space, UTF-8, '*' and '~' (form: '+', %C3%BC, %2A, ~)",
         {"ExternalId": "ext id \u00fc * ~"}),
        ("duration", "12-hour DurationSeconds",
         {"RoleSessionName": "connector-session-2025-01-15", "DurationSeconds": "43200", "ExternalId": ext}),
        ("session-policy", "inline session Policy, pretty-printed JSON (newlines, spaces, quotes)",
         {"ExternalId": ext, "Policy": json.dumps(BEDROCK_POLICY, indent=2)}),
        ("policy-arns", "managed session policies PolicyArns.member.N.arn",
         {"PolicyArns.member.1.arn": "arn:aws:iam::aws:policy/AmazonBedrockReadOnly",
          "PolicyArns.member.2.arn": "arn:aws:iam::123456789012:policy/team/ConnectorLimits"}),
        ("tags-source-identity", "session tags, transitive tag keys and SourceIdentity",
         {"Tags.member.1.Key": "project", "Tags.member.1.Value": "airia connector",
          "Tags.member.2.Key": "cost-center", "Tags.member.2.Value": "42/ml+ai",
          "TransitiveTagKeys.member.1": "project", "SourceIdentity": "alice@example.com"}),
        ("mfa", "SerialNumber and TokenCode",
         {"SerialNumber": "arn:aws:iam::111111111111:mfa/alice", "TokenCode": "123456", "ExternalId": ext}),
        ("role-path", "role ARN with a path",
         {"RoleArn": "arn:aws:iam::222222222222:role/service-role/ConnectorRole",
          "RoleSessionName": "roleplay-1736942400", "ExternalId": ext}),
    ]
    out, k = [], 0
    for slug, desc, extra in variants:
        for _ in range(3):
            scheme, host, region = pick(hosts, k)
            params = form("AssumeRole", "2011-06-15", **{"RoleArn": ROLE_ARN, "RoleSessionName": "s1", **extra})
            out.append(case(f"sts-assume-role-{slug}", f"STS {desc}; form POST", service="sts",
                            host=host, region=region, scheme=scheme, method="POST", data=params,
                            headers=[("Content-Type", FORM), ("User-Agent", pick(UA, k))],
                            creds=pick(CRED_CYCLE, k), ts=k))
            k += 1
    for i, (scheme, host, region) in enumerate(hosts):
        out.append(case("sts-get-caller-identity", "STS GetCallerIdentity form POST", service="sts",
                        host=host, region=region, scheme=scheme, method="POST",
                        data=form("GetCallerIdentity", "2011-06-15"),
                        headers=[("Content-Type", FORM), ("User-Agent", pick(UA, i))],
                        creds=pick(CRED_CYCLE, i + 3), ts=i + 1))
    others = [("get-session-token", form("GetSessionToken", "2011-06-15", DurationSeconds="3600")),
              ("get-session-token-mfa", form("GetSessionToken", "2011-06-15", DurationSeconds="129600",
                                             SerialNumber="arn:aws:iam::111111111111:mfa/alice",
                                             TokenCode="000111")),
              ("get-session-token-empty", form("GetSessionToken", "2011-06-15")),
              ("get-access-key-info", form("GetAccessKeyInfo", "2011-06-15", AccessKeyId="AKIAIOSFODNN7EXAMPLE")),
              ("decode-authorization-message",
               form("DecodeAuthorizationMessage", "2011-06-15",
                    EncodedMessage=base64.b64encode(det_bytes("encoded-message", 900)).decode()))]
    for i, (slug, params) in enumerate(others):
        scheme, host, region = pick(hosts, i + 2)
        out.append(case(f"sts-{slug}", f"STS {params['Action']} form POST", service="sts", host=host,
                        region=region, scheme=scheme, method="POST", data=params,
                        headers=[("Content-Type", FORM), ("User-Agent", pick(UA, i + 1))],
                        creds=pick(["akia", "akid", "root", "test", "akia"], i), ts=i + 2))
    query = percent_encode_sequence(form("GetCallerIdentity", "2011-06-15"))
    for i, (scheme, host, region) in enumerate([hosts[1], hosts[4]]):
        out.append(case("sts-get-caller-identity-get", "STS GetCallerIdentity as a header-signed GET with "
                        "the parameters in the query string", service="sts", host=host, region=region,
                        scheme=scheme, query=query, creds=pick(["temp", "akia"], i), ts=i + 4))
    out.append(case("sts-get-caller-identity-post-query", "STS POST with the parameters in the query "
                    "string and an empty body", service="sts", host="sts.us-east-1.amazonaws.com",
                    method="POST", query=query, data=b"", creds="temp-short", ts=5))
    return out


def iam_cases():
    v, role = "2010-05-08", "airia-bedrock-access"
    ops = [
        ("create-role", form("CreateRole", v, RoleName=role, AssumeRolePolicyDocument=json.dumps(TRUST))),
        ("create-role-pretty", form("CreateRole", v, Path="/service-role/", RoleName=role,
                                    AssumeRolePolicyDocument=json.dumps(TRUST, indent=4),
                                    Description="Roleplay connector role \u2013 Bedrock (cross-account)",
                                    MaxSessionDuration="43200")),
        ("create-role-boundary-tags", form("CreateRole", v, RoleName=role,
                                           AssumeRolePolicyDocument=json.dumps(TRUST),
                                           PermissionsBoundary="arn:aws:iam::123456789012:policy/Boundary",
                                           **{"Tags.member.1.Key": "owner", "Tags.member.1.Value": "ml team"})),
        ("get-role", form("GetRole", v, RoleName=role)),
        ("list-roles", form("ListRoles", v)),
        ("list-roles-paged", form("ListRoles", v, PathPrefix="/service-role/", MaxItems="100",
                                  Marker=base64.b64encode(det_bytes("iam-marker", 95)).decode())),
        ("update-assume-role-policy", form("UpdateAssumeRolePolicy", v, RoleName=role,
                                           PolicyDocument=json.dumps(TRUST, indent=2))),
        ("put-role-policy", form("PutRolePolicy", v, RoleName=role, PolicyName="bedrock-invoke",
                                 PolicyDocument=json.dumps(BEDROCK_POLICY))),
        ("get-role-policy", form("GetRolePolicy", v, RoleName=role, PolicyName="bedrock-invoke")),
        ("list-role-policies", form("ListRolePolicies", v, RoleName=role)),
        ("delete-role-policy", form("DeleteRolePolicy", v, RoleName=role, PolicyName="bedrock-invoke")),
        ("attach-role-policy", form("AttachRolePolicy", v, RoleName=role,
                                    PolicyArn="arn:aws:iam::aws:policy/AmazonBedrockFullAccess")),
        ("detach-role-policy", form("DetachRolePolicy", v, RoleName=role,
                                    PolicyArn="arn:aws:iam::aws:policy/AmazonBedrockFullAccess")),
        ("list-attached-role-policies", form("ListAttachedRolePolicies", v, RoleName=role, MaxItems="10")),
        ("delete-role", form("DeleteRole", v, RoleName=role)),
        ("create-user", form("CreateUser", v, Path="/", UserName="alice")),
        ("create-access-key", form("CreateAccessKey", v, UserName="alice")),
        ("list-access-keys", form("ListAccessKeys", v, UserName="alice")),
        ("get-user", form("GetUser", v)),
        ("tag-role", form("TagRole", v, RoleName=role, **{"Tags.member.1.Key": "env",
                                                          "Tags.member.1.Value": "dev & test = ok?"})),
        ("update-role", form("UpdateRole", v, RoleName=role, Description="max 12h; updated by roleplay",
                             MaxSessionDuration="3600")),
        ("get-policy", form("GetPolicy", v, PolicyArn="arn:aws:iam::aws:policy/AmazonBedrockFullAccess")),
        ("get-policy-version", form("GetPolicyVersion", v, VersionId="v11",
                                    PolicyArn="arn:aws:iam::aws:policy/AmazonBedrockFullAccess")),
    ]
    out = []
    for i, (slug, params) in enumerate(ops):
        out.append(case(f"iam-{slug}", f"IAM {params['Action']} form POST, global endpoint (us-east-1)",
                        service="iam", host="iam.amazonaws.com", method="POST", data=params,
                        headers=[("Content-Type", FORM), ("User-Agent", pick(UA, i))],
                        creds=pick(CRED_CYCLE, i), ts=i))
    regions = ["eu-west-1", "ap-northeast-1", "us-west-2", "eu-central-1", "sa-east-1", "us-east-2"]
    for i, region in enumerate(regions):
        slug, params = pick(ops, 3 * i)
        scheme, host = pick(LOCAL, i)
        out.append(case(f"iam-{slug}-custom-endpoint", f"IAM {params['Action']} to a custom endpoint, "
                        f"scope region {region}", service="iam", host=host, scheme=scheme, region=region,
                        method="POST", data=params, headers=[("Content-Type", FORM), ("User-Agent", UA[0])],
                        creds=pick(CRED_CYCLE, i + 2), ts=i + 1))
    return out


# ----------------------------------------------------------------------------- Bedrock

BR_REGIONS = ["us-east-1", "us-west-2", "eu-central-1", "ap-northeast-1"]
NEXT_TOKEN = base64.b64encode(det_bytes("next-token", 70)).decode()  # has '+', '/', '='
MODELS = [
    "anthropic.claude-3-haiku-20240307-v1:0",
    "anthropic.claude-3-5-sonnet-20240620-v1:0",
    "us.anthropic.claude-3-5-haiku-20241022-v1:0",
    "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0",
    "arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-5-sonnet-20241022-v2:0",
    "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6",
    "amazon.titan-text-express-v1",
    "meta.llama3-1-8b-instruct-v1:0",
    "arn:aws:bedrock:eu-central-1:123456789012:provisioned-model/abc123xyz",
]


def seg(value):
    """A URI path label as botocore's rest serializer encodes it (':' -> %3A, '/' -> %2F)."""
    return percent_encode(value)


def model_region(model, i):
    return model.split(":")[3] if model.startswith("arn:") else pick(BR_REGIONS, i)


def control_plane_cases():
    gets = [("/foundation-models", {}),
            ("/foundation-models", {"byProvider": "anthropic"}),
            ("/foundation-models", {"byProvider": "anthropic", "byOutputModality": "TEXT"}),
            ("/foundation-models", {"byCustomizationType": "FINE_TUNING"}),
            ("/foundation-models", {"byProvider": "Amazon", "byInferenceType": "ON_DEMAND"}),
            ("/foundation-models", {"byProvider": "meta", "byOutputModality": "IMAGE",
                                    "byInferenceType": "PROVISIONED",
                                    "byCustomizationType": "CONTINUED_PRE_TRAINING"}),
            ("/inference-profiles", {}),
            ("/inference-profiles", {"maxResults": "10", "type": "SYSTEM_DEFINED", "nextToken": NEXT_TOKEN}),
            ("/inference-profiles", {"type": "APPLICATION"}),
            ("/inference-profiles", {"maxResults": "1000"}),
            ("/inference-profiles", {"nextToken": NEXT_TOKEN})]
    gets += [(f"/foundation-models/{seg(m)}", {}) for m in
             MODELS[:2] + MODELS[4:5] + MODELS[6:8] + ["anthropic.claude-3-5-sonnet-20241022-v2:0",
                                                      "arn:aws:bedrock:us-east-1::foundation-model/"
                                                      "anthropic.claude-3-haiku-20240307-v1:0"]]
    gets += [(f"/inference-profiles/{seg(p)}", {}) for p in
             ["us.anthropic.claude-3-5-haiku-20241022-v1:0", "eu.anthropic.claude-3-7-sonnet-20250219-v1:0",
              "apac.amazon.nova-lite-v1:0", MODELS[3], MODELS[5]]]
    out = []
    for i, (path, params) in enumerate(gets):
        what = "List" if path.count("/") == 1 else "Get"
        identifier = unquote_to_bytes(path.split("/")[-1]).decode()  # region of an ARN, if any
        region = model_region(identifier, i) if what == "Get" else pick(BR_REGIONS, i)
        scheme, host = aws_host("bedrock", region, i)
        out.append(case(f"bedrock-{path.split('/')[1]}-{what.lower()}",
                        f"Bedrock control plane {what} {path.split('/')[1]} GET"
                        + (" with query " + ",".join(params) if params else ""),
                        service="bedrock", host=host, region=region, scheme=scheme, path=path,
                        query=percent_encode_sequence(params), headers=[("User-Agent", pick(UA, i))],
                        creds=pick(CRED_CYCLE, i), ts=i, data=b""))
    return out


def runtime_body(op, model, size):
    """Request body for a runtime call: 'empty', 'small', '1k', '8k' (exact sizes) or 'unicode'."""
    if size == "empty":
        return b""
    text = "Grüße aus Köln, 世界 🤖 — naïve café" if size == "unicode" else "Say hello to Roleplay."
    if op.startswith("converse"):
        obj = {"messages": [{"role": "user", "content": [{"text": text}]}],
               "inferenceConfig": {"maxTokens": 512, "temperature": 0.5}}
        path = ["messages", 0, "content", 0, "text"]
    elif "titan" in model:
        obj, path = {"inputText": text, "textGenerationConfig": {"maxTokenCount": 256}}, ["inputText"]
    elif "llama" in model:
        obj, path = {"prompt": text, "max_gen_len": 128, "temperature": 0.2}, ["prompt"]
    else:
        obj = {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 256,
               "messages": [{"role": "user", "content": text}]}
        path = ["messages", 0, "content"]
    if size == "unicode":  # InvokeModel bodies are caller bytes (raw UTF-8); botocore's JSON escapes
        return json.dumps(obj, ensure_ascii=op.startswith("converse")).encode()
    return padded_json(obj, {"small": len(json.dumps(obj)), "1k": 1024, "8k": 8192}[size], path)


def runtime_cases():
    ops = ["invoke", "invoke-with-response-stream", "converse", "converse-stream"]
    sizes = ["small", "1k", "empty", "8k", "unicode"]
    out = []
    for i in range(52):
        op, model, size = pick(ops, i), pick(MODELS, i), pick(sizes, i)
        region = model_region(model, i)
        scheme, host = aws_host("bedrock-runtime", region, i, local_every=4)
        body = runtime_body(op, model, size)
        headers = []
        if op.startswith("invoke"):
            if body:
                headers.append(("Content-Type", "application/json"))
            accept = pick(["application/json", "*/*", None], i // 4)
            if accept:
                headers.append(("Accept" if op == "invoke" else "X-Amzn-Bedrock-Accept", accept))
            if i % 3 == 0:
                headers.append(("X-Amzn-Bedrock-Trace", pick(["ENABLED", "DISABLED", "ENABLED_FULL"], i)))
            if i % 5 == 1:
                headers += [("X-Amzn-Bedrock-GuardrailIdentifier", "gr-abc123def456"),
                            ("X-Amzn-Bedrock-GuardrailVersion", "DRAFT")]
            if i % 7 == 2:
                headers.append(("X-Amzn-Bedrock-PerformanceConfig-Latency", "optimized"))
        else:
            headers.append(("Content-Type", "application/json"))
        headers.append(("User-Agent", pick(UA, i)))
        kind = "ARN" if model.startswith("arn:") else "id"
        out.append(case(f"bedrock-runtime-{op}-{size}",
                        f"Bedrock Runtime {op} POST, model {kind} {model}, {len(body)}-byte {size} body",
                        service="bedrock", host=host, region=region, scheme=scheme, method="POST",
                        path=f"/model/{seg(model)}/{op}", headers=headers, data=body,
                        creds=pick(CRED_CYCLE, i), ts=i))
    return out


# ----------------------------------------------------------------------------- CloudTrail


def cloudtrail_cases():
    prefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101."
    attrs = [("EventName", "AssumeRole"), ("Username", "alice"), ("ResourceName", ROLE_ARN),
             ("EventSource", "sts.amazonaws.com"), ("AccessKeyId", "ASIAQXAMPLE7TEMPKEY1"),
             ("EventId", "9d2f3c1e-5b7a-4e0f-8c61-2a9b4d7e1f03"), ("ReadOnly", "false"),
             ("ResourceType", "AWS::IAM::Role")]
    calls = []
    for i, (key, value) in enumerate(attrs):
        body = {"LookupAttributes": [{"AttributeKey": key, "AttributeValue": value}]}
        if i % 2:
            body.update(StartTime=1736899200 + 3600 * i, EndTime=1736942400 + 3600 * i)
        if i % 3 == 2:
            body.update(MaxResults=50, NextToken=NEXT_TOKEN)
        calls.append(("lookup-events", "LookupEvents", body))
    calls += [("lookup-events-empty", "LookupEvents", {}),
              ("lookup-events-all", "LookupEvents", {"MaxResults": 50, "EventCategory": "insight"}),
              ("describe-trails", "DescribeTrails", {"includeShadowTrails": False}),
              ("get-trail-status", "GetTrailStatus",
               {"Name": "arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events"}),
              ("list-trails", "ListTrails", {}),
              ("get-event-selectors", "GetEventSelectors", {"TrailName": "management-events"})]
    out = []
    for i, (slug, op, body) in enumerate(calls):
        region = pick(["us-east-1", "eu-west-1", "us-west-2", "ap-southeast-1"], i)
        scheme, host = aws_host("cloudtrail", region, i)
        target = "x-amz-target" if i == 4 else "X-Amz-Target"
        out.append(case(f"cloudtrail-{slug}", f"CloudTrail {op} JSON 1.1 POST", service="cloudtrail",
                        host=host, region=region, scheme=scheme, method="POST",
                        headers=[(target, prefix + op), ("Content-Type", JSON11), ("User-Agent", pick(UA, i))],
                        data=json.dumps(body).encode(), creds=pick(CRED_CYCLE, i + 1), ts=i))
    return out


# ----------------------------------------------------------------------------- encoding edge cases


def query_edge_cases():
    """Header-signed GETs whose query strings need encoding. Queries are built the way botocore
    builds them (percent_encode_sequence: RFC 3986, '~' kept, space as %20), except the raw ones."""
    pairs = [
        ("space", "value with spaces", [("nextToken", "a b  c")]),
        ("plus", "'+' in a value is sent as %2B", [("nextToken", "a+b+c")]),
        ("star-tilde", "'*' is encoded (%2A), '~' is not", [("nextToken", "*~*~")]),
        ("slash-equals-amp", "'/', '=' and '&' inside a value", [("nextToken", "a/b=c&d=e/f")]),
        ("reserved", "every RFC 3986 reserved character in a value", [("v", ":/?#[]@!$&'()*+,;=")]),
        ("percent", "a literal '%' in a value (sent as %25)", [("v", "100%25 and 50%")]),
        ("empty-value", "empty value", [("byProvider", ""), ("maxResults", "5")]),
        ("repeated-key", "repeated key, values sent in non-sorted order", [("k", "z"), ("k", "a"), ("k", "m")]),
        ("repeated-key-same-value", "repeated key with equal values", [("k", "1"), ("k", "1")]),
        ("key-case", "keys differing only in case", [("param", "1"), ("PARAM", "2"), ("Param", "3")]),
        ("key-prefix", "keys that are prefixes of each other (sort by key, not by 'k=v')",
         [("a-b", "1"), ("a", "2"), ("a.b", "3"), ("a_b", "4"), ("a~", "5"), ("ab", "6")]),
        ("key-needs-encoding", "keys with space, '/', '=' and UTF-8", [("my key", "1"), ("k/ey", "2"),
                                                                       ("k=", "3"), ("\u00fcber", "4")]),
        ("utf8-value", "UTF-8 values (2-, 3- and 4-byte)",
         [("byProvider", "\u00e9t\u00e9 \u4e2d\u6587 \U0001F916")]),
        ("utf8-sort", "percent-encoded UTF-8 sorts before letters ('%' < 'A')",
         [("Z", "1"), ("\u00e9", "2"), ("A", "3"), ("0", "4")]),
        ("numeric-sort", "byte-order sorting of numbered keys", [("p10", "a"), ("p2", "b"), ("p1", "c")]),
        ("value-sort", "same key, values sorted in byte order", [("k", "b"), ("k", "B"), ("k", "%"), ("k", "")]),
        ("long-value", "2000-character value", [("nextToken", det_bytes("long-q", 1000).hex())]),
    ]
    raw = [("bare-key", "a key without '=' (canonical form 'flag=')", "flag&maxResults=10"),
           ("bare-key-only", "only a bare key", "flag"),
           ("already-sorted", "already in canonical order", "a=1&b=2&c=3")]
    paths = [
        ("utf8-2byte", "/foundation-models/" + seg("mod\u00e8le-\u00e9t\u00e9")),
        ("utf8-3byte", "/inference-profiles/" + seg("\u4e2d\u6587-\u30c6\u30b9\u30c8")),
        ("utf8-4byte", "/foundation-models/" + seg("\U0001F916-bot")),
        ("space", "/foundation-models/" + seg("model with space")),
        ("reserved", "/foundation-models/" + seg("a!b'c(d)e*f+g,h;i=j@k$l&m")),
        ("tilde-percent", "/inference-profiles/" + seg("~user%2Fprofile")),
    ]
    out = []
    for i, (slug, desc, q) in enumerate(pairs):
        out.append(case(f"query-{slug}", f"query encoding: {desc}", service="bedrock",
                        host=pick(LOCAL, i)[1], scheme="http", path="/inference-profiles",
                        query=percent_encode_sequence(q), creds=pick(CRED_CYCLE, i), ts=i,
                        headers=[("User-Agent", pick(UA, i))], region=pick(BR_REGIONS, i)))
    for i, (slug, desc, q) in enumerate(raw):
        out.append(case(f"query-{slug}", f"query encoding: {desc}", service="bedrock",
                        host="bedrock.us-east-1.amazonaws.com", path="/foundation-models", query=q,
                        creds=pick(CRED_CYCLE, i + 3), ts=i))
    for i, (slug, path) in enumerate(paths):
        out.append(case(f"path-{slug}", f"percent-encoded path segment ({slug}), double-encoded in the "
                        f"canonical URI", service="bedrock", host=pick(LOCAL, i)[1], scheme="http",
                        path=path, creds=pick(CRED_CYCLE, i + 1), ts=i + 2))
        out.append(case(f"path-{slug}-runtime", f"runtime POST with a {slug} model id", service="bedrock",
                        host=f"bedrock-runtime.{pick(BR_REGIONS, i)}.amazonaws.com", region=pick(BR_REGIONS, i),
                        method="POST", path="/model" + path[path.rindex("/"):] + "/converse",
                        headers=[("Content-Type", "application/json")], data=b'{"messages": []}',
                        creds=pick(CRED_CYCLE, i + 4), ts=i + 3))
    for i, (slug, path, desc) in enumerate([
            ("dot-dot", "/model/../foundation-models", "'..' segment is removed before encoding"),
            ("double-slash", "//foundation-models//anthropic.claude-v2", "empty segments are merged"),
            ("dot", "/foundation-models/./amazon.titan-text-express-v1", "'.' segment is removed"),
            ("trailing-slash", "/inference-profiles/", "a trailing slash is kept")]):
        out.append(case(f"path-normalize-{slug}", f"path normalization: {desc}", service="bedrock",
                        host="127.0.0.1:4590", scheme="http", path=path, creds=pick(CRED_CYCLE, i), ts=i))
    out.append(case("sts-get-caller-identity-ipv6-host", "STS GetCallerIdentity to an IPv6 custom "
                    "endpoint (Host '[::1]:4590')", service="sts", scheme="http", host="[::1]:4590",
                    method="POST", data=form("GetCallerIdentity", "2011-06-15"),
                    headers=[("Content-Type", FORM)], creds="temp"))
    return out


def header_edge_cases():
    rt = "bedrock-runtime.us-east-1.amazonaws.com"
    path = f"/model/{seg(MODELS[0])}/converse"
    body = runtime_body("converse", MODELS[0], "small")
    ct = ("Content-Type", "application/json")
    variants = [
        ("unsigned-user-agent-expect-trace", "User-Agent, Expect and X-Amzn-Trace-Id are never signed",
         [ct, ("User-Agent", UA[0]), ("Expect", "100-continue"),
          ("X-Amzn-Trace-Id", "Root=1-67891233-abcdef012345678912345678")]),
        ("unsigned-hop-by-hop", "Connection, Keep-Alive, TE, Upgrade are never signed",
         [ct, ("Connection", "keep-alive"), ("Keep-Alive", "timeout=5"), ("TE", "trailers"), ("Upgrade", "h2c")]),
        ("trim-collapse", "leading/trailing spaces trimmed, inner runs collapsed (also inside quotes)",
         [ct, ("X-Amzn-Bedrock-Trace", "   ENABLED   "), ("X-Custom", '  "a   b    c"  d  ')]),
        ("empty-value", "header with an empty value is signed as 'name:'", [ct, ("X-Empty", "")]),
        ("duplicate", "repeated header: values joined with ',' in order, not sorted",
         [ct, ("X-Dup", "value2"), ("X-Dup", "value1"), ("x-dup", " value3 ")]),
        ("mixed-case-names", "header names lowercased and sorted, values keep case",
         [("CONTENT-TYPE", "application/JSON"), ("x-AMZN-bedrock-TRACE", "ENABLED"), ("X-Z", "Z"), ("x-a", "A")]),
        ("js-sdk-style", "JS v3 style: amz-sdk-invocation-id, amz-sdk-request, x-amz-user-agent present "
         "before signing, so botocore signs them",
         [ct, ("amz-sdk-invocation-id", "3f2a9c1e-7b4d-4e8a-9f10-2c3d4e5f6a7b"),
          ("amz-sdk-request", "attempt=1; max=3"), ("x-amz-user-agent", "aws-sdk-js/3.758.0"),
          ("User-Agent", UA[2])]),
        ("date-header", "a Date header replaces X-Amz-Date: botocore rewrites Date (RFC 2822, '-0000') "
         "and signs it", [ct, ("Date", "Mon, 01 Jan 2001 00:00:00 GMT")]),
        ("retry-stale-auth", "retry: stale Authorization, X-Amz-Date and X-Amz-Security-Token are "
         "replaced", [ct, ("X-Amz-Date", "20000101T000000Z"), ("X-Amz-Security-Token", "stale"),
                      ("Authorization", "AWS4-HMAC-SHA256 Credential=stale, SignedHeaders=host, Signature=00")]),
        ("comma-values", "values containing commas and semicolons",
         [ct, ("Accept", "application/json, text/plain;q=0.5")]),
        ("long-value", "a 1000-character header value", [ct, ("X-Long", det_bytes("long-h", 500).hex())]),
    ]
    out = []
    for i, (slug, desc, headers) in enumerate(variants):
        creds = "temp" if slug.startswith("retry") else pick(CRED_CYCLE, i)
        out.append(case(f"header-{slug}", desc, service="bedrock", host=rt, method="POST", path=path,
                        headers=headers, data=body, creds=creds, ts=i))
    out.append(case("header-date-header-sts", "Date header on an STS form POST", service="sts",
                    host="sts.amazonaws.com", method="POST", data=form("GetCallerIdentity", "2011-06-15"),
                    headers=[("Content-Type", FORM), ("Date", "Wed, 15 Jan 2025 11:59:00 GMT")],
                    creds="temp-long", ts=3))
    return out


def payload_cases():
    """x-amz-content-sha256 and UNSIGNED-PAYLOAD, only through botocore's own code paths."""
    rt = "bedrock-runtime.us-west-2.amazonaws.com"
    body = runtime_body("invoke", MODELS[1], "1k")
    inv = dict(service="bedrock", host=rt, region="us-west-2", method="POST",
               path=f"/model/{seg(MODELS[1])}/invoke", data=body)
    ct = ("Content-Type", "application/json")
    sha = hashlib.sha256(body).hexdigest()
    return [
        case("payload-explicit-sha256", "caller-set X-Amz-Content-SHA256 (the real body hash): botocore "
             "uses the header value as the payload hash and signs the header",
             headers=[ct, ("X-Amz-Content-SHA256", sha)], **inv),
        case("payload-explicit-sha256-lowercase", "caller-set x-amz-content-sha256 (lower-case name)",
             headers=[ct, ("x-amz-content-sha256", sha)], creds="temp", ts=1, **inv),
        case("payload-explicit-unsigned", "caller-set X-Amz-Content-SHA256: UNSIGNED-PAYLOAD is used verbatim",
             headers=[ct, ("X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD")], creds="akid", ts=2, **inv),
        case("payload-explicit-sha256-sts", "X-Amz-Content-SHA256 on an STS form POST", service="sts",
             host="sts.us-east-1.amazonaws.com", method="POST", data=form("GetCallerIdentity", "2011-06-15"),
             headers=[("Content-Type", FORM), ("X-Amz-Content-SHA256", hashlib.sha256(
                 b"Action=GetCallerIdentity&Version=2011-06-15").hexdigest())], creds="temp-short", ts=3),
        case("payload-unsigned-context", "payload signing disabled (botocore's 'v4-unsigned-body' / "
             "unsignedPayload path) over https: adds and signs X-Amz-Content-SHA256: UNSIGNED-PAYLOAD",
             headers=[ct], context={"payload_signing_enabled": False}, creds="akia", ts=4, **inv),
        case("payload-unsigned-context-temp", "as above with a session token, converse-stream",
             service="bedrock", host="bedrock-runtime.us-east-1.amazonaws.com", method="POST",
             path=f"/model/{seg(MODELS[2])}/converse-stream", headers=[ct], creds="temp-long", ts=5,
             data=runtime_body("converse-stream", MODELS[2], "small"), context={"payload_signing_enabled": False}),
        case("payload-unsigned-context-cloudtrail", "payload signing disabled on a CloudTrail JSON 1.1 POST",
             service="cloudtrail", host="cloudtrail.us-east-1.amazonaws.com", method="POST",
             headers=[("X-Amz-Target", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents"),
                      ("Content-Type", JSON11)], data=b"{}", context={"payload_signing_enabled": False}, ts=0),
        case("payload-unsigned-context-http", "payload signing disabled over plain http: botocore still adds "
             "the UNSIGNED-PAYLOAD header, and the header wins", service="bedrock", host="127.0.0.1:4590",
             scheme="http", method="POST", path=f"/model/{seg(MODELS[0])}/invoke", headers=[ct],
             data=runtime_body("invoke", MODELS[0], "small"), context={"payload_signing_enabled": False}, ts=1),
    ]


# ----------------------------------------------------------------------------- presigned URLs


def presign_cases():
    gci = percent_encode_sequence(form("GetCallerIdentity", "2011-06-15"))
    sts_hosts = [("https", "sts.amazonaws.com", "us-east-1"),
                 ("https", "sts.us-west-2.amazonaws.com", "us-west-2"),
                 ("http", "127.0.0.1:4590", "us-east-1"),
                 ("https", "sts.eu-central-1.amazonaws.com", "eu-central-1")]
    expiries = [60, 900, 3600, 43200, 604800, 1, 300, 7200]
    out = []
    for i in range(10):
        scheme, host, region = pick(sts_hosts, i)
        out.append(case("presign-sts-get-caller-identity", f"presigned STS GetCallerIdentity GET, "
                        f"expires {pick(expiries, i)}", service="sts", host=host, region=region, scheme=scheme,
                        query=gci, mode="query", expires=pick(expiries, i), creds=pick(CRED_CYCLE, i), ts=i))
    for i, ct in enumerate([FORM, FORM, FORM, "application/x-www-form-urlencoded"]):
        scheme, host, region = pick(sts_hosts, i + 1)
        keep = "kept and signed (only the exact botocore value is dropped)" if ct != FORM else "dropped"
        out.append(case("presign-sts-form-post", f"presigned STS POST: botocore moves the form body into the "
                        f"query string; Content-Type {ct!r} is {keep}", service="sts", host=host,
                        region=region, scheme=scheme, method="POST", mode="query", expires=900,
                        data=form("GetCallerIdentity", "2011-06-15"), headers=[("Content-Type", ct)],
                        creds=pick(["temp", "akia", "temp-short", "akid"], i), ts=i + 2))
    assume = percent_encode_sequence(form("AssumeRole", "2011-06-15", RoleArn=ROLE_ARN,
                                          RoleSessionName="presigned", ExternalId="ext-7f3a9c"))
    for i in range(3):
        scheme, host, region = pick(sts_hosts, i + 2)
        out.append(case("presign-sts-assume-role", "presigned STS AssumeRole GET with External ID",
                        service="sts", host=host, region=region, scheme=scheme, query=assume, mode="query",
                        expires=pick([3600, 300, 900], i), creds=pick(["akia", "temp", "root"], i), ts=i + 1))
    gets = [("/foundation-models", {"byProvider": "anthropic", "byOutputModality": "TEXT"}),
            (f"/foundation-models/{seg(MODELS[1])}", {}),
            (f"/foundation-models/{seg(MODELS[4])}", {}),
            ("/inference-profiles", {"maxResults": "10", "type": "SYSTEM_DEFINED", "nextToken": NEXT_TOKEN}),
            (f"/inference-profiles/{seg(MODELS[2])}", {}),
            (f"/inference-profiles/{seg(MODELS[3])}", {}),
            ("/foundation-models", {"byProvider": "\u00e9t\u00e9 ~*", "empty": ""}),
            ("/foundation-models", {})]
    for i, (path, params) in enumerate(gets):
        region = pick(BR_REGIONS, i)
        scheme, host = aws_host("bedrock", region, i)
        out.append(case("presign-bedrock-get", f"presigned Bedrock control-plane GET {path}", service="bedrock",
                        host=host, region=region, scheme=scheme, path=path, mode="query",
                        query=percent_encode_sequence(params), expires=pick(expiries, i + 3),
                        creds=pick(CRED_CYCLE, i + 2), ts=i + 3))
    for i in range(2):
        out.append(case("presign-iam-list-roles", "presigned IAM ListRoles GET", service="iam",
                        host="iam.amazonaws.com", mode="query", expires=3600, creds=pick(["akia", "temp-long"], i),
                        query=percent_encode_sequence(form("ListRoles", "2010-05-08", MaxItems="5")), ts=i + 4))
    extra = [("presign-signed-accept", "presigned GET with an extra header (Accept), signed as accept;host",
              [("Accept", "application/json")], {}),
             ("presign-unsigned-user-agent", "presigned GET: User-Agent present but not signed",
              [("User-Agent", UA[0])], {}),
             ("presign-unsigned-payload-context", "presigned GET over https with payload signing disabled: "
              "payload hash UNSIGNED-PAYLOAD, no header added", [], {"payload_signing_enabled": False}),
             ("presign-explicit-sha256", "presigned GET with a caller-set X-Amz-Content-SHA256 header",
              [("X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD")], {})]
    for i, (slug, desc, headers, ctx) in enumerate(extra):
        out.append(case(slug, desc, service="bedrock", host="bedrock.us-east-1.amazonaws.com",
                        path="/foundation-models", query="byProvider=anthropic", headers=headers,
                        mode="query", expires=600, context=ctx, creds=pick(["akia", "temp"], i), ts=i))
    return out


# ----------------------------------------------------------------------------- signing


class FrozenClock:
    """botocore.auth reads the time only through get_current_datetime(); pin it to `ts`."""

    def __init__(self, ts):
        self.now = datetime.datetime.strptime(ts, "%Y%m%dT%H%M%SZ")

    def __enter__(self):
        self.saved = botocore.auth.get_current_datetime
        botocore.auth.get_current_datetime = lambda remove_tzinfo=True: (
            self.now if remove_tzinfo else self.now.replace(tzinfo=datetime.timezone.utc))

    def __exit__(self, *exc):
        botocore.auth.get_current_datetime = self.saved


def wire(req):
    """The request as it would go on the wire: raw path and query, header list, body bytes."""
    parts = urlsplit(req.url)
    return {"path": parts.path, "query": parts.query,
            "headers": [[name, value] for name, value in req.headers.items()],
            "body_base64": base64.b64encode(req.body or b"").decode()}


def sign(spec):
    """Sign one case with botocore, capturing its canonical request, string to sign, signature."""
    akid, secret, token = CREDS[spec["creds"]]
    url = f"{spec['scheme']}://{spec['host']}{spec['path']}" + (f"?{spec['query']}" if spec["query"] else "")
    assert botocore.auth._host_from_url(url) == spec["host"], url
    req = AWSRequest(method=spec["method"], url=url, data=spec["data"])
    for name, value in spec["headers"]:
        req.headers[name] = value  # HTTPHeaders appends: order and duplicates are kept
    req.context.update(spec["context"])
    before = wire(req)
    credentials = Credentials(akid, secret, token)
    if spec["mode"] == "header":
        signer = botocore.auth.SigV4Auth(credentials, spec["service"], spec["region"])
    else:
        signer = botocore.auth.SigV4QueryAuth(credentials, spec["service"], spec["region"],
                                              expires=spec["expires"])
    seen = {}
    for method in ("canonical_request", "string_to_sign", "signature"):
        def spy(*args, _name=method, _real=getattr(signer, method)):
            seen[_name] = _real(*args)
            return seen[_name]
        setattr(signer, method, spy)
    with FrozenClock(spec["ts"]):
        signer.add_auth(req)
    cr = seen["canonical_request"]
    out = {"description": spec["description"], "mode": spec["mode"], "region": spec["region"],
           "service": spec["service"], "timestamp": spec["ts"],
           "credentials": {"access_key_id": akid, "secret_access_key": secret},
           "request": {"method": spec["method"], **before},
           "signed_headers": cr.split("\n")[-2],
           "canonical_request": cr, "string_to_sign": seen["string_to_sign"], "signature": seen["signature"],
           "signed_request": wire(req)}
    if token is not None:
        out["credentials"]["session_token"] = token
    if spec["context"].get("payload_signing_enabled") is False:
        out["unsigned_payload"] = True  # botocore's payload_signing_enabled=False (v4-unsigned-body)
    if spec["mode"] == "query":
        out["expires"] = spec["expires"]
    return out


# ----------------------------------------------------------------------------- independent self-check
#
# A from-scratch SigV4 signer that sees only the JSON of a case (request, credentials, region,
# service, timestamp, mode, expires, unsigned_payload) and applies the rules in README.md,
# including botocore's request mutations. It must reproduce botocore byte for byte.

NEVER_SIGNED = {"connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization",
                "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id"}
UNRESERVED = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"
DAYS, MONTHS = "Mon Tue Wed Thu Fri Sat Sun".split(), "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def uri_encode(raw, keep_slash=False):
    return "".join(chr(b) if b in UNRESERVED or (keep_slash and b == 0x2F) else f"%{b:02X}" for b in raw)


def values(headers, name):
    return [v for k, v in headers if k.lower() == name]


def without(headers, name):
    return [[k, v] for k, v in headers if k.lower() != name]


def trim(value):
    """Trim spaces at both ends and collapse inner runs of spaces to one."""
    return " ".join(word for word in value.split(" ") if word)


def canonical_uri(path):
    """Remove '.'/'..' and empty segments, keep a trailing '/', then encode again (non-S3)."""
    segments = []
    for part in path.split("/"):
        if part == "..":
            segments = segments[:-1]
        elif part not in ("", "."):
            segments.append(part)
    path = "/" + "/".join(segments) + ("/" if segments and path.endswith("/") else "")
    return uri_encode(path.encode(), keep_slash=True)


def canonical_query(query):
    pairs = sorted((uri_encode(unquote_to_bytes(k)), uri_encode(unquote_to_bytes(v)))
                   for k, _, v in (item.partition("=") for item in query.split("&") if query)
                   if k != "X-Amz-Signature")
    return "&".join(f"{k}={v}" for k, v in pairs)


def resign(c):
    """Sign c["request"] from scratch; returns the fields botocore produced for comparison."""
    req, ts, cred = c["request"], c["timestamp"], c["credentials"]
    token, scope = cred.get("session_token"), f"{ts[:8]}/{c['region']}/{c['service']}/aws4_request"
    headers, query, body = [list(h) for h in req["headers"]], req["query"], base64.b64decode(req["body_base64"])
    if c["mode"] == "header":
        headers = without(headers, "authorization")
        if values(headers, "date"):  # botocore rewrites Date and then adds no X-Amz-Date
            t = datetime.datetime.strptime(ts, "%Y%m%dT%H%M%SZ")
            date = f"{DAYS[t.weekday()]}, {t.day:02d} {MONTHS[t.month - 1]} {t.year} {t:%H:%M:%S} -0000"
            headers = without(without(headers, "date"), "x-amz-date") + [["Date", date]]
        else:
            headers = without(headers, "x-amz-date") + [["X-Amz-Date", ts]]
        if token:
            headers = without(headers, "x-amz-security-token") + [["X-Amz-Security-Token", token]]
        if c.get("unsigned_payload"):
            headers = without(headers, "x-amz-content-sha256") + [["X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD"]]
    elif values(headers, "content-type")[:1] == ["application/x-www-form-urlencoded; charset=utf-8"]:
        headers = without(headers, "content-type")
    names = sorted({k.lower() for k, _ in headers} - NEVER_SIGNED)
    signed_headers = ";".join(names)
    if c["mode"] == "query":  # URL params (first value of a key wins), then the form body, then auth
        params = {}
        for k, v in parse_qsl(query, keep_blank_values=True):
            params.setdefault(k, v)
        params.update(parse_qsl(body.decode(), keep_blank_values=True))
        auth = {"X-Amz-Algorithm": "AWS4-HMAC-SHA256", "X-Amz-Credential": f"{cred['access_key_id']}/{scope}",
                "X-Amz-Date": ts, "X-Amz-Expires": str(c["expires"]), "X-Amz-SignedHeaders": signed_headers}
        if token:
            auth["X-Amz-Security-Token"] = token
        query = "&".join(f"{uri_encode(k.encode())}={uri_encode(v.encode())}"
                         for k, v in [*params.items(), *auth.items()])
        body = b""
    if values(headers, "x-amz-content-sha256"):
        payload = values(headers, "x-amz-content-sha256")[0]  # a caller's (or botocore's) header wins
    elif c.get("unsigned_payload"):
        payload = "UNSIGNED-PAYLOAD"
    else:
        payload = hashlib.sha256(body).hexdigest()
    header_block = "".join(f"{n}:{','.join(trim(v) for v in values(headers, n))}\n" for n in names)
    cr = "\n".join([req["method"], canonical_uri(req["path"]), canonical_query(query), header_block,
                    signed_headers, payload])
    sts = "\n".join(["AWS4-HMAC-SHA256", ts, scope, hashlib.sha256(cr.encode()).hexdigest()])
    signature = hmac_signature(cred["secret_access_key"], ts[:8], c["region"], c["service"], sts)
    if c["mode"] == "header":
        headers.append(["Authorization", f"AWS4-HMAC-SHA256 Credential={cred['access_key_id']}/{scope}, "
                                         f"SignedHeaders={signed_headers}, Signature={signature}"])
    else:
        query += f"&X-Amz-Signature={signature}"
    return {"canonical_request": cr, "string_to_sign": sts, "signature": signature,
            "signed_headers": signed_headers, "payload_hash": payload,
            "signed_request": {"path": req["path"], "query": query, "headers": headers,
                               "body_base64": base64.b64encode(body).decode()}}


def hmac_signature(secret, date, region, service, string_to_sign):
    key = ("AWS4" + secret).encode()
    for part in (date, region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()


def self_check(c, mine):
    """Fail loudly unless botocore's output `c` is reproduced from the JSON alone (`mine`)."""
    failed = [field for field, value in mine.items() if c.get(field) != value]
    if hmac_signature(c["credentials"]["secret_access_key"], c["timestamp"][:8], c["region"], c["service"],
                      c["string_to_sign"]) != c["signature"]:
        failed.append("HMAC-SHA256 of string_to_sign")
    if c["canonical_request"].rsplit("\n", 1)[-1] != c.get("payload_hash"):
        failed.append("last line of canonical_request != payload_hash")
    if ("expires" in c) != (c["mode"] == "query"):
        failed.append("expires must be present exactly in query mode")
    if failed:
        sys.exit(f"self-check FAILED for {c['name']}: {', '.join(failed)}\n"
                 f"botocore: {json.dumps(c, indent=2)}\nfrom scratch: {json.dumps(mine, indent=2)}")


# ----------------------------------------------------------------------------- main


def build():
    specs = (sts_cases() + iam_cases() + control_plane_cases() + runtime_cases() + cloudtrail_cases()
             + query_edge_cases() + header_edge_cases() + payload_cases() + presign_cases())
    cases = []
    for n, spec in enumerate(specs, 1):
        c = {"name": f"{spec['slug']}-{n:03d}", **sign(spec)}
        assert all(part.isalnum() and part == part.lower() for part in c["name"].split("-")), c["name"]
        mine = resign(c)
        c["payload_hash"] = mine["payload_hash"]  # derived from the request, not from botocore
        self_check(c, mine)
        cases.append(c)
    assert len({c["name"] for c in cases}) == len(cases) >= 220
    return {"source": f"generated by vectors/sigv4/generate.py with botocore {botocore.__version__} "
                      "(pure-Python SigV4Auth / SigV4QueryAuth), SDK-shaped STS/IAM/Bedrock/Bedrock Runtime/"
                      "CloudTrail requests with a frozen clock, every case self-checked",
            "botocore_version": botocore.__version__, "cases": cases}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", help="write the JSON here instead of standard output")
    args = parser.parse_args()
    doc = build()
    text = json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=True) + "\n"
    if args.out:
        with open(args.out, "w", encoding="ascii", newline="\n") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    kinds = {}
    for c in doc["cases"]:
        kind = ("bedrock-runtime" if c["name"].startswith("bedrock-runtime") else c["name"].split("-")[0])
        kind += "/" + c["mode"]
        kinds[kind] = kinds.get(kind, 0) + 1
    summary = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
    print(f"{len(doc['cases'])} cases: {summary}", file=sys.stderr)


if __name__ == "__main__":
    main()
