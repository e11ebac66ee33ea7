#!/usr/bin/env bash
# Builds the libFuzzer targets (clang 16, ASan + UBSan, every report fatal) and runs each from its
# seed corpus (tests/fuzz/corpus/<target>/) with its dictionaries (tests/fuzz/dict/), two at a
# time, then prints a markdown table: seconds, executions, exec/s, coverage, findings. A crash,
# leak, timeout, out-of-memory or sanitizer report fails the script (exit 1); each distinct one
# keeps its reproducer and report in tests/fuzz/findings/<target>/.
#   tools/fuzz.sh [SECONDS]   SECONDS: every target's budget (default: each target's CI budget)
# Environment:
#   TPP_FUZZ_GROW=1         merge inputs that found new coverage into tests/fuzz/corpus/<target>/
#                           (off by default, so CI never writes to the repository)
#   TPP_FUZZ_KEEP_GOING=1   go on after a finding (libFuzzer -fork=1 -ignore_crashes=1), to find
#                           the ones behind it
#   TPP_FUZZ_TARGETS="a b"  run only these targets
#   TPP_FUZZ_JOBS=N         targets at once (default 2: the CI machine has two cores)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# target, CI budget in seconds, dictionaries, extra libFuzzer flags; longest first, so that two
# lanes finish together (about 10 minutes). The budgets give the cheap targets (fleet_json,
# spec_json, c_abi: 4,500 to 7,500 exec/s here) a million executions. The others run a policy,
# whole catalogs, fleets or command lines per input (100 to 2,500 exec/s); the CSV-based ones
# also pay, per reader, for the library's CsvReader allocating and zeroing its 1 MiB default
# buffer (about 0.75 ms under ASan: FleetReader::from_string, the catalog's header and Epoch
# readers).
config=(
  "fleet_json      230 fleet,json    -max_len=8192"
  "spec_json       210 json          -max_len=8192"
  "quota            90 policy,fleet  -max_len=8192"
  "c_abi           150 c_abi,json    -max_len=8192 -use_value_profile=1"
  "jsonl            60 json          -max_len=4096"
  "csv              60 csv           -max_len=16384"
  "fleet_jsonl      60 fleet,json    -max_len=8192"
  "catalog_jsonl    60 json          -max_len=4096"
  "catalog_flat     50 csv           -max_len=4096"
  "catalog_chunker  60 json,csv      -max_len=2048"
  "catalog_epoch    40 epoch,csv     -max_len=4096"
  "fleet_csv        40 fleet         -max_len=4096"
  "cli              40 cli           -max_len=512"
)
budget="${1:-}"
jobs="${TPP_FUZZ_JOBS:-2}"
selected=" ${TPP_FUZZ_TARGETS:-} "

clangxx=$(command -v clang++-16 || command -v clang++)
clangc=$(command -v clang-16 || command -v clang)
build="build-fuzz"
cmake -S . -B "$build" -G Ninja --no-warn-unused-cli -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
  -DCMAKE_C_COMPILER="$clangc" -DCMAKE_CXX_COMPILER="$clangxx" \
  -DTPP_FUZZ=ON -DTPP_BUILD_TESTS=OFF -DTPP_BUILD_BENCH=OFF -DTPP_BUILD_PYTHON=OFF \
  -DTPP_INSTALL=OFF >/dev/null
names=()
for line in "${config[@]}"; do
  read -r name _ <<<"$line"
  if [[ "$selected" == "  " || "$selected" == *" $name "* ]]; then names+=("$name"); fi
done
cmake --build "$build" --target "${names[@]/#/fuzz_}"
bin="$root/$build/tests/fuzz"

# Sanitizer reports are fatal: UBSan halts (the library's objects may be built recoverable),
# ASan looks for leaks. The caller's options come last and win.
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:report_error_type=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
# Reports name functions and lines (clang 16's runtime does not find llvm-symbolizer-14 itself).
symbolizer=$(command -v llvm-symbolizer-16 || command -v llvm-symbolizer || true)
if [[ -n "$symbolizer" ]]; then export ASAN_SYMBOLIZER_PATH="${ASAN_SYMBOLIZER_PATH:-$symbolizer}"; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One line saying what a report is: the broken invariant, the sanitizer's summary, the uncaught
# exception, the timeout or the signal; then the first frame in tpp's own code.
headline() {
  local log=$1 what top
  what=$(grep -a -m1 -o 'tpp fuzz invariant violated: .*' "$log" ||
    { grep -a -m1 -A1 "terminate called after throwing" "$log" | tr -s '\n ' ' '; } ||
    grep -a -m1 -o 'SUMMARY: [A-Za-z]*Sanitizer: .*' "$log" ||
    grep -a -m1 -o 'ERROR: libFuzzer: .*' "$log" ||
    grep -a -m1 -o 'ALARM: .*' "$log" ||
    grep -a -m1 -o 'SUMMARY: .*' "$log" ||
    echo "unknown (see the log)")
  top=$(grep -a -m1 -E "#[0-9]+ 0x[0-9a-f]+ in .* $root/(lib|tools)/" "$log" |
    sed -E "s/.* in (.*) $(printf '%s' "$root" | sed 's/[\/&]/\\&/g')\/(.*)/\1 \2/" || true)
  echo "${what:0:200}${top:+ — at ${top:0:160}}"
}

# Runs one target; writes its table row to $work/<target>.row and its findings to .findings.
run_target() {
  local name=$1 seconds=$2 dicts=$3
  shift 3
  local dir="$work/$name"
  mkdir -p "$dir/corpus" "$dir/cwd" "$dir/artifacts"
  cp -R "tests/fuzz/corpus/$name/." "$dir/corpus/" 2>/dev/null || true
  : >"$dir/dict"
  for d in ${dicts//,/ }; do cat "tests/fuzz/dict/$d.dict" >>"$dir/dict"; done
  local mode=()
  if [[ "${TPP_FUZZ_KEEP_GOING:-0}" == 1 ]]; then
    mode=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  fi
  local start rc=0
  start=$(date +%s%N)
  # Each target runs in an empty directory: the CLI target refuses paths, so it reads nothing.
  (cd "$dir/cwd" && exec "$bin/fuzz_$name" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -dict="$dir/dict" -artifact_prefix="$dir/artifacts/" \
    "${mode[@]}" "$@" "$dir/corpus") >"$dir/log" 2>&1 || rc=$?
  local elapsed_ms=$((($(date +%s%N) - start) / 1000000))

  local runs cov
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$dir/log" | grep -o '[0-9]*$' | tail -1 || true)
  if [[ -z "$runs" ]]; then  # fork mode, or a crash before the final stats: the last status line
    runs=$(grep -oE '^#[0-9]+' "$dir/log" | tail -1 | tr -d '#' || true)
  fi
  cov=$(grep -oE 'cov: [0-9]+' "$dir/log" | tail -1 | grep -oE '[0-9]+' || true)
  runs=${runs:-0}

  # Findings: re-run each reproducer (at most 40) for its report, keep the smallest per report.
  local findings=0 artifact report key kept=""
  : >"$dir/findings"
  mapfile -t artifacts < <(find "$dir/artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' \
    -o -name 'timeout-*' -o -name 'oom-*' \) -printf '%s %p\n' | sort -n | head -40 | cut -d' ' -f2-)
  if ((rc != 0)) && ((${#artifacts[@]} == 0)); then
    findings=1
    printf '%s\t%s\t%s\n' "$name" "$(headline "$dir/log") (exit $rc, no reproducer)" \
      "tests/fuzz/findings/$name/run-exit-$rc.log" >>"$dir/findings"
    mkdir -p "tests/fuzz/findings/$name"
    cp "$dir/log" "tests/fuzz/findings/$name/run-exit-$rc.log"
  fi
  for artifact in "${artifacts[@]}"; do
    report="$artifact.log"
    (cd "$dir/cwd" && timeout 120 "$bin/fuzz_$name" -timeout=10 -rss_limit_mb=2048 "$artifact") \
      >"$report" 2>&1 || true
    key=$(headline "$report")
    grep -qF -- "$key" <<<"$kept" && continue
    kept+="$key"$'\n'
    findings=$((findings + 1))
    mkdir -p "tests/fuzz/findings/$name"
    cp "$artifact" "tests/fuzz/findings/$name/"
    cp "$report" "tests/fuzz/findings/$name/"
    printf '%s\t%s\t%s\n' "$name" "$key" "tests/fuzz/findings/$name/$(basename "$artifact")" \
      >>"$dir/findings"
  done

  local grown=""
  if [[ "${TPP_FUZZ_GROW:-0}" == 1 ]]; then
    local before after
    before=$(find "tests/fuzz/corpus/$name" -type f | wc -l)
    (cd "$dir/cwd" && "$bin/fuzz_$name" -merge=1 -timeout=10 -rss_limit_mb=2048 "$@" \
      "$root/tests/fuzz/corpus/$name" "$dir/corpus") >"$dir/merge.log" 2>&1 || true
    after=$(find "tests/fuzz/corpus/$name" -type f | wc -l)
    grown=" (+$((after - before)) to the corpus)"
  fi
  local secs=$((elapsed_ms / 1000)) rate=0
  ((elapsed_ms > 0)) && rate=$((runs * 1000 / elapsed_ms))
  echo "| fuzz_$name | $secs | $runs | $rate | ${cov:-?} | $findings$grown |" >"$dir/row"
  echo "fuzz_$name: ${secs}s, $runs executions, $rate exec/s, cov ${cov:-?}, $findings finding(s)$grown" >&2
  ((findings == 0))
}

status=0
running=0
for line in "${config[@]}"; do
  read -r name seconds dicts extra <<<"$line"
  [[ " ${names[*]} " == *" $name "* ]] || continue
  if ((running >= jobs)); then
    wait -n || true
    running=$((running - 1))
  fi
  # shellcheck disable=SC2086  # extra holds several flags
  run_target "$name" "${budget:-$seconds}" "$dicts" $extra &
  running=$((running + 1))
done
wait || true

echo
echo "| target | seconds | executions | exec/s | cov | findings |"
echo "|---|---:|---:|---:|---:|---|"
for name in "${names[@]}"; do
  cat "$work/$name/row" 2>/dev/null || { echo "| fuzz_$name | - | - | - | - | did not run |"; status=1; }
done
if cat "$work"/*/findings 2>/dev/null | grep -q .; then
  status=1
  echo
  echo "Findings (reproducer: run the target on it; its report is next to it, .log):"
  cat "$work"/*/findings | while IFS=$'\t' read -r name what path; do
    echo "- fuzz_$name: $what"
    echo "  $path"
  done
fi
exit $status
