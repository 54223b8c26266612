# Roleplay — build, test and benchmark. Every target installs what it needs on a fresh Debian machine.
#
#   make test    system libraries (apt-get), then every test: unit, published SigV4 vectors, our vectors
#   make bench   release build, then the benchmark programs (figures printed, never asserted)
#   make build   release build of the `roleplay` command

SHELL := /bin/bash
SWIFT ?= swift
PYTHON ?= python3
VENV := .venv
# The published SigV4/SigV4a suites (not copied into the repository). CI sets this explicitly.
SIGV4_TEST_SUITE_DIR ?= $(abspath ../shared/vectors)
export SIGV4_TEST_SUITE_DIR
BENCH_RUNS ?= 7
BENCH_SECONDS ?= 1

APT_PACKAGES := libmicrohttpd-dev libssl-dev pkg-config

.PHONY: deps build test bench venv clean

## deps: install libmicrohttpd and libcrypto headers with apt-get when pkg-config cannot find them.
deps:
	@if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libmicrohttpd libcrypto; then \
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
	$(SWIFT) build -c release --product roleplay

## test: every test target; the published-suite tests fail (not skip) when SIGV4_TEST_SUITE_DIR has no cases.
test: deps
	@echo "test: published SigV4 suites from $(SIGV4_TEST_SUITE_DIR)"
	$(SWIFT) test --disable-xctest

## venv: Python clients for benchmarks (and, later, the real-client tests), from PyPI.
venv: $(VENV)/.installed
$(VENV)/.installed: scripts/requirements-bench.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r scripts/requirements-bench.txt
	touch $@

## bench: signing (ours beside botocore, awscrt and the bare-OpenSSL bound, with ratios), then policy evaluation.
bench: build venv
	scripts/bench-sign-peers.sh $(VENV)/bin/python $(BENCH_RUNS) $(BENCH_SECONDS)
	.build/release/roleplay bench policy --runs $(BENCH_RUNS) --seconds $(BENCH_SECONDS)

clean:
	rm -rf .build $(VENV)
