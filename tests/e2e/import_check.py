#!/usr/bin/python3
"""Compares an old host's feed with the feed podpub built after importing it.

    import_check.py ORIGINAL BUILT NAME [--lying] [--failed GUID]...

Prints "ok - NAME: ..." / "not ok - NAME: ..." lines for tests/run.sh. Every
item of ORIGINAL (the first of each guid; an item without a guid is known
by its enclosure URL) but the --failed ones is in BUILT under the same guid,
with the same title; its enclosure length (when ORIGINAL gives one) and its
duration are the same, within a second. --lying: ORIGINAL's lengths and
durations are wrong on purpose, so they are not compared."""
import sys
import xml.etree.ElementTree as ET

IT = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
original, built, name = sys.argv[1:4]
lying = "--lying" in sys.argv
failed = [sys.argv[i + 1] for i, a in enumerate(sys.argv) if a == "--failed"]
bad = 0


def check(what, cond, detail=""):
    global bad
    if cond:
        print("ok - %s: %s" % (name, what))
    else:
        bad += 1
        print("not ok - %s: %s" % (name, what))
        if detail:
            print("#   %s" % detail)


def seconds(text):
    if text is None:
        return None
    total = 0.0
    for part in text.strip().split(":"):
        total = total * 60 + float(part)
    return total


def items(path):
    found = {}
    channel = ET.parse(path).getroot().find("channel")
    for item in channel.findall("item"):
        enc = item.find("enclosure")
        guid = item.findtext("guid")
        guid = guid.strip() if guid is not None else (enc.get("url") if enc is not None else None)
        if guid is None or guid in found:
            continue
        found[guid] = {
            "title": (item.findtext("title") or "").strip(),
            "length": int(enc.get("length") or 0) if enc is not None else 0,
            "duration": seconds(item.findtext(IT + "duration")),
        }
    return channel, found


old_channel, old = items(original)
new_channel, new = items(built)
want = sorted(g for g in old if g not in failed)
check("every guid kept, none added", sorted(new) == want,
      "expected %s, built %s" % (want, sorted(new)))
check("the show's title is the same, byte for byte",
      old_channel.findtext("title").strip() == new_channel.findtext("title").strip())
for guid in want:
    o, n = old[guid], new.get(guid)
    if n is None:
        continue
    check("'%s' keeps its title" % guid, o["title"] == n["title"],
          "%r, built %r" % (o["title"], n["title"]))
    if not lying and o["length"] > 0:
        check("'%s' keeps its length" % guid, o["length"] == n["length"],
              "%d, built %d" % (o["length"], n["length"]))
    if not lying and o["duration"] is not None:
        check("'%s' keeps its duration" % guid, abs(o["duration"] - n["duration"]) <= 1.0,
              "%s, built %s" % (o["duration"], n["duration"]))
sys.exit(1 if bad else 0)
