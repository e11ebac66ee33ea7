#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for SECONDS (default 45)
# from the seed corpus in tests/fuzz/corpus; any crash, leak or sanitizer report fails.
#   tools/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-45}"
clangxx=$(command -v clang++-16 || command -v clang++)
clangc=$(command -v clang-16 || command -v clang)
build=build-fuzz
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
  -DCMAKE_C_COMPILER="$clangc" -DCMAKE_CXX_COMPILER="$clangxx" \
  -DTPP_FUZZ=ON -DTPP_BUILD_TESTS=OFF -DTPP_BUILD_BENCH=OFF -DTPP_BUILD_PYTHON=OFF \
  -DTPP_INSTALL=OFF >/dev/null
cmake --build "$build" --target fuzz_spec_json fuzz_jsonl fuzz_csv fuzz_cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Two at a time (the machine has two cores).
fuzz() {
  local target=$1
  mkdir -p "$work/$target" "$work/$target-run"
  cp tests/fuzz/corpus/$target/* "$work/$target/"
  # The CLI target runs in an empty directory: it refuses paths, so it reads nothing else.
  if ! (cd "$work/$target-run" && "$root/$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" \
        -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 "$work/$target" 2>"$work/$target.log"); then
    tail -50 "$work/$target.log"
    echo "fuzz_$target: FAILED" >&2
    return 1
  fi
  local runs
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$target.log" | grep -o '[0-9]*$')
  echo "fuzz_$target: ${runs:-?} executions in ${seconds}s, no crash"
}
root=$(pwd)
status=0
fuzz spec_json & a=$!
fuzz jsonl & b=$!
wait $a || status=1
wait $b || status=1
fuzz csv & a=$!
fuzz cli & b=$!
wait $a || status=1
wait $b || status=1
exit $status
