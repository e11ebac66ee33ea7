#!/usr/bin/env python3
"""Re-runs the commands quoted in README.md and pastes their real output.

A block looks like this in the README:
    <!-- run: tpp show h20 --as-of 2026-11-22 -->
    ```
    (output, replaced)
    ```
and a drawing the README shows is re-made by the command in its marker:
    <!-- draw: tpp plot --as-of 2026-11-22 -o docs/map.svg -->
Usage: tools/refresh-readme.py [path/to/tpp]   (default build/tpp)
"""
import os
import pathlib
import re
import shlex
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent
tpp = sys.argv[1] if len(sys.argv) > 1 else str(root / "build" / "tpp")
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
    subprocess.run([tpp] + words[1:], check=True, cwd=root)


text = readme.read_text()
for drawing in re.finditer(r"<!-- draw: (?P<cmd>.+?) -->", text):
    draw(drawing)
readme.write_text(pattern.sub(replace, text))
print("README.md examples and drawings refreshed")
