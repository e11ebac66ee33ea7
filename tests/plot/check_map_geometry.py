#!/usr/bin/env python3
"""The map of a catalog tells the truth about every record: for a generated catalog of 5,000
records, each mark's centre maps back (through the axes the SVG states) to the TPP and density
`tpp catalog` gives each of its records, within a pixel; every classified record is in exactly one
mark and no error record is drawn; the same picture comes from the specs, from `tpp catalog`'s
JSON Lines output and from its CSV output, and from a flat CSV of the same records; labels in
auto mode stay inside the plane or the strip's margin (never over axes, ticks or titles) and
overlap neither each other nor a mark.

usage: check_map_geometry.py TPP TPP_GEN WORKDIR
"""
import json
import math
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

tpp, tpp_gen, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
AS_OF = "2026-11-30"
RECORDS = 5000
SVG = "{http://www.w3.org/2000/svg}"
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAILED:", what)


def run(*args, **kwargs):
    return subprocess.run([tpp, *args], capture_output=True, text=True, **kwargs)


def path(name):
    return os.path.join(work, name)


with open(path("gen.jsonl"), "w") as f:
    subprocess.run([tpp_gen, "catalog", "jsonl", str(RECORDS), "11"], stdout=f, check=True)
with open(path("gen.csv"), "w") as f:
    subprocess.run([tpp_gen, "catalog", "csv", str(RECORDS), "11"], stdout=f, check=True)

# What tpp catalog says of every record.
# (--fields full: the map of a result file draws non-datacenter chips apart, so it needs that
# field, which the default set leaves out.)
done = run("catalog", path("gen.jsonl"), "--as-of", AS_OF, "--fields", "full",
           "-o", path("results.jsonl"))
check(done.returncode in (0, 2), f"tpp catalog: exit {done.returncode}")
run("catalog", path("gen.jsonl"), "--as-of", AS_OF, "--output-format", "csv", "--fields", "full",
    "-o", path("results.csv"))
truth = {}
with open(path("results.jsonl")) as f:
    run_facts = json.loads(f.readline())["run"]  # the run's facts come first, once
    check(run_facts["as_of"] == AS_OF, "tpp catalog: the run's facts name the as-of date")
    for line in f:
        record = json.loads(line)
        truth[record["record"]] = record
classified = {n for n, r in truth.items() if "error" not in r}
print(f"{len(truth)} records, {len(classified)} classified")
check(len(truth) == RECORDS, "tpp catalog: one result per record")


def draw(source, name, *extra):
    done = run("plot", "--catalog", source, "--as-of", AS_OF, "--allow-record-errors",
               "-o", path(name), *extra)
    check(done.returncode == 0, f"plot --catalog {source}: exit {done.returncode} {done.stderr[:300]}")
    with open(path(name)) as f:
        return f.read()


svg_text = draw(path("gen.jsonl"), "map.svg")
root = ET.fromstring(svg_text)
tpp_min, tpp_max = map(float, root.get("data-tpp-axis").split())
density_min, density_max = map(float, root.get("data-density-axis").split())
px, py, pw, ph = map(float, root.get("data-plane").split())
sx, sy, sw, sh = map(float, root.get("data-strip").split())


def x_of(value):
    return px + (math.log10(value) - math.log10(tpp_min)) / (
        math.log10(tpp_max) - math.log10(tpp_min)) * pw


def y_of(value):
    return py + ph - (math.log10(value) - math.log10(density_min)) / (
        math.log10(density_max) - math.log10(density_min)) * ph


seen = {}
marks = []
worst = 0.0
for mark in root.iter():
    if mark.get("class") != "chip":
        continue
    if mark.tag == SVG + "circle":
        cx, cy, r = float(mark.get("cx")), float(mark.get("cy")), float(mark.get("r"))
    else:
        r = float(mark.get("width")) / 2
        cx, cy = float(mark.get("x")) + r, float(mark.get("y")) + r
    marks.append((cx, cy, r))
    members = [int(n) for n in mark.get("data-records").split()]
    check(len(members) == int(mark.get("data-count")), "a mark's count is its members")
    for number in members:
        seen[number] = seen.get(number, 0) + 1
        record = truth[number]
        value = float(record["tpp"])
        dx = abs(cx - x_of(value))
        if record["density_status"] == "known":
            dy = abs(cy - y_of(float(record["performance_density"])))
        else:
            dy = abs(cy - (sy + sh / 2))
        worst = max(worst, dx, dy)
        if dx > 1 or dy > 1:
            check(False, f"record {number}: mark at ({cx:.2f}, {cy:.2f}) is {dx:.2f}, {dy:.2f} px "
                         "from its true position")
print(f"{len(marks)} marks; worst distance from a true position {worst:.3f} px")
check(set(seen) == classified, "every classified record is drawn, and no error record")
check(all(count == 1 for count in seen.values()), "each record in exactly one mark")

# Labels (auto): inside the plane, or the strip and the margin below it; clear of marks and
# of each other.
CHAR, HEIGHT = 6.4, 13
labels = []
for text in root.iter(SVG + "text"):
    if text.get("font-size") == "11" and text.get("fill") == "#111":
        x, y = float(text.get("x")) - 1, float(text.get("y")) - 10.5
        labels.append((x, y, len(text.text or "") * CHAR + 2, HEIGHT))
check(len(labels) > 0, "auto mode labels some marks")


def overlaps(a, b):
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


for box in labels:
    in_plane = px <= box[0] and box[0] + box[2] <= px + pw and py <= box[1] and \
        box[1] + box[3] <= py + ph
    in_strip = sx <= box[0] and box[0] + box[2] <= sx + sw and sy <= box[1] and \
        box[1] + box[3] <= float(root.get("height")) - 26
    check(in_plane or in_strip, f"label at {box[:2]} is outside the plane and the strip")
    for cx, cy, r in marks:
        check(not overlaps(box, (cx - r, cy - r, 2 * r, 2 * r)), f"label at {box[:2]} covers a mark")
for i, a in enumerate(labels):
    for b in labels[i + 1:]:
        check(not overlaps(a, b), f"labels at {a[:2]} and {b[:2]} overlap")

# The same picture from tpp catalog's own outputs, and from the flat CSV of the same records.
check(draw(path("results.jsonl"), "from-results.svg") == svg_text,
      "the map of tpp catalog's JSONL output is the map of the specs")
check(draw(path("results.csv"), "from-results-csv.svg") == svg_text,
      "the map of tpp catalog's CSV output is the map of the specs")
flat = draw(path("gen.csv"), "from-flat.svg")
check(flat.count('class="chip"') == svg_text.count('class="chip"'),
      "the flat CSV of the same records draws as many marks")
# Given axes leave the records outside them off, counted, never moved to an edge.
narrow = draw(path("gen.jsonl"), "narrow.svg", "--tpp-range", "1000:10000")
narrow_root = ET.fromstring(narrow)
drawn = sum(int(m.get("data-count")) for m in narrow_root.iter() if m.get("class") == "chip")
inside = sum(1 for n in classified if 1000 <= float(truth[n]["tpp"]) <= 10000 and (
    truth[n]["density_status"] != "known" or
    density_min <= float(truth[n]["performance_density"]) <= density_max))
check(drawn == inside, f"--tpp-range 1000:10000 draws the {inside} records inside it ({drawn})")
check(f"{len(classified) - inside} chip(s) not drawn: outside the axes" in narrow,
      "the footer counts the records outside the axes")
for labels_mode, expect in (("none", 0), ("all", len(marks))):
    other = ET.fromstring(draw(path("gen.jsonl"), f"labels-{labels_mode}.svg", "--labels",
                               labels_mode))
    count = sum(1 for t in other.iter(SVG + "text")
                if t.get("font-size") == "11" and t.get("fill") == "#111")
    check(count == expect, f"--labels {labels_mode}: {count} labels, expected {expect}")

print(f"{len(failures)} failures")
sys.exit(1 if failures else 0)
