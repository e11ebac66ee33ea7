#!/usr/bin/env python3
"""Every accelerator of Epoch AI's hardware catalog released 2020 or later is either bundled or
listed with the reason it is not (chips/coverage/epoch-*.json), and a bundled one is found by the
name Epoch gives it: `tpp show "<Epoch's name>"` resolves to the listed chip.

usage: check_epoch_coverage.py TPP_BINARY CHIPS_DIR
"""
import json
import pathlib
import subprocess
import sys


def main() -> int:
    tpp, chips = sys.argv[1], pathlib.Path(sys.argv[2])
    problems, seen, counts = [], set(), {"bundled": 0, "not_bundled": 0}
    files = sorted((chips / "coverage").glob("epoch-*.json"))
    if not files:
        problems.append(f"no coverage files in {chips / 'coverage'}")
    for path in files:
        for row in json.loads(path.read_text())["rows"]:
            name = row.get("epoch_name", "")
            where = f"{path.name}: {name!r}"
            if not name or name in seen:
                problems.append(f"{where}: missing or repeated epoch_name")
            seen.add(name)
            dispositions = [key for key in ("bundled", "not_bundled", "todo") if key in row]
            if dispositions != ["bundled"] and dispositions != ["not_bundled"]:
                problems.append(f"{where}: needs exactly one of bundled / not_bundled, has {dispositions}")
                continue
            if "not_bundled" in row:
                counts["not_bundled"] += 1
                if len(row["not_bundled"].strip()) < 10:
                    problems.append(f"{where}: not_bundled needs a reason, got {row['not_bundled']!r}")
                continue
            counts["bundled"] += 1
            shown = subprocess.run([tpp, "show", name, "--json"], capture_output=True, text=True)
            if shown.returncode != 0:
                problems.append(f"{where}: `tpp show` exits {shown.returncode}: {shown.stderr.strip()[:200]}")
            elif json.loads(shown.stdout)["id"] != row["bundled"]:
                problems.append(f"{where}: resolves to {json.loads(shown.stdout)['id']}, "
                                f"the list says {row['bundled']}")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(seen)} Epoch rows: {counts['bundled']} bundled, {counts['not_bundled']} not "
          f"bundled (with reasons), {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
