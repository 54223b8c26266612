#!/usr/bin/env python3
"""Event-stream frame vectors for AWSWire, checked by botocore's own decoder.

botocore has no event-stream encoder, so this script packs each case with a small independent packer
(struct + zlib.crc32, written from the framing description, not from our Swift code), then decodes every
frame with botocore.eventstream.EventStreamBuffer and records what botocore sees. The Swift tests check
that our encoder produces exactly these bytes and our decoder reads back the same headers and payload.

Run from anywhere:  python3 vectors/eventstream/generate.py   (writes frames.json next to this file)
"""
import base64
import json
import os
import struct
import uuid
import zlib

import botocore
from botocore.eventstream import EventStreamBuffer

TYPES = {"true": 0, "false": 1, "byte": 2, "short": 3, "int": 4, "long": 5,
         "bytes": 6, "string": 7, "timestamp": 8, "uuid": 9}


def pack_value(kind, value):
    t = TYPES[kind]
    if kind in ("true", "false"):
        return bytes([t])
    if kind == "byte":
        return bytes([t]) + struct.pack(">b", value)
    if kind == "short":
        return bytes([t]) + struct.pack(">h", value)
    if kind == "int":
        return bytes([t]) + struct.pack(">i", value)
    if kind in ("long", "timestamp"):
        return bytes([t]) + struct.pack(">q", value)
    if kind == "bytes":
        raw = bytes.fromhex(value)
        return bytes([t]) + struct.pack(">H", len(raw)) + raw
    if kind == "string":
        raw = value.encode("utf-8")
        return bytes([t]) + struct.pack(">H", len(raw)) + raw
    if kind == "uuid":
        raw = bytes.fromhex(value)
        assert len(raw) == 16
        return bytes([t]) + raw
    raise ValueError(kind)


def pack_frame(headers, payload):
    hb = b"".join(bytes([len(n.encode())]) + n.encode() + pack_value(k, v) for n, k, v in headers)
    total = 16 + len(hb) + len(payload)
    prelude = struct.pack(">II", total, len(hb))
    prelude += struct.pack(">I", zlib.crc32(prelude) & 0xFFFFFFFF)
    body = prelude + hb + payload
    return body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def botocore_view(frame):
    """Decode with botocore and render its header values as JSON (bytes and UUIDs as hex)."""
    buf = EventStreamBuffer()
    buf.add_data(frame)
    messages = list(buf)
    assert len(messages) == 1
    m = messages[0]
    headers = []
    for name, value in m.headers.items():
        if isinstance(value, (bytes, bytearray)):
            value = value.hex()
        headers.append({"name": name, "value": value})
    return {"headers": headers, "payload_hex": m.payload.hex(),
            "total_length": m.prelude.total_length, "headers_length": m.prelude.headers_length}


def chunk(event):
    return json.dumps({"bytes": base64.b64encode(json.dumps(event, separators=(",", ":")).encode()).decode()},
                      separators=(",", ":")).encode()


EVENT = [(":event-type", "string", None), (":content-type", "string", "application/json"),
         (":message-type", "string", "event")]


def event_headers(event_type):
    return [(":event-type", "string", event_type)] + EVENT[1:]


CASES = [
    ("empty frame (spec 7.6)", [], b""),
    ("ConverseStream messageStart (spec 7.6)", event_headers("messageStart"), b'{"role":"assistant"}'),
    ("every header type", [
        ("t", "true", None), ("f", "false", None), ("i8", "byte", -5), ("i16", "short", -300),
        ("i32", "int", 123456789), ("i64", "long", -1234567890123), ("raw", "bytes", "00ff10"),
        ("text", "string", "isn\u2019t \u2713"), ("when", "timestamp", 1736942400000),
        ("id", "uuid", uuid.UUID("0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9").hex),
    ], b"\x00\x01\x02payload"),
    ("InvokeModelWithResponseStream chunk", event_headers("chunk"),
     chunk({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Hello"}})),
    ("modeled exception", [(":exception-type", "string", "throttlingException"),
                           (":content-type", "string", "application/json"), (":message-type", "string", "exception")],
     b'{"message":"Too many requests, please wait before trying again."}'),
    ("unmodeled error", [(":error-code", "string", "InternalFailure"),
                         (":error-message", "string", "An internal error occurred"),
                         (":message-type", "string", "error")], b""),
    ("extreme integers", [("min8", "byte", -128), ("max16", "short", 32767), ("min32", "int", -2147483648),
                          ("max64", "long", 9223372036854775807), ("epoch", "timestamp", 0),
                          ("empty", "string", ""), ("nobytes", "bytes", "")], b"{}"),
]

SPEC_VECTORS = {
    "empty frame (spec 7.6)": "000000100000000005c248eb7d98c8ff",
    "ConverseStream messageStart (spec 7.6)":
        "0000007600000052 96d5fade0b3a6576656e742d7479706507000c6d65737361676553746172740d3a636f6e74656e74"
        "2d74797065070010 6170706c69636174696f6e2f6a736f6e0d3a6d6573736167652d747970650700056576656e747b22"
        "726f6c65223a2261737369737461 6e74227d6fa8c599",
}


def main():
    cases = []
    for name, headers, payload in CASES:
        frame = pack_frame(headers, payload)
        if name in SPEC_VECTORS:
            assert frame.hex() == SPEC_VECTORS[name].replace(" ", ""), name
        cases.append({
            "name": name,
            "headers": [{"name": n, "type": k, "value": v} for n, k, v in headers],
            "payload_hex": payload.hex(),
            "frame_hex": frame.hex(),
            "botocore": botocore_view(frame),
        })
    out = {
        "source": f"vectors/eventstream/generate.py: frames packed independently (struct + zlib.crc32), "
                  f"decoded by botocore {botocore.__version__} botocore.eventstream.EventStreamBuffer",
        "botocore_version": botocore.__version__,
        "cases": cases,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "frames.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
