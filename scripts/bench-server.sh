#!/usr/bin/env bash
# `make bench`'s entry point for the server figures: Roleplay beside moto_server, same machine, same load
# generator (wrk), one run: start-to-ready, idle RSS, GetCallerIdentity/AssumeRole throughput with p50/p99,
# 1,000,000 AssumeRoles without slowdown, and the ratios.
# Usage: scripts/bench-server.sh PYTHON ROLEPLAY_BIN [bench-server.py options, e.g. --runs 5 --seconds 5]
# PYTHON is an interpreter with botocore and moto[server] (the venv of `make venv`, from
# scripts/requirements-bench.txt); moto_server is taken from beside it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
python="${1:-$root/.venv/bin/python}"
roleplay="${2:-$root/.build/release/roleplay}"
shift $(( $# < 2 ? $# : 2 ))
if ! command -v wrk >/dev/null 2>&1; then
    echo "bench-server: wrk (the HTTP load generator) is not installed. Debian/Ubuntu: apt-get install wrk" >&2
    exit 2
fi
exec "$python" "$here/bench-server.py" --roleplay "$roleplay" "$@"
