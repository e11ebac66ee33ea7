#!/usr/bin/env python3
"""The threshold map as a picture: render `tpp plot` to PNG with rsvg-convert and check the pixels.

- every region of the rule in force is on the picture in its colour;
- every bundled IC in one mark (a mark may stand for the chips in one pixel with one result),
  each mark at its spot (solid colour or hollow white centre), no mark missing or doubled among
  the colour blobs;
- each datacenter chip on the plane is surrounded by its own paragraph's region colour.

Usage: check_map_picture.py TPP_BINARY WORK_DIR
"""
import json
import re
import subprocess
import sys
from pathlib import Path

from PIL import Image

SCALE = 2  # render at twice the SVG size: marks are 22 px wide
AS_OF = "2026-11-22"
REGION_FILL = {  # paragraph -> colour, as the legend says
    "3A090.a.1": (0xF4, 0xA6, 0xA6),
    "3A090.a.2": (0xF7, 0xC6, 0xA3),
    "3A090.b.1": (0xFB, 0xE3, 0xA1),
    "3A090.b.2": (0xFD, 0xF3, 0xC0),
    "": (0xDC, 0xEF, 0xDC),
}
MARK_FILL = {  # status colours of solid marks
    (0xB0, 0x3A, 0x2E), (0xB9, 0x77, 0x0E), (0x1E, 0x84, 0x49), (0x6C, 0x7A, 0x89),
}


def hex_rgb(text):
    return tuple(int(text[i:i + 2], 16) for i in (1, 3, 5))


def close(a, b, tolerance=6):
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


def blobs(image, colours, box, min_pixels=100):
    """Connected groups (4-neighbour) of at least `min_pixels` pixels of `colours`, inside `box`.
    The size floor leaves out the dashes of hollow marks' outlines (about 12 px each)."""
    x0, y0, x1, y1 = box
    pixels = image.load()
    seen = set()
    count = 0
    for y in range(y0, y1):
        for x in range(x0, x1):
            if (x, y) in seen or pixels[x, y][:3] not in colours:
                continue
            size = 0
            stack = [(x, y)]
            seen.add((x, y))
            while stack:
                px, py = stack.pop()
                size += 1
                for nx, ny in ((px + 1, py), (px - 1, py), (px, py + 1), (px, py - 1)):
                    if x0 <= nx < x1 and y0 <= ny < y1 and (nx, ny) not in seen and pixels[nx, ny][:3] in colours:
                        seen.add((nx, ny))
                        stack.append((nx, ny))
            count += size >= min_pixels
    return count


def main():
    tpp, work = sys.argv[1], Path(sys.argv[2])
    work.mkdir(parents=True, exist_ok=True)
    svg_path, png_path = work / "map.svg", work / "map.png"
    subprocess.run([tpp, "plot", "--as-of", AS_OF, "-o", str(svg_path)], check=True)
    subprocess.run(["rsvg-convert", "--zoom", str(SCALE), str(svg_path), "-o", str(png_path)], check=True)
    listed = subprocess.run([tpp, "list", "--json", "--as-of", AS_OF], check=True, capture_output=True, text=True)
    chips = {}
    for line in listed.stdout.splitlines():
        record = json.loads(line)
        if record["kind"] == "accelerator":
            chips[record["id"]] = record
    image = Image.open(png_path).convert("RGB")
    pixels = image.load()
    svg = svg_path.read_text()
    failures = []

    # The regions: each paragraph the rule has, in its colour, over a sizeable area.
    counts = {}
    for colour in image.getdata():
        counts[colour] = counts.get(colour, 0) + 1
    for paragraph, colour in REGION_FILL.items():
        if counts.get(colour, 0) < 2000:
            failures.append(f"region {paragraph or 'outside'}: colour {colour} covers {counts.get(colour, 0)} px")

    # The marks, read from the SVG by chip id, found on the picture. A mark stands for the chips
    # in one pixel with one result (data-count); it is named by its first.
    marks = []
    for tag in re.findall(r'<(?:circle|rect) class="chip"[^>]*>', svg):
        attr = dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
        if tag.startswith("<circle"):
            cx, cy, r = float(attr["cx"]), float(attr["cy"]), float(attr["r"])
        else:
            r = float(attr["width"]) / 2
            cx, cy = float(attr["x"]) + r, float(attr["y"]) + r
        marks.append((attr["data-id"], attr["data-result"], cx, cy, r, attr["fill"],
                      int(attr["data-count"])))
    ids = [m[0] for m in marks]
    if not set(ids) <= set(chips) or sum(m[6] for m in marks) != len(chips):
        failures.append(f"marks {sorted(ids)} (counting {sum(m[6] for m in marks)}) != chips "
                        f"{sorted(chips)}")
    plot_box = re.search(r'<rect class="plane" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', svg)
    strip_box = re.search(r'<rect class="strip" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', svg)
    solid_marks = []
    for index, (chip_id, paragraph, cx, cy, r, fill, count) in enumerate(marks):
        # Left of the centre: a crowd's count is written on its middle.
        # (and another chip's whisker or label may cross one spot: four spots inside the mark)
        spots = [pixels[round((cx + dx) * SCALE), round((cy + dy) * SCALE)]
                 for dx, dy in ((-0.65 * r, 0), (0, -0.65 * r), (0, 0.65 * r), (-0.45 * r, 0.45 * r))]
        centre = spots[0]
        estimate = chips[chip_id]["basis"] == "estimate"
        # A later mark may cover this one's centre: marks stand where their chips are.
        covered = any((cx - m[2]) ** 2 + (cy - m[3]) ** 2 < (m[4] + 1.5) ** 2 for m in marks[index + 1:])
        if estimate:
            if not covered and not any(close(spot, (255, 255, 255)) for spot in spots):
                failures.append(f"{chip_id}: hollow mark's centre is {centre}")
        else:
            solid_marks.append((cx, cy, r))
            if not covered and not any(close(spot, hex_rgb(fill)) for spot in spots):
                failures.append(f"{chip_id}: mark centre is {centre}, expected {fill}")
        if paragraph != (chips[chip_id]["paragraph"] or ""):
            failures.append(f"{chip_id}: drawn as {paragraph!r}, tpp list says {chips[chip_id]['paragraph']!r}")
        # The region around a datacenter chip on the plane is its own paragraph's.
        on_plane = chips[chip_id]["performance_density"] is not None
        if on_plane and chips[chip_id]["datacenter"]:
            # An indeterminate chip's mark is at the most controlled end of its range: in one of
            # the paragraphs it could be.
            possible = ([chips[chip_id]["paragraph"] or ""] if chips[chip_id]["status"] != "indeterminate"
                        else chips[chip_id]["possible_paragraphs"])
            expected = [REGION_FILL[p] for p in possible if p in REGION_FILL]
            # Ring spots under a neighbouring mark show that mark, not the region: left out.
            points = [(cx + dx, cy + dy) for d in (r + 3.5, r + 6, r + 9)
                      for dx, dy in ((d, 0), (-d, 0), (0, d), (0, -d))]
            points = [(x, y) for x, y in points
                      if not any((x - m[2]) ** 2 + (y - m[3]) ** 2 < (m[4] + 2) ** 2
                                 for m in marks if m[0] != chip_id)]
            ring = [pixels[round(x * SCALE), round(y * SCALE)] for x, y in points]
            if ring and not any(close(p, e) for p in ring for e in expected):
                failures.append(f"{chip_id}: {chips[chip_id]['paragraph']} but surrounded by {ring}")

    # Solid-colour blobs on the plane and strip: marks that touch may merge into one, but no
    # mark is missing (at least one blob per group of touching marks) and none is doubled (at
    # most one per group of marks whose centres lie apart).
    def groups(near):
        parent = list(range(len(solid_marks)))

        def root(i):
            while parent[i] != i:
                i = parent[i]
            return i
        for i, a in enumerate(solid_marks):
            for j, b in enumerate(solid_marks[:i]):
                if near(a, b):
                    parent[root(i)] = root(j)
        return len({root(i) for i in range(len(solid_marks))})

    def distance(a, b):
        return ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
    fewest = groups(lambda a, b: distance(a, b) < a[2] + b[2] + 2)
    most = groups(lambda a, b: distance(a, b) < max(a[2], b[2]))
    found = 0
    for box in (plot_box, strip_box):
        x, y, w, h = (float(v) for v in box.groups())
        found += blobs(image, MARK_FILL, (round(x * SCALE), round(y * SCALE),
                                          round((x + w) * SCALE), round((y + h) * SCALE)))
    if not fewest <= found <= most:
        failures.append(f"{found} solid mark blobs on the picture, {fewest} to {most} expected")
    solid = len(solid_marks)

    for failure in failures:
        print("FAIL:", failure)
    print(f"{len(marks)} marks, {solid} solid, {found} blobs, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
