#!/usr/bin/env python3
"""Frames of Bedrock Runtime's real stream events, checked by botocore (model-aware) for the Swift tests.

Each sequence is what `roleplay serve` must send for one scripted call (the request, the scripted rule and the
answer's token counts are fixed below). Frames are packed independently (generate.py's packer: struct +
zlib.crc32), then decoded twice by botocore: with botocore.eventstream.EventStreamBuffer (framing and CRCs),
and with botocore's EventStream over the bedrock-runtime service model, which is what boto3 hands to users
(`converse_stream()["stream"]`, `invoke_model_with_response_stream()["body"]`). The parsed events, or the
error boto3 raises, are recorded next to the frames. The Swift tests make the same call against the emulator
and require exactly these bytes.

Numbers in the payloads: the emulator counts a run of letters or digits as one token and every other visible
character as one ("hi" = 1, "Hello!" = 2), and reports latency 120 + 8 ms per output token (136 here).

Run from anywhere:  python3 vectors/eventstream/generate_runtime.py   (writes runtime-frames.json next to this file)
"""
import base64
import io
import json
import os

import botocore
import botocore.session
from botocore.eventstream import EventStream
from botocore.exceptions import EventStreamError
from botocore.parsers import EventStreamJSONParser

from generate import botocore_view, pack_frame


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def event(event_type, payload):
    return ([(":event-type", "string", event_type), (":content-type", "string", "application/json"),
             (":message-type", "string", "event")], compact(payload))


def exception(member, payload):
    return ([(":exception-type", "string", member), (":content-type", "string", "application/json"),
             (":message-type", "string", "exception")], compact(payload))


def chunk(model_event):
    return event("chunk", {"bytes": base64.b64encode(compact(model_event)).decode()})


USAGE = {"inputTokens": 1, "outputTokens": 2, "totalTokens": 3}
CONVERSE_BODY = {"messages": [{"role": "user", "content": [{"text": "hi"}]}]}
MODEL = "us.anthropic.claude-3-5-haiku-20241022-v1:0"
LLAMA = "meta.llama3-8b-instruct-v1:0"

SEQUENCES = [
    {
        "name": "ConverseStream text answer",
        "operation": "ConverseStream", "path": "converse-stream", "model": MODEL, "body": CONVERSE_BODY,
        "rule": {"model": "*", "text": "Hello!"},
        "frames": [
            event("messageStart", {"role": "assistant"}),
            event("contentBlockDelta", {"contentBlockIndex": 0, "delta": {"text": "Hello!"}}),
            event("contentBlockStop", {"contentBlockIndex": 0}),
            event("messageStop", {"stopReason": "end_turn"}),
            event("metadata", {"usage": USAGE, "metrics": {"latencyMs": 136}}),
        ],
    },
    {
        "name": "InvokeModelWithResponseStream Llama chunk with invocation metrics",
        "operation": "InvokeModelWithResponseStream", "path": "invoke-with-response-stream", "model": LLAMA,
        "body": {"prompt": "hi", "max_gen_len": 50},
        "rule": {"model": "*", "text": "Hello!"},
        "frames": [
            chunk({"generation": "Hello!", "prompt_token_count": 1, "generation_token_count": 2, "stop_reason": "stop",
                   "amazon-bedrock-invocationMetrics": {"inputTokenCount": 1, "outputTokenCount": 2,
                                                        "invocationLatency": 136, "firstByteLatency": 100}}),
        ],
    },
    {
        "name": "ConverseStream throttled in the stream",
        "operation": "ConverseStream", "path": "converse-stream", "model": MODEL, "body": CONVERSE_BODY,
        "rule": {"model": "*", "error": {"code": "ThrottlingException", "message": "Slow down.", "after_chunks": 1}},
        "frames": [
            event("messageStart", {"role": "assistant"}),
            exception("throttlingException", {"message": "Slow down."}),
        ],
    },
    {
        "name": "InvokeModelWithResponseStream model stream error",
        "operation": "InvokeModelWithResponseStream", "path": "invoke-with-response-stream", "model": LLAMA,
        "body": {"prompt": "hi"},
        "rule": {"model": "*", "error": {"code": "ModelErrorException", "message": "Boom.", "after_chunks": 0}},
        "frames": [
            exception("modelStreamErrorException", {"message": "Boom.", "originalStatusCode": 424, "originalMessage": "Boom."}),
        ],
    },
]


class RawStream:
    """What botocore's EventStream reads from: an object with `stream()` yielding byte chunks."""

    def __init__(self, data):
        self._data = data

    def stream(self):
        yield self._data

    def close(self):
        pass


def boto3_view(operation, data):
    """The events boto3 yields for these bytes, or the error it raises, through the service model."""
    model = botocore.session.get_session().get_service_model("bedrock-runtime")
    output = model.operation_model(operation).output_shape
    stream_shape = next(shape for shape in output.members.values() if shape.serialization.get("eventstream"))
    events = []
    try:
        for parsed in EventStream(RawStream(data), stream_shape, EventStreamJSONParser(), operation):
            events.append(parsed)
    except EventStreamError as error:
        return {"events": events, "error": {"code": error.response["Error"]["Code"],
                                            "message": error.response["Error"]["Message"]}}
    return {"events": [decode_bytes(e) for e in events]}


def decode_bytes(parsed):
    """`chunk.bytes` arrives as raw bytes; record the model event it holds as JSON."""
    if "chunk" in parsed and isinstance(parsed["chunk"].get("bytes"), (bytes, bytearray)):
        return {"chunk": {"bytes": json.loads(parsed["chunk"]["bytes"])}}
    return parsed


def main():
    sequences = []
    for spec in SEQUENCES:
        frames = [pack_frame(headers, payload) for headers, payload in spec["frames"]]
        sequences.append({
            "name": spec["name"], "operation": spec["operation"], "path": spec["path"], "model": spec["model"],
            "body": json.dumps(spec["body"], separators=(",", ":")), "rule": json.dumps(spec["rule"], separators=(",", ":")),
            "frames_hex": [frame.hex() for frame in frames],
            "botocore": [botocore_view(frame) for frame in frames],
            "boto3": boto3_view(spec["operation"], b"".join(frames)),
        })
    out = {
        "source": f"vectors/eventstream/generate_runtime.py: frames packed independently (struct + zlib.crc32), "
                  f"decoded by botocore {botocore.__version__} EventStreamBuffer and by its EventStream over the "
                  f"bedrock-runtime service model",
        "botocore_version": botocore.__version__,
        "cases": sequences,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runtime-frames.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
