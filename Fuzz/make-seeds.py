#!/usr/bin/env python3
"""Writes the fuzz seed corpora (Fuzz/corpus/<harness>/) from the repository's vectors, conformance scenarios and
test fixtures. Run from the repository root; the output is committed, so run it again only to refresh the seeds.

Seeds are small valid inputs: libFuzzer mutates from them, so each harness starts deep inside its format instead of
rediscovering it byte by byte. Crash inputs kept as regression seeds (crash-*) are never overwritten or removed.
"""
import base64, glob, hashlib, json, os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Fuzz", "corpus")


def write(harness, data, sources):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(OUT, harness)
    os.makedirs(d, exist_ok=True)
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)
    sources.setdefault(harness, set())


def load(path):
    with open(os.path.join(ROOT, path)) as f:
        return json.load(f)


def raw_strings(pattern):
    """The `#"..."#` literals of Swift test files without interpolation."""
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
        text = open(path).read()
        out += [m for m in re.findall(r'#"(.*?)"#', text, re.S) if "\\#(" not in m]
    return out


def main():
    sources = {}
    notes = {}
    # Event stream: every frame of our vectors and the runtime captures, alone and two back to back.
    frames = []
    for path in ("vectors/eventstream/frames.json", "vectors/eventstream/runtime-frames.json"):
        for case in load(path).get("cases", []):
            if case.get("frame_hex"):
                frames.append(bytes.fromhex(case["frame_hex"]))
    for frame in frames:
        write("FuzzEventStream", frame, sources)
    if len(frames) > 1:
        write("FuzzEventStream", frames[0] + frames[1], sources)
    notes["FuzzEventStream"] = "frame_hex of vectors/eventstream/frames.json and runtime-frames.json (one concatenation)."

    # awsQuery forms: the bodies and queries of our botocore vectors and the AWS docs examples.
    for case in load("vectors/sigv4/botocore-vectors.json")["cases"]:
        body = base64.b64decode(case["request"].get("body_base64", ""))
        if body:
            write("FuzzQueryForm", body, sources)
    for case in load("vectors/sigv4/aws-docs-examples.json")["cases"]:
        first = case.get("request", "").split("\n", 1)[0]
        if "?" in first:
            write("FuzzQueryForm", first.split("?", 1)[1].split(" ")[0], sources)
    notes["FuzzQueryForm"] = "bodies of vectors/sigv4/botocore-vectors.json and query strings of vectors/sigv4/aws-docs-examples.json."

    # Policies (by kind byte) and JSON: the validation vectors' documents.
    kinds = ["trust", "identity", "managed", "resource"]
    documents = []
    for path in sorted(glob.glob(os.path.join(ROOT, "vectors/policy/validation/*.json"))):
        data = json.load(open(path))
        default_kind = data.get("defaults", {}).get("kind", "trust")
        for case in data["cases"]:
            doc = case["document"]
            text = doc if isinstance(doc, str) else json.dumps(doc)
            kind = case.get("kind", default_kind)
            documents.append(text)
            if len(documents) > 60:
                continue
            write("FuzzPolicy", bytes([kinds.index(kind) if kind in kinds else 0]) + text.encode(), sources)
    notes["FuzzPolicy"] = "first byte the policy kind, then one of the first 60 documents of vectors/policy/validation/*.json."

    bedrock = [s for s in raw_strings("Tests/EmulatorTests/BedrockRuntime*.swift") if s.startswith("{")]
    bedrock = [s for s in bedrock if valid_json(s)]
    for text in documents[:20] + bedrock[:20]:
        write("FuzzJSONReader", text, sources)
    notes["FuzzJSONReader"] = ("the first 20 policy documents of vectors/policy/validation and the first 20 JSON bodies in "
                              "Tests/EmulatorTests/BedrockRuntime*.swift.")

    # XML: the responses and error bodies in the XML reader and query envelope tests.
    for text in raw_strings("Tests/AWSWireTests/XML*.swift") + raw_strings("Tests/AWSWireTests/QueryEnvelopeTests.swift") \
            + raw_strings("Tests/ConnectorKitTests/STSClientTests.swift"):
        if text.lstrip().startswith("<"):
            write("FuzzXMLReader", text, sources)
    notes["FuzzXMLReader"] = "XML literals of Tests/AWSWireTests/XML*.swift, QueryEnvelopeTests.swift and Tests/ConnectorKitTests/STSClientTests.swift."

    # SigV4: signed requests of our botocore vectors and the AWS docs examples. (The published suite is not copied
    # into the repository; scripts/fuzz.sh adds it as a read-only corpus when SIGV4_TEST_SUITE_DIR has it.)
    for case in load("vectors/sigv4/aws-docs-examples.json")["cases"]:
        if not case.get("request") or not case.get("authorization"):
            continue
        first, *headers = case["request"].split("\n")
        method, url = first.split(" ", 1)
        target = "/" + url.split("://", 1)[-1].split("/", 1)[-1] if "://" in url else url
        lines = [f"{method} {target} HTTP/1.1"] + headers + [f"Authorization: {case['authorization']}"]
        write("FuzzSigV4", "\n".join(lines) + "\n\n", sources)
    for case in load("vectors/sigv4/botocore-vectors.json")["cases"][:24]:
        request = case["signed_request"]
        target = request.get("path", "/") + (("?" + request["query"]) if request.get("query") else "")
        lines = [f'{request.get("method", "POST")} {target} HTTP/1.1'] + [f"{k}:{v}" for k, v in request["headers"]]
        body = base64.b64decode(request.get("body_base64", ""))
        write("FuzzSigV4", ("\n".join(lines) + "\n\n").encode() + body, sources)
    notes["FuzzSigV4"] = ("the header-signed requests of vectors/sigv4/aws-docs-examples.json and signed_request of "
                          "vectors/sigv4/botocore-vectors.json (first 24).")

    # Scenarios: the conformance set and the loader's fixtures.
    for path in sorted(glob.glob(os.path.join(ROOT, "Conformance/scenarios/*.yaml"))
                       + glob.glob(os.path.join(ROOT, "Tests/ScenariosTests/Fixtures/*.yaml"))):
        write("FuzzScenario", open(path, "rb").read(), sources)
    notes["FuzzScenario"] = "Conformance/scenarios/*.yaml and Tests/ScenariosTests/Fixtures/*.yaml."

    # Emulator JSON operations: first byte the operation (FuzzEmulatorJSON.operations), then the body.
    lookups = ['{}', '{"MaxResults":5}',
               '{"LookupAttributes":[{"AttributeKey":"EventName","AttributeValue":"AssumeRole"}],"MaxResults":50}',
               '{"StartTime":1736942000,"EndTime":1736943000,"NextToken":"abc"}',
               '{"LookupAttributes":[{"AttributeKey":"AccessKeyId","AttributeValue":"ASIA0000"}],"EventCategory":"insight"}']
    for text in lookups:
        write("FuzzEmulatorJSON", bytes([0]) + text.encode(), sources)
    for text in bedrock[:16]:
        for op in (1, 3, 5, 13):
            write("FuzzEmulatorJSON", bytes([op]) + text.encode(), sources)
    notes["FuzzEmulatorJSON"] = ("first byte the operation (0 LookupEvents; 1 + 4*model + action for Bedrock Runtime), "
                                 "then LookupEvents bodies written for this corpus or the first 16 JSON bodies in "
                                 "Tests/EmulatorTests/BedrockRuntime*.swift under four operations.")

    # HTTP: our botocore vectors' signed requests on the wire (CRLF, Content-Length), one chunked, one pipelined.
    wire = []
    for case in load("vectors/sigv4/botocore-vectors.json")["cases"][:12]:
        request = case["signed_request"]
        target = request.get("path", "/") + (("?" + request["query"]) if request.get("query") else "")
        body = base64.b64decode(request.get("body_base64", ""))
        lines = [f'{request.get("method", "POST")} {target} HTTP/1.1'] + [f"{k}: {v}" for k, v in request["headers"]]
        if body:
            lines.append(f"Content-Length: {len(body)}")
        wire.append(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
    wire.append(b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
    wire.append(wire[0] + wire[1])
    for data in wire:
        write("FuzzHTTPServer", data, sources)
    notes["FuzzHTTPServer"] = ("the first 12 signed requests of vectors/sigv4/botocore-vectors.json as HTTP/1.1 bytes, "
                               "a chunked request and two pipelined requests.")

    for harness, note in notes.items():
        d = os.path.join(OUT, harness)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "SOURCE.md"), "w") as f:
            f.write(f"Seeds written by Fuzz/make-seeds.py from {note} Files named crash-* are fixed crashes kept as regression seeds.\n")


def valid_json(text):
    try:
        json.loads(text)
        return True
    except ValueError:
        return False


if __name__ == "__main__":
    main()
