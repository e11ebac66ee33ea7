"""`tpp --rules DIR` (and TPP_RULES=DIR) with an edited rule package: a made-up revision changes
the answer from its date on and not before, the audit record names the new hash and the
directory, `tpp rules` lists the revision, and a broken package is refused (exit 2, nothing on
stdout, the file, path and reason on stderr).

usage: check_edited_package.py TPP SOURCE_DIR WORK_DIR"""
import json
import os
import pathlib
import shutil
import subprocess
import sys

tpp, source, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def run(*args, env=None):
    return subprocess.run([tpp, *args], capture_output=True, text=True, env=env, timeout=120)


def show(day, *extra, env=None):
    result = run("show", "h20", "--as-of", day, "--json", *extra, env=env)
    check(result.returncode == 0, f"show h20 {day} {extra}: exit {result.returncode} {result.stderr}")
    return json.loads(result.stdout)


def without_audit(report):
    return {k: v for k, v in report.items() if k not in ("rules_version", "rules_sha256", "rules_origin")}


package = work / "edited-rules"
shutil.rmtree(package, ignore_errors=True)
shutil.copytree(source / "data" / "rules", package)
latest = json.loads((package / "revisions" / "2026-01-15-91-fr-1684.json").read_text())
latest["effective"] = "2026-09-01"
latest["title"] = "A made-up revision: 3A090.a.1 from TPP 2000"
for clause in latest["clauses"]:
    if clause["paragraph"] == "3A090.a.1":
        clause["conditions"] = [{"metric": "tpp", "op": ">=", "value": 2000}]
        clause["summary"] = "TPP ≥ 2000"
(package / "revisions" / "2026-09-01-made-up.json").write_text(json.dumps(latest, indent=2))
manifest = json.loads((package / "package.json").read_text())
manifest["version"] = "2026-09-01.1"
(package / "package.json").write_text(json.dumps(manifest, indent=2))

bundled_after = show("2026-10-01")
edited_after = show("2026-10-01", "--rules", str(package))
check(bundled_after["status"] == "not-controlled", "bundled: the H20 is not controlled on 2026-10-01")
check(edited_after["status"] == "controlled" and edited_after["paragraph"] == "3A090.a.1",
      "edited: the H20 is 3A090.a.1 on 2026-10-01")
check(edited_after["rules_sha256"] != bundled_after["rules_sha256"], "the audit record shows a new hash")
check(edited_after["rules_version"] == "2026-09-01.1", "the audit record shows the package version")
check(edited_after["rules_origin"] == str(package.resolve()), "the audit record names the directory")
check(bundled_after["rules_origin"] == "bundled", "without --rules the bundled package is used")

env = dict(os.environ, TPP_RULES=str(package))
check(show("2026-10-01", env=env)["status"] == "controlled", "TPP_RULES picks the package too")
before = show("2026-08-31", "--rules", str(package))
check(without_audit(before) == without_audit(show("2026-08-31")),
      "before the made-up date the edited package answers exactly as the bundled one")

text = run("show", "h20", "--as-of", "2026-10-01", "--rules", str(package)).stdout
check(f"rules 2026-09-01.1 from {package.resolve()} (sha256 {edited_after['rules_sha256'][:16]})" in text,
      "the text audit line names the version, directory and hash")
listing = run("--rules", str(package), "rules").stdout
check("2026-09-01" in listing and "A made-up revision" in listing, "`tpp rules` lists the made-up revision")

# Broken: an unknown metric.
bad = json.loads((package / "revisions" / "2026-09-01-made-up.json").read_text())
bad["clauses"][0]["conditions"][0]["metric"] = "tops"
(package / "revisions" / "2026-09-01-made-up.json").write_text(json.dumps(bad, indent=2))
refused = run("show", "h20", "--rules", str(package))
check(refused.returncode == 2, f"a broken package exits 2 (got {refused.returncode})")
check(refused.stdout == "", "a broken package prints nothing on stdout")
check("revisions/2026-09-01-made-up.json: clauses[0].conditions[0].metric = tops: unknown metric"
      in refused.stderr, f"the refusal names file, path and reason: {refused.stderr!r}")
missing = run("show", "h20", "--rules", str(work / "no-such-rules"))
check(missing.returncode == 2 and "not a directory" in missing.stderr, "a missing directory is refused")

shutil.rmtree(package, ignore_errors=True)
print(f"{len(failures)} failures")
sys.exit(1 if failures else 0)
