"""The Python module: the same library, plain dicts, exceptions with the library's messages."""
import decimal

import numpy as np
import pytest

import tpp


def test_show_h100_and_h20():
    h100 = tpp.show("h100-sxm", as_of="2026-11-22")
    assert h100["tpp"] == 15832
    assert 19.4 < h100["performance_density"] < 19.5
    assert h100["eccn"] == "3A090.a" and h100["paragraph"] == "3A090.a.1"
    h20 = tpp.show("H20", as_of="2026-11-22")
    assert h20["tpp"] == 2368 and h20["eccn"] is None and h20["status"] == "not-controlled"


def test_classify_keywords_exact_at_the_line():
    at = tpp.classify(tops={"1": "4800"}, as_of="2026-11-22")
    assert at["paragraph"] == "3A090.a.1"
    below = tpp.classify(tops={"1": 4799.999999}, die_area_mm2=10000, as_of="2026-11-22")
    assert below["status"] == "not-controlled"
    assert tpp.classify(tops={"fp8": 296}, die_area_mm2=814)["status"] == "not-controlled"
    dec = tpp.classify(tops={"fp16": decimal.Decimal("300")}, as_of="2026-11-22")
    assert dec["tpp"] == 4800


def test_classify_spec_and_destination():
    spec = {"id": "x", "name": "x", "processing_units": [{"throughput": [{"precision": "fp8", "tops": 1979}]}],
            "dies": [{"area_mm2": 814}], "memory": {"bandwidth_gbps": 4800}}
    result = tpp.classify(spec=spec, as_of="2026-02-01", to="China")
    assert result["destination"]["licence_required"] is True
    assert result["destination"]["review_policy"]["policy"] == "case-by-case"


def test_errors_are_exceptions_with_the_library_message():
    with pytest.raises(tpp.Error) as error:
        tpp.classify(tops={"fp8": -5})
    assert error.value.code == "out_of_range"
    assert error.value.field == "tops fp8"
    assert "must be greater than 0" in str(error.value)
    with pytest.raises(tpp.Error, match="did you mean h20"):
        tpp.show("h2O")
    with pytest.raises(tpp.Error, match="no such calendar date"):
        tpp.show("h20", as_of="2025-02-30")
    with pytest.raises(tpp.Error, match="unknown precision"):
        tpp.classify(tops={"fp7": 1})
    with pytest.raises(ValueError):
        tpp.classify(tops={"fp8": float("nan")})


def test_batch_over_sequences_matches_single():
    specs = [
        {"id": "a", "processing_units": [{"throughput": [{"precision": "fp8", "tops": 600}]}]},
        {"id": "b", "processing_units": [{"throughput": [{"precision": "fp8", "tops": -1}]}]},
        {"id": "c", "processing_units": [{"throughput": [{"precision": "fp8", "tops": 296}]}], "dies": [{"area_mm2": 814}]},
    ]
    results = tpp.classify_batch(specs, as_of="2026-11-22")
    assert [r.get("paragraph") for r in results] == ["3A090.a.1", None, None]
    assert results[1]["error"]["code"] == "out_of_range"
    assert results[0]["tpp"] == decimal.Decimal("4800")
    single = tpp.classify(spec=specs[2], as_of="2026-11-22")
    assert results[2]["status"] == single["status"]


def test_columns_from_numpy():
    out = tpp.classify_columns(
        np.array([4800.0, 4799.999999, 2368.0]),
        np.array([np.nan, 10000.0, 814.0]),
        np.array([True, True, True]),
        as_of="2026-11-22",
    )
    # numpy in, categoricals out: codes per row and their labels, no Python object per row.
    assert out["paragraph"].tolist() == ["3A090.a.1", np.nan, np.nan]
    assert out["status"].tolist() == ["controlled", "not-controlled", "not-controlled"]
    assert out["code"].dtype == np.uint16
    assert [out["labels"]["status"][c] for c in out["code"]] == out["status"].tolist()
    # The same columns as lists take the general path: the same answers, as lists.
    listed = tpp.classify_columns([4800.0, 4799.999999, 2368.0], [None, 10000.0, 814.0],
                                  [True, True, True], as_of="2026-11-22")
    assert listed["status"] == out["status"].tolist()
    # Floats onto the 10^-6 grid in C++ as the general path rounds them, on and beside lines.
    rng = np.random.default_rng(7)
    tpps = np.concatenate([rng.uniform(0, 9000, 2000), [4800.0, 4799.9999995, 4799.9999994,
                                                        1600.0000004, 2400.0, 2399.9999996]])
    areas = np.concatenate([rng.uniform(50, 1500, 2000), [810.0, 810.0, 810.0, 500.0, 1500.0,
                                                          1500.0]])
    flags = np.ones(len(tpps), dtype=bool)
    fast = tpp.classify_columns(tpps, areas, flags, as_of="2026-11-22")
    slow = tpp.classify_columns(tpps.tolist(), areas.tolist(), flags.tolist(), as_of="2026-11-22")
    assert fast["status"].tolist() == slow["status"]
    assert [p if isinstance(p, str) else None for p in fast["paragraph"].tolist()] == slow["paragraph"]
    # An invalid element gives the general path's error, naming it.
    with pytest.raises(tpp.Error, match=r"tpp\[1\]"):
        tpp.classify_columns(np.array([1.0, np.nan]), np.array([1.0, 2.0]), np.array([True, True]))
    with pytest.raises(tpp.Error, match="same length"):
        tpp.classify_columns(np.array([1.0]), np.array([1.0, 2.0]), np.array([True]))


def test_explain_and_version():
    assert "88 FR 73458" in tpp.explain("h20", as_of="2026-11-22")
    assert tpp.version.count(".") == 2


def test_licence_answers_with_letters_headquarters_and_origin():
    h20 = tpp.show("h20", to="CN", as_of="2025-06-01")["destination"]
    assert h20["licence_required"] is True
    assert h20["basis"][0]["letter"] == "nvidia-h20-2025"
    assert tpp.show("h20", to="CN", as_of="2025-04-08")["destination"]["licence_required"] is False
    india = tpp.show("h100-sxm", to="IN", as_of="2025-03-01")["destination"]
    assert india["licence_required"] is None
    assert india["missing_inputs"] == ["end-user headquarters (--hq COUNTRY)"]
    assert tpp.show("h100-sxm", to="IN", hq="IN", as_of="2025-03-01")["destination"]["licence"] == "not-required"
    assert tpp.show("h100-sxm", to="US")["destination"]["licence"] == "not-an-export"
    window = tpp.show("h200", to="CN", hq="CN", from_country="TW", as_of="2026-06-01")
    assert window["destination"]["review_policy"]["policy"] == "presumption of denial"
    with pytest.raises(tpp.Error, match="needs to="):
        tpp.show("h20", hq="CN")


def test_model_weights_and_timeline():
    assert tpp.model(training_ops=10**26)["eccn"] == "4E091"
    assert tpp.model(training_ops=10**26 - 1)["eccn"] is None
    early = tpp.model(training_ops="3e26", as_of="2025-03-01")
    assert early["codified"] is True and early["enforced"] is False and early["licence_required"] is False
    with pytest.raises(tpp.Error, match="must be greater than 0"):
        tpp.model(training_ops=-5)
    entries = tpp.timeline("h20", to="CN")["entries"]
    changed = [e["date"] for e in entries if e["changed"]]
    assert changed[0] == "2025-04-09"


def test_classify_takes_the_cli_chip_options():
    assert tpp.classify(tops={"fp8": 296}, planar=True)["status"] == "not-controlled"
    assert tpp.classify(from_chip="h100-sxm", tops={"fp8": 2500})["tpp"] == 20000
    window = tpp.classify(tops={"fp8": 1979}, die_area_mm2=814, memory_gbps=4800, to="CN", as_of="2026-06-01")
    assert window["destination"]["review_policy"]["policy"] == "case-by-case"
    outside = tpp.classify(tops={"fp8": 1979}, die_area_mm2=814, memory_gbps=8000, to="CN", as_of="2026-06-01")
    assert outside["destination"]["review_policy"]["policy"] == "presumption of denial"
    assert tpp.classify(tops={"fp8": 600}, die_area_mm2=400, dies=2)["applicable_die_area_mm2"] == 800


def test_no_silent_defaults_and_one_result_per_input():
    with pytest.raises(tpp.Error, match="datacenter"):
        tpp.classify(tops={"fp8": 700}, datacenter=None)
    with pytest.raises(tpp.Error, match="datacenter"):
        tpp.classify(tops={"fp8": 700}, datacenter="false")
    for bad in ["false", float("nan"), None, 2]:
        with pytest.raises(tpp.Error, match=r"datacenter\[0\]"):
            tpp.classify_columns(np.array([4800.0]), np.array([814.0]), np.array([bad], dtype=object))
    good = {"id": "a", "processing_units": [{"throughput": [{"precision": "fp8", "tops": 600}]}]}
    results = tpp.classify_batch([good, "", good])
    assert len(results) == 3
    assert results[1]["error"]["message"] == "spec: empty: no spec given"
    assert results[2]["paragraph"] == "3A090.a.1"


def test_rule_package_from_a_directory(tmp_path):
    import json
    import pathlib
    import shutil

    source = pathlib.Path(__file__).resolve().parents[2] / "data" / "rules"
    bundled = tpp.rules()
    assert bundled["origin"] == "bundled" and len(bundled["sha256"]) == 64
    package = tmp_path / "rules"
    shutil.copytree(source, package)
    latest = json.loads((package / "revisions" / "2026-01-15-91-fr-1684.json").read_text())
    latest["effective"] = "2026-09-01"
    latest["clauses"][0]["conditions"] = [{"metric": "tpp", "op": ">=", "value": 2000}]
    (package / "revisions" / "2026-09-01-made-up.json").write_text(json.dumps(latest))
    try:
        tpp.use_rules(str(package))
        assert tpp.rules()["sha256"] != bundled["sha256"]
        edited = tpp.show("h20", as_of="2026-10-01")
        assert edited["status"] == "controlled" and edited["rules_origin"] == str(package)
        latest["clauses"][0]["conditions"][0]["metric"] = "tops"
        (package / "revisions" / "2026-09-01-made-up.json").write_text(json.dumps(latest))
        with pytest.raises(tpp.Error) as refused:
            tpp.use_rules(str(package))
        assert "revisions/2026-09-01-made-up.json: clauses[0].conditions[0].metric" in str(refused.value)
        assert tpp.show("h20", as_of="2026-10-01")["status"] == "controlled"  # the last good one stays
    finally:
        tpp.use_rules(None)
    assert tpp.show("h20", as_of="2026-10-01")["status"] == "not-controlled"
