#!/usr/bin/env python3
"""Roleplay's server figures beside moto_server's, measured in one run on the same machine with the same
load generator (wrk), and the ratios Roleplay/moto.

Figures (every line printed starts with `server `):
  1. start-to-ready: process start until a freshly signed STS GetCallerIdentity, sent on a new TCP
     connection, answers 200 (median of --starts starts per server, starts alternate between the servers);
     RSS (VmRSS of the process and its descendants, /proc/PID/status) after ready, idle.
  2. GetCallerIdentity and AssumeRole throughput: one request signed with botocore's SigV4Auth right before
     each run, written out as raw HTTP/1.1 bytes and replayed unchanged by wrk over keep-alive connections
     (scripts/bench-replay.lua); requests/s, p50, p99. --runs runs of --seconds per row, the runs alternate
     between the two servers (both are up during this phase, the idle one waits); medians are printed, with
     the largest single latency seen. wrk 4 corrects its percentiles for coordinated omission (a stall
     of S seconds adds samples for the requests it held back), so one stall of the server or of the
     machine shows up in p99: compare p99 with max, and rerun when the machine was busy.
  3. Roleplay only, on a fresh server: AssumeRole runs back to back until at least --million AssumeRoles
     were answered; throughput of the first and the last run and their ratio, RSS before and after, and
     GetCallerIdentity throughput afterwards.
  4. Ratios Roleplay/moto for every row (for times and memory: lower is better).
  5. Roleplay only, durable: a separate server started with `--state-dir` on a fresh temporary directory
     (docs/persistence.md), set up the same way; AssumeRole throughput over --runs runs of --seconds (every
     state change and, once connected, every CloudTrail event is journaled before its response), and the
     journal's size afterwards. --no-state-dir skips it.

Set-up (botocore clients, before any measurement, on each server): the root of account 111111111111
(access key 111111111111, secret test) creates IAM user `bench` with an inline policy allowing
sts:AssumeRole on * and an access key; the root of account 222222222222 creates role `bench-role` trusting
arn:aws:iam::111111111111:root when sts:ExternalId is bench-external-id. Both measured requests are signed
with the user's key; AssumeRole asks for arn:aws:iam::222222222222:role/bench-role with that ExternalId.
One request of each kind is sent (and replayed once on the same connection) before measuring: anything
but 200 stops the program with the response body, so error responses are never benchmarked. The wrk
counts of non-2xx responses and socket errors are printed with every row.

moto differs in ways the figures carry: it treats every key it did not issue as account 123456789012's
(so the role lands there; its AssumeRole needs neither the role nor the trust policy), and it closes the
connection after every response, so each of its requests includes a TCP connect.

Usage: scripts/bench-server.py --roleplay .build/release/roleplay [--moto-cmd 'moto_server -H {host} -p {port}']
       [--starts 7] [--runs 5] [--seconds 5] [--threads 2] [--conns 16] [--million 1000000] [--no-state-dir]
Needs botocore (the interpreter running this), wrk, and moto_server (default: the one beside this
interpreter, else on PATH). Scratch files (signed requests, server logs) go to --workdir.
"""

import argparse
import http.client
import os
import queue
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from urllib.parse import urlencode, urlsplit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LUA = os.path.join(ROOT, "scripts", "bench-replay.lua")
HOST = "127.0.0.1"
REGION = "us-east-1"
ROOT_A = ("111111111111", "test")
ROOT_B = ("222222222222", "test")
USER_NAME = "bench"
ROLE_NAME = "bench-role"
ROLE_ARN = "arn:aws:iam::222222222222:role/bench-role"
EXTERNAL_ID = "bench-external-id"
FORM_CT = "application/x-www-form-urlencoded; charset=utf-8"

USER_POLICY = ('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",'
               '"Resource":"*"}]}')
TRUST_POLICY = ('{"Version":"2012-10-17","Statement":[{"Effect":"Allow",'
                '"Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole",'
                '"Condition":{"StringEquals":{"sts:ExternalId":"' + EXTERNAL_ID + '"}}}]}')

OPS = {
    "getcalleridentity": urlencode([("Action", "GetCallerIdentity"), ("Version", "2011-06-15")]).encode(),
    "assumerole": urlencode([("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", ROLE_ARN),
                             ("RoleSessionName", "bench"), ("ExternalId", EXTERNAL_ID)]).encode(),
}


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def out(line):
    print(line, flush=True)


# ---------------------------------------------------------------------------------------------------------
# Signing and raw requests

def sign_headers(endpoint, creds, body, service="sts", method="POST", path="/", headers=None):
    """botocore SigV4Auth over an AWSRequest: the signed headers of one request at `endpoint` (by default a
    form POST / to STS). `creds` is (key, secret) or (key, secret, session token)."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    req = AWSRequest(method=method, url=endpoint + path, data=body,
                     headers=headers if headers is not None else {"Content-Type": FORM_CT})
    SigV4Auth(Credentials(*creds), service, REGION).add_auth(req)
    return [(k, v.decode() if isinstance(v, bytes) else v) for k, v in req.headers.items()]


def raw_request(endpoint, creds, body, service="sts", method="POST", path="/", headers=None):
    """The exact HTTP/1.1 bytes of one signed request (keep-alive: HTTP/1.1's default)."""
    lines = [f"{method} {path} HTTP/1.1", "Host: " + urlsplit(endpoint).netloc]
    lines += [f"{k}: {v}" for k, v in sign_headers(endpoint, creds, body, service, method, path, headers)
              if k.lower() != "host"]
    lines += ["User-Agent: roleplay-bench-server/1", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def exchange(endpoint, raw, times=1, timeout=10.0):
    """Send `raw` on one new TCP connection, `times` times while the server keeps the connection open.
    Returns ([(status, body)], kept_alive)."""
    u = urlsplit(endpoint)
    s = socket.create_connection((u.hostname, u.port), timeout=timeout)
    results, kept = [], True
    try:
        for i in range(times):
            if i and not kept:
                break
            s.sendall(raw)
            resp = http.client.HTTPResponse(s)
            resp.begin()
            results.append((resp.status, resp.read()))
            kept = not resp.will_close
    finally:
        s.close()
    return results, kept


# ---------------------------------------------------------------------------------------------------------
# Servers

def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def descendants(pid):
    kids, stack = [], [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/task/{p}/children") as f:
                c = [int(x) for x in f.read().split()]
        except OSError:
            c = []
        kids += c
        stack += c
    return kids


def rss_mib(pid):
    """VmRSS of `pid` plus its descendants, MiB."""
    total = 0
    for p in [pid] + descendants(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024.0


class Server:
    """One server process. `argv` is a template list with {host} and {port}; when `announces` the server
    is started with port 0 and its first stdout line `listening on http://HOST:PORT` gives the port."""

    def __init__(self, name, argv, announces, workdir):
        self.name, self.argv, self.announces, self.workdir = name, argv, announces, workdir
        self.proc = None
        self.endpoint = None
        self.starts = 0

    def start(self, timeout=60.0):
        """Start the process; return seconds from process start until the first 200 (see `wait_ready`)."""
        self.starts += 1
        logpath = os.path.join(self.workdir, f"{self.name}-{self.starts}.log")
        self.logpath = logpath
        logf = open(logpath, "wb")
        port = 0 if self.announces else free_port()
        argv = [a.format(host=HOST, port=port) for a in self.argv]
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stderr=logf,
                                     stdout=subprocess.PIPE if self.announces else logf,
                                     start_new_session=True)
        logf.close()
        if self.announces:
            first = queue.Queue()

            def drain(stream, path):
                with open(path, "ab") as f:
                    line = stream.readline()
                    first.put(line)
                    for rest in iter(stream.readline, b""):
                        f.write(rest)
                        f.flush()
            threading.Thread(target=drain, args=(self.proc.stdout, logpath + ".stdout"), daemon=True).start()
            try:
                line = first.get(timeout=timeout).decode(errors="replace").strip()
            except queue.Empty:
                self.stop()
                raise RuntimeError(f"{self.name}: no `listening on` line within {timeout}s (log {logpath})")
            m = re.fullmatch(r"listening on (http://[^/\s]+)", line)
            if not m:
                self.stop()
                raise RuntimeError(f"{self.name}: first stdout line is {line!r}, expected "
                                   f"'listening on http://HOST:PORT' (log {logpath})")
            self.endpoint = m.group(1)
        else:
            self.endpoint = f"http://{HOST}:{port}"
        self.wait_ready(t0 + timeout)
        return time.perf_counter() - t0

    def wait_ready(self, deadline):
        last = "no attempt"
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode} before ready "
                                   f"(log {self.logpath})")
            try:
                (res,), _ = exchange(self.endpoint, raw_request(self.endpoint, ROOT_A, OPS["getcalleridentity"]),
                                     timeout=2.0)
                if res[0] == 200:
                    return
                last = f"HTTP {res[0]}: {res[1][:300]!r}"
            except OSError as e:
                last = repr(e)
            time.sleep(0.005)
        self.stop()
        raise RuntimeError(f"{self.name} not ready: {last} (log {self.logpath})")

    def rss(self):
        return rss_mib(self.proc.pid)

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self, grace=10.0):
        """SIGTERM, SIGKILL after `grace` s. Returns the exit code (None when it had to be killed)."""
        p = self.proc
        if p is None:
            return None
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)  # its own process group (start_new_session)
            try:
                p.wait(grace)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
                self.proc = None
                return None
        self.proc = None
        return p.returncode


# ---------------------------------------------------------------------------------------------------------
# Set-up through botocore

def client(session, service, endpoint, creds):
    from botocore.config import Config
    return session.create_client(service, region_name=REGION, endpoint_url=endpoint,
                                 aws_access_key_id=creds[0], aws_secret_access_key=creds[1],
                                 config=Config(retries={"total_max_attempts": 1}))


def set_up(server):
    """Create the IAM user (account 111111111111) and role (account 222222222222); return the user's key."""
    import botocore.session
    session = botocore.session.get_session()
    iam_a = client(session, "iam", server.endpoint, ROOT_A)
    iam_a.create_user(UserName=USER_NAME)
    iam_a.put_user_policy(UserName=USER_NAME, PolicyName="bench-assume-role", PolicyDocument=USER_POLICY)
    key = iam_a.create_access_key(UserName=USER_NAME)["AccessKey"]
    iam_b = client(session, "iam", server.endpoint, ROOT_B)
    arn = iam_b.create_role(RoleName=ROLE_NAME, AssumeRolePolicyDocument=TRUST_POLICY)["Role"]["Arn"]
    if arn != ROLE_ARN:  # moto: every access key it did not issue is account 123456789012's
        log(f"{server.name}: the role was created as {arn}; AssumeRole still asks for {ROLE_ARN}")
    return (key["AccessKeyId"], key["SecretAccessKey"])


def check(server, creds):
    """One request of each kind (sent twice on one connection: the replay must be accepted too) must
    answer 200. Records the 200 body's size per op (server.body_len) and returns whether the server kept
    the connection alive."""
    kept_all = True
    server.body_len = {}
    for op, body in OPS.items():
        results, kept = exchange(server.endpoint, raw_request(server.endpoint, creds, body), times=2)
        kept_all = kept_all and kept
        for status, text in results:
            if status != 200:
                raise RuntimeError(f"{server.name} {op}: HTTP {status}, not benchmarking error responses:\n"
                                   + text.decode(errors="replace"))
        server.body_len[op] = len(results[0][1])
    return kept_all


# ---------------------------------------------------------------------------------------------------------
# wrk

class Load:
    def __init__(self, a):
        self.wrk, self.threads, self.conns, self.timeout = a.wrk, a.threads, a.conns, a.timeout
        self.workdir = a.workdir

    def run(self, server, op, creds, seconds, raw=None):
        """One wrk run of `seconds` replaying one freshly signed `op` request (the STS form of OPS, or the
        given `raw` bytes, signed just before). Returns a dict."""
        reqfile = os.path.join(self.workdir, f"{server.name}-{op}.http")
        with open(reqfile, "wb") as f:
            f.write(raw if raw is not None else raw_request(server.endpoint, creds, OPS[op]))
        cmd = [self.wrk, f"-t{self.threads}", f"-c{self.conns}", f"-d{seconds}s", "--timeout",
               f"{self.timeout}s", "-s", LUA, server.endpoint, "--", reqfile]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 120)
        for line in p.stdout.splitlines():
            if line.startswith("RESULT "):
                r = {k: float(v) for k, v in (kv.split("=") for kv in line.split()[1:])}
                r["rps"] = r["requests"] / r["seconds"]
                r["errors"] = r["connect"] + r["read"] + r["write"] + r["timeout"]
                # The bytes read per response must fit the checked 200 response (body plus headers): a
                # guard against replaying something other than the request that was checked.
                per = r["bytes"] / max(r["requests"], 1)
                want = server.body_len[op]
                if r["requests"] and not (want <= per <= want + 1024):
                    raise RuntimeError(f"{server.name} {op}: {per:.0f} bytes per response under wrk, but the "
                                       f"checked 200 response has a {want}-byte body")
                return r
        raise RuntimeError(f"wrk failed (exit {p.returncode}):\n{p.stdout}\n{p.stderr}")


def med(runs, key):
    return statistics.median(r[key] for r in runs)


def ms(us):
    return f"{us / 1000:.3f} ms" if us < 1000 else f"{us / 1000:.2f} ms"


def fmt_rps(x):
    return f"{x:,.0f} req/s"


def ratio(x):
    return f"{x:.3g}x" if x < 10 else f"{x:,.1f}x"


def row_text(runs):
    return (f"{fmt_rps(med(runs, 'rps'))} p50 {ms(med(runs, 'p50_us'))} p99 {ms(med(runs, 'p99_us'))}"
            f" (max {ms(max(r['max_us'] for r in runs))}; non-2xx {sum(r['non2xx'] for r in runs):.0f},"
            f" socket errors {sum(r['errors'] for r in runs):.0f})")


def run_text(r):
    return (f"{fmt_rps(r['rps'])} p50 {ms(r['p50_us'])} p99 {ms(r['p99_us'])}"
            f" (max {ms(r['max_us'])}; non-2xx {r['non2xx']:.0f}, socket errors {r['errors']:.0f})")


# ---------------------------------------------------------------------------------------------------------
# The figures

def startup_figures(a, servers):
    ready = {s.name: [] for s in servers}
    rss = {s.name: [] for s in servers}
    exits = {s.name: [] for s in servers}
    for i in range(a.starts):
        for s in (servers if i % 2 == 0 else servers[::-1]):
            t = s.start()
            time.sleep(a.idle)
            m = s.rss()
            exits[s.name].append(s.stop())
            ready[s.name].append(t)
            rss[s.name].append(m)
            log(f"start {i + 1}/{a.starts} {s.name}: ready {t * 1000:.1f} ms, RSS {m:.1f} MiB")
    for s in servers:
        r, m = ready[s.name], rss[s.name]
        out(f"server start-to-ready {s.name}: {statistics.median(r) * 1000:.1f} ms "
            f"(median of {len(r)} starts, min {min(r) * 1000:.1f}, max {max(r) * 1000:.1f})")
        out(f"server rss-idle {s.name}: {statistics.median(m):.1f} MiB "
            f"(VmRSS {a.idle:g} s after ready, median of {len(m)}, min {min(m):.1f}, max {max(m):.1f})")
    if len(servers) == 2:
        rp, mo = servers[0].name, servers[1].name
        t = statistics.median(ready[rp]) / statistics.median(ready[mo])
        m = statistics.median(rss[rp]) / statistics.median(rss[mo])
        out(f"server start-to-ready ratio {rp}/{mo}: {ratio(t)} (lower is better)")
        out(f"server rss-idle ratio {rp}/{mo}: {ratio(m)} (lower is better)")
    return exits


def throughput_figures(a, servers, load):
    creds, kept = {}, {}
    for s in servers:
        s.start()
        creds[s.name] = set_up(s)
        kept[s.name] = check(s, creds[s.name])
        log(f"{s.name} at {s.endpoint}: set up, both requests answer 200, keep-alive "
            f"{'honoured' if kept[s.name] else 'not honoured (connection closed after each response)'}")
    out(f"server load: wrk -t{a.threads} -c{a.conns} --timeout {a.timeout}s, {a.runs} run(s) x {a.seconds} s per "
        f"row, runs alternating between servers, medians; the same pre-signed bytes replayed, signed before "
        f"each run")
    for s in servers:
        out(f"server keep-alive {s.name}: {'yes' if kept[s.name] else 'no (Connection: close on every response)'}")
    rows = {}
    for op in OPS:  # GetCallerIdentity first: AssumeRole adds sessions
        for s in servers:
            rows[(s.name, op)] = []
        for r in range(a.runs):
            for s in (servers if r % 2 == 0 else servers[::-1]):
                res = load.run(s, op, creds[s.name], a.seconds)
                rows[(s.name, op)].append(res)
                log(f"run {r + 1}/{a.runs} {op} {s.name}: {run_text(res)}")
        for s in servers:
            out(f"server {op} {s.name}: {row_text(rows[(s.name, op)])}")
        if len(servers) == 2:
            rp, mo = rows[(servers[0].name, op)], rows[(servers[1].name, op)]
            out(f"server {op} ratio {servers[0].name}/{servers[1].name}: {ratio(med(rp, 'rps') / med(mo, 'rps'))} "
                f"req/s; latency p50 {ratio(med(rp, 'p50_us') / med(mo, 'p50_us'))}, "
                f"p99 {ratio(med(rp, 'p99_us') / med(mo, 'p99_us'))} (lower is better)")
    rss = {}
    for s in servers:
        rss[s.name] = s.rss()
        n = sum(r["requests"] for op in OPS for r in rows[(s.name, op)])
        out(f"server rss-after-load {s.name}: {rss[s.name]:.1f} MiB (after set-up and {n:,.0f} requests)")
    if len(servers) == 2:
        out(f"server rss-after-load ratio {servers[0].name}/{servers[1].name}: "
            f"{ratio(rss[servers[0].name] / rss[servers[1].name])} (lower is better)")
    exits = {}
    for s in servers:
        if not s.alive():
            out(f"server WARNING {s.name} died during the load runs (exit {s.proc.returncode}, log {s.logpath})")
        exits[s.name] = [s.stop()]
    return exits


def count_label(n):
    return f"{n // 1_000_000}m" if n % 1_000_000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


def million_figures(a, server, load):
    tag = count_label(a.million)
    server.start()
    creds = set_up(server)
    check(server, creds)
    time.sleep(a.idle)
    rss0 = server.rss()
    runs, total, t0 = [], 0, time.perf_counter()
    while total < a.million:
        if time.perf_counter() - t0 > a.million_max_seconds:
            out(f"server WARNING assumerole-{tag}: stopped after {a.million_max_seconds} s with {total:,} AssumeRoles")
            break
        if not server.alive():
            out(f"server WARNING {server.name} died during the AssumeRole runs (log {server.logpath})")
            break
        r = load.run(server, "assumerole", creds, a.million_seconds)
        runs.append(r)
        total += int(r["requests"])
        log(f"assumerole run {len(runs)}: {run_text(r)}; {total:,} so far")
    ok = sum(r["requests"] - r["non2xx"] for r in runs)
    out(f"server assumerole-{tag} {server.name}: {total:,} AssumeRoles ({ok:,.0f} answered 200) in {len(runs)} "
        f"back-to-back runs of {a.million_seconds} s, {time.perf_counter() - t0:.0f} s "
        f"(non-2xx {sum(r['non2xx'] for r in runs):.0f}, socket errors {sum(r['errors'] for r in runs):.0f})")
    if runs:
        out(f"server assumerole-{tag} {server.name} first run: {run_text(runs[0])}")
        out(f"server assumerole-{tag} {server.name} last run: {run_text(runs[-1])}")
        out(f"server assumerole-{tag} ratio last/first: {runs[-1]['rps'] / runs[0]['rps']:.2f}x req/s; "
            f"p99 {runs[-1]['p99_us'] / runs[0]['p99_us']:.2f}x")
        if len(runs) >= 6:
            head = statistics.median(r["rps"] for r in runs[:3])
            tail = statistics.median(r["rps"] for r in runs[-3:])
            out(f"server assumerole-{tag} ratio last-3/first-3 runs (medians): {tail / head:.2f}x "
                f"({fmt_rps(head)} -> {fmt_rps(tail)})")
        rps = [r["rps"] for r in runs]
        out(f"server assumerole-{tag} {server.name} all runs: median {fmt_rps(statistics.median(rps))}, "
            f"min {fmt_rps(min(rps))}, max {fmt_rps(max(rps))}")
    exits = []
    if server.alive():
        time.sleep(a.idle)
        rss1 = server.rss()
        out(f"server assumerole-{tag} {server.name} rss: {rss0:.1f} MiB before, {rss1:.1f} MiB after "
            f"(+{(rss1 - rss0) * 1024 * 1024 / max(total, 1):,.0f} bytes per AssumeRole)")
        g = load.run(server, "getcalleridentity", creds, a.seconds)
        out(f"server getcalleridentity-after-{tag} {server.name}: {run_text(g)}")
        check(server, creds)
        exits.append(server.stop())
    return exits


def state_dir_figures(a, server, load):
    """AssumeRole throughput of a server journaling to a fresh state directory, and the journal's size."""
    server.start()
    creds = set_up(server)
    check(server, creds)
    runs = []
    for r in range(a.runs):
        res = load.run(server, "assumerole", creds, a.seconds)
        runs.append(res)
        log(f"run {r + 1}/{a.runs} assumerole {server.name}: {run_text(res)}")
    out(f"server assumerole {server.name}: {row_text(runs)}")
    journal = os.path.join(server.state_dir, "journal")
    n = sum(r["requests"] for r in runs)
    size = os.path.getsize(journal) if os.path.exists(journal) else 0
    out(f"server journal {server.name}: {size:,} bytes after set-up and {n:,.0f} AssumeRoles")
    return [server.stop()]


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--roleplay", default=os.path.join(ROOT, ".build", "release", "roleplay"),
                    help="the roleplay binary (default .build/release/roleplay)")
    ap.add_argument("--log-level", default="warn", help="roleplay serve --log-level (default warn)")
    ap.add_argument("--moto-cmd", default=None,
                    help="moto server command, {host} and {port} filled in (default: moto_server beside "
                         "this interpreter, else on PATH, with -H {host} -p {port})")
    ap.add_argument("--servers", default="roleplay,moto", help="roleplay,moto (default), roleplay or moto")
    ap.add_argument("--starts", type=int, default=7, help="starts per server for start-to-ready (default 7)")
    ap.add_argument("--idle", type=float, default=0.5, help="seconds idle before reading RSS (default 0.5)")
    ap.add_argument("--runs", type=int, default=5, help="wrk runs per row (default 5)")
    ap.add_argument("--seconds", type=int, default=5, help="seconds per wrk run (default 5)")
    ap.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    ap.add_argument("--conns", type=int, default=16, help="wrk connections (default 16)")
    ap.add_argument("--timeout", type=int, default=10, help="wrk --timeout seconds (default 10)")
    ap.add_argument("--million", type=int, default=1_000_000,
                    help="AssumeRoles to drive on a fresh Roleplay (default 1000000; 0 skips)")
    ap.add_argument("--million-seconds", type=int, default=5, help="seconds per run of that phase (default 5)")
    ap.add_argument("--million-max-seconds", type=int, default=1200,
                    help="give up on that phase after this long (default 1200)")
    ap.add_argument("--no-state-dir", action="store_true",
                    help="skip the AssumeRole figure of a Roleplay started with --state-dir")
    ap.add_argument("--wrk", default=shutil.which("wrk") or "wrk")
    ap.add_argument("--workdir", default=os.path.join(ROOT, ".build-bench", "server"))
    a = ap.parse_args()

    wanted = a.servers.split(",")
    if not shutil.which(a.wrk):
        log("bench-server: wrk not found (Debian/Ubuntu: apt-get install wrk)")
        return 2
    try:
        import botocore
    except ImportError:
        log(f"bench-server: botocore is not importable by {sys.executable} (make venv)")
        return 2
    os.makedirs(a.workdir, exist_ok=True)
    for f in os.listdir(a.workdir):  # the server logs of an earlier run
        if re.fullmatch(r"(roleplay|roleplay-state-dir|moto)-\d+\.log(\.stdout)?", f):
            os.unlink(os.path.join(a.workdir, f))

    servers = []
    if "roleplay" in wanted:
        if not os.access(a.roleplay, os.X_OK):
            log(f"bench-server: roleplay binary {a.roleplay} not found (make build)")
            return 2
        servers.append(Server("roleplay", [a.roleplay, "serve", "--host", "{host}", "--port", "{port}",
                                           "--log-level", a.log_level], True, a.workdir))
    if "moto" in wanted:
        if a.moto_cmd:
            argv = shlex.split(a.moto_cmd)
        else:
            exe = os.path.join(os.path.dirname(sys.executable), "moto_server")
            exe = exe if os.access(exe, os.X_OK) else shutil.which("moto_server")
            if not exe:
                log("bench-server: moto_server not found (pip install 'moto[server]==5.2.1', see "
                    "scripts/requirements-bench.txt)")
                return 2
            argv = [exe, "-H", "{host}", "-p", "{port}"]
        servers.append(Server("moto", argv, False, a.workdir))
    durable = None
    if "roleplay" in wanted and not a.no_state_dir:
        state_dir = tempfile.mkdtemp(prefix="roleplay-bench-state-")
        durable = Server("roleplay-state-dir", servers[0].argv + ["--state-dir", state_dir], True, a.workdir)
        durable.state_dir = state_dir

    raw_request("http://127.0.0.1:1", ROOT_A, OPS["getcalleridentity"])  # import botocore before timing
    wrk_version = subprocess.run([a.wrk, "-v"], capture_output=True, text=True).stdout.split(" Copyright")[0]
    try:
        from importlib.metadata import version
        moto_v = version("moto")
    except Exception:
        moto_v = "?"
    out(f"server bench: {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}, {os.cpu_count()} cpus, "
        f"load average {loadavg()}, "
        f"{wrk_version.strip()}, botocore {botocore.__version__} SigV4Auth, moto {moto_v}, servers "
        + ", ".join(f"{s.name}=" + " ".join(s.argv) for s in servers))

    from botocore.exceptions import BotoCoreError, ClientError
    load = Load(a)
    exits = {s.name: [] for s in servers}
    failed = None
    try:
        for name, codes in startup_figures(a, servers).items():
            exits[name] += codes
        for name, codes in throughput_figures(a, servers, load).items():
            exits[name] += codes
        rp = [s for s in servers if s.name == "roleplay"]
        if rp and a.million > 0:
            exits["roleplay"] += million_figures(a, rp[0], load)
        if durable:
            exits[durable.name] = state_dir_figures(a, durable, load)
    except (RuntimeError, OSError, subprocess.SubprocessError, BotoCoreError, ClientError) as e:
        failed = e
        out(f"server ERROR: {type(e).__name__}: {e}")
    finally:
        for s in servers:
            if s.alive():
                exits[s.name].append(s.stop())
        if durable:
            if durable.alive():
                exits.setdefault(durable.name, []).append(durable.stop())
            shutil.rmtree(durable.state_dir, ignore_errors=True)
    for s in servers + ([durable] if durable and durable.name in exits else []):
        codes = exits[s.name]
        out(f"server exit codes after SIGTERM {s.name}: "
            + (", ".join(f"{c if c is not None else 'killed'} x{codes.count(c)}"
                         for c in sorted(set(codes), key=str)) or "none recorded"))
    if "roleplay" in wanted:
        lines = []
        for f in sorted(os.listdir(a.workdir)):
            if f.startswith("roleplay-") and ".log" in f:
                with open(os.path.join(a.workdir, f), errors="replace") as fh:
                    lines += [ln.rstrip() for ln in fh if ln.strip()]
        stops = [ln for ln in lines if re.fullmatch(r"roleplay: (received SIG\w+, stopping|stopped)", ln)]
        other = [ln for ln in lines if ln not in stops]
        out(f"server roleplay stderr at --log-level {a.log_level}: {len(other)} lines besides "
            f"{len(stops)} shutdown lines" + (f" (first: {other[0][:300]})" if other else ""))
    out(f"server bench done: {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}, load average {loadavg()}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
