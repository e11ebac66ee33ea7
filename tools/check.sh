#!/usr/bin/env bash
# The whole test suite, as CI runs it: the build and ctest (unit, CLI, C, Python, packaging,
# metamorphic, agreement and hostile-input tests), the same suite under ASan + UBSan, the
# threaded paths under TSan, and the fuzzers (tools/fuzz.sh sets each target's budget).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset default
cmake --build build
ctest --test-dir build --output-on-failure -j2
tools/sanitize.sh
tools/tsan.sh
tools/fuzz.sh
echo "check: all passed"
