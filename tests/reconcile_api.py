#!/usr/bin/env python3
"""The Reconciliation Service API (spec 0.2) of a running `vigil serve`, as
OpenRefine and yente's own tests use it, over loopback (cli_reconcile.sh
starts the servers on an index of the shared zala and parteispenden FtM
fixtures, byte-identical to yente's test fixtures, so yente's expected ids
hold).

  1. yente's tests/test_reconcile.py, every case (none of them mocks yente's
     settings), written again here against vigil;
  2. the spec's own example batches: the valid ones are answered, the ones
     its schema refuses are a 400;
  3. what the spec allows and vigil must honour: queries with properties
     only, unknown types, type lists with type_strict, qualified property
     ids, values of every kind, notable types on suggestions, one score
     scale with /match, identifierSpace from --public-url and never from the
     Host header, the manifest of a keyed service;
  and every JSON answer (manifest, queries, suggest, propose, extend) is
  validated against the spec's JSON Schemas (tests/fixtures/reconcile/).

usage: reconcile_api.py SPEC_DIR BASE PUBLIC_BASE PUBLIC_URL KEYED_BASE KEY
  BASE         a server started without --public-url
  PUBLIC_BASE  the same index served with --public-url PUBLIC_URL
  KEYED_BASE   the same index served with --api-key KEY
Prints one line per check; exits 1 when one fails.
"""
import json
import os
import sys
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
import warnings

try:
    import jsonschema
except ImportError:
    print("FAIL: python3-jsonschema is not installed (make deps installs it)")
    sys.exit(1)

ZAKHAROV = "NK-aU5ybkbRFJucf8YMwsJvDw"  # yente's expected id (zala fixture)
FAILS = []


def check(cond, what, detail=""):
    if cond:
        print("ok: " + what)
    else:
        print("FAIL: %s %s" % (what, str(detail)[:600]))
        FAILS.append(what)
    return cond


class Schemas:
    """The spec's schemas, resolved among themselves (type.json, the
    Swagger 2.0 schema the manifest's authentication refers to)."""

    def __init__(self, folder):
        self.by_name, store = {}, {}
        for f in sorted(os.listdir(folder)):
            with open(os.path.join(folder, f), encoding="utf-8") as fh:
                s = json.load(fh)
            self.by_name[f[:-5]] = s
            store[s["$id"].rstrip("#")] = s
        self.store = store

    def validator(self, schema):
        try:  # jsonschema 4.18 and later resolve through a registry
            from referencing import Registry, Resource
            from referencing.jsonschema import DRAFT7
        except ImportError:  # Debian 12's 4.10
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                resolver = jsonschema.RefResolver(schema["$id"], schema, store=self.store)
            return jsonschema.Draft7Validator(schema, resolver=resolver)
        registry = Registry().with_resources(
            (uri, Resource.from_contents(s, default_specification=DRAFT7))
            for uri, s in self.store.items())
        return jsonschema.Draft7Validator(schema, registry=registry)

    def errors(self, name, doc):
        v = self.validator(self.by_name[name])
        return ["%s at %s" % (e.message, list(e.absolute_path)) for e in v.iter_errors(doc)]


class Client:
    def __init__(self, base, headers=None):
        self.base, self.headers = base, headers or {}

    def call(self, method, path, query=None, form=None, body=None, headers=None):
        url = self.base + path
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data, h = None, dict(self.headers, **(headers or {}))
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        req = urllib.request.Request(url, data=data, method=method, headers=h)
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return r.status, r.read().decode("utf-8"), dict(r.headers)
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8"), dict(e.headers)

    def json(self, method, path, **kw):
        status, text, headers = self.call(method, path, **kw)
        try:
            return status, json.loads(text), headers
        except ValueError:
            return status, text, headers


def valid(schemas, name, doc, what):
    errs = schemas.errors(name, doc)
    return check(not errs, "%s: valid against %s.json" % (what, name), errs[:3])


def ascii_text(s):
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def yente_cases(c, S, public_url):
    """yente's tests/test_reconcile.py, case by case."""
    st, d, _ = c.json("GET", "/reconcile/zala")
    check(st == 200, "metadata: 200", st)
    valid(S, "manifest", d, "metadata")
    # yente's identifierSpace is its public site; vigil's is --public-url
    check(d["identifierSpace"].startswith(public_url), "metadata: identifierSpace",
          d.get("identifierSpace"))
    check(len(d["defaultTypes"]) > 3 and "suggest" in d and "extend" in d,
          "metadata: defaultTypes, suggest, extend", d)

    st, d, h = c.json("POST", "/reconcile/zala",
                      form={"queries": json.dumps({"mutti": {"query": "Alexander ZAKHAROV"}})})
    check(st == 200 and d["mutti"]["result"][0]["id"] == ZAKHAROV, "post_query", d)
    valid(S, "reconciliation-result-batch", d, "post_query")
    check(h.get("x-batch-size") == "1", "post_query: x-batch-size", h)

    q = {"ids": [ZAKHAROV], "properties": [{"id": "name"}, {"id": "birthDate"}]}
    st, d, _ = c.json("POST", "/reconcile/zala", form={"extend": json.dumps(q)})
    ok = st == 200 and len(d["meta"]) == 2 and d["meta"][0]["id"] == "name"
    names = d["rows"][ZAKHAROV]["name"] if ok else []
    check(ok and names and "zakharov" in "".join(n["str"] for n in names).lower(),
          "post_extend", d)
    valid(S, "data-extension-response", d, "post_extend")

    st, d, _ = c.json("POST", "/reconcile/zala",
                      form={"queries": json.dumps({"mutti": {"type": "Banana"}})})
    check(st == 400, "invalid: a query with neither query nor properties is 400", (st, d))

    for kind, schema in (("entity", "suggest-entities-response"),
                         ("property", "suggest-properties-response"),
                         ("type", "suggest-types-response")):
        st, d, _ = c.json("GET", "/reconcile/zala/suggest/" + kind)
        check(st == 200 and d["result"] == [], "suggest_%s_no_prefix" % kind, d)
        valid(S, schema, d, "suggest_%s_no_prefix" % kind)
        st, d, _ = c.json("GET", "/reconcile/zala/suggest/" + kind,
                          query={"prefix": "banana man" if kind == "entity" else "banana"})
        check(st == 200 and d["result"] == [], "suggest_%s_prefix_dummy" % kind, d)

    st, d, _ = c.json("GET", "/reconcile/zala/suggest/entity", query={"prefix": "alexander zak"})
    res = d["result"] if st == 200 else []
    check(res and res[0]["id"] == ZAKHAROV, "suggest_entity_prefix", d)
    valid(S, "suggest-entities-response", d, "suggest_entity_prefix")
    # yente recomputes the caption (Aleksandr ...); vigil keeps the
    # publisher's ("caption" of the FtM line: Alexander ... ZAKHAROV)
    check(res and "zakharov" in ascii_text(res[0]["name"]).lower(),
          "suggest_entity_prefix: the caption names him", res[:1])

    st, d, _ = c.json("GET", "/reconcile/zala/suggest/property", query={"prefix": "country"})
    ids = [r["id"] for r in d.get("result", [])]
    check(st == 200 and len(ids) > 1 and "LegalEntity:mainCountry" in ids and "Thing:country" in ids,
          "suggest_property_prefix", d)
    valid(S, "suggest-properties-response", d, "suggest_property_prefix")

    st, d, _ = c.json("GET", "/reconcile/zala/suggest/type", query={"prefix": "organ"})
    check(st == 200 and [r["id"] for r in d["result"]] == ["Organization"],
          "suggest_type_prefix", d)
    valid(S, "suggest-types-response", d, "suggest_type_prefix")

    st, d, _ = c.json("GET", "/reconcile/zala/extend/property",
                      query={"limit": "5", "type": "LegalEntity"})
    ids = [p["id"] for p in d.get("properties", [])] if st == 200 else []
    check(st == 200 and d["type"] == "LegalEntity" and d["limit"] == 5 and len(ids) == 5
          and "name" in ids and "country" in ids, "extend_properties", d)
    valid(S, "data-extension-property-proposal", d, "extend_properties")
    st, d, _ = c.json("GET", "/reconcile/zala/extend/property",
                      query={"limit": "5", "type": "Banana"})
    check(st == 400, "extend_properties_invalid_type", (st, d))


def spec_examples(c, S, folder):
    """The spec's example batches: valid ones answered (and valid answers),
    invalid ones refused."""
    base = os.path.join(folder, "examples", "reconciliation-query-batch")
    for kind in ("valid", "invalid"):
        for f in sorted(os.listdir(os.path.join(base, kind))):
            with open(os.path.join(base, kind, f), encoding="utf-8") as fh:
                batch = json.load(fh)
            st, d, _ = c.json("POST", "/reconcile/default", form={"queries": json.dumps(batch)})
            if kind == "valid":
                check(st == 200 and set(d) == set(batch), "spec example %s: answered" % f, (st, d))
                valid(S, "reconciliation-result-batch", d, "spec example " + f)
                st2, d2, _ = c.json("POST", "/reconcile/default", body=batch)
                check(st2 == 200 and d2 == d, "spec example %s as a JSON body" % f, (st2, d2))
            else:
                check(st == 400, "spec example invalid/%s: refused" % f, (st, d))
    base = os.path.join(folder, "examples", "data-extension-query", "valid")
    for f in sorted(os.listdir(base)):
        with open(os.path.join(base, f), encoding="utf-8") as fh:
            q = json.load(fh)
        st, d, _ = c.json("POST", "/reconcile/default", form={"extend": json.dumps(q)})
        check(st == 200 and set(d["rows"]) == set(q["ids"]),
              "spec extension example %s: a row per id" % f, (st, d))
        valid(S, "data-extension-response", d, "spec extension example " + f)


def reconcile(c, S, batch, what, dataset="zala"):
    """Sends a batch (checked against the spec's query schema first)."""
    valid(S, "reconciliation-query-batch", batch, what + " (the batch)")
    st, d, _ = c.json("POST", "/reconcile/" + dataset, form={"queries": json.dumps(batch)})
    check(st == 200, what + ": 200", (st, d))
    if st == 200:
        valid(S, "reconciliation-result-batch", d, what)
    return d if st == 200 else {}


def spec_queries(c, S):
    d = reconcile(c, S, {"q": {"properties": [{"pid": "LegalEntity:innCode", "v": "183111242406"}]}},
                  "properties only (an INN)")
    check(d and d["q"]["result"] and d["q"]["result"][0]["id"] == ZAKHAROV,
          "properties only: found by the identifier", d)
    d = reconcile(c, S, {"q": {"properties": [{"pid": "Person:birthDate", "v": "1965-09-21"}]}},
                  "properties only (a birth date: nothing to look up by)")
    check(d and d["q"]["result"] == [], "a birth date alone finds no candidate", d)
    d = reconcile(c, S, {"bad": {"query": "!!!"}, "empty": {"query": ""},
                         "none": {"query": "Alexander Zakharov", "limit": 0},
                         "good": {"query": "Alexander Zakharov"}},
                  "queries that cannot be screened beside one that can")
    check(d and d["bad"]["result"] == d["empty"]["result"] == d["none"]["result"] == [] and
          d["good"]["result"][0]["id"] == ZAKHAROV, "one query that cannot be screened fails no batch", d)
    d = reconcile(c, S, {"q": {"query": "Alexander Zakharov", "type": "DifferentiatedPerson"}},
                  "an unknown type")
    check(d and d["q"]["result"] and d["q"]["result"][0]["id"] == ZAKHAROV,
          "an unknown type is ignored", d)
    d = reconcile(c, S, {"q": {"query": "Zakharov", "type": ["Company", "Person"], "limit": 20}},
                  "a list of types")
    types = {r["type"][0]["id"] for r in d["q"]["result"]} if d else set()
    check("Person" in types, "a list of types: any of them", types)
    d = reconcile(c, S, {"q": {"query": "Alexander Zakharov", "type": ["Company", "Organization"],
                               "limit": 20}}, "types that exclude him")
    check(d and all(r["type"][0]["id"] != "Person" for r in d["q"]["result"]),
          "a list of types without Person: no person", d)
    d = reconcile(c, S, {"q": {"query": "Alexander Zakharov", "type": ["LegalEntity", "Person"],
                               "type_strict": "all", "limit": 20}}, "type_strict all")
    check(d and d["q"]["result"] and all(r["type"][0]["id"] == "Person" for r in d["q"]["result"]),
          "type_strict all: only what is every type", d)
    d = reconcile(c, S, {"q": {"query": "Alexander Zakharov", "type": ["Company", "Vessel"],
                               "type_strict": "should"}}, "type_strict should")
    check(d and d["q"]["result"] and d["q"]["result"][0]["id"] == ZAKHAROV,
          "type_strict should: types prefer, they do not exclude", d)
    d = reconcile(c, S, {"q": {"query": "Alexander Zakharov", "type": "Company",
                               "type_strict": "should"}}, "one type, should")
    check(d and d["q"]["result"] and d["q"]["result"][0]["id"] == ZAKHAROV,
          "type_strict should with one type: preferred, not required", d)
    d = reconcile(c, S, {"q": {"query": "Alexander Zakharov", "type": "Address"}},
                  "a type vigil does not screen")
    check(d and d["q"]["result"] == [], "an Address type finds no party", d)
    d = reconcile(c, S, {
        "right": {"query": "Alexander Zakharov", "type": "Person", "properties": [
            {"pid": "Person:birthDate", "v": "1965-09-21"}, {"pid": "Thing:country", "v": "ru"}]},
        "wrong": {"query": "Alexander Zakharov", "type": "Person", "properties": [
            {"pid": "Person:birthDate", "v": "1990-01-01"}, {"pid": "Thing:country", "v": "ru"}]},
        "kinds": {"query": "Alexander Zakharov", "limit": 2.0, "properties": [
            {"pid": "Person:birthDate", "v": ["1965-09-21", {"id": "x", "name": "1965"}]},
            {"pid": "gender", "v": True}, {"pid": "innCode", "v": 183111242406}]}},
        "qualified property ids")
    if d:
        r, w = d["right"]["result"][0], d["wrong"]["result"][0]
        check(r["id"] == w["id"] == ZAKHAROV and r["score"] > w["score"],
              "Person:birthDate counts: the right date scores above the wrong one",
              (r["score"], w["score"]))
        check(d["kinds"]["result"] and len(d["kinds"]["result"]) <= 2,
              "values of every kind the spec allows, limit as a number", d["kinds"])
    scores = [x["score"] for q in d.values() for x in q["result"]] if d else []
    check(scores and all(0.0 <= s <= 1.0 for s in scores), "scores from 0 to 1", scores)
    st, m, _ = c.json("POST", "/match/zala", body={"queries": {"q": {
        "schema": "Person", "properties": {"name": ["Alexander Zakharov"], "birthDate": ["1965-09-21"],
                                           "country": ["ru"]}}}})
    if check(st == 200 and m["responses"]["q"]["results"], "/match for the same query", (st, m)) and d:
        a, b = m["responses"]["q"]["results"][0]["score"], d["right"]["result"][0]["score"]
        check(abs(a - b) < 1e-9, "one scale: /reconcile scores as /match does", (a, b))
    batch = json.dumps({"q": {"query": "Alexander Zakharov"}})
    for params, want, what in (({"algorithm": "logic-v2"}, 200, "yente's algorithm names"),
                               ({"algorithm": "nope"}, 400, "an unknown algorithm"),
                               ({"changed_since": "2026-04-01"}, 200, "changed_since before"),
                               ({"changed_since": "2026-05-01"}, 200, "changed_since after"),
                               ({"changed_since": "yesterday"}, 422, "a malformed changed_since")):
        st, d, _ = c.json("POST", "/reconcile/zala", query=params, form={"queries": batch})
        ids = [r["id"] for r in d["q"]["result"]] if st == 200 else []
        check(st == want and (ZAKHAROV in ids) == (params.get("changed_since") == "2026-04-01" or
                                                   params.get("algorithm") == "logic-v2"),
              "reconcile ?%s: %s (he changed on 2026-04-24)" % (urllib.parse.urlencode(params), what),
              (st, d))
    d = reconcile(c, S, {"q": {"query": "Alexander Zakharov"}}, "a zala person in parteispenden",
                  dataset="parteispenden")
    check(d and all(r["id"] != ZAKHAROV for r in d["q"]["result"]), "the dataset scopes it", d)
    d = reconcile(c, S, {"q": {"query": "Lina Dachner", "type": "Person"}}, "parteispenden",
                  dataset="parteispenden")
    check(d and d["q"]["result"] and d["q"]["result"][0]["id"] ==
          "f9c295f21b233ac878fbac4d271bb6fd13d7952a", "a parteispenden donor", d)


def suggest_and_extend(c, S):
    st, d, _ = c.json("GET", "/reconcile/zala/suggest/entity", query={"prefix": ZAKHAROV})
    check(st == 200 and d["result"] and d["result"][0]["id"] == ZAKHAROV, "suggest/entity finds an id", d)
    valid(S, "suggest-entities-response", d, "suggest by id")
    st, d, _ = c.json("GET", "/reconcile/zala/suggest/entity", query={"prefix": "Zakh"})
    res = d.get("result", []) if st == 200 else []
    check(ZAKHAROV in [r["id"] for r in res], "suggest/entity: the start of a word (Zakh)", d)
    check(res and all(r.get("notable") and r["notable"][0]["id"] == "Person" for r in res),
          "suggestions carry notable types", res[:2])
    st, d, _ = c.json("GET", "/reconcile/zala/suggest/entity", query={"prefix": "Захаров"})
    check(st == 200 and ZAKHAROV in [r["id"] for r in d["result"]], "suggest/entity in Cyrillic", d)
    st, d, _ = c.json("GET", "/reconcile/zala/suggest/entity", query={"prefix": "Zakh", "limit": "1"})
    check(st == 200 and len(d["result"]) == 1 and d["result"][0]["id"] == res[0]["id"],
          "suggest/entity limit", d)
    st, d, _ = c.json("GET", "/reconcile/zala/suggest/entity",
                      query={"prefix": "Zakh", "limit": "2", "cursor": "1"})
    check(st == 200 and len(res) >= 3 and [r["id"] for r in d["result"]] == [r["id"] for r in res[1:3]],
          "suggest/entity cursor skips (spec 0.2)", (d, res[:3]))
    st, d, _ = c.json("GET", "/reconcile/zala/suggest/entity", query={"prefix": "Zakh", "cursor": "x"})
    check(st == 400, "a malformed cursor is 400", (st, d))
    st, d, _ = c.json("GET", "/reconcile/zala/suggest/property", query={"prefix": "Thing:coun"})
    check(st == 200 and [r["id"] for r in d["result"]] == ["Thing:country"],
          "suggest/property finds a qualified id", d)
    st, d, _ = c.json("GET", "/reconcile/zala/suggest/type", query={"prefix": "LegalEntity"})
    check(st == 200 and d["result"] and d["result"][0]["id"] == "LegalEntity", "suggest/type finds an id", d)
    st, text, h = c.call("GET", "/reconcile/zala/suggest/type", query={"prefix": "pers", "callback": "cb"})
    check(st == 200 and text.startswith("cb({") and "Person" in text, "suggest JSONP", text[:80])
    q = {"ids": [ZAKHAROV, "no-such-id"], "properties": [
        {"id": "Person:birthDate"}, {"id": "name", "settings": {"limit": "2"}}, {"id": "banana"},
        {"id": "Banana:name"}]}
    valid(S, "data-extension-query", q, "extension query (the query)")
    st, d, h = c.json("POST", "/reconcile/zala", form={"extend": json.dumps(q)})
    ok = st == 200
    check(ok and d["rows"]["no-such-id"] == {} and
          d["rows"][ZAKHAROV]["Person:birthDate"] == [{"str": "1965-09-21"}] and
          len(d["rows"][ZAKHAROV]["name"]) == 2 and [m["id"] for m in d["meta"]] ==
          ["Person:birthDate", "name"], "extension: qualified ids, limits, unknown ids and properties", d)
    valid(S, "data-extension-response", d, "extension")
    check(h.get("x-batch-size") == "2", "extension: x-batch-size", h)
    st, d, _ = c.json("POST", "/reconcile/zala", body=q)
    check(st == 200 and "rows" in d, "extension as a JSON body", (st, d))
    st, d, _ = c.json("POST", "/reconcile/zala", form={"extend": json.dumps({"ids": "x"})})
    check(st == 400 and "extend" in d.get("detail", ""), "a malformed extension is 400", (st, d))
    st, text, h = c.call("GET", "/reconcile/zala/preview", query={"id": ZAKHAROV})
    check(st == 200 and h.get("Content-Type", "").startswith("text/html") and "ZAKHAROV" in text,
          "preview: an HTML card", (st, text[:200]))


def public_urls(c, pc, S, base, public_url):
    """identifierSpace and the links: --public-url, else the listening
    address; never the request's Host header."""
    for client, want, what in ((c, base, "without --public-url"),
                               (pc, public_url.rstrip("/"), "with --public-url")):
        st, d, _ = client.json("GET", "/reconcile/zala", headers={"Host": "attacker.example"})
        valid(S, "manifest", d, "manifest " + what)
        urls = [d["identifierSpace"], d["view"]["url"], d["preview"]["url"],
                d["suggest"]["entity"]["service_url"], d["extend"]["propose_properties"]["service_url"]]
        check(st == 200 and d["identifierSpace"] == want + "/entities/" and
              all(u.startswith(want + "/") for u in urls),
              "identifierSpace and links %s, whatever the Host header" % what, urls)
        check(d["view"]["url"] == want + "/#entity={{id}}", "view opens the page on the entity " + what,
              d["view"])


def keyed(kc, S, key):
    st, d, _ = kc.json("GET", "/reconcile/zala")
    check(st == 200, "a keyed service's manifest is readable without the key", (st, d))
    valid(S, "manifest", d, "keyed manifest")
    auth = d.get("authentication", {}) if st == 200 else {}
    check(auth.get("type") == "apiKey" and auth.get("in") == "header" and auth.get("name") == "Authorization",
          "the manifest declares the key (spec 0.2 authentication)", auth)
    batch = json.dumps({"q": {"query": "Alexander Zakharov"}})
    st, d, _ = kc.json("POST", "/reconcile/zala", form={"queries": batch})
    check(st == 401, "queries without the key: 401", (st, d))
    st, d, _ = kc.json("POST", "/reconcile/zala", form={"queries": batch},
                       headers={"Authorization": "ApiKey " + key})
    check(st == 200 and d["q"]["result"][0]["id"] == ZAKHAROV, "queries with ApiKey KEY", (st, d))
    st, d, _ = kc.json("GET", "/reconcile/zala/suggest/entity", query={"prefix": "Zakh"},
                       headers={"Authorization": "Bearer " + key})
    check(st == 200 and d["result"], "suggest with Bearer KEY", (st, d))


def main():
    if len(sys.argv) != 7:
        print(__doc__)
        return 2
    folder, base, public_base, public_url, keyed_base, key = sys.argv[1:]
    S = Schemas(os.path.join(folder, "schemas"))
    for name in sorted(S.by_name):
        if name != "openapi":
            jsonschema.Draft7Validator.check_schema(S.by_name[name])
    c = Client(base)
    yente_cases(c, S, base)
    spec_examples(c, S, folder)
    spec_queries(c, S)
    suggest_and_extend(c, S)
    public_urls(c, Client(public_base), S, base, public_url)
    keyed(Client(keyed_base), S, key)
    print("%d failed" % len(FAILS) if FAILS else "all reconciliation checks passed")
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())
