#!/usr/bin/env python3
"""soak.py - a few minutes of mixed valid and hostile traffic against one
`vigil serve`, with reloads, for bench_soak.sh.

Valid clients (keep-alive) send /match with names from the screening files,
/search, /entities, /catalog, /readyz and /reconcile, and must get 200 every
time, reloads or not.  Hostile clients half-send headers and close, trickle
headers a byte at a time, send a thousand query arguments, NUL characters,
invalid UTF-8, NaN, two Content-Length headers, a bad Transfer-Encoding,
bodies over the limit and deep JSON; each must get its refusal or be cut
off, and none may disturb the valid ones.  Every 8 s the index is replaced
(renamed into place, or copied over in place) and reloaded (SIGHUP or
/admin/reload).  The server's memory (VmRSS) is sampled every 2 s.

usage: soak.py VIGIL INDEX OTHER_INDEX WORKDIR SECONDS CSV...
Prints one summary; exits 1 on a crash, an error of a valid request, an
unexpected answer to a hostile one, or memory growing more than 25 %.
Standard library only.
"""
import csv
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

VIGIL, INDEX, OTHER, WORK, SECONDS = sys.argv[1:6]
SECONDS = float(SECONDS)
CSVS = sys.argv[6:]
KEY = "soak"
lock = threading.Lock()
stats = {"valid": 0, "valid_errors": 0, "hostile": 0, "hostile_unexpected": 0, "reloads": 0,
         "reload_errors": 0}
samples = []
examples = []


def count(key, n=1):
    with lock:
        stats[key] += n


def note(kind, what):
    with lock:
        if len(examples) < 12:
            examples.append("%s: %s" % (kind, what))


def names():
    out = []
    for path in CSVS:
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                n = row.get("full_name") or row.get("name")
                if n:
                    out.append(n)
    return out or ["Viktor Kormilov"]


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def valid_client(port, stop, seed, pool):
    rnd = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while not stop.is_set():
        name = rnd.choice(pool)
        kind = rnd.random()
        if kind < 0.55:
            body = json.dumps({"queries": {"q": {"schema": "Person", "properties": {"name": [name]}}}})
            req = ("POST", "/match/default", body, {"Content-Type": "application/json"})
        elif kind < 0.75:
            q = "q=" + urllib.parse.quote(name) + "&limit=5"
            req = ("GET", "/search/default?" + q, None, {})
        elif kind < 0.85:
            req = ("GET", rnd.choice(["/catalog", "/readyz", "/healthz"]), None, {})
        else:
            rq = json.dumps({"q0": {"query": name}})
            req = ("POST", "/reconcile/default", rq, {"Content-Type": "application/json"})
        try:
            conn.request(req[0], req[1], req[2], req[3])
            r = conn.getresponse()
            data = r.read()
            if r.status != 200:
                count("valid_errors")
                note("valid", "%s %s -> %d %s" % (req[0], req[1][:60], r.status, data[:120]))
            count("valid")
        except (OSError, http.client.HTTPException) as e:
            count("valid_errors")
            note("valid", "%s %s -> %r" % (req[0], req[1][:60], e))
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.close()


def exchange(port, raw, timeout=15):
    data = b""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.settimeout(timeout)
            s.sendall(raw)
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
                if b"\r\n\r\n" in data:
                    head = data.split(b"\r\n\r\n", 1)[0]
                    m = re.search(rb"Content-Length: (\d+)", head)
                    if m and len(data) >= len(head) + 4 + int(m.group(1)):
                        break
    except (OSError, socket.timeout):
        pass
    return data


def status_of(data):
    m = re.match(rb"HTTP/1\.[01] (\d{3})", data)
    return int(m.group(1)) if m else 0


def post(path, body, extra=b""):
    if isinstance(body, str):
        body = body.encode()
    return (b"POST %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n%s\r\n" % (path.encode(), len(body), extra)) + body


def hostile_attacks():
    q = b'{"queries": {"q": {"properties": {"name": ["Viktor Kormilov"]}}}}'
    return [
        ("nul", post("/match/default", '{"queries": {"q": {"properties": {"name": ["x\\u0000AL ZAWAHIRI"]}}}}'), {400}),
        ("utf8", post("/match/default", b'{"queries": {"\xff": {"properties": {"name": ["a"]}}}}'), {400}),
        ("nan", post("/match/default", '{"queries": {"q": {"properties": {"name": ["a"], "x": NaN}}}}'), {400}),
        ("deep", post("/match/default", '{"queries": ' + "[" * 200 + "]" * 200 + "}"), {400}),
        ("args", b"GET /search/default?q=x&" + b"&".join(b"a%d=1" % i for i in range(1000)) +
         b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {414}),
        ("two-cl", b"POST /match/default HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n"
                   b"Content-Length: %d\r\n\r\n" % (len(q), len(q) + 3) + q, {400}),
        ("te", b"POST /match/default HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n" + q, {400}),
        ("big", b"POST /match/default HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                b"Content-Length: 5000000\r\n\r\n", {413}),
        ("origin", b"GET /catalog HTTP/1.1\r\nHost: x\r\nOrigin: http://evil.example\r\n"
                   b"Connection: close\r\n\r\n", {403}),
        ("nul-url", b"GET /entities/x%00y HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {400}),
    ]


def hostile_client(port, stop, seed):
    rnd = random.Random(seed)
    attacks = hostile_attacks()
    while not stop.is_set():
        kind = rnd.random()
        if kind < 0.15:
            # half-sent headers, closed at once
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=5)
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
                s.close()
            except OSError:
                pass
            count("hostile")
            continue
        if kind < 0.2:
            # a trickle the header deadline must cut (header timeout 3 s)
            t0 = time.time()
            cut = False
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=10)
                for ch in b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaa":
                    s.sendall(bytes([ch]))
                    time.sleep(0.3)
                    if stop.is_set():
                        break
            except OSError:
                cut = True
            if not cut and not stop.is_set():
                count("hostile_unexpected")
                note("hostile", "trickle not cut after %.1f s" % (time.time() - t0))
            count("hostile")
            continue
        name, raw, want = rnd.choice(attacks)
        got = status_of(exchange(port, raw))
        count("hostile")
        if got not in want:
            count("hostile_unexpected")
            note("hostile", "%s -> %s (want %s)" % (name, got, sorted(want)))


def reloader(port, pid, stop, live, indexes):
    i = 0
    while not stop.wait(8):
        i += 1
        src = indexes[i % 2]
        try:
            if i % 3 == 0:
                subprocess.run(["cp", src, live], check=True)  # in place: careless
            else:
                shutil.copy(src, live + ".tmp")
                os.rename(live + ".tmp", live)
            if i % 2:
                os.kill(pid, signal.SIGHUP)
            else:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                c.request("POST", "/admin/reload", headers={"Authorization": "Bearer " + KEY})
                r = c.getresponse()
                r.read()
                if r.status != 200:
                    count("reload_errors")
                    note("reload", "status %d" % r.status)
            count("reloads")
        except (OSError, subprocess.CalledProcessError, http.client.HTTPException) as e:
            count("reload_errors")
            note("reload", repr(e))


def main():
    live = os.path.join(WORK, "live.idx")
    shutil.copy(INDEX, live)
    out, err = os.path.join(WORK, "serve.out"), os.path.join(WORK, "serve.err")
    srv = subprocess.Popen([VIGIL, "serve", "-x", live, "--listen", "127.0.0.1:0", "--admin-key", KEY,
                            "--no-access-log", "--header-timeout", "3", "--per-ip", "400",
                            "--max-connections", "600"],
                           stdout=open(out, "w"), stderr=open(err, "w"))
    port = None
    for _ in range(300):
        m = re.search(r":(\d+)$", open(out).read().strip())
        if m:
            port = int(m.group(1))
            break
        time.sleep(0.1)
    if not port:
        print("soak: the server did not start: " + open(err).read())
        return 1
    pool = names()
    stop = threading.Event()
    threads = [threading.Thread(target=valid_client, args=(port, stop, k, pool)) for k in range(6)]
    threads += [threading.Thread(target=hostile_client, args=(port, stop, 100 + k)) for k in range(4)]
    threads.append(threading.Thread(target=reloader, args=(port, srv.pid, stop, live, [OTHER, INDEX])))
    start = time.time()
    for t in threads:
        t.start()
    time.sleep(min(10, SECONDS / 6))  # warm-up: matchers, caches, reload copies
    rss_start = rss_kb(srv.pid)
    while time.time() - start < SECONDS and srv.poll() is None:
        samples.append(rss_kb(srv.pid))
        time.sleep(2)
    stop.set()
    for t in threads:
        t.join(60)
    alive = srv.poll() is None
    rss_end = rss_kb(srv.pid) if alive else 0
    if alive:
        srv.send_signal(signal.SIGTERM)
        try:
            srv.wait(30)
        except subprocess.TimeoutExpired:
            srv.kill()
    took = time.time() - start
    growth = (rss_end - rss_start) / rss_start if rss_start else 0
    print("soak: %.0f s; valid requests %d answered, %d errors (%.0f/s); hostile requests %d, "
          "%d unexpected; reloads %d (%d failed); server RSS %.1f MB after warm-up, %.1f MB at "
          "the end (%+.1f%%), max %.1f MB; exit status %s"
          % (took, stats["valid"], stats["valid_errors"], stats["valid"] / took, stats["hostile"],
             stats["hostile_unexpected"], stats["reloads"], stats["reload_errors"], rss_start / 1024.0,
             rss_end / 1024.0, growth * 100, max(samples or [0]) / 1024.0,
             srv.returncode if not alive else srv.returncode))
    for e in examples:
        print("  " + e)
    ok = (alive and srv.returncode == 0 and not stats["valid_errors"] and not stats["hostile_unexpected"]
          and not stats["reload_errors"] and growth < 0.25 and stats["valid"] > 0)
    if not ok:
        print("soak: FAILED (server stderr: %s)" % open(err).read()[-1500:])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
