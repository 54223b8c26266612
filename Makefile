# Roleplay — build, test and benchmark. Every target installs what it needs on a fresh Debian machine.
#
#   make test    system libraries (apt-get) and the clients venv, then every test: unit, published SigV4 vectors,
#                our vectors, ConnectorKit signatures re-checked by botocore, then the real-client suite (make clients)
#   make clients release build, then boto3 and awscli against `roleplay serve` (Conformance/clients)
#   make bench   release build, then the benchmark programs (figures printed, never asserted): signing,
#                policies, the emulator in-process, the scenario set, and the server beside moto_server under wrk
#   make serve   release build, then the emulator on 127.0.0.1:4590 (Ctrl-C stops it)
#   make build   release build of the `roleplay` command
#   make test-sanitizers  the Swift test suite again under ThreadSanitizer, then AddressSanitizer (own scratch paths;
#                not part of `make test`, run by CI): fails on any report (docs/reliability.md, "Sanitizers")
#   make fuzz    libFuzzer harnesses (Fuzz/), each run for FUZZ_SECONDS (default 60); not part of `make test`
#   make soak    release build, then `roleplay soak` on 127.0.0.1: SOAK_SECONDS (default 300) of load with faults,
#                then SOAK_KILL_RUNS (default 20) kill -9 restarts on a --state-dir; exit 1 if an assertion fails;
#                not part of `make test`

SHELL := /bin/bash
SWIFT ?= swift
PYTHON ?= python3
VENV := .venv
CLIENTS_VENV := .venv-clients
CLIENTS_REQUIREMENTS := Conformance/clients/requirements.txt
# The published SigV4/SigV4a suites (not copied into the repository). CI sets this explicitly.
SIGV4_TEST_SUITE_DIR ?= $(abspath ../shared/vectors)
export SIGV4_TEST_SUITE_DIR
BENCH_RUNS ?= 7
BENCH_SECONDS ?= 1
FUZZ_SECONDS ?= 60
# Empty: every harness under Fuzz/Harnesses.
FUZZ_HARNESSES ?=
SOAK_SECONDS ?= 300
SOAK_KILL_RUNS ?= 20
# Empty: seeded from the clock (the seed is printed first, so a failing run can be repeated with SOAK_SEED=N).
SOAK_SEED ?=

# libcurl: Foundation's URLSession (ConnectorKit's transport to real AWS) links it when the Swift runtime is static.
APT_PACKAGES := libmicrohttpd-dev libssl-dev libcurl4-openssl-dev pkg-config
# The Swift runtime and Foundation linked statically: one self-contained binary that starts faster and maps
# less (measured: about 13 ms to ready and 22 MB idle, against 20 ms and 28 MB with the shared libraries).
RELEASE_FLAGS := -c release --static-swift-stdlib

.PHONY: deps build serve test test-sanitizers test-tsan test-asan clients clients-venv bench venv wrk fuzz soak clean
HOST ?= 127.0.0.1
PORT ?= 4590

## deps: install libmicrohttpd and libcrypto headers with apt-get when pkg-config cannot find them.
deps:
	@if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libmicrohttpd libcrypto libcurl; then \
		echo "deps: libmicrohttpd $$(pkg-config --modversion libmicrohttpd), libcrypto $$(pkg-config --modversion libcrypto)"; \
	elif command -v apt-get >/dev/null 2>&1; then \
		echo "deps: installing $(APT_PACKAGES) with apt-get"; \
		SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
		$$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y --no-install-recommends $(APT_PACKAGES); \
	else \
		echo "deps: libmicrohttpd and OpenSSL libcrypto development files are missing and apt-get is not available."; \
		echo "      Install them with your package manager (Debian/Ubuntu: $(APT_PACKAGES);"; \
		echo "      Fedora: libmicrohttpd-devel openssl-devel; macOS: brew install libmicrohttpd openssl@3 pkg-config)."; \
		exit 1; \
	fi

build: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product roleplay

## serve: the emulator on $(HOST):$(PORT) (override: make serve PORT=4600); stops on Ctrl-C or SIGTERM.
serve: build
	.build/release/roleplay serve --host $(HOST) --port $(PORT)

## test: every test target; the published-suite tests fail (not skip) when SIGV4_TEST_SUITE_DIR has no cases, and
## ConnectorKit's signatures are re-checked by the clients venv's pinned botocore (fails, not skips, without it).
test: deps clients-venv
	@echo "test: published SigV4 suites from $(SIGV4_TEST_SUITE_DIR)"
	ROLEPLAY_BOTOCORE_PYTHON=$(abspath $(CLIENTS_VENV))/bin/python $(SWIFT) test --disable-xctest
	$(MAKE) --no-print-directory clients

## test-sanitizers: the Swift test suite under ThreadSanitizer, then AddressSanitizer (leak detection off), each in
## its own scratch path so neither disturbs the normal build. Any report fails the run: halt_on_error=1 stops the
## process at the first one, and sanitizers/tsan.supp may hold only documented reports inside system libraries.
## The roleplay binary the CLI tests spawn is the instrumented one beside the test runner, so it is checked too.
TSAN_OPTIONS_ROLEPLAY := halt_on_error=1 second_deadlock_stack=1 suppressions=$(abspath sanitizers/tsan.supp)
ASAN_OPTIONS_ROLEPLAY := halt_on_error=1 detect_leaks=0 detect_stack_use_after_return=1 strict_init_order=1
SANITIZER_TEST_ENV := ROLEPLAY_BOTOCORE_PYTHON=$(abspath $(CLIENTS_VENV))/bin/python
# A hang fails the run instead of blocking CI forever (the first TSan run deadlocked; docs/reliability.md).
SANITIZER_TIMEOUT ?= 45m
# One test at a time: instrumented code runs 5-15x slower, and in parallel the CPU-bound property tests held
# both threads of the 2-core cooperative pool (which on Linux also runs URLSession's queues) for 100 s, so
# timing-bound tests timed out. Tests that start concurrency of their own still exercise it.
SANITIZER_TEST_FLAGS := --disable-xctest --no-parallel

test-sanitizers: test-tsan test-asan

test-tsan: deps clients-venv
	$(SWIFT) build --build-tests --scratch-path .build-tsan --sanitize=thread
	TSAN_OPTIONS="$(TSAN_OPTIONS_ROLEPLAY)" $(SANITIZER_TEST_ENV) \
		timeout $(SANITIZER_TIMEOUT) $(SWIFT) test $(SANITIZER_TEST_FLAGS) --scratch-path .build-tsan --sanitize=thread

test-asan: deps clients-venv
	$(SWIFT) build --build-tests --scratch-path .build-asan --sanitize=address
	ASAN_OPTIONS="$(ASAN_OPTIONS_ROLEPLAY)" $(SANITIZER_TEST_ENV) \
		timeout $(SANITIZER_TIMEOUT) $(SWIFT) test $(SANITIZER_TEST_FLAGS) --scratch-path .build-asan --sanitize=address

## clients: unmodified boto3 and awscli (pinned in $(CLIENTS_REQUIREMENTS)) against a release `roleplay serve`.
clients: deps clients-venv
	$(SWIFT) build $(RELEASE_FLAGS) --product roleplay
	ROLEPLAY_BIN=.build/release/roleplay $(CLIENTS_VENV)/bin/python -m pytest -q Conformance/clients

clients-venv: $(CLIENTS_VENV)/.installed
$(CLIENTS_VENV)/.installed: $(CLIENTS_REQUIREMENTS)
	$(PYTHON) -m venv $(CLIENTS_VENV)
	$(CLIENTS_VENV)/bin/pip install --quiet --disable-pip-version-check -r $(CLIENTS_REQUIREMENTS)
	touch $@

## venv: Python clients for benchmarks (and, later, the real-client tests), from PyPI.
venv: $(VENV)/.installed
$(VENV)/.installed: scripts/requirements-bench.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r scripts/requirements-bench.txt
	touch $@

## bench: signing (ours beside botocore, awscrt and the bare-OpenSSL bound, with ratios), policy evaluation, the
## emulator in-process, CloudTrail lookups over 1,000,000 events, the conformance scenarios (in process and over HTTP),
## then the server against moto and Bedrock Runtime through the server (docs/benchmarks.md).
bench: build venv wrk
	scripts/bench-sign-peers.sh $(VENV)/bin/python $(BENCH_RUNS) $(BENCH_SECONDS)
	.build/release/roleplay bench policy --runs $(BENCH_RUNS) --seconds $(BENCH_SECONDS)
	.build/release/roleplay bench emulator --runs $(BENCH_RUNS) --seconds $(BENCH_SECONDS)
	.build/release/roleplay bench cloudtrail --events 1000000
	.build/release/roleplay bench scenarios --runs $(BENCH_RUNS)
	scripts/bench-server.sh $(VENV)/bin/python .build/release/roleplay
	$(VENV)/bin/python scripts/bench-bedrock.py --roleplay .build/release/roleplay

## wrk: the HTTP load generator of the server benchmark, from Debian when missing.
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
		$$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y --no-install-recommends wrk; }

## fuzz: builds each harness with -sanitize=fuzzer,address (into .build-fuzz) and runs it for FUZZ_SECONDS, printing
## executions, exec/s and crashes per harness (docs/reliability.md "Fuzzing"). Exit 1 when any harness crashed.
fuzz: deps
	SWIFT=$(SWIFT) scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_HARNESSES)

## soak: the emulator under load, faults and kill -9 (docs/reliability.md "Soak"); loopback only, bounded in time
## (SOAK_SECONDS of load, then the kill runs, each well under a minute).
soak: build
	.build/release/roleplay soak --duration $(SOAK_SECONDS)s --kill-runs $(SOAK_KILL_RUNS) $(if $(SOAK_SEED),--seed $(SOAK_SEED))

clean:
	rm -rf .build .build-tsan .build-asan .build-fuzz $(VENV) $(CLIENTS_VENV)
