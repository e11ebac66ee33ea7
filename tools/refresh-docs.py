#!/usr/bin/env python3
"""Re-runs the commands quoted in the documentation (README.md, HACKING.md, docs/*.md) and pastes
their real output.

A block looks like this in a page:
    <!-- run: tpp show h20 --as-of 2026-11-22 -->
    ```
    (output, replaced)
    ```
a source file a page quotes is pasted whole from the file:
    <!-- include: examples/library_example.cpp -->
    ```cpp
    (the file, replaced)
    ```
and a drawing a page shows is re-made by the command in its marker:
    <!-- draw: tpp plot --as-of 2026-11-22 -o docs/map.svg -->
Usage: tools/refresh-docs.py [--check] [path/to/tpp]   (default build/tpp)
With --check nothing is written: it exits 1, naming the page and the first block that differs,
when an output or a drawing is not what the command prints today (a ctest runs it).
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
included = re.compile(r"(<!-- include: (?P<path>.+?) -->\n```[a-z]*\n)(?P<body>.*?)(```)", re.S)
pattern = re.compile(r"(<!-- run: (?P<cmd>.+?) -->\n```[a-z]*\n)(?P<body>.*?)(```)", re.S)


def replace(match):
    words = shlex.split(match.group("cmd"))
    prefix = ""
    if words[0] == "$":
        words = words[1:]
        prefix = "$ " + " ".join(words) + "\n"
    # The Python module of the same build as the command: build/python next to build/tpp.
    env = dict(os.environ, PYTHONPATH=str(pathlib.Path(tpp).resolve().parent / "python"))
    if words[0] == "tpp":
        command = [tpp] + words[1:]
    elif words[0] == "python3" and len(words) == 2 and words[1].startswith("examples/"):
        command = ["/usr/bin/python3", words[1]]
    elif words == ["examples/library_example"]:
        # Built by the tests next to the command: build/tests/tpp_library_example.
        command = [str(pathlib.Path(tpp).resolve().parent / "tests" / "tpp_library_example")]
    else:
        raise SystemExit(f"only tpp commands, python3 examples/... and examples/library_example "
                         f"can be run: {match.group('cmd')}")
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
                         "today: run tools/refresh-docs.py")


pages = [root / "README.md", root / "HACKING.md", *sorted((root / "docs").glob("*.md"))]
stale = []
for page in pages:
    if not page.exists():
        continue
    name = page.relative_to(root)
    text = page.read_text()
    for drawing in re.finditer(r"<!-- draw: (?P<cmd>.+?) -->", text):
        draw(drawing)
    fresh = pattern.sub(replace, text)
    fresh = included.sub(lambda m: m.group(1) + (root / m.group("path")).read_text() + m.group(4),
                         fresh)
    if fresh == text:
        continue
    if check:
        for old, new in zip(pattern.finditer(text), pattern.finditer(fresh)):
            if old.group(0) != new.group(0):
                raise SystemExit(f"{name}: the output of `{old.group('cmd')}` is not what it "
                                 "prints today: run tools/refresh-docs.py")
        raise SystemExit(f"{name} differs from what its commands print today")
    page.write_text(fresh)
    stale.append(str(name))
if check:
    print(f"{len(pages)} pages: every example and drawing is current")
else:
    print("refreshed: " + (", ".join(stale) if stale else "nothing (all current)"))
