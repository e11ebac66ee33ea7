#!/usr/bin/env bash
# Builds what the speed goals are measured with and measures every one of them as a ratio
# against a baseline in the same run (bench/compare.py); the table goes into bench/README.md
# between its compare markers. Run it on an otherwise idle machine.
#   bench/compare.sh [BUILD_DIR] [compare.py options, e.g. --records 100000 --runs 3]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
shift || true
cmake --build "$build" --target tpp_cli tpp_gen tpp_bench tpp_bare_jsonl tpp_bare_csv tpp_python
table=$(mktemp)
trap 'rm -f "$table"' EXIT
/usr/bin/python3 "$here/compare.py" "$build" --markdown "$table" "$@"
/usr/bin/python3 - "$here/README.md" "$table" <<'PY'
import sys, datetime, platform
readme, table = sys.argv[1], open(sys.argv[2]).read()
text = open(readme).read()
begin, end = "<!-- compare:begin -->", "<!-- compare:end -->"
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
stamp = f"Measured {datetime.date.today()} by `bench/compare.sh` ({platform.machine()}, {__import__('os').cpu_count()} cores).\n\n"
open(readme, "w").write(head + begin + "\n" + stamp + table + end + tail)
PY
