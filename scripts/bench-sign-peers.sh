#!/usr/bin/env bash
# `make bench`'s entry point for the signing figures: ours, botocore's, awscrt's and the bare-OpenSSL bound,
# then the ratios. Usage: scripts/bench-sign-peers.sh [VENV_PYTHON] [RUNS] [SECONDS]
# The work is done by bench-sign-peers.py (standard library only, run by the system python3); VENV_PYTHON is
# the interpreter with botocore and awscrt that runs ../shared/bench/sign_bench.py; ROLEPLAY overrides the
# binary measured (default .build/release/roleplay).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
exec "${PYTHON:-python3}" "$here/bench-sign-peers.py" \
    --python "${1:-$root/.venv/bin/python}" --runs "${2:-7}" --seconds "${3:-1}" \
    --roleplay "${ROLEPLAY:-$root/.build/release/roleplay}"
