#!/usr/bin/python3
"""A bounded load test of tpp serve on 127.0.0.1: CLIENTS concurrent clients send a fixed
number of requests, GET /v1/chips/h20 and then a 1 MB catalog POST; every response is checked
against the expected answer (the catalog: byte for byte against `tpp catalog`). Reports
requests/s, p50 and p99 latency, and the server's peak RSS. Stops by itself (alarm).
usage: check_load.py TPP TPP_GEN WORK_DIR [GET_REQUESTS CATALOG_REQUESTS MAX_RSS_MB]"""
import concurrent.futures
import http.client
import json
import pathlib
import signal
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from server import Server  # noqa: E402

signal.alarm(180)
tpp, gen, work = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
get_requests = int(sys.argv[4]) if len(sys.argv) > 4 else 2000
catalog_requests = int(sys.argv[5]) if len(sys.argv) > 5 else 40
max_rss_mb = int(sys.argv[6]) if len(sys.argv) > 6 else 200
clients = 8
day = "2026-11-22"
work.mkdir(parents=True, exist_ok=True)

# A catalog of 1 MB (whole records), and what `tpp catalog` answers for it.
lines = subprocess.run([gen, "catalog", "jsonl", "6000"], capture_output=True, check=True,
                       timeout=60).stdout.splitlines(keepends=True)
catalog = b""
for line in lines:
    if len(catalog) >= 1_000_000:
        break
    catalog += line
(work / "load.jsonl").write_bytes(catalog)
expected_catalog = subprocess.run([tpp, "catalog", str(work / "load.jsonl"), "--as-of", day],
                                  capture_output=True, timeout=60).stdout
assert expected_catalog.count(b"\n") > 3000, "the catalog is answered"


def run(server, count, request, verify):
    """`count` requests over `clients` connections kept alive; (seconds, latencies, bad)."""
    per_client = [count // clients + (1 if i < count % clients else 0) for i in range(clients)]

    def client(n):
        latencies, bad = [], []
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        for _ in range(n):
            started = time.perf_counter()
            for attempt in range(2):  # the server closes a connection after 100 requests
                try:
                    status, body = request(conn)
                    break
                except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            latencies.append(time.perf_counter() - started)
            if status != 200 or not verify(body):
                bad.append((status, body[:200]))
        conn.close()
        return latencies, bad

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(client, per_client))
    seconds = time.perf_counter() - started
    latencies = sorted(x for r in results for x in r[0])
    bad = [x for r in results for x in r[1]]
    return seconds, latencies, bad


def percentile(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1, int(p / 100 * len(sorted_values)))]


def get_h20(conn):
    conn.request("GET", f"/v1/chips/h20?as_of={day}")
    res = conn.getresponse()
    return res.status, res.read()


def h20_ok(body):
    answer = json.loads(body)
    return answer["id"] == "h20" and answer["tpp"] == 2368 and answer["status"] == "not-controlled"


def post_catalog(conn):
    conn.request("POST", f"/v1/catalog?as_of={day}", body=catalog,
                 headers={"Content-Type": "application/x-ndjson"})
    res = conn.getresponse()
    return res.status, res.read()


records = catalog.count(b"\n")
failed = False
with Server(tpp, "--threads", "4") as server:
    rss_start = server.rss_kib()
    for name, count, request, verify, size in (
            ("GET /v1/chips/h20", get_requests, get_h20, h20_ok, 0),
            (f"POST /v1/catalog ({len(catalog) / 1e6:.2f} MB, {records} records)",
             catalog_requests, post_catalog, lambda body: body == expected_catalog, len(catalog))):
        seconds, latencies, bad = run(server, count, request, verify)
        rate = count / seconds
        extra = f", {rate * size / 1e6:.1f} MB/s in" if size else ""
        print(f"{name}: {count} requests, {clients} clients, {seconds:.2f} s: {rate:.0f} requests/s"
              f"{extra}, p50 {percentile(latencies, 50) * 1e3:.2f} ms, "
              f"p99 {percentile(latencies, 99) * 1e3:.2f} ms; {len(bad)} wrong responses")
        if bad:
            print("FAIL: wrong responses, e.g.", bad[:3])
            failed = True
    peak = server.rss_kib("VmHWM")
    print(f"server RSS: {rss_start / 1024:.1f} MB at start, peak {peak / 1024:.1f} MB "
          f"(limit {max_rss_mb} MB)")
    if peak > max_rss_mb * 1024:
        print("FAIL: peak RSS over the limit")
        failed = True
    if not server.alive():
        print("FAIL: the server died")
        failed = True
    server.stop()

sys.exit(1 if failed else 0)
