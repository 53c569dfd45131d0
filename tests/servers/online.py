#!/usr/bin/python3
"""An HTTP server on 127.0.0.1 for `podpub lint URL` and `--online` tests.

    online.py PORTFILE ROOT

Serves the files under ROOT (tests/e2e/lint_online.sh fills it from
tests/data/online/ and generates the images), writing "@BASE@" in .xml
files as its own http://127.0.0.1:PORT. The first path segment picks a
behaviour, the rest names the file:

    /ok/FILE        200, or 206 to a Range; Accept-Ranges: bytes; CORS
    /norange/FILE   ignores Range, no Accept-Ranges (sends the whole file)
    /nocors/FILE    no Access-Control-Allow-Origin
    /type/T1/T2/FILE  served as Content-Type T1/T2
    /redirect/N/REST  N more 302s, then REST (/redirect/2/ok/feed.xml)
    /huge           a body of 65 MiB that never ends sooner
    anything else   404

Writes its port to PORTFILE once listening. Runs until killed."""
import os
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TYPES = {".mp3": "audio/mpeg", ".m4a": "audio/x-m4a", ".png": "image/png",
         ".jpg": "image/jpeg", ".vtt": "text/vtt", ".srt": "application/x-subrip",
         ".json": "application/json", ".xml": "application/rss+xml"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def base(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    def send(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        parts = self.path.split("?")[0].lstrip("/").split("/")
        mode = parts[0]
        if mode == "redirect" and len(parts) > 2:
            n = int(parts[1])
            rest = "/".join(parts[2:])
            where = "/redirect/%d/%s" % (n - 1, rest) if n > 1 else "/" + rest
            return self.send(302, b"", [("Location", where)])
        if mode == "huge":
            size = 65 << 20
            self.send_response(200)
            self.send_header("Content-Length", str(size))
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            chunk = b" " * 65536
            try:
                for _ in range(size // len(chunk)):
                    self.wfile.write(chunk)
            except OSError:
                pass
            return
        ctype = None
        if mode == "type" and len(parts) > 3:
            ctype = parts[1] + "/" + parts[2]
            parts = parts[2:]
        name = "/".join(parts[1:])
        path = os.path.join(sys.argv[2], name)
        if mode not in ("ok", "norange", "nocors", "type") or ".." in parts or not os.path.isfile(path):
            return self.send(404, b"not found\n", [("Content-Type", "text/plain")])
        with open(path, "rb") as f:
            body = f.read()
        if name.endswith(".xml"):
            body = body.replace(b"@BASE@", self.base().encode())
        headers = [("Content-Type", ctype or TYPES.get(os.path.splitext(name)[1], "application/octet-stream"))]
        if mode != "nocors":
            headers.append(("Access-Control-Allow-Origin", "*"))
        if mode == "norange":
            return self.send(200, body, headers)
        headers.append(("Accept-Ranges", "bytes"))
        m = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range") or "")
        if m and int(m.group(1)) < len(body):
            first = int(m.group(1))
            last = min(int(m.group(2)) if m.group(2) else len(body) - 1, len(body) - 1)
            headers.append(("Content-Range", "bytes %d-%d/%d" % (first, last, len(body))))
            return self.send(206, body[first:last + 1], headers)
        return self.send(200, body, headers)

    do_GET = do_HEAD = handle_any

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that hangs up (podpub past a size cap) is no news


server = Server(("127.0.0.1", 0), Handler)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
server.serve_forever()
