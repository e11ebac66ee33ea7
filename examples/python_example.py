"""The Python example of docs/python.md (run by tools/refresh-docs.py; PYTHONPATH=build/python)."""
import numpy as np
import pandas as pd

import tpp

h20 = tpp.show("h20", as_of="2026-11-22")
print(h20["tpp"], h20["performance_density"], h20["eccn"], h20["status"])

chip = tpp.classify(tops={"fp8": 600}, die_area_mm2=814, as_of="2026-11-22", to="CN")
print(chip["paragraph"], chip["destination"]["licence_required"], chip["destination"]["review_policy"]["policy"])

# Floats are rounded to the library's 10^-6 grid; str and Decimal are exact.
print(tpp.classify(tops={"fp16": 65129999999999.9 / 1e12}, die_area_mm2=814)["tpp"])

rows = tpp.classify_batch([
    {"id": "a", "processing_units": [{"throughput": [{"precision": "int8", "tops": 600}]}]},
    {"id": "b", "processing_units": [{"throughput": [{"precision": "int8", "tops": -1}]}]},
], as_of="2026-11-22")
print([r.get("paragraph") for r in rows], rows[1]["error"]["message"])

columns = tpp.classify_columns(np.array([4800.0, 4799.999999]), np.array([np.nan, 10000.0]),
                               np.array([True, True]), as_of="2026-11-22")
print(columns["status"])

catalog = tpp.catalog("examples/catalogs/epoch-excerpt.csv", as_of="2026-11-22")
print(len(catalog), dict(catalog["status"].value_counts()))

frame = pd.DataFrame({"chip": ["x1", "x2", "x3"], "fp8": [1979.0, 296.0, "five"],
                      "die_area_mm2": [814, 814, 814]}, index=["a", "b", "c"])
print(tpp.classify_frame(frame, columns={"chip": "id"}, as_of="2026-11-22")[["id", "tpp", "status", "error"]])

try:
    tpp.classify(tops={"fp8": -5})
except tpp.Error as error:
    print(type(error).__name__, error.code, error.field, "|", error)
