#!/usr/bin/env bash
# Installs the Debian packages tpp needs, skipping any already present. Nothing is downloaded at
# build time; this script is the one place packages come in.
#   tools/install-deps.sh          what building and running the `tpp` command needs
#   tools/install-deps.sh --test   that, and the test, benchmark, Python, sanitizer and fuzzing
#                                  tools (what tools/check.sh and CI run)
set -euo pipefail

CLI_PACKAGES=(
  g++ cmake ninja-build
  libfmt-dev nlohmann-json3-dev libcli11-dev libsimdjson-dev
  libcpp-httplib-dev pkg-config       # tpp serve (pkg-config gives httplib's build defines)
)
TEST_PACKAGES=(
  pkg-config                          # the pkg-config consumer tests
  doctest-dev libbenchmark-dev
  python3 python3-jsonschema          # chips/ and data/rules/ are checked against their schemas
  python3-dev pybind11-dev python3-pytest python3-numpy  # the Python module and its tests
  python3-venv python3-pip            # the package installed with pip into a venv (a ctest)
  python3-pandas python3-dask python3-distributed  # DataFrames, and the Dask example
  clang-16 libclang-rt-16-dev         # libFuzzer and TSan builds (clang 16: C++23 enough)
  librsvg2-bin python3-pil            # the threshold map test renders its SVG to PNG and reads pixels
  time                                # bench/compare.sh measures peak memory with GNU time
  chromium                            # the map's HTML page is checked in headless chromium
  chromium-driver python3-selenium    # tpp serve's page driven in headless chromium
)

want=("${CLI_PACKAGES[@]}")
case "${1:-}" in
  "") ;;
  --test) want+=("${TEST_PACKAGES[@]}") ;;
  *) echo "usage: tools/install-deps.sh [--test]" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
[[ $(id -u) -ne 0 ]] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
