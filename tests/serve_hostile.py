#!/usr/bin/env python3
"""Hostile clients against a real `vigil serve` on 127.0.0.1 (port 0).

Driven by tests/cli_serve_hostile.sh.  Each check starts the servers it
needs, speaks raw HTTP over loopback where the framing itself is the attack,
bounds every loop by a count or a deadline, and fails when the server
crashes, hangs, answers wrongly, or (under ASan/LSan) reports anything on
its standard error when it stops.

usage: serve_hostile.py VIGIL INDEX OUT [CHECK...]   (no CHECK: all of them)
Standard library only.
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

VIGIL, INDEX, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
FAILS = []


def ok(msg):
    print("ok: " + msg, flush=True)


def fail(msg):
    print("FAIL: " + msg, flush=True)
    FAILS.append(msg)


class Server:
    """One `vigil serve` process; its stderr goes to OUT/NAME.err."""

    def __init__(self, name, *args, index=None):
        self.name = name
        self.err_path = os.path.join(OUT, name + ".err")
        self.out_path = os.path.join(OUT, name + ".out")
        self.proc = subprocess.Popen(
            [VIGIL, "serve", "-x", index or INDEX, "--listen", "127.0.0.1:0"] + list(args),
            stdout=open(self.out_path, "w"), stderr=open(self.err_path, "w"))
        deadline = time.time() + 30
        self.port = None
        while time.time() < deadline and self.proc.poll() is None:
            m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", open(self.out_path).read())
            if m:
                self.port = int(m.group(1))
                break
            time.sleep(0.05)
        if not self.port:
            raise RuntimeError("server %s did not start: %s" % (name, self.stderr()))

    def stderr(self):
        with open(self.err_path, errors="replace") as f:
            return f.read()

    def alive(self):
        return self.proc.poll() is None

    def sanitizer_report(self):
        """The first lines of an ASan/LSan/UBSan report on stderr, or ''."""
        err = self.stderr()
        m = re.search(r"(ERROR: (Address|Leak)Sanitizer|runtime error:)", err)
        return err[m.start():m.start() + 1500] if m else ""

    def stop(self):
        """SIGTERM, wait, and return the exit status (None if it hung)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                return None
        return self.proc.returncode


def connect(port, timeout=10):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.settimeout(timeout)
    return s


def read_response(s, deadline=10):
    """Reads one HTTP/1.1 response (Content-Length framed) from s; returns
    (status, headers dict with lower-case names, body bytes) or None when the
    connection closed or timed out first."""
    data = b""
    end = time.time() + deadline
    while b"\r\n\r\n" not in data:
        if time.time() > end:
            return None
        try:
            chunk = s.recv(65536)
        except (socket.timeout, ConnectionResetError):
            return None
        if not chunk:
            return None
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers.setdefault(k.strip().lower(), []).append(v.strip())
    n = int(headers.get("content-length", ["0"])[0])
    while len(body) < n:
        if time.time() > end:
            return None
        try:
            chunk = s.recv(65536)
        except (socket.timeout, ConnectionResetError):
            return None
        if not chunk:
            break
        body += chunk
    return status, headers, body[:n]


def request(port, method, path, body=b"", headers=None, timeout=10):
    """One request on a fresh connection: (status, headers, body) or None."""
    if isinstance(body, str):
        body = body.encode()
    h = {"Host": "127.0.0.1", "Connection": "close"}
    if body or method == "POST":
        h["Content-Length"] = str(len(body))
    h.update(headers or {})
    raw = ("%s %s HTTP/1.1\r\n" % (method, path)).encode()
    raw += b"".join(("%s: %s\r\n" % kv).encode() for kv in h.items()) + b"\r\n" + body
    try:
        with connect(port, timeout) as s:
            s.sendall(raw)
            return read_response(s, timeout)
    except OSError:
        return None


def raw_exchange(port, raw, timeout=10):
    """Sends raw bytes and reads until the server closes or timeout; returns
    (every byte received, seconds it took)."""
    t = time.time()
    data = b""
    try:
        with connect(port, timeout) as s:
            s.sendall(raw)
            while time.time() - t < timeout:
                try:
                    chunk = s.recv(65536)
                except socket.timeout:
                    break
                if not chunk:
                    break
                data += chunk
    except (ConnectionResetError, BrokenPipeError):
        pass
    return data, time.time() - t


def finish(srv, what):
    """Stops srv and fails `what` if it died early, hung, or a sanitizer
    spoke.  Returns True when all was well."""
    alive = srv.alive()
    rc = srv.stop()
    report = srv.sanitizer_report()
    if not alive:
        fail("%s: the server died (status %s): %s" % (what, rc, report or srv.stderr()[-800:]))
        return False
    if report:
        fail("%s: sanitizer report: %s" % (what, report))
        return False
    if rc != 0:
        fail("%s: exit status %s after SIGTERM" % (what, rc))
        return False
    return True


# ---- checks ----------------------------------------------------------------

def hammer(port, path, seconds, connections):
    """Concurrent keep-alive GETs of path for `seconds`: wrk when installed
    (it is in the Makefile's packages), else Python threads.  Returns the
    number of requests that got a 200."""
    if shutil.which("wrk"):
        out = subprocess.run(["wrk", "-t2", "-c%d" % connections, "-d%ds" % seconds,
                              "http://127.0.0.1:%d%s" % (port, path)],
                             capture_output=True, text=True, timeout=seconds + 30).stdout
        m = re.search(r"(\d+) requests in", out)
        bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        return int(m.group(1)) - (int(bad.group(1)) if bad else 0) if m else 0
    count = [0]
    lock = threading.Lock()
    stop = time.time() + seconds

    def client():
        s = None
        while time.time() < stop:
            try:
                if s is None:
                    s = connect(port)
                s.sendall(("GET %s HTTP/1.1\r\nHost: x\r\n\r\n" % path).encode())
                r = read_response(s)
                if r is None:
                    s.close()
                    s = None
                elif r[0] == 200:
                    with lock:
                        count[0] += 1
            except OSError:
                s = None
    threads = [threading.Thread(target=client) for _ in range(min(connections, 16))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return count[0]


def check_catalog_concurrent():
    """Item 1: GET /catalog from many connections at once used to splice the
    generation's shared json-c tree into every answer, with reference counts
    that are not atomic: a heap use-after-free within a few dozen requests
    under ASan.  Every answer must be the same bytes, and the server must
    stay up and clean."""
    srv = Server("catalog", "--threads", "4", "--per-ip", "200", "--no-access-log")
    first = request(srv.port, "GET", "/catalog")
    n = hammer(srv.port, "/catalog", 4, 32)
    last = request(srv.port, "GET", "/catalog")
    same = first and last and first[0] == 200 and first[2] == last[2]
    if not finish(srv, "concurrent /catalog"):
        return
    if not same or n < 100:
        fail("concurrent /catalog: %d answers, first and last the same: %s" % (n, bool(same)))
    else:
        ok("concurrent GET /catalog: %d answers, server clean" % n)


CHECKS = {
    "catalog_concurrent": check_catalog_concurrent,
}


def main():
    names = sys.argv[4:] or list(CHECKS)
    for name in names:
        try:
            CHECKS[name]()
        except Exception as e:  # a check that raises is a failed check
            fail("%s: %r" % (name, e))
    if FAILS:
        print("%d checks failed (outputs in %s)" % (len(FAILS), OUT))
        sys.exit(1)
    print("all hostile checks passed")


if __name__ == "__main__":
    main()
