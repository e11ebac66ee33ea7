"""Every function of the package, the number rule, the types it takes (numpy, pandas, dates),
and that `import tpp` needs neither numpy nor pandas."""
import datetime
import decimal
import json
import pathlib
import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import tpp

ROOT = pathlib.Path(__file__).resolve().parents[2]
EPOCH = ROOT / "examples" / "catalogs" / "epoch-excerpt.csv"
SHIPMENTS = ROOT / "examples" / "fleets" / "shipments.csv"
DAY = "2026-11-22"
FLOAT_TOPS = 65129999999999.9 / 1e12  # 65.1299999999999 as a double: 13 fractional digits


def test_version_is_the_library_version():
    header = (ROOT / "lib" / "include" / "tpp" / "version.hpp").read_text()
    parts = [re.search(rf"TPP_VERSION_{p} (\d+)", header).group(1) for p in ("MAJOR", "MINOR", "PATCH")]
    assert tpp.__version__ == tpp.version == ".".join(parts)


# The number rule.

def test_floats_are_rounded_to_the_input_grid():
    result = tpp.classify(tops={"fp16": FLOAT_TOPS}, die_area_mm2=814)
    assert result["tpp"] == 1042.08  # 65.13 x 16
    assert result == tpp.classify(tops={"fp16": "65.13"}, die_area_mm2=814)
    assert tpp.classify(tops={"fp16": np.float64(FLOAT_TOPS)}, die_area_mm2=814)["tpp"] == result["tpp"]
    # float32 is only ~7 digits: its exact value, rounded, is what counts.
    assert tpp.classify(tops={"fp16": np.float32(65.13)})["tpp"] == 1042.079952
    # Half a step below the grid rounds down, to 4799.999999 x 1: below the line.
    below = tpp.classify(tops={"1": 4799.9999994}, die_area_mm2=10000, as_of=DAY)
    assert below["tpp"] == 4799.999999 and below["status"] == "not-controlled"
    assert tpp.classify(tops={"1": 4799.9999996}, as_of=DAY)["paragraph"] == "3A090.a.1"


def test_exact_inputs_stay_exact():
    for exact in ["65.1299999999999", decimal.Decimal("65.1299999999999")]:
        with pytest.raises(tpp.Error, match="more than 6 fractional digits") as error:
            tpp.classify(tops={"fp16": exact})
        assert error.value.code == "invalid_number"
    assert tpp.classify(tops={"fp8": decimal.Decimal("600.000001")}, as_of=DAY)["tpp"] == 4800.000008
    assert tpp.classify(tops={"fp8": np.int64(600)}, die_area_mm2=np.uint16(814), as_of=DAY)["tpp"] == 4800


def test_what_is_not_a_number():
    for bad, code in [(float("inf"), "invalid_number"), (np.float64("nan"), "invalid_number"),
                      (True, "wrong_type"), (np.bool_(True), "wrong_type"), ([1], "wrong_type")]:
        with pytest.raises(tpp.Error) as error:
            tpp.classify(tops={"fp8": bad})
        assert error.value.code == code, bad
        assert error.value.field == "tops[fp8]"


def test_specs_and_columns_take_floats_by_the_same_rule():
    spec = {"id": "f", "processing_units": [{"throughput": [{"precision": "fp16", "tops": FLOAT_TOPS}]}],
            "dies": [{"area_mm2": 814.0}]}
    assert tpp.classify(spec=spec)["tpp"] == 1042.08
    batch = tpp.classify_batch(pd.Series([spec, json.dumps(spec)]))
    assert batch[0]["tpp"] == decimal.Decimal("1042.08")
    assert "more than 6 fractional digits" in batch[1]["error"]["message"]  # JSON text is exact
    columns = tpp.classify_columns(pd.Series([4799.9999996, 2368.0]), [np.nan, 814], pd.Series([True, np.True_]),
                                   as_of=datetime.date(2026, 11, 22))
    assert list(columns["status"]) == ["controlled", "not-controlled"]


def test_dates_of_every_kind():
    by_text = tpp.show("h20", as_of=DAY, to="CN")
    for day in [datetime.date(2026, 11, 22), datetime.datetime(2026, 11, 22, 23, 59),
                np.datetime64("2026-11-22"), np.datetime64("2026-11-22T10:00"), pd.Timestamp(DAY)]:
        assert tpp.show("h20", as_of=day, to="CN") == by_text, day
    with pytest.raises(tpp.Error, match="expected YYYY-MM-DD"):
        tpp.show("h20", as_of=20261122)
    with pytest.raises(tpp.Error, match="YYYY-MM-DD"):
        tpp.show("h20", as_of=pd.NaT)


# The commands.

def test_list_is_every_bundled_chip_by_tpp():
    chips = tpp.list(as_of=DAY)
    assert len(chips) > 30
    assert [c["tpp"] for c in chips] == sorted((c["tpp"] for c in chips), reverse=True)
    h20 = next(c for c in chips if c["id"] == "h20")
    assert h20 == tpp.show("h20", as_of=DAY)
    with_destination = tpp.list(as_of=DAY, to="China", hq="CN")
    assert {c["destination"]["country"] for c in with_destination} == {"CN"}


def test_show_explain_and_timeline_take_a_spec_dict():
    spec = {"id": "x", "name": "x", "processing_units": [{"throughput": [{"precision": "fp8", "tops": 600}]}]}
    assert tpp.show(spec, as_of=DAY)["paragraph"] == "3A090.a.1"
    assert "3A090.a.1" in tpp.explain(spec, as_of=DAY)
    assert tpp.timeline(spec)["entries"][-1]["eccn"] == "3A090.a"
    with pytest.raises(tpp.Error, match="expected a bundled chip's name or a spec dict"):
        tpp.show(42)
    with pytest.raises(tpp.Error, match="must be 19 or 32"):
        tpp.show("h20", tf32_bits=16)
    with pytest.raises(tpp.Error) as error:
        tpp.show("h20", to="Atlantis")
    assert error.value.field == "to"


def test_headroom():
    room = tpp.headroom("h20", as_of=DAY)
    assert room["id"] == "h20" and room["tpp"] == 2368 and room["lines"]
    assert tpp.headroom("h20", at="fp8", as_of=DAY)["precision"] == "fp8"
    with pytest.raises(tpp.Error, match="unknown precision"):
        tpp.headroom("h20", at="fp7")


def test_model_takes_numpy_integers():
    assert tpp.model(training_ops=np.int64(10**18))["eccn"] is None
    assert tpp.model(training_ops=np.uint64(10**19), derived_from_ops=np.int64(10**18))["eccn"] is None
    assert tpp.model(training_ops=1e26, as_of=datetime.date(2026, 1, 1))["eccn"] == "4E091"


def test_plot_draws_the_map():
    svg = tpp.plot(as_of=DAY)
    assert svg.startswith("<svg") and ">h20<" in svg and "ECCN 3A090 on 2026-11-22" in svg
    assert tpp.plot(["h20", "h100-sxm"], as_of=DAY).count("<circle") < svg.count("<circle")
    assert tpp.plot("h20", html=True, as_of=DAY).lstrip().lower().startswith("<!doctype html")
    with pytest.raises(tpp.Error, match="only ICs with processing units"):
        tpp.plot(["dgx-h100"], as_of=DAY)
    assert tpp.plot_timeline(["h20", "h100-sxm"]).startswith("<svg")
    assert ">h20<" not in tpp.plot(labels="none", as_of=DAY)
    narrow = tpp.plot(tpp_range=(1000, np.float64(3000)), density_range=[1, 10], as_of=DAY)
    assert narrow != svg and narrow.startswith("<svg")
    with pytest.raises(tpp.Error, match="expected auto, none or all"):
        tpp.plot(labels="some")
    with pytest.raises(tpp.Error, match="0 < MIN < MAX"):
        tpp.plot(tpp_range=(3000, 1000))
    assert tpp.plot(catalog=EPOCH, as_of=DAY).startswith("<svg")  # any catalog input


def test_plot_of_a_catalog(tmp_path):
    good = {"id": "a", "name": "Chip A", "processing_units": [{"throughput": [{"precision": "fp8", "tops": 600}]}]}
    bad = {"id": "b", "processing_units": [{"throughput": [{"precision": "fp8", "tops": -1}]}]}
    path = tmp_path / "chips.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n")
    with pytest.raises(tpp.Error, match="line 2"):
        tpp.plot(catalog=path, as_of=DAY)
    assert "1 catalog record(s) not drawn" in tpp.plot(catalog=path, as_of=DAY, allow_record_errors=True)
    with pytest.raises(tpp.Error, match="not both"):
        tpp.plot(["h20"], catalog=path)


def test_catalog_of_epochs_csv():
    frame = tpp.catalog(EPOCH, as_of=DAY)
    assert isinstance(frame, pd.DataFrame) and len(frame) == 12
    assert list(frame["record"]) == list(range(1, 13))
    assert {"record", "line", "id", "tpp", "eccn", "status", "epoch_tpp", "error"} <= set(frame.columns)
    assert frame["error"].isna().all()
    assert frame.attrs["catalog"]["records"] == 12
    assert frame.dtypes["tpp"] == "float64" and frame.dtypes["datacenter"] == "boolean"
    h20 = frame[frame["id"] == "nvidia-hgx-h20"]
    assert h20["tpp"].item() == 2368 and h20["eccn"].item() is None
    licences = tpp.catalog(str(EPOCH), as_of=DAY, to="CN", hq="CN")
    assert {"destination", "licence", "review_policy"} <= set(licences.columns)


def test_catalog_of_json_lines_and_flat_csv(tmp_path):
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text('{"id": "a", "processing_units": [{"throughput": [{"precision": "fp8", "tops": 600}]}]}\n'
                     "not json\n")
    csv = tmp_path / "b.csv"
    csv.write_text("id,name,fp8,die_area_mm2\nb,B,296,814\nc,C,five,1\n")
    frame = tpp.catalog([jsonl, csv], as_of=DAY)
    assert list(frame["file"]) == [str(jsonl)] * 2 + [str(csv)] * 2
    assert list(frame["record"]) == [1, 2, 1, 2]
    assert list(frame["status"]) == ["controlled", None, "not-controlled", None]
    assert "json" in frame["error"][1] and "fp8 = five" in frame["error"][3]
    with pytest.raises(tpp.Error) as error:
        tpp.catalog(tmp_path / "missing.csv")
    assert error.value.code == "io_error"
    with pytest.raises(tpp.Error, match="expected jsonl, csv or epoch"):
        tpp.catalog(csv, input_format="xml")


def test_classify_frame_keeps_the_index_and_maps_columns():
    frame = pd.DataFrame({
        "chip": ["a", "b", "c", "d"],
        "FP8 TOPS": [600.0, 296.0, np.nan, 1979.0],
        "fp16": [None, None, FLOAT_TOPS, None],
        "die_area_mm2": [np.nan, 814, 814, 814],
        "datacenter": [True, True, False, True],
        "notes": ["x", "y", "z", "w"],
    }, index=pd.Index([10, 20, 30, 20], name="row"))
    result = tpp.classify_frame(frame, columns={"chip": "id", "FP8 TOPS": "fp8"}, as_of=DAY)
    assert result.index.equals(frame.index)
    assert list(result["id"]) == ["a", "b", "c", "d"]
    assert list(result["status"]) == ["controlled", "not-controlled", "not-controlled", "controlled"]
    assert result["tpp"].tolist() == [4800.0, 2368.0, 1042.08, 15832.0]
    assert result["error"].isna().all()
    single = tpp.classify(tops={"fp8": 296}, die_area_mm2=814, as_of=DAY)
    assert result["paragraph"].iloc[1] == single["paragraph"] and result["eccn"].iloc[1] is None
    assert list(result["datacenter"]) == [True, True, False, True]
    assert "file" not in result and "record" not in result


def test_classify_frame_errors_are_per_row():
    frame = pd.DataFrame({"fp8": [600, -5, 296, 296], "die_area_mm2": [None, None, 814, 814],
                          "datacenter": [True, True, None, "false"]}, index=list("abcd"))
    exact = pd.DataFrame({"fp16": pd.Series(["65.1299999999999", decimal.Decimal("65.13")], dtype=object)})
    result = tpp.classify_frame(frame, as_of=DAY)
    assert result["error"]["a"] is None
    assert result["error"]["b"] == "precision columns = -5: must be greater than 0"
    assert result["error"]["c"] == "datacenter = None: expected true or false"
    assert result["datacenter"]["d"] == False  # noqa: E712 (a pandas boolean)
    rows = tpp.classify_frame(exact, as_of=DAY)
    assert "more than 6 fractional digits" in rows["error"][0] and rows["tpp"][1] == 1042.08
    with pytest.raises(tpp.Error, match="no column of TOPS"):
        tpp.classify_frame(pd.DataFrame({"tops": [1.0]}))
    with pytest.raises(tpp.Error, match="not a column of the flat layout"):
        tpp.classify_frame(frame, columns={"fp8": "fp9"})
    with pytest.raises(tpp.Error, match="which one counts"):
        tpp.classify_frame(pd.DataFrame({"fp8": [1], "FP8": [2]}), columns={"FP8": "fp8"})


def test_classify_frame_is_the_catalog_of_the_same_rows(tmp_path):
    path = tmp_path / "flat.csv"
    path.write_text("id,name,datacenter,fp16,fp8,die_area_mm2,io_bidirectional_gbps\n"
                    "a,A,true,,600,,\nb,B,false,990,,814,900\nc,C,true,,296,814,\nd,D,true,,oops,,\n")
    from_file = tpp.catalog(path, as_of=DAY).drop(columns=["record", "line", "epoch_tpp", "differs_because"])
    from_frame = tpp.classify_frame(pd.read_csv(path), as_of=DAY)
    assert from_file["error"][3].startswith("line 5: ")
    from_file["error"] = from_file["error"].str.replace("line 5: ", "")
    pd.testing.assert_frame_equal(from_frame, from_file)
    for one in range(4):  # one row of a frame: columns with any stride
        pd.testing.assert_frame_equal(tpp.classify_frame(pd.read_csv(path).iloc[[one]], as_of=DAY),
                                      from_frame.iloc[[one]])
    empty = tpp.classify_frame(pd.read_csv(path).head(0), as_of=DAY)
    assert len(empty) == 0 and empty.dtypes.equals(from_frame.dtypes)
    licences = tpp.classify_frame(pd.read_csv(path), as_of=DAY, to="CN", hq="CN")
    assert list(licences["licence"][:3]) == [tpp.classify(**chip, as_of=DAY, to="CN", hq="CN")["destination"]["licence"]
                                             for chip in [{"tops": {"fp8": 600}},
                                                          {"tops": {"fp16": 990}, "die_area_mm2": 814,
                                                           "io_gbps": 900, "datacenter": False},
                                                          {"tops": {"fp8": 296}, "die_area_mm2": 814}]]
    assert licences["destination"][0] == "CN"


def test_fleet_from_a_file_and_from_rows():
    from_file = tpp.fleet(SHIPMENTS)
    assert len(from_file["lines"]) == 12 and {line["type"] for line in from_file["lines"]} == {"line"}
    assert from_file["totals"]["totals"]["tpp"] == 271835520
    rows = pd.read_csv(SHIPMENTS, parse_dates=["ship_date"])
    from_rows = tpp.fleet(rows)
    assert from_rows["totals"]["totals"] == from_file["totals"]["totals"]
    assert [line["licence"] for line in from_rows["lines"]] == [line["licence"] for line in from_file["lines"]]
    dicts = tpp.fleet([{"chip": "h100-sxm", "quantity": 8.0}, {"chip": "h2O", "quantity": 1}], keep_going=True,
                      as_of=DAY, days=30)
    assert dicts["totals"]["totals"]["quantity"] == 8
    assert [line["type"] for line in dicts["lines"]] == ["line", "error"] and "compute" in dicts
    assert dicts["lines"][1]["line"] == 2 and "did you mean h20" in dicts["lines"][1]["error"]["reason"]
    with pytest.raises(tpp.Error, match="did you mean h20"):
        tpp.fleet([{"chip": "h2O", "quantity": 1}])
    with pytest.raises(tpp.Error, match="needs days="):
        tpp.fleet(SHIPMENTS, utilization=0.5)


def test_quota_from_a_file_and_rows():
    report = tpp.quota(SHIPMENTS)
    assert report["report"]["lines"] == 12 and len(report["lines"]) == 12
    policy_file = ROOT / "examples" / "policies" / "lpp-500.json"
    what_if = tpp.quota(SHIPMENTS, what_if=True, policy=policy_file)
    assert what_if["report"]["accounted"] > 0
    policy = json.loads(policy_file.read_text())
    assert tpp.quota(SHIPMENTS, what_if=True, policy=policy)["report"] == what_if["report"]
    # Rows are numbered from 1 (a CSV file's lines from 2, after the header).
    from_rows = tpp.quota(pd.read_csv(SHIPMENTS), what_if=True, policy=policy_file)
    assert [line["line"] + 1 for line in from_rows["lines"]] == [line["line"] for line in what_if["lines"]]
    assert from_rows["report"]["tpp_by_route"] == what_if["report"]["tpp_by_route"]


def test_import_needs_neither_numpy_nor_pandas():
    blocker = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('numpy', 'pandas'):\n"
        "            raise ImportError('blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import tpp\n"
        "assert tpp.show('h20', as_of='2026-11-22')['tpp'] == 2368\n"
        "assert tpp.classify(tops={'fp16': 65129999999999.9 / 1e12}, die_area_mm2=814)['tpp'] == 1042.08\n"
        "assert tpp.classify_columns([4800.0], [None], [True], as_of='2026-11-22')['status'] == ['controlled']\n"
        "assert tpp.fleet([{'chip': 'h20', 'quantity': 2}])['totals']['totals']['tpp'] == 4736\n"
        "assert tpp.plot('h20').startswith('<svg')\n"
        "try:\n"
        "    tpp.catalog('x.csv')\n"
        "except ImportError as error:\n"
        "    assert 'python3-pandas' in str(error)\n"
        "else:\n"
        "    raise AssertionError('catalog without pandas')\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('numpy', 'pandas')]\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", blocker], capture_output=True, text=True)
    assert done.stdout == "ok\n", done.stderr
