#!/usr/bin/env python3
"""A reverse proxy that serves a vigil server under a path prefix, as a
deployment behind nginx or HAProxy with `vigil serve --public-url
https://host/PREFIX/` does: /PREFIX/x is forwarded to BACKEND/x (method,
body, Authorization and Content-Type), anything else is a 404.

The backend is read from BACKEND_FILE at each request, so that the proxy
can start first and say its port (written to PORT_FILE), and the server
can then be started with a --public-url naming that port.

usage: prefix_proxy.py PREFIX PORT_FILE BACKEND_FILE
"""
import http.server
import os
import sys
import urllib.error
import urllib.request


def handler(prefix, backend_file):
    class Proxy(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def forward(self):
            if not self.path.startswith(prefix + "/"):
                self.send_error(404)
                return
            with open(backend_file, encoding="utf-8") as f:
                backend = f.read().strip()
            n = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(n) if n else None
            headers = {k: self.headers[k] for k in ("Authorization", "Content-Type") if self.headers[k]}
            req = urllib.request.Request(backend + self.path[len(prefix):], data=body,
                                         method=self.command, headers=headers)
            try:
                r = urllib.request.urlopen(req, timeout=60)
            except urllib.error.HTTPError as e:
                r = e
            data = r.read()
            self.send_response(r.status)
            self.send_header("Content-Type", r.headers.get("Content-Type", "application/octet-stream"))
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = forward
    return Proxy


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    prefix, port_file, backend_file = sys.argv[1:]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             handler(prefix.rstrip("/"), backend_file))
    with open(port_file + ".tmp", "w", encoding="utf-8") as f:
        f.write("%d\n" % server.server_address[1])
    os.replace(port_file + ".tmp", port_file)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
