#!/usr/bin/env bash
# Builds the library, its unit tests and the command with ThreadSanitizer (clang: g++'s
# target_clones breaks TSan at start-up) and runs what uses threads: the unit tests, and
# catalogs of JSON Lines, flat CSV and two files at once on 8 worker threads. Any data race
# fails the run.
#   tools/tsan.sh
set -euo pipefail
cd "$(dirname "$0")/.."
clangxx=$(command -v clang++-16 || command -v clang++)
clangc=$(command -v clang-16 || command -v clang)
build=build-tsan
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
  -DCMAKE_C_COMPILER="$clangc" -DCMAKE_CXX_COMPILER="$clangxx" \
  -DCMAKE_CXX_FLAGS="-fsanitize=thread" -DCMAKE_C_FLAGS="-fsanitize=thread" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=thread" \
  -DTPP_BUILD_BENCH=OFF -DTPP_BUILD_PYTHON=OFF -DTPP_INSTALL=OFF >/dev/null
cmake --build "$build" --target tpp_tests tpp_cli tpp_gen
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
"$build/tests/tpp_tests" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/tpp-gen" catalog jsonl 200000 >"$work/a.jsonl"
"$build/tpp-gen" catalog csv 200000 >"$work/b.csv"
for args in "$work/a.jsonl" "$work/b.csv" "$work/a.jsonl $work/b.csv --input-format jsonl"; do
  # shellcheck disable=SC2086
  set +e
  "$build/tpp" catalog $args --threads 8 >"$work/out" 2>"$work/err"
  code=$?
  set -e
  if grep -q "ThreadSanitizer" "$work/err" || [ "$code" -gt 2 ]; then
    cat "$work/err" >&2
    echo "tsan: tpp catalog $args --threads 8: FAILED" >&2
    exit 1
  fi
  echo "tsan: tpp catalog $(basename ${args%% *}) ... --threads 8: $(wc -l <"$work/out") records, no race"
done
echo "tsan: unit tests and 8-thread catalogs clean"
