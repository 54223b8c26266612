#!/usr/bin/env bash
# Builds the libFuzzer harnesses (Fuzz/Harnesses, docs/reliability.md "Fuzzing") and runs each for a set time.
#
#   scripts/fuzz.sh SECONDS [HARNESS...]      (make fuzz FUZZ_SECONDS=60 [FUZZ_HARNESSES="FuzzEventStream ..."])
#
# The harness targets exist only with ROLEPLAY_FUZZ=1 and build into .build-fuzz, so the normal .build is never
# rebuilt with instrumentation. Each run starts from the committed seeds (Fuzz/corpus/<harness>, read only) plus a
# working corpus under .build-fuzz/corpus/<harness> that keeps what earlier runs found. A crash stops that harness;
# its input is saved under .build-fuzz/artifacts/<harness>/ and the script exits 1 after running the rest.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${1:?usage: scripts/fuzz.sh SECONDS [HARNESS...]}
shift
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
    harnesses=($(ls Fuzz/Harnesses))
fi
scratch=.build-fuzz
flags=(-c release --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)
# Swift runtime metadata caches are allocated once and never freed; LeakSanitizer would report them at exit.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}

for harness in "${harnesses[@]}"; do
    echo "fuzz: building $harness"
    if ! ROLEPLAY_FUZZ=1 ${SWIFT:-swift} build "${flags[@]}" --product "$harness" 2>&1 \
        | grep -v "warning: Cannot export local symbol"; then :; fi
    [ -x "$scratch/release/$harness" ] || { echo "fuzz: $harness did not build"; exit 1; }
done
bin=$(ROLEPLAY_FUZZ=1 ${SWIFT:-swift} build "${flags[@]}" --show-bin-path)

failed=()
summary=()
for harness in "${harnesses[@]}"; do
    corpus="$scratch/corpus/$harness"
    artifacts="$scratch/artifacts/$harness"
    log="$scratch/logs/$harness.log"
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    echo "fuzz: running $harness for ${seconds}s"
    start=$(date +%s)
    seeds=("Fuzz/corpus/$harness")
    # The published SigV4 suite is not copied into the repository; its signed requests seed FuzzSigV4 when present.
    suite="${SIGV4_TEST_SUITE_DIR:-../shared/vectors}/aws-signing-test-suite/v4"
    if [ "$harness" = FuzzSigV4 ] && [ -d "$suite" ]; then seeds+=("$suite"); fi
    "$bin/$harness" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$artifacts/" "$corpus" "${seeds[@]}" >"$log" 2>&1
    status=$?
    elapsed=$(( $(date +%s) - start ))
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    line=$(printf '%-18s %10s executions %8s exec/s %5ss  crashes: %s' "$harness" "${runs:-?}" "${rate:-?}" "$elapsed" \
        "$([ "$status" -eq 0 ] && echo 0 || echo "yes (exit $status), see $log and $artifacts/")")
    echo "fuzz: $line"
    summary+=("$line")
    [ "$status" -eq 0 ] || failed+=("$harness")
done

echo "fuzz: summary (${seconds}s each)"
printf '  %s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: crashes in ${failed[*]}"
    exit 1
fi
