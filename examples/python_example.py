"""The Python example of docs/python.md (run by tools/refresh-docs.py; PYTHONPATH=build/python)."""
import numpy as np

import tpp

h20 = tpp.show("h20", as_of="2026-11-22")
print(h20["tpp"], h20["performance_density"], h20["eccn"], h20["status"])

chip = tpp.classify(tops={"fp8": 600}, die_area_mm2=814, as_of="2026-11-22", to="CN")
print(chip["paragraph"], chip["destination"]["licence_required"], chip["destination"]["review_policy"]["policy"])

rows = tpp.classify_batch([
    {"id": "a", "processing_units": [{"throughput": [{"precision": "int8", "tops": 600}]}]},
    {"id": "b", "processing_units": [{"throughput": [{"precision": "int8", "tops": -1}]}]},
], as_of="2026-11-22")
print([r.get("paragraph") for r in rows], rows[1]["error"]["message"])

columns = tpp.classify_columns(np.array([4800.0, 4799.999999]), np.array([np.nan, 10000.0]),
                               np.array([True, True]), as_of="2026-11-22")
print(columns["status"])

try:
    tpp.classify(tops={"fp8": -5})
except tpp.Error as error:
    print(type(error).__name__, error.code, error.field, "|", error)
