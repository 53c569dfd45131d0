#!/usr/bin/python3
"""A TCP proxy on 127.0.0.1 that adds latency, for `make bench`.

    delayproxy.py PORTFILE UPSTREAM_PORT DELAY_MS

Listens on a free port of 127.0.0.1 (written to PORTFILE once listening)
and forwards to 127.0.0.1:UPSTREAM_PORT, passing on what each side sends
DELAY_MS milliseconds after it came: a round trip of twice DELAY_MS, as a
web host in another country has, where loopback has none. Bandwidth is
not limited. (An FTP data connection goes to the port the server names,
past the proxy: only the commands wait.) Runs until killed."""
import collections
import heapq
import itertools
import selectors
import socket
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import listen  # noqa: E402  (after the line above)

# Bytes waiting in one direction before the proxy stops reading that side.
QUEUE_MAX = 16 << 20


class Leg:
    """One direction: bytes read from `src`, due on `dst` at their time."""

    def __init__(self, src, dst):
        self.src, self.dst = src, dst
        self.due = collections.deque()  # (time, bytes)
        self.queued = 0
        self.reading = True
        self.closing = False


def main():
    portfile, upstream, delay = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) / 1000.0
    listener = listen.on_free_port(portfile)
    sel = selectors.DefaultSelector()
    sel.register(listener, selectors.EVENT_READ)
    legs_from = {}  # socket -> the Leg it reads
    legs_to = {}  # socket -> the Leg that writes to it
    timers = []  # (time, n, Leg): a leg with bytes due
    counter = itertools.count()

    def interest(s):
        events = 0
        leg = legs_from.get(s)
        if leg and leg.reading:
            events |= selectors.EVENT_READ
        out = legs_to.get(s)
        if out and out.due and out.due[0][0] <= time.monotonic() and out.due[0][1] is not None:
            events |= selectors.EVENT_WRITE
        try:
            if events:
                sel.modify(s, events) if s in sel.get_map() else sel.register(s, events)
            elif s in sel.get_map():
                sel.unregister(s)
        except (KeyError, ValueError, OSError):
            pass

    def drop(leg):
        for s in (leg.src, leg.dst):
            for table in (legs_from, legs_to):
                other = table.pop(s, None)
                if other:
                    for x in (other.src, other.dst):
                        legs_from.pop(x, None)
                        legs_to.pop(x, None)
            try:
                sel.unregister(s)
            except (KeyError, ValueError):
                pass
            s.close()

    def flush(leg):
        """Sends what is due; False when the connection is gone."""
        now = time.monotonic()
        while leg.due and leg.due[0][0] <= now:
            when, data = leg.due[0]
            if data is None:  # the source closed: pass the end on
                leg.due.popleft()
                try:
                    leg.dst.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                continue
            try:
                n = leg.dst.send(data)
            except BlockingIOError:
                n = 0
            except OSError:
                return False
            leg.queued -= n
            if n < len(data):
                leg.due[0] = (when, data[n:])
                break
            leg.due.popleft()
        if not leg.reading and leg.queued < QUEUE_MAX // 2 and not leg.closing:
            leg.reading = True
        # Bytes due later wait for their time; bytes due now that the
        # socket would not take wait for it to drain (EVENT_WRITE).
        if leg.due and leg.due[0][0] > now:
            heapq.heappush(timers, (leg.due[0][0], next(counter), leg))
        return True

    while True:
        timeout = max(0.0, timers[0][0] - time.monotonic()) if timers else None
        for key, events in sel.select(timeout):
            s = key.fileobj
            if s is listener:
                client, _ = listener.accept()
                server = socket.create_connection(("127.0.0.1", upstream))
                for x in (client, server):
                    x.setblocking(False)
                    x.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                up, down = Leg(client, server), Leg(server, client)
                legs_from[client], legs_to[server] = up, up
                legs_from[server], legs_to[client] = down, down
                interest(client)
                interest(server)
                continue
            if events & selectors.EVENT_WRITE and s in legs_to:
                leg = legs_to[s]
                if not flush(leg):
                    drop(leg)
                    continue
                interest(leg.src)
                interest(s)
            if events & selectors.EVENT_READ and s in legs_from:
                leg = legs_from[s]
                try:
                    data = s.recv(1 << 18)
                except BlockingIOError:
                    continue
                except OSError:
                    data = b""
                due = time.monotonic() + delay
                if not data:
                    leg.reading, leg.closing = False, True
                    leg.due.append((due, None))
                else:
                    leg.due.append((due, data))
                    leg.queued += len(data)
                    if leg.queued >= QUEUE_MAX:
                        leg.reading = False
                heapq.heappush(timers, (due, next(counter), leg))
                interest(s)
        now = time.monotonic()
        while timers and timers[0][0] <= now:
            _, _, leg = heapq.heappop(timers)
            if leg.src not in legs_from:
                continue
            if not flush(leg):
                drop(leg)
                continue
            interest(leg.src)
            interest(leg.dst)
            if leg.closing and not leg.due and legs_to.get(leg.src) and legs_to[leg.src].closing \
                    and not legs_to[leg.src].due:
                drop(leg)


main()
