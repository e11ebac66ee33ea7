#!/usr/bin/env python3
"""Re-runs the commands quoted in README.md and pastes their real output.

A block looks like this in the README:
    <!-- run: tpp show h20 --as-of 2026-11-22 -->
    ```
    (output, replaced)
    ```
and a drawing the README shows is re-made by the command in its marker:
    <!-- draw: tpp plot --as-of 2026-11-22 -o docs/map.svg -->
Usage: tools/refresh-readme.py [--check] [path/to/tpp]   (default build/tpp)
With --check nothing is written: it exits 1, naming the first block that differs, when the
README's output or a drawing is not what the command prints today (a ctest runs it).
"""
import os
import pathlib
import re
import shlex
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent
args = [a for a in sys.argv[1:] if a != "--check"]
check = "--check" in sys.argv[1:]
tpp = args[0] if args else str(root / "build" / "tpp")
readme = root / "README.md"
pattern = re.compile(r"(<!-- run: (?P<cmd>.+?) -->\n```[a-z]*\n)(?P<body>.*?)(```)", re.S)


def replace(match):
    words = shlex.split(match.group("cmd"))
    prefix = ""
    if words[0] == "$":
        words = words[1:]
        prefix = "$ " + " ".join(words) + "\n"
    env = dict(os.environ, PYTHONPATH=str(root / "build" / "python"))
    if words[0] == "tpp":
        command = [tpp] + words[1:]
    elif words[0] == "python3" and len(words) == 2 and words[1].startswith("examples/"):
        command = ["/usr/bin/python3", words[1]]
    else:
        raise SystemExit(f"only tpp commands and python3 examples/... can be run: {match.group('cmd')}")
    result = subprocess.run(command, capture_output=True, text=True, cwd=root, env=env)
    return match.group(1) + prefix + result.stdout + match.group(4)


def draw(match):
    words = shlex.split(match.group("cmd"))
    if words[0] != "tpp" or "-o" not in words:
        raise SystemExit(f"a drawing is a tpp command writing a file with -o: {match.group('cmd')}")
    if not check:
        subprocess.run([tpp] + words[1:], check=True, cwd=root)
        return
    out = words.index("-o")
    target = root / words[out + 1]
    made = subprocess.run([tpp] + words[1:out] + words[out + 2:], capture_output=True, check=True,
                          cwd=root).stdout
    if target.read_bytes() != made:
        raise SystemExit(f"{target.relative_to(root)} is not what `{match.group('cmd')}` draws "
                         "today: run tools/refresh-readme.py")


text = readme.read_text()
for drawing in re.finditer(r"<!-- draw: (?P<cmd>.+?) -->", text):
    draw(drawing)
fresh = pattern.sub(replace, text)
if check:
    if fresh != text:
        for old, new in zip(pattern.finditer(text), pattern.finditer(fresh)):
            if old.group(0) != new.group(0):
                raise SystemExit(f"README.md: the output of `{old.group('cmd')}` is not what it "
                                 "prints today: run tools/refresh-readme.py")
        raise SystemExit("README.md differs from what its commands print today")
    print("README.md examples and drawings are current")
else:
    readme.write_text(fresh)
    print("README.md examples and drawings refreshed")
