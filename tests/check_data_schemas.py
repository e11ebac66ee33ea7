"""Validates the regulatory data files against their JSON Schemas (2020-12): every
data/letters/*.json and data/notices/*.json against the schema.json beside it, and each file's
id against its name."""
import json
import pathlib
import sys

import jsonschema

root = pathlib.Path(sys.argv[1])
failures = 0
checked = 0
for folder in ("letters", "notices"):
    directory = root / "data" / folder
    schema = json.loads((directory / "schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted(p for p in directory.glob("*.json") if p.name != "schema.json"):
        checked += 1
        data = json.loads(path.read_text())
        for error in validator.iter_errors(data):
            failures += 1
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            print(f"{folder}/{path.name}: {where}: {error.message}")
        if data.get("id") != path.stem:
            failures += 1
            print(f"{folder}/{path.name}: id {data.get('id')!r} does not match the file name")
print(f"{checked} data files checked, {failures} problems")
sys.exit(1 if failures or not checked else 0)
