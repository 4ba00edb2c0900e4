#!/usr/bin/env python3
"""Drives the analyst page of `vigil serve` in headless Chromium through the
DevTools protocol (standard library only: the WebSocket client is the few
lines below), the way an analyst uses it from the keyboard and mouse:

  1. opens the page and waits for the catalog;
  2. types a name into the search box, presses Tab (focus must move to the
     next field) and Enter, and waits for the results;
  3. clicks the first result and checks the entity view (sanctions, links);
  4. types a text into the scan box, clicks Scan and checks the highlights;
  5. keeps a screenshot of each step in OUT_DIR.

usage: drive.py BASE_URL OUT_DIR NAME EXPECT_IN_CAPTION SCAN_TEXT EXPECT_MARK
Exits 0 when every check passes, 1 with the reason otherwise.
"""
import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request


class WebSocket:
    """A minimal RFC 6455 client: text frames, client-side masking."""

    def __init__(self, url):
        assert url.startswith("ws://")
        hostport, path = url[5:].split("/", 1)
        host, port = hostport.rsplit(":", 1)
        self.sock = socket.create_connection((host, int(port)), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((
            "GET /%s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\n"
            "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n" % (path, hostport, key)).encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise RuntimeError("websocket handshake: connection closed")
            head += chunk
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError("websocket handshake failed: %r" % head[:200])

    def _recv_exact(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise RuntimeError("websocket closed")
            buf += chunk
        return buf

    def send(self, text):
        data = text.encode()
        header = bytearray([0x81])
        n = len(data)
        if n < 126:
            header.append(0x80 | n)
        elif n < 65536:
            header.append(0x80 | 126)
            header += struct.pack(">H", n)
        else:
            header.append(0x80 | 127)
            header += struct.pack(">Q", n)
        mask = os.urandom(4)
        header += mask
        self.sock.sendall(bytes(header) + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def recv(self):
        message = b""
        while True:
            b0, b1 = self._recv_exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._recv_exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._recv_exact(8))[0]
            payload = self._recv_exact(n)
            opcode = b0 & 0x0F
            if opcode == 8:
                raise RuntimeError("websocket closed by the browser")
            if opcode in (9, 10):  # ping/pong: ignore
                continue
            message += payload
            if b0 & 0x80:
                return message.decode()


class Page:
    def __init__(self, ws):
        self.ws = ws
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError("%s: %s" % (method, msg["error"]))
                return msg.get("result", {})

    def js(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError("page script failed: %s" % r["exceptionDetails"])
        return r["result"].get("value")

    def wait_state(self, states, timeout=90):
        end = time.time() + timeout
        state = None
        while time.time() < end:
            state = self.js("document.body ? document.body.dataset.state : null")
            if state in states:
                return state
            time.sleep(0.05)
        raise RuntimeError("page did not reach %s (state %r)" % (states, state))

    def key(self, key, code, vk, modifiers=0, text=None):
        down = dict(type="keyDown", key=key, code=code, windowsVirtualKeyCode=vk,
                    nativeVirtualKeyCode=vk, modifiers=modifiers)
        if text:
            down["text"] = text
        self.call("Input.dispatchKeyEvent", **down)
        self.call("Input.dispatchKeyEvent", type="keyUp", key=key, code=code,
                  windowsVirtualKeyCode=vk, nativeVirtualKeyCode=vk, modifiers=modifiers)

    def click(self, selector):
        box = self.js("(() => { const e = document.querySelector(%s); if (!e) return null;"
                      " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                      " return [r.x + r.width / 2, r.y + r.height / 2]; })()" % json.dumps(selector))
        if not box:
            raise RuntimeError("nothing to click at %s" % selector)
        for t in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=t, x=box[0], y=box[1], button="left",
                      clickCount=1)

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    """Headless Chromium with one page open on the DevTools protocol, for a
    `with` block: `with Browser(chromium) as page: ...`."""

    def __init__(self, chromium):
        self.chromium = chromium

    def __enter__(self):
        self.profile = tempfile.mkdtemp(prefix="vigil-chromium-")
        self.proc = subprocess.Popen(
            [self.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--disable-extensions", "--remote-debugging-port=0",
             "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + self.profile,
             "--window-size=1366,900", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            port_file = os.path.join(self.profile, "DevToolsActivePort")
            end = time.time() + 120
            while not os.path.exists(port_file) or not open(port_file).read().strip():
                if time.time() > end or self.proc.poll() is not None:
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
            return page
        except BaseException:
            self.__exit__(None, None, None)
            raise

    def __exit__(self, *exc):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)
        return False


def steps(page, base, out_dir, name, expect, scan_text, expect_mark):
    """The analyst's steps 1 to 4 (module docstring); raises with the reason."""
    # 1. the page and its catalog
    page.call("Page.navigate", url=base + "/")
    page.wait_state(["ready"])
    catalog = page.js("document.getElementById('catalog').textContent")
    print("catalog line:", catalog)
    if "lists" not in catalog:
        raise RuntimeError("catalog not shown: %r" % catalog)

    # 2. search from the keyboard
    page.js("document.getElementById('q').focus()")
    page.call("Input.insertText", text=name)
    page.key("Tab", "Tab", 9)
    focused = page.js("document.activeElement.id")
    if focused != "schema":
        raise RuntimeError("Tab from the name box went to %r, not the type field" % focused)
    page.js("document.getElementById('q').focus()")
    page.key("Enter", "Enter", 13, text="\r")
    page.wait_state(["search-done", "error"])
    status = page.js("document.getElementById('search-status').textContent")
    results = page.js("[...document.querySelectorAll('#results li')].map(li => ({id: li.dataset.id,"
                      " caption: li.querySelector('button').textContent,"
                      " score: li.querySelector('.score').textContent,"
                      " why: !!li.querySelector('details pre')}))")
    print("search status:", status)
    for r in results[:5]:
        print("  result:", r)
    page.screenshot(os.path.join(out_dir, "1-search.png"))
    if not results:
        raise RuntimeError("no results for %r: %s" % (name, status))
    if expect.lower() not in results[0]["caption"].lower():
        raise RuntimeError("first result %r does not contain %r" % (results[0]["caption"], expect))
    if not results[0]["why"]:
        raise RuntimeError("the first result has no explanation")

    # 3. open the first result with the mouse
    page.click("#results li button.link")
    page.wait_state(["entity-done", "error"])
    entity = page.js("({title: document.getElementById('entity-title').textContent,"
                     " rows: document.querySelectorAll('#entity tbody tr').length,"
                     " sanctions: document.querySelectorAll('#sanctions li').length,"
                     " links: document.querySelectorAll('#links li').length,"
                     " focused: document.activeElement.id})")
    print("entity view:", entity)
    page.screenshot(os.path.join(out_dir, "2-entity.png"))
    if entity["title"] != results[0]["caption"]:
        raise RuntimeError("entity view shows %r, not the clicked %r" % (entity["title"], results[0]["caption"]))
    if entity["rows"] < 4 or entity["sanctions"] < 1:
        raise RuntimeError("entity view lacks properties or sanctions: %s" % entity)
    if entity["focused"] != "entity-section":
        raise RuntimeError("focus did not move to the entity view (%r)" % entity["focused"])

    # 4. scan a text
    page.js("document.getElementById('scan-text').focus()")
    page.call("Input.insertText", text=scan_text)
    page.click("#scan-button")
    page.wait_state(["scan-done", "error"])
    scan = page.js("({status: document.getElementById('scan-status').textContent,"
                   " marks: [...document.querySelectorAll('#scanned mark')].map(m => m.textContent),"
                   " text: document.getElementById('scanned').textContent})")
    print("scan:", scan)
    page.screenshot(os.path.join(out_dir, "3-scan.png"))
    if scan["text"] != scan_text:
        raise RuntimeError("the highlighted text differs from the input")
    if not any(expect_mark.lower() in m.lower() for m in scan["marks"]):
        raise RuntimeError("no highlighted mention containing %r: %s" % (expect_mark, scan["marks"]))
    print("screenshots in", out_dir)
    return 0


def main():
    if len(sys.argv) != 7:
        print(__doc__)
        return 2
    base, out_dir, name, expect, scan_text, expect_mark = sys.argv[1:]
    chromium = find_chromium()
    if not chromium:
        print("FAIL: chromium is not installed (apt-get install chromium; `make deps` does it)")
        return 1
    os.makedirs(out_dir, exist_ok=True)
    try:
        with Browser(chromium) as page:
            return steps(page, base, out_dir, name, expect, scan_text, expect_mark)
    except Exception as e:  # the reason is the test's output
        print("FAIL:", e)
        return 1


if __name__ == "__main__":
    sys.exit(main())
