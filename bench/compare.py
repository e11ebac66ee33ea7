#!/usr/bin/env python3
"""Every speed goal of the project as a ratio against a baseline measured in the same run.

Commands are timed as whole processes, alternating the command and its baseline, and the median
of each is compared (a busy machine slows both alike). Baselines are built with the project
(bench/baselines/) or are plain tools: /bin/true, a Python json loop, pandas row-wise apply.
Prints a Markdown table: goal, measured, met or not.

usage: bench/compare.py BUILD_DIR [--records N] [--runs K] [--markdown FILE]
  (bench/compare.sh runs it on build/ and puts the table into bench/README.md)
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def run_once(command, stdout=subprocess.DEVNULL, stdin=None):
    """Seconds of one process."""
    start = time.perf_counter()
    process = subprocess.run(command, stdout=stdout, stderr=subprocess.DEVNULL, stdin=stdin)
    seconds = time.perf_counter() - start
    if process.returncode not in (0, 2):  # 2: a catalog with bad records (they are written)
        sys.exit(f"compare: {' '.join(command)} exited {process.returncode}")
    return seconds


def peak_rss_mib(command):
    """Peak RSS of one process, by GNU time: a child's own rusage would count the memory of
    this Python process it was forked from."""
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *command], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    return int(done.stderr.strip().splitlines()[-1]) / 1024


def paired(a, b, runs):
    """Median seconds of command a and of command b, run alternately."""
    times_a, times_b = [], []
    for _ in range(runs):
        times_a.append(run_once(a))
        times_b.append(run_once(b))
    return statistics.median(times_a), statistics.median(times_b)


def python_seconds(code, runs):
    """Median seconds of a Python snippet run in a fresh interpreter (it prints its own time)."""
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        if out.returncode != 0:
            return None
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


class Table:
    def __init__(self):
        self.rows = []

    def goal(self, what, measured, goal, met):
        self.rows.append((what, measured, goal, "met" if met else "**not met**"))

    def info(self, what, measured):
        self.rows.append((what, measured, "(reference)", ""))

    def markdown(self):
        lines = ["| what | measured | goal | |", "|---|---|---|---|"]
        lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in self.rows]
        return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--markdown")
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    tpp = os.path.join(build, "tpp")
    gen = os.path.join(build, "tpp-gen")
    bare_jsonl = os.path.join(build, "bench", "tpp_bare_jsonl")
    bare_csv = os.path.join(build, "bench", "tpp_bare_csv")
    bench = os.path.join(build, "bench", "tpp_bench")
    table = Table()
    work = tempfile.mkdtemp(prefix="tpp-compare-")
    n = args.records

    # --- the library, one call (Google Benchmark, one run) ---------------------------------
    out = subprocess.run([bench, "--benchmark_filter=^BM_(Evaluate|Classify)$",
                          "--benchmark_format=json", "--benchmark_min_time=0.5"],
                         capture_output=True, text=True, check=True)
    micro = {b["name"]: b["real_time"] / 1000 for b in json.loads(out.stdout)["benchmarks"]}
    table.goal("`tpp::evaluate`, one call", f"{micro['BM_Evaluate']:.2f} µs", "≤ 2 µs",
               micro["BM_Evaluate"] <= 2)
    table.goal("`tpp::classify`, one call", f"{micro['BM_Classify']:.2f} µs", "≤ 0.5 µs",
               micro["BM_Classify"] <= 0.5)

    # --- start-up: one lookup, the list ----------------------------------------------------
    lookups = max(21, args.runs * 4 + 1)
    show, true = paired([tpp, "show", "h100-sxm"], ["/bin/true"], lookups)
    table.goal("`tpp show h100-sxm` ÷ `/bin/true`", f"{show / true:.1f}× ({show * 1e3:.1f} ms)",
               "≤ 1.5×", show / true <= 1.5)
    listed, true = paired([tpp, "list"], ["/bin/true"], lookups)
    table.goal("`tpp list` ÷ `/bin/true`", f"{listed / true:.1f}× ({listed * 1e3:.1f} ms)",
               "≤ 2×", listed / true <= 2)

    # --- Python: numpy columns against a plain loop doing the same thresholds ---------------
    module = os.path.join(build, "python")
    setup = (f"import sys, time; sys.path.insert(0, {module!r}); import numpy as np\n"
             f"rng = np.random.default_rng(1); n = {n}\n"
             "t = rng.uniform(0, 10000, n).round(3); a = rng.uniform(100, 1000, n).round(2)\n"
             "d = np.ones(n, dtype=bool)\n")
    numpy_code = setup + ("import tpp\ntpp.classify_columns(t[:10], a[:10], d[:10], as_of='2026-11-22')\n"
                          "s = time.perf_counter()\n"
                          "tpp.classify_columns(t, a, d, as_of='2026-11-22')\n"
                          "print(time.perf_counter() - s)\n")
    # The 2023 rule's IC paragraphs and the datacenter note, as a plain Python loop would do them.
    loop_code = setup + (
        "tl, al, dl = t.tolist(), a.tolist(), d.tolist()\n"
        "s = time.perf_counter(); out = []\n"
        "for x, y, dc in zip(tl, al, dl):\n"
        "    p = x / y\n"
        "    if x >= 4800 or (x >= 1600 and p >= 5.92): out.append(('3A090.a', 'controlled'))\n"
        "    elif (x >= 2400 and 1.6 <= p < 5.92) or (x >= 1600 and 3.2 <= p < 5.92):\n"
        "        out.append(('3A090.b', 'controlled') if dc else (None, 'not-controlled'))\n"
        "    else: out.append((None, 'not-controlled'))\n"
        "print(time.perf_counter() - s)\n")
    columns = python_seconds(numpy_code, args.runs)
    loop = python_seconds(loop_code, args.runs)
    if columns and loop:
        table.goal(f"`tpp.classify_columns`, {n:,} numpy rows ÷ a plain Python loop",
                   f"1/{loop / columns:.0f} ({columns * 1e3:.0f} ms vs {loop * 1e3:.0f} ms)",
                   "< 1/20", loop / columns > 20)

    # --- catalogs ------------------------------------------------------------------------------
    files = {}
    for fmt in ("jsonl", "csv"):
        files[fmt] = os.path.join(work, f"catalog.{fmt}")
        with open(files[fmt], "w") as f:
            subprocess.run([gen, "catalog", fmt, str(n), "7"], stdout=f, check=True)
    catalog = lambda path, *extra: [tpp, "catalog", path, "--as-of", "2026-11-30", "-o",
                                     os.devnull, *extra]
    # The generator writes 1% bad records (broken JSON among them, which simdjson's
    # iterate_many cannot step over): the JSONL comparisons use the file without them, and the
    # bad records' cost is measured on its own below.
    results = subprocess.run([tpp, "catalog", files["jsonl"], "--as-of", "2026-11-30",
                              "--fields", "line"], capture_output=True, text=True)
    bad_lines = {json.loads(l)["line"] for l in results.stdout.splitlines()[1:]
                 if '"error"' in l}
    good_path = os.path.join(work, "good.jsonl")
    with open(files["jsonl"]) as f, open(good_path, "w") as g:
        for number, line in enumerate(f, 1):
            if number not in bad_lines:
                g.write(line)
    one = {}
    for fmt, bare in (("jsonl", bare_jsonl), ("csv", bare_csv)):
        source = good_path if fmt == "jsonl" else files[fmt]
        ours, theirs = paired(catalog(source, "--threads", "1"), [bare, source], args.runs)
        one[fmt] = ours
        size = os.path.getsize(source) / 1e6
        baseline = ("a bare simdjson `iterate_many` extraction" if fmt == "jsonl"
                    else "a bare CSV split-and-parse writing a short line")
        table.goal(f"{fmt.upper()} end to end, 1 thread ÷ {baseline}",
                   f"{ours / theirs:.2f}× ({ours:.2f} s vs {theirs:.2f} s; {size / ours:.0f} MB/s)",
                   "≤ 1.3×", ours / theirs <= 1.3)
        if fmt == "jsonl":
            compact, theirs = paired(catalog(source, "--threads", "1", "--fields", "compact"),
                                     [bare, source], args.runs)
            table.goal("JSONL `--fields compact`, 1 thread ÷ the same bare pass",
                       f"{compact / theirs:.2f}×", "≤ 1.1×", compact / theirs <= 1.1)
    for fmt in ("jsonl", "csv"):
        two, single = paired(catalog(files[fmt], "--threads", "2"),
                             catalog(files[fmt], "--threads", "1"), args.runs)
        table.goal(f"{fmt.upper()}: 2 threads ÷ 1 thread (speed-up)", f"{single / two:.2f}×",
                   "≥ 1.8×", single / two >= 1.8)

    with_bad, good_only = paired(catalog(files["jsonl"], "--threads", "1"),
                                 catalog(good_path, "--threads", "1"), args.runs)
    n_bad, n_good = len(bad_lines), n - len(bad_lines)
    if n_bad:
        per_good = good_only / n_good
        per_bad = max(0.0, with_bad - good_only) / n_bad
        table.goal(f"a bad record ÷ a good one ({n_bad:,} bad of {n:,})",
                   f"{per_bad / per_good:.1f}×", "≤ 2×", per_bad / per_good <= 2)

    # Peak memory at every size.
    worst = 0.0
    for size in (10_000, 100_000, n):
        path = os.path.join(work, f"rss-{size}.jsonl")
        with open(path, "w") as f:
            subprocess.run([gen, "catalog", "jsonl", str(size), "3"], stdout=f, check=True)
        for threads in ("1", "2"):
            worst = max(worst, peak_rss_mib(catalog(path, "--threads", threads)))
        os.remove(path)
    table.goal(f"peak RSS, JSONL catalogs of 10 k … {n:,} records, 1 and 2 threads",
               f"{worst:.0f} MiB", "< 32 MiB", worst < 32)

    # Output size per record.
    for fields in ("compact", "result", "full"):
        out = subprocess.run([tpp, "catalog", files["jsonl"], "--as-of", "2026-11-30",
                              "--fields", fields], capture_output=True)
        table.info(f"JSONL output per record, `--fields {fields}`",
                   f"{len(out.stdout) / n:.0f} bytes (input {os.path.getsize(files['jsonl']) / n:.0f})")

    # References: what an analyst would write instead.
    sample = min(n, 100_000)
    py_json = python_seconds(
        "import json, time\n"
        f"s = time.perf_counter()\n"
        f"with open({files['jsonl']!r}) as f:\n"
        f"    for i, line in enumerate(f):\n"
        f"        if i == {sample}: break\n"
        "        try: r = json.loads(line)\n"
        "        except ValueError: continue\n"
        "        if not isinstance(r, dict): continue\n"
        "        best = 0\n"
        "        for u in r.get('processing_units', []):\n"
        "            for t in u.get('throughput', []):\n"
        "                best = max(best, t.get('tops', 0) if isinstance(t.get('tops', 0), (int, float)) else 0)\n"
        "print(time.perf_counter() - s)\n", 1)
    if py_json:
        table.info(f"a Python `json` loop extracting the figures (no rules), per record",
                   f"{py_json / sample * 1e6:.1f} µs vs tpp's {one['jsonl'] / n * 1e6:.2f} µs "
                   f"({py_json / sample / (one['jsonl'] / n):.0f}×)")
    pandas_apply = python_seconds(
        "import time, pandas as pd\n"
        f"frame = pd.read_csv({files['csv']!r}, nrows={sample})\n"
        "for c in ('fp16', 'bf16', 'fp8', 'int8'):\n"
        "    frame[c] = pd.to_numeric(frame[c], errors='coerce')  # a bad record's 'five'\n"
        "s = time.perf_counter()\n"
        "def row(r):\n"
        "    t = max(r.fp16 * 16 if r.fp16 == r.fp16 else 0, r.bf16 * 16 if r.bf16 == r.bf16 else 0,\n"
        "            r.fp8 * 8 if r.fp8 == r.fp8 else 0, r.int8 * 8 if r.int8 == r.int8 else 0)\n"
        "    return 'controlled' if t >= 4800 else 'not-controlled'\n"
        "frame.apply(row, axis=1)\n"
        "print(time.perf_counter() - s)\n", 1)
    if pandas_apply:
        table.info("pandas row-wise `apply` (TPP line only), per record",
                   f"{pandas_apply / sample * 1e6:.1f} µs vs tpp's {one['csv'] / n * 1e6:.2f} µs "
                   f"({pandas_apply / sample / (one['csv'] / n):.0f}×)")

    text = table.markdown()
    print(text)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text + "\n")
    for name in os.listdir(work):
        os.remove(os.path.join(work, name))
    os.rmdir(work)


if __name__ == "__main__":
    main()
