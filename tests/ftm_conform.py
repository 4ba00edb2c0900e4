#!/usr/bin/env python3
"""Checks entities against the FollowTheMoney model vigil keeps in
data/ftm_model.txt: the schema exists and is not abstract, every property is
defined for it (inherited and reverse properties included), values have
their type's form (ISO 8601 date prefixes, lower-case country codes, FtM
topics, entity references as ids or as nested entities), nested entities
are whole (id, caption, schema, properties, datasets) and conform in turn,
and the FtM entity fields have their types.

usage: ftm_conform.py [--nested] FILE.jsonl...   ('-' reads standard input)
Prints one line per problem (at most 20 per file) and a summary; exit 1
when there was a problem.  Also importable: check_entity(model, e, errors)."""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "data"))
from ftm_model import Model  # noqa: E402

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$")
# FtM's territory codes: ISO 3166-1 alpha-2, subdivisions (gb-sct) and
# former states and groupings written as four letters (suhh, csxx, zz, eu)
COUNTRY = re.compile(r"^([a-z]{2}(-[a-z0-9]{1,4})?|[a-z]{4})$")
SEEN = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
ENTITY_KEYS = ("id", "caption", "schema", "properties", "datasets", "referents", "target",
               "first_seen", "last_seen", "last_change")


def check_value(model, where, prop, value, errors, depth):
    t = prop.type
    if isinstance(value, dict):
        if t != "entity":
            errors.append(f"{where}.{prop.name}: a nested entity in a {t} property")
            return
        check_entity(model, value, errors, f"{where}.{prop.name}", depth + 1)
        rng = model.schemata.get(prop.range)
        s = value.get("schema")
        # a reverse property's values are entities of the declaring schema
        if rng and s in model.schemata and not model.is_a(s, rng.name):
            errors.append(f"{where}.{prop.name}: {s} is not a {rng.name}")
        return
    if not isinstance(value, str) or not value:
        errors.append(f"{where}.{prop.name}: value {value!r} is not a non-empty string")
    elif t == "date" and not DATE.match(value):
        errors.append(f"{where}.{prop.name}: {value!r} is not an ISO 8601 date")
    elif t == "country" and not COUNTRY.match(value):
        errors.append(f"{where}.{prop.name}: {value!r} is not a lower-case country code")
    elif t == "topic" and value not in model.topics:
        errors.append(f"{where}.{prop.name}: {value!r} is not an FtM topic")


def check_entity(model, e, errors, where=None, depth=0):
    where = where or str(e.get("id"))
    if not isinstance(e, dict):
        errors.append(f"{where}: not an object")
        return
    for k in ENTITY_KEYS:
        if k not in e:
            errors.append(f"{where}: no \"{k}\"")
    if not isinstance(e.get("id"), str) or not e.get("id"):
        errors.append(f"{where}: id {e.get('id')!r}")
    if not isinstance(e.get("caption"), str) or not e.get("caption"):
        errors.append(f"{where}: caption {e.get('caption')!r}")
    s = model.schemata.get(e.get("schema"))
    if not s:
        errors.append(f"{where}: schema {e.get('schema')!r} is not FtM's")
        return
    if s.abstract:
        errors.append(f"{where}: schema {s.name} is abstract")
    if not isinstance(e.get("datasets"), list) or not all(isinstance(d, str) for d in e["datasets"]):
        errors.append(f"{where}: datasets {e.get('datasets')!r}")
    if not isinstance(e.get("referents"), list) or not all(isinstance(r, str) for r in e["referents"]):
        errors.append(f"{where}: referents {e.get('referents')!r}")
    if not isinstance(e.get("target"), bool):
        errors.append(f"{where}: target {e.get('target')!r}")
    for k in ("first_seen", "last_seen", "last_change"):
        if e.get(k) is not None and not (isinstance(e[k], str) and SEEN.match(e[k])):
            errors.append(f"{where}: {k} {e[k]!r} is not a datetime")
    props = e.get("properties")
    if not isinstance(props, dict):
        errors.append(f"{where}: properties {props!r}")
        return
    for name, values in props.items():
        prop = s.props.get(name)
        if not prop:
            errors.append(f"{where}: {s.name} has no property {name!r}")
            continue
        if not isinstance(values, list):
            errors.append(f"{where}.{name}: not a list")
            continue
        for v in values:
            check_value(model, where, prop, v, errors, depth)


def main(argv):
    nested = "--nested" in argv
    files = [a for a in argv[1:] if a != "--nested"]
    model = Model()
    total = bad_files = 0
    for path in files:
        errors, n = [], 0
        f = sys.stdin if path == "-" else open(path, encoding="utf-8")
        for line in f:
            if not line.strip():
                continue
            n += 1
            e = json.loads(line)
            check_entity(model, e, errors)
            if nested and e.get("schema") in model.schemata:
                s = model.schemata[e["schema"]]
                for name, vals in e.get("properties", {}).items():
                    prop = s.props.get(name)
                    if prop and prop.type == "entity" and prop.stub and \
                            any(not isinstance(v, dict) for v in vals):
                        errors.append(f"{e['id']}.{name}: a reverse reference not nested")
        total += n
        for msg in errors[:20]:
            print(f"{path}: {msg}")
        if len(errors) > 20:
            print(f"{path}: ... {len(errors) - 20} more")
        print(f"{path}: {n} entities, {len(errors)} problems")
        bad_files += bool(errors)
    return 1 if bad_files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
