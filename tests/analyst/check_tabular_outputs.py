#!/usr/bin/env python3
"""What an analyst loads as it is: every CSV `tpp` writes (catalog, list, fleet, quota) is
rectangular, numbered and typed; catalog --to answers as `tpp show --to` does; fleet JSON keeps
every input field and types its totals; a run with bad records exits 2 unless told otherwise.

usage: check_tabular_outputs.py TPP REPO WORKDIR
"""
import csv
import io
import json
import os
import subprocess
import sys

tpp, repo, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAILED:", what)


def run(*args, expect=0):
    done = subprocess.run([tpp, *args], capture_output=True, text=True)
    check(done.returncode == expect,
          f"tpp {' '.join(args)}: exit {done.returncode}, expected {expect}: {done.stderr[:200]}")
    return done.stdout


def table(text, what):
    rows = list(csv.reader(io.StringIO(text)))
    check(len(rows) >= 2, f"{what}: a header and rows")
    widths = {len(row) for row in rows}
    check(widths == {len(rows[0])}, f"{what}: every row the header's width ({widths})")
    return [dict(zip(rows[0], row)) for row in rows[1:]]


epoch = os.path.join(repo, "examples", "catalogs", "epoch-excerpt.csv")
shipments = os.path.join(repo, "examples", "fleets", "shipments.csv")

# Catalog: records numbered 1..N in input order, the source line kept, errors in `error` only.
broken = os.path.join(work, "broken.csv")
with open(epoch, encoding="utf-8") as f:
    text = f.read()
header, _, body = text.partition("\n")
with open(broken, "w", encoding="utf-8") as f:
    # A stray quote inside the file: the reader reports it and goes on.
    after = ["After", "Example", "GPU", "", "", "", "", "1e15"]  # FP8 1e15 OP/s: TPP 8,000
    after += [""] * (len(next(csv.reader([header]))) - len(after))
    f.write(header + "\n" + body + '"Broken,Example,GPU\n' + ",".join(after) + "\n")
out = run("catalog", broken, "--output-format", "csv", "--fields", "full", "--as-of", "2026-11-30",
          expect=2)
records = table(out, "catalog csv with an error")
check([int(r["record"]) for r in records] == list(range(1, len(records) + 1)),
      "catalog csv: record numbers 1..N in order")
lines = [int(r["line"]) for r in records]
check(lines == sorted(lines) and len(set(lines)) == len(lines), "catalog csv: lines ascend")
errors = [r for r in records if r["error"]]
check(len(errors) == 1 and "unterminated quoted field" in errors[0]["error"],
      "catalog csv: the broken record is one error row, message in the error column")
check(all(r["id"] == "" and r["eccn"] == "" for r in errors), "catalog csv: an error row is empty")
check(records[-1]["name"] == "After", "catalog csv: the record after the error is read")
run("catalog", broken, "--output-format", "csv", "--allow-record-errors", expect=0)

# Catalog --to: the licence answer of every bundled chip as `tpp show --to` gives it.
chips_dir = os.path.join(repo, "chips")
specs = sorted(os.path.join(chips_dir, name) for name in os.listdir(chips_dir)
               if name.endswith(".json") and name != "schema.json")
jsonl = os.path.join(work, "bundled.jsonl")
with open(jsonl, "w", encoding="utf-8") as f:
    for spec in specs:
        with open(spec, encoding="utf-8") as s:
            f.write(json.dumps(json.load(s)) + "\n")
compared = 0
for country, hq, day in (("CN", "CN", "2025-06-01"), ("AE", "AE", "2026-11-30"),
                         ("IN", "IN", "2025-03-01"), ("MO", None, "2026-02-01"),
                         ("DE", "DE", "2024-06-01")):
    extra = ["--hq", hq] if hq else []
    out = run("catalog", jsonl, "--to", country, "--as-of", day, *extra, )
    by_id = {}
    lines = out.splitlines()
    facts = json.loads(lines[0])["run"]
    rules = json.loads(run("rules", "--json"))
    check(facts["destination"] == country and facts["as_of"] == day and
          facts["rules_sha256"] == rules["sha256"] and facts["rules_version"] == rules["version"],
          f"catalog --to {country} {day}: the run's facts name the day, the destination and the "
          "rule package `tpp rules` names")
    for line in lines[1:]:
        record = json.loads(line)
        by_id[record["id"]] = record
    for record_id, record in by_id.items():
        shown = json.loads(run("show", record_id, "--to", country, "--as-of", day, *extra,
                               "--json"))
        if record.get("kind") == "system" or shown["id"] != record_id:
            continue
        compared += 1
        check(record["licence"] == shown["destination"]["licence"],
              f"catalog --to {country} {day}: {record_id} licence {record['licence']} "
              f"!= show's {shown['destination']['licence']}")
        review = shown["destination"]["review_policy"]
        expected = (None if review is None else review["policy"] if review["applies"] is not None
                    else f"undetermined: {review['if_it_applies']} or {review['otherwise']}")
        check(record["review_policy"] == expected,
              f"catalog --to {country} {day}: {record_id} review policy differs from show's")
check(compared >= 100, f"catalog --to compared {compared} answers")

# list, fleet and quota as CSV.
listed = table(run("list", "--output-format", "csv"), "list csv")
check(len(listed) == len(run("list", "--json").splitlines()), "list csv: one row per chip")
rows = table(run("fleet", shipments, "--lines", "--output-format", "csv"), "fleet csv")
kinds = [r["type"] for r in rows]
check(kinds == sorted(kinds, key=lambda k: k != "line"), "fleet csv: lines, then totals")
check(sum(1 for k in kinds if k == "line") == 12, "fleet csv: one row per shipment line")
total = [r for r in rows if r["type"] == "totals" and r["group"] == "total"]
check(len(total) == 1 and total[0]["quantity"] == "23770", "fleet csv: one grand total")
check(rows[0]["consignee"] == "Acme Cloud India", "fleet csv: the consignee is kept")
rows = table(run("quota", shipments, "--what-if", "--lines", "--output-format", "csv"),
             "quota csv")
check({r["type"] for r in rows} == {"shipment", "cap"}, "quota csv: shipments and caps")
run("fleet", shipments, "--output-format", "csv", "--days", "30", expect=2)
run("list", "--output-format", "xml", expect=2)

# With --keep-going a bad line is an error record in its place: one record per line, in order.
bad_fleet = os.path.join(repo, "tests", "cli", "data", "bad-fleet.csv")
rows = table(run("fleet", bad_fleet, "--keep-going", "--lines", "--output-format", "csv",
                 expect=2), "fleet csv with bad lines")
check([(r["type"], r["line"]) for r in rows if r["type"] != "totals"] ==
      [("line", "2"), ("error", "3"), ("error", "4"), ("line", "5")],
      "fleet csv: every line once, in order, errors in place")
check("h2O" in rows[1]["error"], "fleet csv: the message in the error column")
lines = [json.loads(line) for line in run("fleet", bad_fleet, "--keep-going", "--lines",
                                          "--json", expect=2).splitlines()]
check([(r["type"], r.get("line")) for r in lines] ==
      [("line", 2), ("error", 3), ("error", 4), ("line", 5), ("totals", None)],
      "fleet json: every line once, in order, then the totals")
check(lines[1]["error"]["field"] == "chip" and lines[1]["error"]["value"] == "h2O",
      "fleet json: the error names its field and value")
rows = table(run("quota", bad_fleet, "--keep-going", "--lines", "--output-format", "csv",
                 expect=2), "quota csv with bad lines")
check([(r["type"], r["line"]) for r in rows] == [("error", str(n)) for n in range(2, 6)],
      "quota csv: every line once, in order (this file has no ship dates: each is an error)")

# Fleet JSON: every input field on each line; totals a separate, typed record with the rules.
out = run("fleet", shipments, "--lines", "--json").splitlines()
lines = [json.loads(line) for line in out]
check([r["type"] for r in lines] == ["line"] * 12 + ["totals"], "fleet json: lines, then totals")
for field in ("ship_date", "chip", "quantity", "destination", "consignee", "end_user", "veu",
              "end_user_hq", "origin"):
    check(all(field in r for r in lines[:-1]), f"fleet json: every line has {field}")
check(lines[-1]["rules_version"] and lines[-1]["rules_sha256"], "fleet json: totals name rules")
report = json.loads(run("quota", shipments, "--what-if", "--json").splitlines()[-1])
check(report["type"] == "report" and report["rules_sha256"], "quota json: a typed report")

print(f"{compared} catalog --to answers compared with tpp show; {len(failures)} failures")
sys.exit(1 if failures else 0)
