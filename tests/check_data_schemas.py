"""Validates the rule package (data/rules/) against its JSON Schemas (2020-12, in
data/rules/schema/): package.json, countries.json, and every file of revisions/, letters/,
notices/ and policies/. A letter's or notice's id must match its file name, a revision's file
name must start with its effective date."""
import json
import pathlib
import sys

import jsonschema

root = pathlib.Path(sys.argv[1]) / "data" / "rules"
schemas = {p.name: json.loads(p.read_text()) for p in (root / "schema").glob("*.schema.json")}
store = {}
for name, schema in schemas.items():
    jsonschema.Draft202012Validator.check_schema(schema)
    store[schema["$id"]] = schema
    store[name] = schema


def validator(name):
    schema = schemas[name]
    resolver = jsonschema.RefResolver(base_uri=schema["$id"], referrer=schema, store=store)
    return jsonschema.Draft202012Validator(schema, resolver=resolver)


plan = [
    ("package.schema.json", [root / "package.json"]),
    ("countries.schema.json", [root / "countries.json"]),
    ("revision.schema.json", sorted((root / "revisions").glob("*.json"))),
    ("letter.schema.json", sorted((root / "letters").glob("*.json"))),
    ("notice.schema.json", sorted((root / "notices").glob("*.json"))),
    ("policy.schema.json", sorted((root / "policies").glob("*.json"))),
]
failures = 0
checked = 0
for schema_name, paths in plan:
    check = validator(schema_name)
    if not paths:
        failures += 1
        print(f"no files for {schema_name}")
    for path in paths:
        checked += 1
        name = path.relative_to(root)
        data = json.loads(path.read_text())
        for error in check.iter_errors(data):
            failures += 1
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            print(f"{name}: {where}: {error.message}")
        folder = path.parent.name
        if folder in ("letters", "notices") and data.get("id") != path.stem:
            failures += 1
            print(f"{name}: id {data.get('id')!r} does not match the file name")
        if folder == "revisions" and not path.name.startswith(str(data.get("effective"))):
            failures += 1
            print(f"{name}: the file name does not start with the effective date")
print(f"{checked} rule package files checked, {failures} problems")
sys.exit(1 if failures or not checked else 0)
