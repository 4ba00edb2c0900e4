#!/usr/bin/env python3
"""The driver of cli_conform.sh (see there): builds each list and fixture,
reads every record back through the command line and the server, and
checks each against the FtM model.  Standard library only.

usage: conform_lists.py VIGIL FIXTURE_SOURCES SHARED_LISTS OUT_DIR"""
import http.client
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "data"))
from ftm_conform import check_entity  # noqa: E402
from ftm_model import Model  # noqa: E402

# Shared files no reader of this vigil can read yet, with why; each must
# fail to build (so the list shrinks as readers land) and is reported.
PENDING = {
}


def inputs(fixtures, lists):
    """(label, path) of every list and fixture: files, and the folders an
    OFAC set or an FtM delta set lives in."""
    out = []
    for root, label in ((lists, "shared"), (fixtures, "fixture")):
        for dirpath, dirnames, filenames in sorted(os.walk(root)):
            names = set(filenames)
            if names & {"sdn.csv", "cons_prim.csv"} or "index.json" in names:
                out.append((f"{label}:{os.path.relpath(dirpath, root)}", dirpath))
                dirnames[:] = []
                continue
            dirnames.sort()
            for f in sorted(filenames):
                out.append((f"{label}:{os.path.relpath(os.path.join(dirpath, f), root)}",
                            os.path.join(dirpath, f)))
    return out


def formats(vigil):
    help_text = subprocess.run([vigil, "build", "--help"], capture_output=True,
                               text=True).stdout
    m = re.search(r"--format FORMAT\s+(.*?)\(default", help_text, re.S)
    names = set()
    for item in re.sub(r"\([^)]*\)", "", m.group(1)).split(","):
        item = item.split()
        if item:
            names.add(item[0])
    return names


def check_lines(model, text, where, problems, nested):
    n = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        n += 1
        e = json.loads(line)
        errors = []
        check_entity(model, e, errors)
        if nested:
            s = model.schemata.get(e.get("schema"))
            for name, vals in (e.get("properties") or {}).items():
                p = s.props.get(name) if s else None
                if p and p.stub and any(not isinstance(v, dict) for v in vals):
                    errors.append(f"{e['id']}.{name}: a reverse reference not nested")
        problems.extend(f"{where}: {m}" for m in errors)
    return n


def serve(vigil, index, out_dir):
    log = open(os.path.join(out_dir, "server.out"), "w")
    err = open(os.path.join(out_dir, "server.err"), "w")
    p = subprocess.Popen([vigil, "serve", "-x", index, "--listen", "127.0.0.1:0",
                          "--no-access-log"], stdout=log, stderr=err)
    # polled while the server lives, up to 2 minutes (a loaded machine, a
    # sanitizer build); an idle machine answers at the first polls
    deadline = time.time() + 120
    while time.time() < deadline and p.poll() is None:
        time.sleep(0.05)
        with open(os.path.join(out_dir, "server.out")) as f:
            m = re.search(r"listening on http://(127\.0\.0\.1:\d+)", f.read())
        if m:
            return p, m.group(1)
    p.kill()
    raise SystemExit("FAIL: the server did not start")


def check_server(vigil, model, index, ids, out_dir, problems):
    proc, addr = serve(vigil, index, out_dir)
    host, port = addr.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    n = 0
    try:
        for i in ids:
            for query in ("", "?nested=false"):
                conn.request("GET", "/entities/" + urllib.parse.quote(i, safe="") + query)
                r = conn.getresponse()
                body = r.read()
                if r.status != 200:
                    problems.append(f"server /entities/{i}{query}: status {r.status}")
                    continue
                e = json.loads(body)
                errors = []
                check_entity(model, e, errors)
                problems.extend(f"server{query}: {m}" for m in errors)
                n += 1
    finally:
        conn.close()
        proc.terminate()
        proc.wait(timeout=10)
    return n


def main():
    vigil, fixtures, lists, out_dir = sys.argv[1:5]
    model = Model()
    problems, seen_formats, pending_seen = [], set(), set()
    built = []
    for label, path in inputs(fixtures, lists):
        index = os.path.join(out_dir, re.sub(r"[^A-Za-z0-9]+", "_", label) + ".idx")
        r = subprocess.run([vigil, "build", "-q", "-o", index, path], capture_output=True,
                           text=True)
        rel = label.split(":", 1)[1]
        if label.startswith("shared:") and rel in PENDING:
            pending_seen.add(rel)
            if r.returncode == 0:
                problems.append(f"{label}: builds now: take it out of PENDING")
            else:
                print(f"pending: {label}: {PENDING[rel]}")
            continue
        if r.returncode != 0:
            if label.startswith("fixture:"):
                continue  # fixtures of bad input are the readers' tests
            problems.append(f"{label}: vigil build failed: {r.stderr.strip()[:300]}")
            continue
        info = json.loads(subprocess.run([vigil, "info", "--json", index], capture_output=True,
                                         text=True, check=True).stdout)
        seen_formats.update(s["format"] for s in info["sources"])
        counts = []
        for flat in (False, True):
            cmd = [vigil, "entity", "-x", index, "--all"] + (["--flat"] if flat else [])
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode != 0:
                problems.append(f"{label}: {' '.join(cmd[1:])}: {r.stderr.strip()}")
                continue
            counts.append(check_lines(model, r.stdout, f"{label}{' --flat' if flat else ''}",
                                      problems, not flat))
        print(f"{label}: {info['records']} records ({', '.join(s['format'] for s in info['sources'])}); "
              f"read back {counts}")
        if counts and counts[0] != info["records"]:
            problems.append(f"{label}: {counts[0]} entities read back of {info['records']}")
        if label.startswith("shared:"):
            built.append(path)
    for rel in PENDING:
        if rel not in pending_seen:
            problems.append(f"PENDING names {rel}, which is not in the shared lists")
    missing = formats(vigil) - seen_formats
    if missing:
        problems.append(f"formats no list or fixture exercised: {', '.join(sorted(missing))}")

    # the server, over every record of every shared list in one index
    combined = os.path.join(out_dir, "combined.idx")
    subprocess.run([vigil, "build", "-q", "-o", combined] + built, check=True)
    ids = [json.loads(l)["id"] for l in subprocess.run(
        [vigil, "entity", "-x", combined, "--all", "--flat"], capture_output=True, text=True,
        check=True).stdout.splitlines() if l.strip()]
    t0 = time.time()
    n = check_server(vigil, model, combined, ids, out_dir, problems)
    print(f"server: {n} responses of /entities/ID, nested and not, in {time.time() - t0:.1f} s")

    for p in problems[:50]:
        print("FAIL:", p)
    if len(problems) > 50:
        print(f"FAIL: ... {len(problems) - 50} more")
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
