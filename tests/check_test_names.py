#!/usr/bin/env python3
"""Every doctest case must run under ctest. ctest names come from the TEST_CASE names, and a
';' there splits the name (CMake's list separator): the truncated name then matches no case, and
the ctest passes without running anything. Fourteen cases had silently stopped running that
way (one of them failing).

usage: check_test_names.py REPO
"""
import pathlib
import re
import sys

repo = pathlib.Path(sys.argv[1])
case = re.compile(r'TEST_CASE\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\)')
bad = []
for path in sorted((repo / "tests").rglob("*.cpp")):
    for match in case.finditer(path.read_text(encoding="utf-8")):
        name = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(1)))
        if ";" in name:
            bad.append(f"{path.relative_to(repo)}: {name}")
for line in bad:
    print("a ';' in this test name makes its ctest run nothing:", line)
sys.exit(1 if bad else 0)
