"""Every cell of `tpp compare` that classifies says what `tpp show` says for the same item,
date and destination: ECCN, paragraph, status, basis, TPP and the licence answer.
usage: compare_matches_show.py TPP"""
import itertools
import json
import subprocess
import sys

tpp = sys.argv[1]
items = ["cloudmatrix-384", "gb200-nvl72", "hgx-h20", "dgx-b200", "dgx-h100", "h20",
         "ascend-910c", "mi308x", "h100-sxm", "a800-sxm"]
bad = 0
for as_of, to in itertools.product(["2023-06-01", "2025-01-20", "2025-06-01"], ["CN", "AE", None]):
    extra = ["--as-of", as_of] + (["--to", to] if to else [])
    compared = json.loads(subprocess.run([tpp, "compare", *items, "--json", *extra],
                                         check=True, capture_output=True, text=True).stdout)
    for item in compared["items"]:
        shown = json.loads(subprocess.run([tpp, "show", item["id"], "--json", *extra],
                                          check=True, capture_output=True, text=True).stdout)
        pairs = [("eccn", item["eccn"], shown["eccn"]),
                 ("paragraph", item["paragraph"], shown["paragraph"]),
                 ("status", item["status"], shown["status"]),
                 ("basis", item["basis"], shown["basis"]),
                 ("tpp", item["tpp"], shown["tpp"]),
                 ("decided_by", (item["decided_by"] or {}).get("chip"), shown.get("decided_by"))]
        if to:
            pairs += [("licence", item["licence"], shown["destination"]["licence"]),
                      ("licence_required", item["licence_required"],
                       shown["destination"]["licence_required"])]
        for name, a, b in pairs:
            if a != b:
                print(f"{item['id']} {as_of} {to}: {name}: compare {a!r}, show {b!r}")
                bad += 1
print(bad, "disagreements")
sys.exit(1 if bad else 0)
