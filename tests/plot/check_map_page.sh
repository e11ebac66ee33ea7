#!/bin/sh
# The map's HTML page in headless chromium: it loads offline with no console message, and a
# screenshot is taken (kept in WORK_DIR for a look).
# Usage: check_map_page.sh TPP_BINARY CHROMIUM WORK_DIR
set -eu
tpp=$1 chromium=$2 work=$3
mkdir -p "$work"
"$tpp" plot --html --as-of 2026-11-22 -o "$work/map.html"
# Self-contained: nothing fetched from elsewhere.
if grep -Eq '(src|href)="(https?:)?//' "$work/map.html"; then
  echo "FAIL: the page loads something from the network:"; grep -Eo '(src|href)="(https?:)?//[^"]*' "$work/map.html"
  exit 1
fi
rm -f "$work/page.png"
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
  --disable-background-networking --no-first-run --user-data-dir="$work/profile" \
  --enable-logging=stderr --log-level=0 --window-size=1400,1800 \
  --screenshot="$work/page.png" "file://$work/map.html" 2>"$work/chromium.log" || {
  echo "FAIL: chromium exited $?"; tail -5 "$work/chromium.log"; exit 1; }
if grep -q ':CONSOLE' "$work/chromium.log"; then
  echo "FAIL: console messages:"; grep ':CONSOLE' "$work/chromium.log"; exit 1
fi
size=$(stat -c %s "$work/page.png")
[ "$size" -gt 50000 ] || { echo "FAIL: screenshot is $size bytes"; exit 1; }
echo "page loaded without console messages; screenshot $work/page.png ($size bytes)"
