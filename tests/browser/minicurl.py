#!/usr/bin/env python3
"""The subset of curl that tests/cli_serve.sh uses, for machines without the
curl command (Debian's base image has none; the project's packages bring
libcurl but not the tool).  Standard library only.

Options: -s, -o FILE, -w FORMAT (%{http_code}, %{content_type}), -X METHOD,
-H 'Name: value', -d DATA, --data-binary DATA, --data-urlencode NAME=VALUE,
-G (data goes to the query string), -I (HEAD).  A 'Transfer-Encoding:
chunked' header sends the body in chunks, as curl does.
"""
import http.client
import sys
import urllib.parse


def main(argv):
    method, headers, out, fmt = None, [], None, ""
    data, encoded, get, url = [], [], False, None
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "-s":
            pass
        elif a == "-G":
            get = True
        elif a == "-I":
            method = "HEAD"
        elif a in ("-o", "-w", "-X", "-H", "-d", "--data-binary", "--data-urlencode"):
            i += 1
            v = argv[i]
            if a == "-o":
                out = v
            elif a == "-w":
                fmt = v
            elif a == "-X":
                method = v
            elif a == "-H":
                headers.append(tuple(x.strip() for x in v.split(":", 1)))
            elif a == "--data-urlencode":
                name, _, value = v.partition("=")
                encoded.append(urllib.parse.quote_plus(name) + "=" + urllib.parse.quote_plus(value)
                               if _ else urllib.parse.quote_plus(v))
            else:
                data.append(v)
        else:
            url = a
        i += 1
    parts = urllib.parse.urlsplit(url)
    body = "&".join(data + encoded)
    path = parts.path or "/"
    query = parts.query
    if get and body:
        query = (query + "&" if query else "") + body
        body = ""
    if query:
        path += "?" + query
    if method is None:
        method = "POST" if (data or encoded) and not get else "GET"
    names = {k.lower() for k, _ in headers}
    if body and "content-type" not in names:
        headers.append(("Content-Type", "application/x-www-form-urlencoded"))
    chunked = ("transfer-encoding", "chunked") in {(k.lower(), v.lower()) for k, v in headers}
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
    try:
        if chunked:
            conn.putrequest(method, path)
            for k, v in headers:
                conn.putheader(k, v)
            conn.endheaders()
            raw = body.encode()
            try:
                for j in range(0, len(raw), 1024):
                    piece = raw[j:j + 1024]
                    conn.send(b"%x\r\n%s\r\n" % (len(piece), piece))
                conn.send(b"0\r\n\r\n")
            except OSError:
                pass  # the server may answer (413) and close before the end
        else:
            if body and "content-length" not in names:
                headers.append(("Content-Length", str(len(body.encode()))))
            conn.request(method, path, body.encode() if body else None, dict(headers))
        r = conn.getresponse()
        payload = r.read()
        status, ctype = r.status, r.getheader("Content-Type", "")
    except (OSError, http.client.HTTPException):
        status, ctype, payload = 0, "", b""
    if out:
        with open(out, "wb") as f:
            f.write(payload)
    else:
        sys.stdout.buffer.write(payload)
    sys.stdout.write(fmt.replace("%{http_code}", "%03d" % status).replace("%{content_type}", ctype))
    return 0 if status else 7


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
