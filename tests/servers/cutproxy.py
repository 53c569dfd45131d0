#!/usr/bin/python3
"""A TCP proxy on 127.0.0.1 that breaks connections on purpose, for tests.

    cutproxy.py PORTFILE UPSTREAM_PORT MODE BYTES [TIMES]

Listens on a free port of 127.0.0.1 (written to PORTFILE once listening)
and forwards to 127.0.0.1:UPSTREAM_PORT. After BYTES bytes from the client
have passed in all:
  cut   resets the connection carrying them (the first TIMES times, then
        lets everything through): a connection cut mid-file;
  die   resets every connection and refuses new ones: the server is gone;
  slow  passes everything, but at most BYTES bytes a second from the
        clients in all: a slow line, so that transfers take a while.
Runs until killed."""
import selectors
import socket
import struct
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import listen  # noqa: E402  (after the line above)


def main():
    portfile, upstream, mode, limit = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    times = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    listener = listen.on_free_port(portfile)
    sel = selectors.DefaultSelector()
    sel.register(listener, selectors.EVENT_READ)
    peer = {}
    passed = 0
    cuts = 0
    dead = False

    def reset(s):
        # SO_LINGER 0: close sends a reset, as a dropped link would.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        close(s)

    def close(s):
        other = peer.pop(s, None)
        for x in (s, other):
            if x is None:
                continue
            peer.pop(x, None)
            try:
                sel.unregister(x)
            except (KeyError, ValueError):
                pass
            x.close()

    while True:
        for key, _ in sel.select():
            s = key.fileobj
            if s is listener:
                client, _ = listener.accept()
                if dead:
                    reset(client)
                    continue
                server = socket.create_connection(("127.0.0.1", upstream))
                peer[client], peer[server] = server, client
                sel.register(client, selectors.EVENT_READ, "client")
                sel.register(server, selectors.EVENT_READ, "server")
                continue
            if s not in peer:
                continue
            try:
                data = s.recv(65536)
            except OSError:
                data = b""
            if not data:
                close(s)
                continue
            if key.data == "client" and mode == "slow":
                time.sleep(len(data) / limit)
            elif key.data == "client":
                passed += len(data)
                if passed >= limit and mode == "die":
                    dead = True
                    for x in list(peer):
                        if x in peer:
                            reset(x)
                    continue
                if passed >= limit and mode == "cut" and cuts < times:
                    cuts += 1
                    passed = 0
                    reset(s)
                    continue
            try:
                peer[s].sendall(data)
            except OSError:
                close(s)


main()
