#!/usr/bin/env bash
# The whole test suite, as CI runs it: the build and ctest (unit, CLI, C, Python and packaging
# tests), the same suite under ASan + UBSan, and each fuzzer for TPP_FUZZ_SECONDS (default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -B build -G Ninja
cmake --build build
ctest --test-dir build --output-on-failure -j2
tools/sanitize.sh
tools/fuzz.sh "${TPP_FUZZ_SECONDS:-60}"
echo "check: all passed"
