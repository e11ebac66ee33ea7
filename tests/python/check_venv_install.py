#!/usr/bin/env python3
"""The package installs with pip from a clone, offline, into a venv that sees Debian's packages,
and works from another folder: `python3 -m venv --system-site-packages DIR`, then
`DIR/bin/pip install --no-build-isolation --no-index REPO` (one build of the library and the
module through python/build_backend/tpp_build.py).

Usage: check_venv_install.py REPO WORKDIR   (run by ctest python.venv_install)
"""
import base64
import hashlib
import os
import pathlib
import re
import shutil
import subprocess
import sys
import time

repo = pathlib.Path(sys.argv[1]).resolve()
work = pathlib.Path(sys.argv[2]).resolve()
shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)
venv = work / "venv"
elsewhere = work / "elsewhere"
elsewhere.mkdir()

# No index, no find-links, no user configuration: only what is on this machine.
env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_") and k != "PYTHONPATH"}
env.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_INPUT="1", PIP_DISABLE_PIP_VERSION_CHECK="1")

subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, env=env)
start = time.monotonic()
subprocess.run([str(venv / "bin" / "pip"), "install", "--no-build-isolation", "--no-index", str(repo)],
               check=True, env=env, cwd=elsewhere)
print(f"pip install: {time.monotonic() - start:.0f} s", flush=True)

header = (repo / "lib" / "include" / "tpp" / "version.hpp").read_text()
version = ".".join(re.search(rf"TPP_VERSION_{p} (\d+)", header).group(1) for p in ("MAJOR", "MINOR", "PATCH"))
check = f"""
import pathlib, sys
import pandas
import tpp
assert pathlib.Path(tpp.__file__).is_relative_to({str(venv)!r}), tpp.__file__
assert tpp.__version__ == {version!r}, tpp.__version__
h20 = tpp.show("h20", as_of="2026-11-22")
assert h20["tpp"] == 2368 and h20["status"] == "not-controlled", h20["status"]
frame = tpp.catalog({str(repo / "examples" / "catalogs" / "epoch-excerpt.csv")!r}, as_of="2026-11-22")
assert isinstance(frame, pandas.DataFrame) and len(frame) == 12, frame.shape
assert frame["error"].isna().all()
chip = tpp.classify(tops={{"fp16": 65129999999999.9 / 1e12}}, die_area_mm2=814)
assert chip["tpp"] == 1042.08, chip["tpp"]
print("installed tpp", tpp.__version__, "works from", pathlib.Path.cwd())
"""
subprocess.run([str(venv / "bin" / "python"), "-c", check], check=True, env=env, cwd=elsewhere)

# The wheel's RECORD lists every installed file of the package with its true hash and size.
site = pathlib.Path(subprocess.run([str(venv / "bin" / "python"), "-c", "import tpp, pathlib; "
                                    "print(pathlib.Path(tpp.__file__).parent.parent)"],
                                   check=True, env=env, cwd=elsewhere, capture_output=True,
                                   text=True).stdout.strip())
record = site / f"tpp-{version}.dist-info" / "RECORD"
listed = 0
for line in record.read_text().splitlines():
    name, digest, size = line.rsplit(",", 2)
    if not digest:
        continue
    data = (site / name).read_bytes()
    expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    assert digest == f"sha256={expected}" and int(size) == len(data), name
    listed += 1
assert listed >= 4, record.read_text()
print(f"RECORD: {listed} files, hashes and sizes match")
