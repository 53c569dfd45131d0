"""The listening socket of a test helper server on 127.0.0.1.

    listener = listen.on_free_port(PORTFILE)

Binds a free port of 127.0.0.1 and writes its number to PORTFILE once it
listens (through a rename, so a reader never sees half a number): the
tests wait for that file (lib.sh's port_of)."""
import os
import socket


def on_free_port(portfile):
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(listener.getsockname()[1]))
    os.rename(portfile + ".tmp", portfile)
    return listener
