#!/usr/bin/python3
"""An HTTP server on 127.0.0.1 that records every request, for tests.

    recorder.py PORTFILE LOG [STATUS]

Answers every GET and POST with STATUS (default 204) and appends one JSON
line per request to LOG: method, path with query, headers, body. Writes its
port to PORTFILE once listening. Runs until killed."""
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer


class Recorder(BaseHTTPRequestHandler):
    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        with open(sys.argv[2], "a") as log:
            log.write(json.dumps({"method": self.command, "path": self.path,
                                  "headers": dict(self.headers), "body": body}) + "\n")
        self.send_response(int(sys.argv[3]) if len(sys.argv) > 3 else 204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = handle_any

    def log_message(self, *args):
        pass


server = HTTPServer(("127.0.0.1", 0), Recorder)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
server.serve_forever()
