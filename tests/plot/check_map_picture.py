#!/usr/bin/env python3
"""The threshold map as a picture: render `tpp plot` to PNG with rsvg-convert and check the pixels.

- every region of the rule in force is on the picture in its colour;
- one mark per bundled IC: the marks' fill colours form exactly as many blobs as there are
  solid marks, and each chip's mark is at its spot (solid colour or hollow white centre);
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

    # The marks, read from the SVG by chip id, found on the picture.
    marks = re.findall(r'<(circle|rect) class="chip" data-id="([^"]+)" data-result="([^"]*)" '
                       r'(?:cx|x)="([\d.]+)" (?:cy|y)="([\d.]+)"[^>]*fill="(#[0-9a-f]{6})"', svg)
    ids = [m[1] for m in marks]
    if sorted(ids) != sorted(chips):
        failures.append(f"marks {sorted(ids)} != chips {sorted(chips)}")
    plot_box = re.search(r'<rect class="plane" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', svg)
    strip_box = re.search(r'<rect class="strip" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', svg)
    solid = 0
    for shape, chip_id, paragraph, x, y, fill in marks:
        cx, cy = float(x), float(y)
        if shape == "rect":
            cx, cy = cx + 5.5, cy + 5.5
        px, py = round(cx * SCALE), round(cy * SCALE)
        centre = pixels[px, py]
        estimate = chips[chip_id]["basis"] == "estimate"
        if estimate:
            if not close(centre, (255, 255, 255)):
                failures.append(f"{chip_id}: hollow mark's centre is {centre}")
        else:
            solid += 1
            if not close(centre, hex_rgb(fill)):
                failures.append(f"{chip_id}: mark centre is {centre}, expected {fill}")
        if paragraph != (chips[chip_id]["paragraph"] or ""):
            failures.append(f"{chip_id}: drawn as {paragraph!r}, tpp list says {chips[chip_id]['paragraph']!r}")
        # The region around a datacenter chip on the plane is its own paragraph's.
        on_plane = chips[chip_id]["performance_density"] is not None
        if on_plane and chips[chip_id]["datacenter"]:
            expected = REGION_FILL[chips[chip_id]["paragraph"] or ""]
            ring = [pixels[round((cx + dx) * SCALE), round((cy + dy) * SCALE)]
                    for dx, dy in ((9, 0), (-9, 0), (0, 9), (0, -9), (7, 7), (-7, 7), (7, -7), (-7, -7))]
            if not any(close(p, expected) for p in ring):
                failures.append(f"{chip_id}: {chips[chip_id]['paragraph']} but surrounded by {ring}")

    # As many solid-colour blobs on the plane and strip as solid marks: none missing, none doubled.
    found = 0
    for box in (plot_box, strip_box):
        x, y, w, h = (float(v) for v in box.groups())
        found += blobs(image, MARK_FILL, (round(x * SCALE), round(y * SCALE),
                                          round((x + w) * SCALE), round((y + h) * SCALE)))
    if found != solid:
        failures.append(f"{found} solid mark blobs on the picture, {solid} solid marks expected")

    for failure in failures:
        print("FAIL:", failure)
    print(f"{len(marks)} marks, {solid} solid, {found} blobs, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
