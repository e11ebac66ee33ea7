"""Validates every chips/*.json against chips/schema.json (JSON Schema 2020-12)."""
import json
import pathlib
import sys

import jsonschema

chips = pathlib.Path(sys.argv[1])
schema = json.loads((chips / "schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
files = sorted(p for p in chips.glob("*.json") if p.name != "schema.json")
failures = 0
for path in files:
    spec = json.loads(path.read_text())
    for error in validator.iter_errors(spec):
        failures += 1
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        print(f"{path.name}: {where}: {error.message}")
    if spec.get("id") != path.stem:
        failures += 1
        print(f"{path.name}: id {spec.get('id')!r} does not match the file name")
if not files:
    print("no chip files found")
    sys.exit(1)
print(f"{len(files)} chip files checked, {failures} problems")
sys.exit(1 if failures else 0)
