#!/usr/bin/python3
"""A fake S3 service over plain HTTP on 127.0.0.1, for the ETag check.

    fake_s3.py PORTFILE LOG

Knows no object (GET and HEAD answer 404); a PUT is read whole and answered
200 with the MD5 of its body as ETag, except for keys ending in .mp3: their
ETag is the MD5 of other bytes, as a service that stored something else
would answer. Appends one JSON line per request to LOG (method, path,
x-amz-content-sha256, the SHA-256 of the body). Writes its port to PORTFILE
once listening; runs until killed."""
import hashlib
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer


class FakeS3(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self, status, etag=None):
        self.send_response(status)
        if etag:
            self.send_header("ETag", '"%s"' % etag)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_request_line(self, body):
        with open(sys.argv[2], "a") as log:
            log.write(json.dumps({"method": self.command, "path": self.path,
                                  "payload": self.headers.get("x-amz-content-sha256"),
                                  "sha256": hashlib.sha256(body).hexdigest()}) + "\n")

    def do_GET(self):
        self.log_request_line(b"")
        self.answer(404)

    do_HEAD = do_DELETE = do_GET

    def do_PUT(self):
        if self.headers.get("Expect", "").lower() == "100-continue":
            self.send_response_only(100)
            self.end_headers()
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.log_request_line(body)
        wrong = self.path.split("?")[0].endswith(".mp3")
        self.answer(200, hashlib.md5(body + (b"x" if wrong else b"")).hexdigest())

    def log_message(self, *args):
        pass


server = HTTPServer(("127.0.0.1", 0), FakeS3)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
server.serve_forever()
