# An independent reader: Debian's python3-feedparser (run by /usr/bin/python3,
# which owns Debian's python3-* packages) must read the built feed cleanly.
. tests/e2e/lib.sh

show=$work/show
copy_show "$show"
expect_status 0 "build for feedparser" "$PODPUB" build --repo "$show"

check_helper /usr/bin/python3 - "$show/feed/feed.xml" "$show" <<'PY'
import os, sys, uuid
import feedparser

path, show = sys.argv[1], sys.argv[2]
d = feedparser.parse(path)

failures = 0

def check(name, cond, detail=""):
    global failures
    failures += not cond
    print(("ok - " if cond else "not ok - ") + name)
    if not cond and detail:
        print("#   " + str(detail))

check("feedparser sees no bozo flag", not d.bozo, getattr(d, "bozo_exception", ""))
check("feedparser sees 4 entries", len(d.entries) == 4, len(d.entries))
check("feed title", d.feed.get("title") == "JANEn Vaikuttamis-podcast", d.feed.get("title"))
check("feed language", d.feed.get("language") == "fi")
feed_url = "yhdistysyhteistyo.fi/jane/podcast/feed.xml"
show_guid = uuid.uuid5(uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"), feed_url)
check("podcast:guid is UUIDv5 of the feed URL",
      d.feed.get("podcast_guid") == str(show_guid), d.feed.get("podcast_guid"))
titles = [e.title for e in d.entries]
check("entries newest first with Finnish titles intact",
      titles == ["Järjestötyöllistäminen osa 2", "Järjestötyöllistäminen osa 1",
                 "Järjestöavustukset osa 2", "Järjestöavustukset osa 1"], titles)
for e in d.entries:
    slug = e.enclosures[0].href.rsplit("/", 1)[-1][:-4] if e.enclosures else "?"
    check(slug + ": one enclosure", len(e.enclosures) == 1)
    enc = e.enclosures[0]
    size = os.path.getsize(os.path.join(show, "episodes", slug, slug + ".mp3"))
    check(slug + ": enclosure length is the file size", int(enc.length) == size, (enc.length, size))
    check(slug + ": enclosure type audio/mpeg", enc.type == "audio/mpeg", enc.type)
    check(slug + ": itunes:duration is whole seconds",
          e.get("itunes_duration", "").isdigit() and int(e.itunes_duration) > 0,
          e.get("itunes_duration"))
    check(slug + ": guid is UUIDv5 of the show guid and slug",
          e.id == str(uuid.uuid5(show_guid, slug)), e.id)
    check(slug + ": published date parsed", e.get("published_parsed") is not None)
sys.exit(1 if failures else 0)
PY

done_testing
