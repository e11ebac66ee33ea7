#!/usr/bin/python3
"""tpp serve's JSON API through a Python client: every endpoint answers what the command
answers, every JSON response matches the OpenAPI document served at /v1/openapi.json, and a
battery of bad requests is answered 4xx in the one error shape, with the server still up and
its memory flat (not asserted under ASan, whose quarantine holds freed memory; its leak check
runs when the server stops instead). usage: check_api.py TPP TPP_GEN WORK_DIR --release|--sanitized"""
import json
import pathlib
import re
import signal
import subprocess
import sys
import time
import urllib.parse

import jsonschema

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from server import Server  # noqa: E402

signal.alarm(240)  # never hang: the whole test has four minutes
tpp, gen, work = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
sanitized = sys.argv[4] == "--sanitized"
work.mkdir(parents=True, exist_ok=True)
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)


def cli(*args, stdin=None):
    return subprocess.run([tpp, *args], capture_output=True, timeout=60, input=stdin)


with Server(tpp) as server:
    status, doc = server.json("GET", "/v1/openapi.json")
    check(status == 200 and doc["openapi"].startswith("3."), "openapi.json is served")
    resolver = jsonschema.RefResolver.from_schema(doc)
    validated = 0

    def conforms(path_template, method, status, content_type, body):
        """The response matches the document's schema for it."""
        global validated
        op = doc["paths"][path_template][method.lower()]
        responses = op["responses"]
        response = responses.get(str(status))
        check(response is not None, f"{method} {path_template}: status {status} is documented")
        if response is None:
            return
        media = response["content"].get(content_type.split(";")[0])
        check(media is not None, f"{method} {path_template} {status}: {content_type} is documented")
        if media is None:
            return
        errors = list(jsonschema.Draft202012Validator(media["schema"], resolver=resolver)
                      .iter_errors(body))
        check(not errors, f"{method} {path_template} {status}: {errors[:1]}")
        validated += 1

    def get_json(path, template, expect=200):
        status, headers, data = server.request("GET", path)
        check(status == expect, f"GET {path}: {status}, expected {expect}: {data[:300]!r}")
        body = json.loads(data)
        conforms(template, "GET", status, headers["Content-Type"], body)
        return body

    # --- the answers are the command's answers ---------------------------------------------
    health = get_json("/healthz", "/healthz")
    check(health["status"] == "ok", "healthz ok")
    day = "2026-11-22"
    h20 = get_json(f"/v1/chips/h20?as_of={day}&to=CN", "/v1/chips/{id}")
    shown = json.loads(cli("show", "h20", "--json", "--as-of", day, "--to", "CN").stdout)
    for key in ("tpp", "performance_density", "status", "paragraph", "destination", "margins"):
        check(h20[key] == shown[key], f"chips/h20 {key}: {h20[key]} != tpp show's {shown[key]}")
    check(h20["tpp"] == 2368 and h20["status"] == "not-controlled", "H20: TPP 2,368, not controlled")
    check(h20["destination"]["licence"] == "required", "H20 to China: licence required (letter)")

    chips = get_json(f"/v1/chips?as_of={day}", "/v1/chips")["chips"]
    listed = cli("list", "--json", "--as-of", day).stdout.decode().splitlines()
    check(len(chips) == len(listed) and chips[0] == json.loads(listed[0]),
          f"chips list = tpp list --json ({len(chips)} vs {len(listed)})")

    figures = urllib.parse.urlencode([("tops", "fp8=296"), ("area_mm2", "814"),
                                      ("memory_gbps", "4000"), ("as_of", day)])
    check(get_json("/v1/classify?" + figures, "/v1/classify")["status"] == "not-controlled",
          "figures of an H20: not controlled")
    raised = figures.replace("296", "301")
    b1 = get_json("/v1/classify?" + raised, "/v1/classify")
    check(b1["paragraph"] == "3A090.b.1" and b1["tpp"] == 2408, f"fp8 301: 3A090.b.1 ({b1['paragraph']})")
    # Exact at the line: TPP 2,400 (fp8 = 300) is in 3A090.b.1, 299.999999 is not.
    at_line = get_json("/v1/classify?" + figures.replace("296", "300"), "/v1/classify")
    check(at_line["paragraph"] == "3A090.b.1", "TPP exactly 2,400 is 3A090.b.1")
    below = get_json("/v1/classify?" + figures.replace("296", "299.999999"), "/v1/classify")
    check(below["status"] == "not-controlled", "TPP 2,399.999992 is not controlled")
    sparse = urllib.parse.urlencode([("sparse_tops", "fp8=602"), ("area_mm2", "814"), ("as_of", day)])
    check(get_json("/v1/classify?" + sparse, "/v1/classify")["tpp"] == 2408, "sparse figures are halved")
    modified = get_json(f"/v1/classify?from=h20&tops=fp8%3D301&as_of={day}", "/v1/classify")
    check(modified["paragraph"] == "3A090.b.1", "from=h20 with fp8 raised: 3A090.b.1")

    status, headers, spec = server.request("GET", "/v1/chips/h20/spec")
    check(status == 200, "chips/h20/spec")
    status, headers, data = server.request("POST", f"/v1/classify?as_of={day}&to=CN", body=spec,
                                           headers={"Content-Type": "application/json"})
    posted = json.loads(data)
    conforms("/v1/classify", "POST", status, headers["Content-Type"], posted)
    check(status == 200 and posted["status"] == h20["status"] and posted["tpp"] == h20["tpp"]
          and posted["destination"] == h20["destination"], "POSTed H20 spec = the bundled H20")

    explain = get_json(f"/v1/explain?chip=h20&as_of={day}", "/v1/explain")
    check(explain["text"] == cli("explain", "h20", "--as-of", day).stdout.decode(),
          "explain text = tpp explain")
    room = get_json(f"/v1/headroom?chip=h20&as_of={day}", "/v1/headroom")
    check(room == json.loads(cli("headroom", "h20", "--json", "--as-of", day).stdout),
          "headroom = tpp headroom --json")
    line = get_json(f"/v1/timeline?chip=h20&to=CN", "/v1/timeline")
    check(line == json.loads(cli("timeline", "h20", "--json", "--to", "CN").stdout),
          "timeline = tpp timeline --json")
    model = get_json("/v1/model?training_ops=3e26", "/v1/model")
    check(model["eccn"] == "4E091", "model 3e26: 4E091")
    rules = get_json("/v1/rules", "/v1/rules")
    check(rules["version"] == health["rules_version"], "rules version = healthz's")
    status, headers, svg = server.request("GET", "/v1/plot?" + raised)
    check(status == 200 and headers["Content-Type"] == "image/svg+xml"
          and b'data-id="your chip"' in svg and b"h100-sxm: TPP 15,832" in svg,
          "plot: the chip marked among the bundled ones")
    status, headers, svg = server.request("GET", "/v1/timeline.svg?chip=h20")
    check(status == 200 and svg.startswith(b"<svg"), "timeline.svg")
    status, headers, page = server.request("GET", "/")
    check(status == 200 and b"<form" in page and headers["Content-Type"].startswith("text/html"),
          "the page is served")
    script = server.request("GET", "/app.js")[2]
    style = server.request("GET", "/app.css")[2]
    foreign = re.findall(rb'(?:src|href)="(?:https?:)?//[^"]*"|url\((?:https?:)?//|'
                         rb'fetch\("(?:https?:)?//|import\s', page + script + style)
    check(not foreign, f"the page loads nothing from another origin: {foreign}")
    check("default-src 'self'" in headers["Content-Security-Policy"],
          "the Content-Security-Policy keeps the page to its own origin")

    # Compare: the command's JSON, and the seed's pair ordered as the README says.
    compared = get_json(f"/v1/compare?chips=cloudmatrix-384,gb200-nvl72&as_of={day}&to=CN",
                        "/v1/compare")
    want = json.loads(cli("compare", "cloudmatrix-384", "gb200-nvl72", "--json", "--as-of", day,
                          "--to", "CN").stdout)
    check(compared == want, "compare: the same JSON as tpp compare --json")
    cm, nvl = compared["items"]
    check(cm["tpp"] > nvl["tpp"] and cm["power_w"]["value"] > nvl["power_w"]["value"],
          "compare: CloudMatrix 384 has more TPP and draws more power than GB200 NVL72")
    get_json("/v1/compare?chips=h20", "/v1/compare", expect=400)
    get_json("/v1/compare?chips=h20,no-such-chip", "/v1/compare", expect=404)

    # Catalogs and fleets: the same bytes as the command.
    for kind, ctype, fmt in (("jsonl", "application/x-ndjson", "jsonl"), ("csv", "text/csv", "csv")):
        data = subprocess.run([str(gen), "catalog", kind, "300"], capture_output=True, timeout=60,
                              check=True).stdout
        (work / f"catalog.{kind}").write_bytes(data)
        for output, fields in (("jsonl", None), ("csv", None), ("jsonl", "compact"),
                               ("csv", "full"), ("jsonl", "tpp,status")):
            query = f"&fields={fields}" if fields else ""
            status, headers, got = server.request(
                "POST", f"/v1/catalog?as_of={day}&output_format={output}{query}", body=data,
                headers={"Content-Type": ctype})
            want = cli("catalog", str(work / f"catalog.{kind}"), "--as-of", day,
                       "--output-format", output, *(["--fields", fields] if fields else [])).stdout
            check(status == 200 and got == want,
                  f"catalog {kind} -> {output} ({fields or 'default'} fields): {status}, "
                  f"{len(got)} bytes = tpp catalog's {len(want)}")
    fleet = b"chip,quantity,destination\nh20,10,CN\nh100-sxm,5,DE\n"
    (work / "fleet.csv").write_bytes(fleet)
    status, headers, got = server.request("POST", f"/v1/fleet?as_of={day}", body=fleet,
                                          headers={"Content-Type": "text/csv"})
    want = cli("fleet", str(work / "fleet.csv"), "--json", "--as-of", day).stdout
    check(status == 200 and got == want, f"fleet = tpp fleet --json: {got[:200]!r}")
    shipments = b"chip,quantity,destination,ship_date,consignee\nh100-sxm,100,IN,2025-03-01,acme\n"
    (work / "ship.csv").write_bytes(shipments)
    status, headers, got = server.request("POST", "/v1/quota?format=csv", body=shipments)
    want = cli("quota", str(work / "ship.csv"), "--json").stdout
    check(status == 200 and got == want, f"quota = tpp quota --json: {status} {got[:200]!r}")

    # --- the bad-request battery ---------------------------------------------------------------
    big_spec = b'{"id":"x","name":"' + b"a" * (1 << 20) + b'"}'
    deep = b"[" * 200000 + b"]" * 200000
    battery = [
        # (what, method, path, body, headers, expected status)
        ("unknown chip", "GET", "/v1/chips/nope", None, {}, 404),
        ("unknown endpoint", "GET", "/v2/chips", None, {}, 404),
        ("unknown parameter", "GET", "/v1/chips/h20?as_off=2025-01-01", None, {}, 400),
        ("repeated parameter", "GET", "/v1/chips/h20?to=CN&to=DE", None, {}, 400),
        ("bad date", "GET", "/v1/chips/h20?as_of=2026-02-30", None, {}, 400),
        ("date not a date", "GET", "/v1/chips/h20?as_of=yesterday", None, {}, 400),
        ("bad tf32", "GET", "/v1/chips/h20?tf32_bits=16", None, {}, 400),
        ("huge tf32", "GET", "/v1/chips/h20?tf32_bits=" + "9" * 40, None, {}, 400),
        ("unknown country", "GET", "/v1/chips/h20?to=Atlantis", None, {}, 400),
        ("hq without to", "GET", "/v1/chips/h20?hq=CN", None, {}, 400),
        ("no chip", "GET", "/v1/classify", None, {}, 400),
        ("two chips", "GET", "/v1/classify?chip=h20&tops=fp8%3D1", None, {}, 400),
        ("negative tops", "GET", "/v1/classify?tops=fp8%3D-5", None, {}, 400),
        ("tops not a number", "GET", "/v1/classify?tops=fp8%3Dlots", None, {}, 400),
        ("tops NaN", "GET", "/v1/classify?tops=fp8%3DNaN", None, {}, 400),
        ("tops 1e400", "GET", "/v1/classify?tops=fp8%3D1e400", None, {}, 400),
        ("unknown precision", "GET", "/v1/classify?tops=fp7%3D5", None, {}, 400),
        ("zero area", "GET", "/v1/classify?tops=fp8%3D5&area_mm2=0", None, {}, 400),
        ("bad flag", "GET", "/v1/classify?tops=fp8%3D5&planar=maybe", None, {}, 400),
        ("overlong value", "GET", "/v1/classify?name=" + "x" * 2000, None, {}, 400),
        ("bad headroom precision", "GET", "/v1/headroom?chip=h20&at=fp9", None, {}, 400),
        ("bad labels", "GET", "/v1/plot?chip=h20&labels=some", None, {}, 400),
        ("model without ops", "GET", "/v1/model", None, {}, 400),
        ("model bad ops", "GET", "/v1/model?training_ops=-1", None, {}, 400),
        ("malformed JSON", "POST", "/v1/classify", b'{"id": "x", ', {}, 400),
        ("JSON not an object", "POST", "/v1/classify", b'[1,2,3]', {}, 400),
        ("JSON unknown field", "POST", "/v1/classify", b'{"id":"x","name":"x","kind":"accelerator","bogus":1}', {}, 400),
        ("JSON wrong type", "POST", "/v1/classify", b'{"id":5}', {}, 400),
        ("JSON invalid UTF-8", "POST", "/v1/classify", b'{"id":"\xff\xfe"}', {}, 400),
        ("JSON deeply nested", "POST", "/v1/classify", deep[:900000], {}, 400),
        ("empty POST", "POST", "/v1/classify", b"", {}, 400),
        ("spec body over 1 MiB", "POST", "/v1/classify", big_spec, {}, 413),
        ("catalog without a format", "POST", "/v1/catalog", b'{"id":"a"}\n', {"Content-Type": "application/octet-stream"}, 400),
        ("catalog bad format", "POST", "/v1/catalog?input_format=xml", b'<a/>', {}, 400),
        ("catalog CSV bad header", "POST", "/v1/catalog", b"a,b\n1,2\n", {"Content-Type": "text/csv"}, 400),
        ("catalog empty CSV", "POST", "/v1/catalog", b"", {"Content-Type": "text/csv"}, 400),
        ("catalog bad output", "POST", "/v1/catalog?output_format=xml", b"", {"Content-Type": "text/csv"}, 400),
        ("catalog unknown field", "POST", "/v1/catalog?fields=tpp,speed", b"", {"Content-Type": "text/csv"}, 400),
        ("fleet bad line", "POST", "/v1/fleet", b"chip,quantity\nh20,-3\n", {"Content-Type": "text/csv"}, 400),
        ("fleet unknown chip", "POST", "/v1/fleet", b"chip,quantity\nnope,3\n", {"Content-Type": "text/csv"}, 404),
        ("fleet no format", "POST", "/v1/fleet", b"chip,quantity\n", {"Content-Type": "text/plain"}, 400),
        ("fleet malformed JSON", "POST", "/v1/fleet?format=json", b'{"lines": [', {}, 400),
        ("quota with as_of", "POST", "/v1/quota?as_of=2025-01-01&format=csv", b"chip,quantity\n", {}, 400),
        ("foreign Host", "GET", "/healthz", None, {"Host": "evil.example:80"}, 421),
        ("headers too large", "GET", "/healthz", None, {f"X-Pad-{i}": "p" * 1000 for i in range(20)}, 431),
        ("wrong method", "DELETE", "/v1/chips/h20", None, {}, 404),
    ]
    raw_battery = [
        ("malformed request line", b"GARBAGE\r\n\r\n", 400),
        ("URI over 8 KiB", b"GET /v1/chips/" + b"a" * 9000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 414),
        ("declared body over the limit", b"POST /v1/catalog HTTP/1.1\r\nHost: 127.0.0.1\r\n"
         b"Content-Type: text/csv\r\nContent-Length: 999999999999\r\n\r\nabc", 413),
        ("bad chunked encoding", b"POST /v1/classify HTTP/1.1\r\nHost: 127.0.0.1\r\n"
         b"Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", 400),
    ]

    def run_battery(record):
        answered = 0
        for what, method, path, body, headers, expect in battery:
            status, hdrs, data = server.request(method, path, body, headers)
            answered += 1
            if record:
                check(status == expect, f"battery '{what}': {status}, expected {expect}: {data[:200]!r}")
                if 400 <= status < 500 and hdrs.get("Content-Type", "").startswith("application/json"):
                    err = json.loads(data)["error"]
                    check(err["message"] and err["code"], f"battery '{what}': error shape {err}")
                    template = next((t for t in doc["paths"] if t.split("{")[0].rstrip("/") ==
                                     path.split("?")[0].rstrip("/").rsplit("/", 1)[0] or
                                     t == path.split("?")[0]), None)
                    if template and method.lower() in doc["paths"][template]:
                        conforms(template, method, status, hdrs["Content-Type"], json.loads(data))
                else:
                    check(400 <= status < 500, f"battery '{what}': {status} with a JSON error body")
        for what, data, expect in raw_battery:
            reply = server.raw(data)
            answered += 1
            status = int(reply.split(b" ", 2)[1]) if reply.startswith(b"HTTP/1.1 ") else 0
            if record:
                check(status == expect, f"raw battery '{what}': {reply[:120]!r}, expected {expect}")
        return answered

    count = run_battery(True)
    check(server.alive(), "the server is up after the battery")
    run_battery(False)  # every thread's allocator arena has grown to its working size
    rss_before = server.rss_kib()
    for _ in range(5):
        run_battery(False)
    rss_after = server.rss_kib()
    check(server.alive(), "the server is up after six batteries")
    check(sanitized or rss_after - rss_before < 8 * 1024,
          f"memory flat over five more batteries: {rss_before} -> {rss_after} KiB")
    print(f"bad-request battery: {count} requests, all answered 4xx as expected; "
          f"RSS {rss_before} -> {rss_after} KiB over 5 more rounds ({5 * count} requests)")

    # A body that stops arriving: the socket read times out (5 s) and the thread is freed.
    started = time.monotonic()
    reply = server.raw(b"POST /v1/catalog HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/csv\r\n"
                       b"Content-Length: 100000\r\n\r\nid,name\n", timeout=30)
    waited = time.monotonic() - started
    check(waited < 20, f"a stalled body is dropped within 20 s ({waited:.1f} s)")
    check(server.json("GET", "/healthz")[0] == 200, "the server answers after a stalled body")
    print(f"validated {validated} responses against the OpenAPI document")
    stderr = server.stop()
    check("warning" not in stderr, f"no warning on a loopback bind: {stderr}")

# A refused configuration is exit 2 with a message naming the option.
bad = cli("serve", "--threads", "0")
check(bad.returncode == 2 and b"--threads" in bad.stderr, f"--threads 0: {bad.returncode} {bad.stderr!r}")

if failures:
    print(f"{len(failures)} failures")
    sys.exit(1)
print("serve API: all checks passed")
