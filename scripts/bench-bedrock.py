#!/usr/bin/env python3
"""Roleplay's Bedrock Runtime figures through the server (moto has no Bedrock Runtime to compare with).

Figures (every line printed starts with `bedrock `):
  1. InvokeModel and Converse throughput: an assumed-role session (the connector flow: user in
     111111111111, role in 222222222222 with AmazonBedrockFullAccess, External ID) calls Claude 3.5 Haiku
     through the `us.` inference profile with a 1 KB prompt. One request signed with botocore's SigV4Auth
     right before each run, replayed unchanged by wrk (scripts/bench-replay.lua) over keep-alive
     connections; requests/s, p50, p99, medians of --runs runs.
  2. Stream first byte: --streams InvokeModelWithResponseStream and ConverseStream requests, one at a
     time, each on a new connection and freshly signed before the clock starts; the time from the request's
     last byte sent until the first byte of the event stream (after the response head), and until the end of
     the stream; median and p99.

The server runs with its defaults (no chunk delay). Reuses bench-server.py's server, signing and wrk code.

Usage: scripts/bench-bedrock.py --roleplay .build/release/roleplay [--runs 5] [--seconds 5] [--streams 200]
"""

import argparse
import importlib.util
import json
import os
import socket
import statistics
import sys
import time
from urllib.parse import quote, urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("bench_server", os.path.join(HERE, "bench-server.py"))
bs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bs)

PROFILE = "us.anthropic.claude-3-5-haiku-20241022-v1:0"
BEDROCK_FULL_ACCESS = "arn:aws:iam::aws:policy/AmazonBedrockFullAccess"
USER_POLICY = ('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",'
               '"Resource":"*"}]}')
# About 1 KB of prompt text: a greeting followed by filler sentences.
PROMPT = "Say hello. " + " ".join(f"Sentence number {i} pads the prompt to about one kilobyte." for i in range(18))

ANTHROPIC_BODY = json.dumps({
    "anthropic_version": "bedrock-2023-05-31", "max_tokens": 256,
    "messages": [{"role": "user", "content": [{"type": "text", "text": PROMPT}]}]}).encode()
CONVERSE_BODY = json.dumps({
    "messages": [{"role": "user", "content": [{"text": PROMPT}]}],
    "inferenceConfig": {"maxTokens": 256}}).encode()

OPS = {
    "invoke_model": ("invoke", ANTHROPIC_BODY, {"Content-Type": "application/json", "Accept": "application/json"}),
    "converse": ("converse", CONVERSE_BODY, {"Content-Type": "application/json"}),
}
STREAMS = {
    "invoke_model_with_response_stream": ("invoke-with-response-stream", ANTHROPIC_BODY,
                                          {"Content-Type": "application/json",
                                           "X-Amzn-Bedrock-Accept": "application/json"}),
    "converse_stream": ("converse-stream", CONVERSE_BODY, {"Content-Type": "application/json"}),
}


def path(suffix):
    return f"/model/{quote(PROFILE, safe='')}/{suffix}"


def raw(endpoint, creds, op_table, op):
    suffix, body, headers = op_table[op]
    return bs.raw_request(endpoint, creds, body, service="bedrock", path=path(suffix), headers=dict(headers))


def set_up(server):
    """The connector flow's accounts: returns the assumed-role session's (key, secret, token)."""
    import botocore.session
    session = botocore.session.get_session()
    iam_a = bs.client(session, "iam", server.endpoint, bs.ROOT_A)
    iam_a.create_user(UserName=bs.USER_NAME)
    iam_a.put_user_policy(UserName=bs.USER_NAME, PolicyName="bench-assume-role", PolicyDocument=USER_POLICY)
    key = iam_a.create_access_key(UserName=bs.USER_NAME)["AccessKey"]
    iam_b = bs.client(session, "iam", server.endpoint, bs.ROOT_B)
    iam_b.create_role(RoleName=bs.ROLE_NAME, AssumeRolePolicyDocument=bs.TRUST_POLICY)
    iam_b.attach_role_policy(RoleName=bs.ROLE_NAME, PolicyArn=BEDROCK_FULL_ACCESS)
    sts = bs.client(session, "sts", server.endpoint, (key["AccessKeyId"], key["SecretAccessKey"]))
    c = sts.assume_role(RoleArn=bs.ROLE_ARN, RoleSessionName="bench", ExternalId=bs.EXTERNAL_ID)["Credentials"]
    return (c["AccessKeyId"], c["SecretAccessKey"], c["SessionToken"])


def check(server, creds):
    """Every measured request must answer 200 before anything is timed (twice on one connection)."""
    server.body_len = {}
    for op in OPS:
        results, _ = bs.exchange(server.endpoint, raw(server.endpoint, creds, OPS, op), times=2)
        for status, text in results:
            if status != 200:
                raise RuntimeError(f"{op}: HTTP {status}, not benchmarking error responses:\n"
                                   + text.decode(errors="replace"))
        server.body_len[op] = len(results[0][1])


def read_head(sock, buf):
    """Reads until the end of the response head; returns (status, the bytes after the head)."""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            raise RuntimeError("connection closed before the response head")
        buf += chunk
    head, rest = buf.split(b"\r\n\r\n", 1)
    return int(head.split(b" ", 2)[1]), head, rest


def stream_once(endpoint, request):
    """Seconds until the first body byte and until the end of a chunked response, on a new connection."""
    u = urlsplit(endpoint)
    with socket.create_connection((u.hostname, u.port), timeout=10) as s:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        s.sendall(request)
        t0 = time.perf_counter()
        status, head, rest = read_head(s, b"")
        if status != 200:
            raise RuntimeError(f"stream answered HTTP {status}: {head[:300]!r} {rest[:300]!r}")
        if b"chunked" not in head.lower():
            raise RuntimeError(f"stream response is not chunked: {head[:300]!r}")
        while not rest:
            rest = s.recv(65536)
        first = time.perf_counter() - t0
        while not rest.endswith(b"0\r\n\r\n"):
            more = s.recv(65536)
            if not more:
                raise RuntimeError("stream cut before its last chunk")
            rest += more
        return first, time.perf_counter() - t0


def p99(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--roleplay", default=os.path.join(bs.ROOT, ".build", "release", "roleplay"))
    ap.add_argument("--runs", type=int, default=5, help="wrk runs per row (default 5)")
    ap.add_argument("--seconds", type=int, default=5, help="seconds per wrk run (default 5)")
    ap.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    ap.add_argument("--conns", type=int, default=16, help="wrk connections (default 16)")
    ap.add_argument("--timeout", type=int, default=10, help="wrk --timeout seconds (default 10)")
    ap.add_argument("--streams", type=int, default=200, help="streams per first-byte row (default 200)")
    ap.add_argument("--wrk", default=bs.shutil.which("wrk") or "wrk")
    ap.add_argument("--workdir", default=os.path.join(bs.ROOT, ".build-bench", "bedrock"))
    a = ap.parse_args()
    if not os.access(a.roleplay, os.X_OK):
        bs.log(f"bench-bedrock: roleplay binary {a.roleplay} not found (make build)")
        return 2
    os.makedirs(a.workdir, exist_ok=True)
    server = bs.Server("roleplay", [a.roleplay, "serve", "--host", "{host}", "--port", "{port}",
                                    "--log-level", "warn"], True, a.workdir)
    bs.out(f"bedrock bench: {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}, {os.cpu_count()} cpus, "
           f"load average {bs.loadavg()}, model {PROFILE}, prompt {len(PROMPT)} bytes")
    load = bs.Load(a)
    try:
        server.start()
        creds = set_up(server)
        check(server, creds)
        for op in OPS:
            runs = []
            for r in range(a.runs):
                runs.append(load.run(server, op, creds, a.seconds, raw=raw(server.endpoint, creds, OPS, op)))
                bs.log(f"run {r + 1}/{a.runs} {op}: {bs.run_text(runs[-1])}")
            bs.out(f"bedrock {op}: {bs.row_text(runs)}")
        for op in STREAMS:
            firsts, totals = [], []
            for _ in range(a.streams):
                first, total = stream_once(server.endpoint, raw(server.endpoint, creds, STREAMS, op))
                firsts.append(first * 1e6)
                totals.append(total * 1e6)
            bs.out(f"bedrock {op} first byte: p50 {bs.ms(statistics.median(firsts))} p99 {bs.ms(p99(firsts))}; "
                   f"whole stream p50 {bs.ms(statistics.median(totals))} p99 {bs.ms(p99(totals))} "
                   f"({a.streams} streams, one at a time)")
    except (RuntimeError, OSError) as e:
        bs.out(f"bedrock ERROR: {type(e).__name__}: {e}")
        return 1
    finally:
        if server.alive():
            server.stop()
    bs.out(f"bedrock bench done: load average {bs.loadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
