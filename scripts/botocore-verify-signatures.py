#!/usr/bin/env python3
"""Re-signs ConnectorKit's wire requests with botocore's SigV4Auth: an independent check of our signer.

Reads {"requests": [{"name", "method", "url", "headers": [[name, value]], "body_base64", "access_key",
"secret_key", "session_token", "region", "service", "amz_date"}]} on stdin. For each request, drops
Authorization and User-Agent (botocore never signs User-Agent), gives botocore the rest of the headers as they
went on the wire and the signing time, and lets botocore canonicalize (path quoting, query order, header
folding) and sign. Prints {"results": [{"name", "signature", "signed_headers"}]} on stdout.

Exit status 3 when botocore cannot be imported, so the caller can say how to get it (`make test` builds the
clients venv that pins it).
"""

import base64
import json
import sys

try:
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError as error:  # the Swift test turns this into a failure that says what to run
    print(f"botocore cannot be imported: {error}", file=sys.stderr)
    sys.exit(3)

UNSIGNED = {"authorization", "user-agent"}


def sign(entry):
    headers = [(name, value) for name, value in entry["headers"] if name.lower() not in UNSIGNED]
    request = AWSRequest(
        method=entry["method"], url=entry["url"], headers=dict(headers), data=base64.b64decode(entry["body_base64"])
    )
    request.context["timestamp"] = entry["amz_date"]
    credentials = Credentials(entry["access_key"], entry["secret_key"], entry.get("session_token"))
    auth = SigV4Auth(credentials, entry["service"], entry["region"])
    canonical_request = auth.canonical_request(request)
    string_to_sign = auth.string_to_sign(request, canonical_request)
    return {
        "name": entry["name"],
        "signature": auth.signature(string_to_sign, request),
        "signed_headers": auth.signed_headers(auth.headers_to_sign(request)),
    }


def main():
    corpus = json.load(sys.stdin)
    json.dump({"results": [sign(entry) for entry in corpus["requests"]]}, sys.stdout)


if __name__ == "__main__":
    main()
