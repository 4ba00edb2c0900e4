#!/usr/bin/env python3
"""Drives the review queue of `vigil serve --cases DB` in headless Chromium
(the DevTools client of drive.py), the way an analyst works through it while
the nightly screening runs beside the server:

  1. signs in with an analyst key and sees the open alerts;
  2. opens the alert of customer C-001, sees why it fired, and decides it is a
     false positive;
  3. re-screens the same file with `vigil screen --cases` and sees the alert
     suppressed (last run: suppressed) under "decided";
  4. changes the customer's birth date, re-screens, and sees the alert back in
     the open queue, "changed since decision" naming the birth date;
  5. opens it while another analyst decides it from the command line, decides
     on what the page shows, and gets the conflict (HTTP 409) instead of
     overwriting the other decision.
A screenshot of each step goes to OUT_DIR.

usage: drive_cases.py BASE_URL OUT_DIR KEY VIGIL INDEX DB SUBJECTS.csv
Exits 0 when every check passes, 1 with the reason otherwise.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from drive import Page, WebSocket, find_chromium  # noqa: E402


def screen(vigil, index, db, csv):
    p = subprocess.run([vigil, "screen", "-x", index, "--cases", db, "--jsonl", csv],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=120)
    if p.returncode != 0:
        raise RuntimeError("vigil screen --cases failed: %s" % p.stderr)
    print("re-screen:", p.stderr.strip())
    return p.stderr


def queue(page):
    return page.js("[...document.querySelectorAll('#queue li')].map(li => ({id: li.dataset.id,"
                   " subject: li.dataset.subject, state: li.dataset.state,"
                   " outcome: li.dataset.outcome,"
                   " changed: (li.querySelector('.changed') || {}).textContent || ''}))")


def show(page, state):
    """Chooses what the queue shows with the mouse and the keyboard."""
    page.js("document.getElementById('queue-state').focus()")
    page.js("document.getElementById('queue-state').value = %s" % json.dumps(state))
    page.click("#queue-refresh")
    page.wait_state(["queue-done", "error"])


def open_case(page, subject):
    page.click("#queue li[data-subject=%s] button.link" % json.dumps(subject))
    page.wait_state(["case-done", "error"])
    return page.js("({title: document.getElementById('case-title').textContent,"
                   " why: document.getElementById('case-why').textContent,"
                   " changed: (document.getElementById('case-changed') || {}).textContent || '',"
                   " subject: [...document.querySelectorAll('#case table')[0].rows].map(r => r.textContent),"
                   " focused: document.activeElement.id})")


def decide(page, verdict_id, reason):
    page.click("#" + verdict_id)
    page.js("document.getElementById('case-reason').focus()")
    page.call("Input.insertText", text=reason)
    page.click("#case-decide")
    state = page.wait_state(["decided", "conflict", "error"])
    return state, page.js("document.getElementById('case-status').textContent")


def run(page, base, out_dir, key, vigil, index, db, csv):
    # 1. sign in
    page.call("Page.navigate", url=base + "/")
    page.wait_state(["signin"])
    page.js("document.getElementById('analyst-key').focus()")
    page.call("Input.insertText", text=key)
    page.key("Enter", "Enter", 13, text="\r")
    page.wait_state(["queue-done", "error"])
    status = page.js("document.getElementById('queue-status').textContent")
    alerts = queue(page)
    print("queue:", status, alerts)
    page.screenshot(os.path.join(out_dir, "1-queue.png"))
    if "signed in as alice" not in status:
        raise RuntimeError("not signed in: %r" % status)
    if not {"C-001", "C-002"} <= {a["subject"] for a in alerts}:
        raise RuntimeError("the open alerts of C-001 and C-002 expected: %s" % alerts)

    # 2. why it fired, and a false positive
    case = open_case(page, "C-001")
    print("case:", case)
    if "ERIC BADEGE" not in case["why"] or "birth_date1971" not in case["subject"]:
        raise RuntimeError("the alert does not show why it fired: %s" % case)
    if case["focused"] != "case-section":
        raise RuntimeError("focus did not move to the alert (%r)" % case["focused"])
    state, text = decide(page, "verdict-fp", "Customer is a teacher in Lyon, born in France")
    page.screenshot(os.path.join(out_dir, "2-decided.png"))
    print("decision:", state, text)
    if state != "decided" or "false positive" not in text:
        raise RuntimeError("decision failed: %s %s" % (state, text))
    if any(a["subject"] == "C-001" for a in queue(page)):
        raise RuntimeError("the decided alert is still in the open queue")

    # 3. the same file again: suppressed
    err = screen(vigil, index, db, csv)
    if not re.search(r"[1-9][0-9]* suppressed by a decision", err):
        raise RuntimeError("re-screening suppressed nothing: %s" % err)
    page.call("Page.navigate", url=base + "/")
    page.wait_state(["queue-done", "error"])
    if any(a["subject"] == "C-001" for a in queue(page)):
        raise RuntimeError("the suppressed alert came back to the open queue")
    show(page, "decided")
    decided = queue(page)
    print("decided:", decided)
    page.screenshot(os.path.join(out_dir, "3-suppressed.png"))
    mine = [a for a in decided if a["subject"] == "C-001"]
    if not mine or mine[0]["outcome"] != "suppressed":
        raise RuntimeError("the alert is not shown suppressed: %s" % decided)

    # 4. the customer's birth date changes: re-opened
    changed_csv = os.path.join(out_dir, "subjects-changed.csv")
    with open(csv) as f, open(changed_csv, "w") as g:
        g.write(f.read().replace("C-001,Eric Badege,1971,", "C-001,Eric Badege,1972,"))
    err = screen(vigil, index, db, changed_csv)
    if not re.search(r"[1-9][0-9]* re-opened by a change", err):
        raise RuntimeError("the change did not re-open the alert: %s" % err)
    page.call("Page.navigate", url=base + "/")
    page.wait_state(["queue-done", "error"])
    reopened = [a for a in queue(page) if a["subject"] == "C-001"]
    print("re-opened:", reopened)
    page.screenshot(os.path.join(out_dir, "4-reopened.png"))
    if not reopened or "birth_date 1971 -> 1972" not in reopened[0]["changed"]:
        raise RuntimeError("the alert is not back as changed since decision: %s" % reopened)

    # 5. two analysts at once: the page's decision is refused, not written over
    case = open_case(page, "C-001")
    if "birth_date 1971 -> 1972" not in case["changed"]:
        raise RuntimeError("the alert does not say what changed: %s" % case)
    version = page.js("document.getElementById('decide-form').dataset.version")
    p = subprocess.run([vigil, "cases", "decide", "--db", db, reopened[0]["id"], "--version", version,
                        "--analyst", "bob", "--verdict", "escalate", "--reason", "bob got there first"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
    if p.returncode != 0:
        raise RuntimeError("bob's decision failed: %s" % p.stderr)
    state, text = decide(page, "verdict-fp", "still not him")
    page.screenshot(os.path.join(out_dir, "5-conflict.png"))
    print("second decision:", state, text)
    if state != "conflict" or "changed since version" not in text:
        raise RuntimeError("a stale decision was not refused: %s %s" % (state, text))
    shown = page.js("(document.getElementById('case-decision') || {}).textContent || ''")
    if "escalate by bob" not in shown:
        raise RuntimeError("the page does not show bob's decision after the conflict: %r" % shown)


def main():
    if len(sys.argv) != 8:
        print(__doc__)
        return 2
    base, out_dir, key, vigil, index, db, csv = sys.argv[1:]
    chromium = find_chromium()
    if not chromium:
        print("FAIL: chromium is not installed (apt-get install chromium; `make deps` does it)")
        return 1
    os.makedirs(out_dir, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="vigil-chromium-")
    proc = subprocess.Popen(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--disable-extensions", "--remote-debugging-port=0",
         "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + profile,
         "--window-size=1366,900", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = os.path.join(profile, "DevToolsActivePort")
        end = time.time() + 120
        while not os.path.exists(port_file) or not open(port_file).read().strip():
            if time.time() > end or proc.poll() is not None:
                raise RuntimeError("chromium did not start its DevTools endpoint")
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        targets = json.load(urllib.request.urlopen("http://127.0.0.1:%s/json/list" % port))
        ws_url = next(t["webSocketDebuggerUrl"] for t in targets if t.get("type") == "page")
        page = Page(WebSocket(ws_url))
        page.call("Page.enable")
        page.call("Runtime.enable")
        page.call("Emulation.setDeviceMetricsOverride", width=1366, height=900,
                  deviceScaleFactor=1, mobile=False)
        run(page, base, out_dir, key, vigil, index, db, csv)
        print("screenshots in", out_dir)
        return 0
    except Exception as e:  # the reason is the test's output
        print("FAIL:", e)
        return 1
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
