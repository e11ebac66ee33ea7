#!/usr/bin/env bash
# Installs the Debian packages tpp builds, tests and benchmarks with, skipping any already
# present. Nothing is downloaded at build time; this script is the one place packages come in.
#   tools/install-deps.sh
set -euo pipefail

PACKAGES=(
  g++ cmake ninja-build pkg-config
  libeigen3-dev libfmt-dev nlohmann-json3-dev libcli11-dev libsimdjson-dev
  doctest-dev libbenchmark-dev
  python3 python3-jsonschema          # chips/schema.json is checked with Debian's jsonschema
  python3-dev pybind11-dev python3-pytest python3-numpy  # the Python module and its tests
  clang-16 libclang-rt-16-dev         # libFuzzer targets (clang 16: C++23 enough for the library)
  librsvg2-bin python3-pil            # the threshold map test renders its SVG to PNG and reads pixels
)

want=("${PACKAGES[@]}")

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
