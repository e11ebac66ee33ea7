#!/usr/bin/env bash
# Builds everything with AddressSanitizer + UndefinedBehaviorSanitizer (g++) and runs the whole
# test suite under them. Leaks, memory errors and undefined behaviour fail the run. (The Python
# module and the packaging consumers are left out: they need an unsanitized interpreter and
# toolchain.)
set -euo pipefail
cd "$(dirname "$0")/.."
build=build-asan
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
  -DCMAKE_C_FLAGS_DEBUG="-O1 -g1" -DTPP_SANITIZE=ON -DTPP_BUILD_BENCH=OFF \
  -DTPP_BUILD_PYTHON=OFF -DTPP_INSTALL=OFF >/dev/null
cmake --build "$build"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$build" --output-on-failure -j2
