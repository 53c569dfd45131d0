#!/usr/bin/python3
"""An old podcast host on 127.0.0.1, for the import tests.

    media_host.py ROOT PORTFILE LOG

Serves the files under ROOT with GET and HEAD, with single Range requests
(206) as hosts' CDNs answer them. /redirect/PATH answers 302 to /PATH, as
hosts' tracking prefixes do. A path listed in ROOT/.slow (one per line) is
sent slowly: its first 64 KiB, then a pause of a second per 4 KiB, so a
test can interrupt it halfway. Appends one JSON line per request to LOG
(method, path, Range header, status). Writes its port to PORTFILE once
listening. Runs until killed."""
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT, PORTFILE, LOG = sys.argv[1], sys.argv[2], sys.argv[3]


class Host(BaseHTTPRequestHandler):
    def log(self, status):
        with open(LOG, "a") as log:
            log.write(json.dumps({"method": self.command, "path": self.path,
                                  "range": self.headers.get("Range"),
                                  "status": status}) + "\n")

    def slow(self, path):
        try:
            with open(os.path.join(ROOT, ".slow")) as f:
                return path in [l.strip() for l in f]
        except OSError:
            return False

    def do_GET(self):
        path = self.path.split("?")[0]
        if path.startswith("/redirect/"):
            self.log(302)
            self.send_response(302)
            self.send_header("Location", path[len("/redirect"):])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        file = os.path.join(ROOT, path.lstrip("/"))
        if ".." in path or not os.path.isfile(file):
            self.log(404)
            self.send_error(404)
            return
        with open(file, "rb") as f:
            data = f.read()
        start, status = 0, 200
        rng = self.headers.get("Range")
        if rng and rng.startswith("bytes=") and rng.endswith("-"):
            start = int(rng[6:-1])
            if start >= len(data):
                self.log(416)
                self.send_error(416)
                return
            status = 206
        self.log(status)
        self.send_response(status)
        self.send_header("Content-Length", str(len(data) - start))
        if status == 206:
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(data) - 1, len(data)))
        self.end_headers()
        if self.command == "HEAD":
            return
        body = data[start:]
        if self.slow(path):
            self.wfile.write(body[:65536])
            self.wfile.flush()
            for i in range(65536, len(body), 4096):
                time.sleep(1)
                self.wfile.write(body[i:i + 4096])
                self.wfile.flush()
        else:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading: a size cap, as podpub's

    do_HEAD = do_GET

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Host)
server.daemon_threads = True
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(PORTFILE + ".tmp", PORTFILE)
server.serve_forever()
