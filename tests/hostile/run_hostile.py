"""The hostile-input suite: every input and fault that once broke tpp, run against the real
command. For each case it asserts the exit code, the first line of stderr, the peak RSS (bounded),
and where a file is written, the state of that file after the failure or the signal.

    run_hostile.py TPP TPP_GEN EIO_SHIM REPO WORKDIR

The reproducers are in REPO/tests/hostile/data (from the hardening audit); WORKDIR is scratch.
"""
import os
import re
import signal
import subprocess
import sys
import threading
import time

tpp, tpp_gen, shim, repo, work = sys.argv[1:6]
data = os.path.join(repo, "tests", "hostile", "data")
os.makedirs(work, exist_ok=True)
results = []
failures = []
MB = 1024  # ru_maxrss is in KiB


def run(args, stdin=None, stdout=subprocess.PIPE, env=None, timeout=120, ignore_sigpipe=False):
    """Runs tpp; returns (exit code or -signal, stdout bytes, stderr text, peak RSS in MiB)."""
    def preexec():
        if ignore_sigpipe:
            signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    # Without a preexec_fn Python spawns with vfork, so the child's peak RSS is its own, not a
    # copy of this (large) interpreter's.
    proc = subprocess.Popen([tpp] + args, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE,
                            env=env, preexec_fn=preexec if ignore_sigpipe else None)
    captured = {}

    def drain(name, stream):
        captured[name] = stream.read()

    readers = [threading.Thread(target=drain, args=("err", proc.stderr))]
    if stdout == subprocess.PIPE:
        readers.append(threading.Thread(target=drain, args=("out", proc.stdout)))
    for reader in readers:
        reader.start()
    deadline = time.monotonic() + timeout
    while True:  # reap it ourselves, with its resource usage
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
        time.sleep(0.01)
    for reader in readers:
        reader.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return (proc.returncode, captured.get("out", b""), captured["err"].decode("utf-8", "replace"),
            usage.ru_maxrss / MB)


def check(name, code, err, rss, want_code, want_stderr, max_rss_mb=128, extra=None):
    first = err.splitlines()[0] if err.splitlines() else ""
    problems = []
    if want_stderr is not None and want_stderr.startswith("any:"):
        want_stderr = want_stderr[4:]
        first = next((line for line in err.splitlines() if re.search(want_stderr, line)), first)
    if isinstance(want_code, int):
        if code != want_code:
            problems.append(f"exit {code}, wanted {want_code}")
    elif code not in want_code:
        problems.append(f"exit {code}, wanted one of {want_code}")
    if want_stderr is not None and not re.search(want_stderr, first):
        problems.append(f"stderr first line {first!r} does not match {want_stderr!r}")
    if rss > max_rss_mb:
        problems.append(f"peak RSS {rss:.0f} MiB above {max_rss_mb} MiB")
    if extra:
        problems.extend(p for p in extra if p)
    results.append((name, code, first[:90], rss))
    if problems:
        failures.append(f"{name}: " + "; ".join(problems))


def path(name):
    return os.path.join(work, name)


def write(name, text):
    with open(path(name), "w" if isinstance(text, str) else "wb") as f:
        f.write(text)
    return path(name)


# --- 1. A `nan` token in a catalog record: one error record, the rest classified ----------------
for threads in ("1", "2"):
    code, out, err, rss = run(["catalog", os.path.join(data, "abort_area_nan.jsonl"),
                               "--threads", threads])
    lines = out.decode().splitlines()[1:]  # after the run's facts
    check(f"nan token, {threads} thread(s)", code, err, rss, 2, r"line 2: json: parse error",
          extra=[None if len(lines) == 2 else f"{len(lines)} output records for 2 input records",
                 None if '"error"' in lines[1] else "record 2 is not an error"])

# --- 2. JSON nested 100,000 deep ------------------------------------------------------------------
deep = "[" * 100000 + "]" * 100000
ok = '{"id":"ok","name":"ok","processing_units":[{"throughput":[{"precision":"fp8","tops":296}]}]}'
write("deep.json", deep)
code, out, err, rss = run(["classify", "--spec", path("deep.json")])
check("deep JSON spec", code, err, rss, 2, r"json: nested deeper than 64 levels")
write("deep.jsonl", ok + "\n" + '{"id":"x","name":' + deep + "}\n" + ok + "\n")
code, out, err, rss = run(["catalog", path("deep.jsonl")])
check("deep JSON catalog record", code, err, rss, 2, r"line 2: json: nested deeper",
      extra=[None if len(out.decode().splitlines()) == 1 + 3 else "not 3 output records"])
write("deep_fleet.jsonl", '{"chip":"h100","quantity":1,"consignee":' + deep + "}\n")
code, out, err, rss = run(["fleet", path("deep_fleet.jsonl")])
check("deep JSON fleet line", code, err, rss, 2, r"line 1: json: nested deeper")

# --- 3. A failed write is a failure: /dev/full and a closed pipe ----------------------------------
shipments = os.path.join(repo, "examples", "fleets", "shipments.csv")
catalog_small = write("clean.jsonl", (ok + "\n") * 100)
for args in (["list"], ["show", "h20"], ["timeline", "h20"], ["fleet", shipments],
             ["quota", shipments, "--what-if"], ["catalog", catalog_small]):
    with open("/dev/full", "wb") as full:
        code, out, err, rss = run(args, stdout=full)
    check(f"{args[0]} > /dev/full", code, err, rss, 2,
          r"write failed: No space left on device")
big = path("big.jsonl")
with open(big, "wb") as f:
    subprocess.run([tpp_gen, "catalog", "jsonl", "200000"], stdout=f, check=True)
read_end, write_end = os.pipe()
os.close(read_end)
with os.fdopen(write_end, "wb") as closed_pipe:
    code, out, err, rss = run(["catalog", big], stdout=closed_pipe, ignore_sigpipe=True)
check("catalog into a closed pipe (SIGPIPE ignored)", code, err, rss, 2,
      r"write failed: Broken pipe")

# --- 4. An output that is an input is refused, whatever the path ----------------------------------
victim = write("victim.jsonl", open(catalog_small).read())
before = open(victim).read()
code, out, err, rss = run(["catalog", victim, "-o", victim])
check("catalog X -o X", code, err, rss, 2, r"-o = .*: is also an input",
      extra=[None if open(victim).read() == before else "the input was changed"])
if os.path.lexists(path("link.jsonl")):
    os.remove(path("link.jsonl"))
os.symlink(victim, path("link.jsonl"))
code, out, err, rss = run(["catalog", victim, "-o", path("link.jsonl")])
check("catalog X -o link-to-X", code, err, rss, 2, r"is also an input",
      extra=[None if open(victim).read() == before else "the input was changed"])

# --- 5. A read error mid-file is an error, not the end of the file --------------------------------
fleet_big = path("fleet.csv")
with open(fleet_big, "wb") as f:
    subprocess.run([tpp_gen, "shipments", "300000"], stdout=f, check=True)
env = dict(os.environ, LD_PRELOAD=shim, TPP_EIO_AFTER="1000000")
code, out, err, rss = run(["fleet", fleet_big, "--summary"], env=env)
check("fleet with a read error after 1 MB", code, err, rss, 2,
      r"read failed: Input/output error",
      extra=[None if b"total" not in out else "totals printed for part of the file"])
code, out, err, rss = run(["quota", fleet_big], env=env)
check("quota with a read error after 1 MB", code, err, rss, 2, r"read failed: Input/output error")
code, out, err, rss = run(["catalog", big], env=env)
check("catalog with a read error after 1 MB", code, err, rss, 2,
      r"read failed: Input/output error")
code, out, err, rss = run(["classify", "--spec", os.path.join(repo, "chips", "h20.json")],
                          env=dict(env, TPP_EIO_AFTER="100"))
check("spec file with a read error", code, err, rss, 2, r"read failed: Input/output error")

# --- 6. Endless input: memory stays bounded and the run ends --------------------------------------
for args in (["catalog", "/dev/zero", "--input-format", "jsonl"],
             ["catalog", "/dev/zero", "--input-format", "csv"],
             ["fleet", "/dev/zero", "--format", "jsonl"],
             ["fleet", "/dev/zero", "--format", "csv", "--keep-going"],
             ["classify", "--spec", "/dev/zero"]):
    start = time.monotonic()
    code, out, err, rss = run(args, timeout=60)
    check(" ".join(args[:2] + args[3:4]), code, err, rss, 2,
          r"(longer than|no line end within|not CSV|larger than) ", max_rss_mb=160,
          extra=[None if time.monotonic() - start < 30 else "took over 30 s"])

# --- 7. Atomic output: an old file survives a failed run and a killed one -------------------------
target = write("result.jsonl", "old result\n")
code, out, err, rss = run(["catalog", "/nonexistent.jsonl", "-o", target])
check("missing input, -o existing", code, err, rss, 2, r"cannot be opened",
      extra=[None if open(target).read() == "old result\n" else "the old output was clobbered"])
code, out, err, rss = run(["catalog", os.path.join(data, "dup_area.csv"), "-o", target])
check("bad header, -o existing", code, err, rss, 2, r"appears twice",
      extra=[None if open(target).read() == "old result\n" else "the old output was clobbered"])
huge = path("huge.jsonl")
with open(huge, "wb") as f:
    subprocess.run([tpp_gen, "catalog", "jsonl", "2000000"], stdout=f, check=True)
for sig in (signal.SIGTERM, signal.SIGINT):
    proc = subprocess.Popen([tpp, "catalog", huge, "-o", target, "--threads", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(0.3)
    proc.send_signal(sig)
    proc.communicate(timeout=60)
    leftovers = [n for n in os.listdir(work) if n.startswith(".result.jsonl.tpp-")]
    results.append((f"catalog -o killed by {sig.name}", proc.returncode, "", 0))
    if open(target).read() != "old result\n":
        failures.append(f"{sig.name}: the old output was changed")
    if leftovers:
        failures.append(f"{sig.name}: temporary files left: {leftovers}")
    if proc.returncode != -sig:
        failures.append(f"{sig.name}: exit {proc.returncode}, wanted death by the signal")
code, out, err, rss = run(["catalog", catalog_small, "-o", target])
check("good run replaces the output", code, err, rss, 0, None,
      extra=[None if open(target).read().split("\n")[1].startswith('{"record":1,"line":1,')
             else "output not replaced"])

# --- 8. Text from input is escaped; duplicate columns refused; a stray quote contained ------------
code, out, err, rss = run(["fleet", os.path.join(data, "esc_fleet.csv")])
check("control characters in a fleet line", code, err, rss, 2, r"\\x1B",
      extra=[None if "\x1b" not in err else "a raw escape reached stderr"])
code, out, err, rss = run(["catalog", os.path.join(data, "utf8_echo.jsonl")])
try:
    out.decode("utf-8")
    valid = None
except UnicodeDecodeError:
    valid = "output is not valid UTF-8"
check("invalid UTF-8 in a catalog", code, err, rss, 2, r"line 1", extra=[valid])
code, out, err, rss = run(["catalog", os.path.join(data, "dup_area.csv")])
check("duplicate CSV column", code, err, rss, 2, r"die_area_mm2: the column appears twice")
rows = path("stray.csv")
with open(rows, "wb") as f:
    subprocess.run([tpp_gen, "catalog", "csv", "1000000"], stdout=f, check=True)
# This process stays small: a child's peak RSS includes what it was forked from.
with open(rows, "r+b") as f:
    middle = os.path.getsize(rows) // 2
    f.seek(middle)
    at = middle + f.read(4096).index(b"\n") + 1  # the start of a row in the middle
    f.seek(at)
    f.write(b'"')
with open(path("stray-out.csv"), "wb") as result:
    code, out, err, rss = run(["catalog", rows, "--output-format", "csv"], stdout=result,
                              timeout=300)
records = -1
stray = 0
with open(path("stray-out.csv"), "rb") as result:
    for line in result:
        records += 1
        stray += b"stray quote" in line
check("one stray quote in a 1,000,000-row CSV", code, err, rss, 2, r"line [0-9]+: ", extra=[
          None if records == 1000000 else f"{records} output records for 1,000,000",
          None if stray == 1 else f"{stray} records report the stray quote"])
code, out, err, rss = run(["catalog", os.path.join(data, "lead0.jsonl")])
check("leading zeros (batch path as single path)", code, err, rss, 2, r"json: parse error")

# --- Report ------------------------------------------------------------------------------------
print(f"{'case':<52} {'exit':>5}  {'peak MiB':>8}  stderr (first line)")
for name, code, first, rss in results:
    print(f"{name:<52} {code:>5}  {rss:>8.0f}  {first}")
print(f"{len(results)} cases, {len(failures)} failures")
for failure in failures:
    print("FAILED: " + failure)
sys.exit(1 if failures else 0)
