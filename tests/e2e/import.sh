# limits: time=300
# podpub import: feeds shaped like seven hosts' (tests/data/import/), served
# with their media by a local host on 127.0.0.1, each made into a show that
# builds, whose feed keeps every guid, title, length and duration; the
# quirks of each host; an item's own art, transcripts and chapters carried
# over, bad ones named and left out; an item that cannot be imported named
# while the rest are; a folder that holds a show refused.
. tests/e2e/lib.sh

host=$work/host
mkdir -p "$host/media"
cp "$TEST_SHOW/episodes/jarjestoavustukset-osa-1/jarjestoavustukset-osa-1.mp3" "$host/media/a.mp3"
cp "$TEST_SHOW/episodes/jarjestoavustukset-osa-2/jarjestoavustukset-osa-2.mp3" "$host/media/b.mp3"
cp "$TEST_SHOW/episodes/jarjestotyollistaminen-osa-1/jarjestotyollistaminen-osa-1.mp3" "$host/media/c.mp3"
cp "$TEST_SHOW/episodes/jarjestotyollistaminen-osa-2/jarjestotyollistaminen-osa-2.mp3" "$host/media/d.mp3"
cp "$REPO/tests/data/audio/aac.m4a" "$host/media/e.m4a"
cp "$TEST_SHOW/feed/cover.png" "$host/cover.png"
# An item's art, transcripts and chapters (tests/data/import/extras/), and
# art that is no PNG or JPEG.
cp -r "$REPO/tests/data/import/extras" "$host/extras"
cp "$TEST_SHOW/feed/cover.png" "$host/extras/ep.png"
printf 'RIFF\044\000\000\000WEBPVP8 not really an image' >"$host/extras/bad.webp"
/usr/bin/python3 -c 'import json; print(json.dumps({"version": "1.2.0", "chapters":
	[{"startTime": i / 1000, "title": "luku %d" % i} for i in range(40000)]}))' \
	>"$host/extras/huge.chapters.json"

/usr/bin/python3 "$REPO/tests/servers/media_host.py" "$host" "$work/port" "$work/requests.log" &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; test_exit' EXIT
base=http://127.0.0.1:$(port_of "$work/port")
for f in "$REPO"/tests/data/import/*.xml; do
	sed "s|@BASE@|$base|g" "$f" >"$host/$(basename "$f")"
done

# Each host: import, build, and the built feed against the original.
for h in anchor libsyn buzzsprout podbean transistor castopod wordpress extras; do
	show=$work/$h
	expect_status 0 "$h: import exits 0" "$PODPUB" import --repo "$show" "$base/$h.xml"
	cp "$work/stderr" "$work/$h.import.err"
	expect_status 0 "$h: the imported show builds as it is" "$PODPUB" build --repo "$show"
	check_helper /usr/bin/python3 "$REPO/tests/e2e/import_check.py" "$host/$h.xml" \
		"$show/feed/feed.xml" "$h"
	expect "$h: no staging folder is left" [ ! -e "$show/.podpub-import" ]
done

# publish takes an imported show as it is, and the published feed keeps
# the old guids.
expect_status 0 "anchor: the imported show publishes as it is" \
	"$PODPUB" publish --repo "$work/anchor" --target "$work/anchor-public"
check_helper /usr/bin/python3 "$REPO/tests/e2e/import_check.py" "$host/anchor.xml" \
	"$work/anchor-public/feed.xml" "anchor, published"

# In the current folder when no --repo is given.
mkdir "$work/here"
expect_status 0 "an import into the current folder" sh -c "cd '$work/here' && '$PODPUB' import '$base/libsyn.xml'"
expect "it made the show there" test -f "$work/here/episodes/jakso-12-lautapelien-kesa/episode.md"

# Finnish text byte for byte, in podcast.yaml and the episodes.
expect "anchor: the title in podcast.yaml is byte for byte the feed's" \
	grep -qx 'title: Kahvilla – äänitteitä öisin' "$work/anchor/podcast.yaml"
expect "anchor: the notes keep ä and ö, & escaped" \
	grep -qF 'Mukana Äijä \& Öljy.' "$work/anchor/episodes/maanantai-ei-ole-vihollinen-haamottaa/episode.md"
expect "anchor: the m4a behind the play redirect keeps its kind" \
	test -s "$work/anchor/episodes/maanantai-ei-ole-vihollinen-haamottaa/maanantai-ei-ole-vihollinen-haamottaa.m4a"
expect "anchor: the original pubDate's offset is kept" \
	grep -qx 'date: 2025-03-04 05:00:00+00:00' "$work/anchor/episodes/maanantai-ei-ole-vihollinen-haamottaa/episode.md"
expect "anchor: the trailer stays a trailer" \
	grep -qx 'type: trailer' "$work/anchor/episodes/kausi-2-alkaa/episode.md"
expect "anchor: the cover is the show's art" cmp "$host/cover.png" "$work/anchor/feed/cover.png"
expect "anchor: podcast.yaml records the old feed and the 301 redirect" sh -c \
	"grep -qF '# Imported by '\''podpub import'\'' from $base/anchor.xml' '$work/anchor/podcast.yaml' &&
	 grep -q 'itunes:new-feed-url' '$work/anchor/podcast.yaml' && grep -q '301' '$work/anchor/podcast.yaml'"
expect "anchor: podcast_guid derived from the old feed's URL" \
	grep -qx "podcast_guid: $(/usr/bin/python3 -c '
import sys, uuid
print(uuid.uuid5(uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"), sys.argv[1].split("://", 1)[1].rstrip("/")))' "$base/anchor.xml")" \
	"$work/anchor/podcast.yaml"

expect "libsyn: pre-2019 categories become today's" sh -c \
	"grep -qx -- '- Leisure: \[Video Games\]' '$work/libsyn/podcast.yaml' &&
	 grep -qx -- '- Technology' '$work/libsyn/podcast.yaml'"
expect "libsyn: 'fi-fi' is written fi-FI" grep -qx 'language: fi-FI' "$work/libsyn/podcast.yaml"
expect "libsyn: 'yes' is explicit: true" grep -qx 'explicit: true' "$work/libsyn/episodes/jakso-11-oiset-pelit/episode.md"
expect "libsyn: a blocked episode stays blocked" sh -c \
	"grep -qx 'block: true' '$work/libsyn/episodes/jakso-11-oiset-pelit/episode.md' &&
	 grep -q '<itunes:block>Yes</itunes:block>' '$work/libsyn/feed/feed.xml'"
expect "libsyn: Markdown in plain text is escaped, line breaks kept" \
	grep -qxF 'Mukana #1 ja \*kaikki\* muut\_pelaajat.' "$work/libsyn/episodes/jakso-12-lautapelien-kesa/episode.md"
expect "libsyn: a digit and a dot at a line's start is no list" \
	grep -qF 'Pelejä yöllä. 2. kerta jo.' "$work/libsyn/episodes/jakso-11-oiset-pelit/episode.md"

expect "buzzsprout: podcast:guid kept" grep -qx 'podcast_guid: 8b2f1a4e-3c55-5d1e-9f22-7a6b5c4d3e21' "$work/buzzsprout/podcast.yaml"
expect "buzzsprout: persons kept, roles lowercase" sh -c \
	"grep -qx '  role: guest' '$work/buzzsprout/episodes/kuusen-kuiskaus/episode.md' &&
	 grep -qx '  href: https://koivu.example/' '$work/buzzsprout/episodes/kuusen-kuiskaus/episode.md'"
expect "buzzsprout: content:encoded wins over description" \
	grep -qF 'Kuusimetsän äänet, ja [lisää](https://metsa.example/kuusi).' "$work/buzzsprout/episodes/kuusen-kuiskaus/episode.md"
expect "buzzsprout: the built feed has the persons" grep -q '<podcast:person role="guest"' "$work/buzzsprout/feed/feed.xml"

expect "podbean: the duplicate guid is named and skipped" \
	grep -q "item 2 'Kissa kirjastossa (uusinta)': skipped: item 1 'Kissa kirjastossa' has its guid" "$work/podbean.import.err"
expect "podbean: a feed that points elsewhere is named" grep -qF \
	"the old feed says the show moved to 'https://feeds.example/kirjastokissa.xml'" "$work/podbean.import.err"
expect "podbean: two episodes of one enclosure each get the audio" cmp \
	"$work/podbean/episodes/kissa-kirjastossa/kissa-kirjastossa.mp3" \
	"$work/podbean/episodes/kissa-kirjastossa-lyhyt-versio/kissa-kirjastossa-lyhyt-versio.mp3"
expect "podbean: a <br> is a hard line break" \
	grep -qxF 'Kissa löytää *kirjaston*.\' "$work/podbean/episodes/kissa-kirjastossa/episode.md"

expect "transistor: a serial show stays serial" grep -qx 'type: serial' "$work/transistor/podcast.yaml"
expect "transistor: explicit show" grep -qx 'explicit: true' "$work/transistor/podcast.yaml"
expect "transistor: heading, ordered list and quote in Markdown" sh -c \
	"grep -qx '## Tässä osassa' '$work/transistor/episodes/osa-2-jaljet-lumessa/episode.md' &&
	 grep -qx '2. Järvi' '$work/transistor/episodes/osa-2-jaljet-lumessa/episode.md' &&
	 grep -qx '> “Kukaan ei nähnyt mitään.”' '$work/transistor/episodes/osa-2-jaljet-lumessa/episode.md'"

expect "castopod: a locked show stays locked" sh -c \
	"grep -qx 'locked: true' '$work/castopod/podcast.yaml' &&
	 grep -q '<podcast:locked owner=\"vaki@example.fi\">yes</podcast:locked>' '$work/castopod/feed/feed.xml'"
expect "castopod: podcast:episode and podcast:season give the numbers" sh -c \
	"grep -qx 'episode: 4' '$work/castopod/episodes/hallituksen-kokous/episode.md' &&
	 grep -qx 'season: 3' '$work/castopod/episodes/hallituksen-kokous/episode.md'"
expect "castopod: a second title of the same name gets -2" \
	test -f "$work/castopod/episodes/hallituksen-kokous-2/episode.md"
expect "castopod: a person of an unknown role is named and left out" \
	grep -q "person 'Olli Outo' left out: unknown role 'sidekick'" "$work/castopod.import.err"
expect "castopod: nested lists and escaped angle brackets" sh -c \
	"grep -qx '  - läsnäolijat' '$work/castopod/episodes/hallituksen-kokous/episode.md' &&
	 grep -qxF -- '- päätökset \<tärkeät\>' '$work/castopod/episodes/hallituksen-kokous/episode.md'"
expect "castopod: the built feed shows the brackets as text" \
	grep -qF '<li>päätökset &lt;tärkeät&gt;</li>' "$work/castopod/feed/feed.xml"

expect "wordpress: the item without a guid is known by its enclosure URL, long as it is" \
	grep -qxF "guid: $base/media/d.mp3?source=feed&utm_campaign=kylaradio-podcast-historia-osa-1&utm_medium=rss&utm_content=a-tracking-parameter-long-enough" \
	"$work/wordpress/episodes/kylan-historia-osa-1/episode.md"
expect "wordpress: and import says so" grep -q "item 2 'Kylän historia, osa 1': no guid" "$work/wordpress.import.err"
expect "wordpress: entities in titles are text" grep -qx 'title: Kyläjuhlat & markkinat' \
	"$work/wordpress/episodes/kylajuhlat-markkinat/episode.md"

# An item's own art, transcripts and chapters land in its folder as podpub
# reads them there, and the built feed names them; bad ones are named with
# their item and left out, and the status stays 0.
ep=$work/extras/episodes/kaikki-mukana
expect "extras: the item's art is the folder's cover.png" cmp "$host/extras/ep.png" "$ep/cover.png"
expect "extras: the WebVTT transcript keeps its language, lowercase" \
	cmp "$REPO/tests/data/import/extras/ep.fi.vtt" "$ep/transcript.fi.vtt"
expect "extras: the SubRip transcript without a language" \
	cmp "$REPO/tests/data/import/extras/ep.srt" "$ep/transcript.srt"
expect "extras: nothing else is in the folder" \
	[ "$(ls "$ep" | tr '\n' ' ')" = "cover.png episode.md kaikki-mukana.mp3 transcript.fi.vtt transcript.srt " ]
cat >"$work/chapters.expected" <<'END'
chapters:
- start: "0:00"
  title: Alku
- start: "0:05.25"
  title: 'Järjestöt: mitä ne tekevät?'
  url: https://jarjestot.example/
- start: "0:12"
  title: Loppu
  img: https://jarjestot.example/loppu.jpg
END
sed -n '/^chapters:/,/^---/p' "$ep/episode.md" | sed '$d' >"$work/chapters.got"
expect "extras: the chapters are episode.md's chapters: list" test_cmp "$work/chapters.expected" "$work/chapters.got"
feed=$work/extras/feed/feed.xml
expect "extras: the built feed names the episode's art" \
	grep -qE '<itunes:image href="https://podcast.example.com/media/kaikki-mukana-[0-9a-f]{8}.png"/>' "$feed"
expect "extras: the built feed names the chapters" grep -qF \
	'<podcast:chapters url="https://podcast.example.com/media/kaikki-mukana.chapters.json" type="application/json+chapters"/>' "$feed"
expect "extras: the built feed names both transcripts" sh -c \
	"grep -qF '<podcast:transcript url=\"https://podcast.example.com/media/kaikki-mukana.fi.vtt\" type=\"text/vtt\" language=\"fi\"' '$feed' &&
	 grep -qF '<podcast:transcript url=\"https://podcast.example.com/media/kaikki-mukana.fi.srt\" type=\"application/x-subrip\" language=\"fi\"' '$feed'"
expect "extras: one item's art, one item's chapters" sh -c \
	"[ \$(grep -c '<itunes:image' '$feed') = 2 ] && [ \$(grep -c '<podcast:chapters' '$feed') = 1 ]"
expect_status 0 "extras: the imported show publishes" \
	"$PODPUB" publish --repo "$work/extras" --target "$work/extras-public"
expect "extras: the published chapters are the old host's" /usr/bin/python3 -c '
import json, sys
got = json.load(open(sys.argv[1]))["chapters"]
want = json.load(open(sys.argv[2]))["chapters"]
sys.exit(got != want)' "$work/extras-public/media/kaikki-mukana.chapters.json" \
	"$REPO/tests/data/import/extras/ep.chapters.json"
expect "extras: the published transcript is the old host's" \
	cmp "$REPO/tests/data/import/extras/ep.fi.vtt" "$work/extras-public/media/kaikki-mukana.fi.vtt"
err=$work/extras.import.err
expect "extras: a transcript of another type is skipped with a note naming it" grep -qF \
	"note: item 1 'Kaikki mukana': transcript '$base/extras/ep.json' skipped: it is 'application/json'" "$err"
expect "extras: art that is no PNG or JPEG is named with its item and line" grep -qF \
	"extras.xml:28: warning: item 2 'Kaikki rikki': episode art '$base/extras/bad.webp' left out: it is not a PNG or JPEG" "$err"
expect "extras: a transcript that does not parse is named" grep -qF \
	"item 2 'Kaikki rikki': transcript '$base/extras/bad.vtt' left out: line 1: a WebVTT file starts with the line 'WEBVTT'" "$err"
expect "extras: chapters that are no JSON are named" grep -qF \
	"item 2 'Kaikki rikki': chapters '$base/extras/bad.chapters.json' left out: not JSON chapters: line 5" "$err"
expect "extras: chapters out of order are named" grep -qF \
	"item 3 'Väärässä järjestyksessä': chapters '$base/extras/unordered.chapters.json' left out: chapter 2 starts at 2.000 s, not after chapter 1" "$err"
expect "extras: a transcript that is gone is named" grep -qF \
	"item 3 'Väärässä järjestyksessä': transcript '$base/extras/gone.srt' left out: cannot download it: the server answered HTTP 404" "$err"
expect "extras: the bad ones leave nothing behind" sh -c \
	"[ \"\$(ls '$work/extras/episodes/kaikki-rikki' | tr '\n' ' ')\" = 'episode.md kaikki-rikki.mp3 ' ] &&
	 ! grep -q '^chapters:' '$work/extras/episodes/kaikki-rikki/episode.md' '$work/extras/episodes/vaarassa-jarjestyksessa/episode.md'"
ep=$work/extras/episodes/liikaa
expect "extras: chapters over 1 MiB are named and left out" grep -qF \
	"item 4 'Liikaa': chapters '$base/extras/huge.chapters.json' left out: cannot download it: larger than the 1 MiB podpub downloads" "$err"
expect "extras: a language that is no code is named" grep -qF \
	"item 4 'Liikaa': transcript '$base/extras/ep.srt': its language 'suomi' is no language code: it is published in the show's, fi" "$err"
expect "extras: a second transcript of one format and language is named" grep -qF \
	"item 4 'Liikaa': transcript '$base/extras/ep.srt?toinen' left out: '$base/extras/ep.srt' is a .srt transcript in 'fi' too" "$err"
expect "extras: an HTML transcript is skipped with a note" grep -qF \
	"item 4 'Liikaa': transcript '$base/extras/page.html' skipped: it is 'text/html'" "$err"
expect "extras: the first SubRip transcript is kept" sh -c \
	"[ \"\$(ls '$ep' | tr '\n' ' ')\" = 'episode.md liikaa.mp3 transcript.srt ' ]"
expect "extras: art the same as the show's is no episode art" \
	[ ! -e "$work/extras/episodes/vaarassa-jarjestyksessa/cover.png" ]

# What cannot be imported is named, the rest is imported, the status says so.
expect_status 3 "broken: a failed download ends with status 3" \
	"$PODPUB" import --repo "$work/broken" --base-url https://uusi.example/podcast/ "$base/broken.xml"
expect_stderr "broken: the 404 is named with its item" \
	"item 1 'Kadonnut jakso': not imported: cannot download '$base/media/gone.mp3': the server answered HTTP 404"
expect_stderr "broken: and the guid a folder made by hand needs" "give its episode.md 'guid: rikki-3'"
expect_stderr "broken: the item with no enclosure is named" \
	"item 2 'Jakso ilman ääntä': not imported: it has no enclosure"
expect_stderr "broken: an enclosure that is no audio is named" \
	"item 3 'Sivu eikä ääni': not imported: its enclosure '$base/broken.xml' is not audio podpub can read"
expect_stderr "broken: a wrong length is a warning" "the enclosure is 212767 bytes, not the 999 its length says"
expect_stderr "broken: a wrong type is a warning" "the enclosure's type is 'audio/x-m4a', but the file is mp3"
expect_stderr "broken: a wrong duration is a warning" "itunes:duration says 3600 s, the audio lasts 18 s"
expect "broken: the rest is imported" test -f "$work/broken/episodes/toimiva-jakso/toimiva-jakso.mp3"
expect "broken: nothing of the failed items is left" sh -c \
	"[ \$(ls '$work/broken/episodes') = toimiva-jakso ] && [ ! -e '$work/broken/.podpub-import' ]"
expect "broken: --base-url lands in podcast.yaml" grep -qx 'base_url: https://uusi.example/podcast/' "$work/broken/podcast.yaml"
expect_status 0 "broken: what was imported builds" "$PODPUB" build --repo "$work/broken"
check_helper /usr/bin/python3 "$REPO/tests/e2e/import_check.py" "$host/broken.xml" \
	"$work/broken/feed/feed.xml" broken --lying --failed rikki-3 --failed rikki-2 --failed rikki-4

# A folder holding a show is refused and left as it was.
before=$(tree_digest "$work/anchor")
expect_status 2 "a folder holding a show is refused" "$PODPUB" import --repo "$work/anchor" "$base/anchor.xml"
expect_stderr "the refusal names podcast.yaml" "already holds a show ('podcast.yaml')"
expect "the refused folder is unchanged" [ "$before" = "$(tree_digest "$work/anchor")" ]
mkdir -p "$work/half/episodes"
expect_status 2 "a folder with episodes/ is refused" "$PODPUB" import --repo "$work/half" "$base/anchor.xml"

# A feed larger than podpub reads is refused before it is read.
truncate -s 65M "$work/huge.xml"
expect_bounded 2 "a feed of 65 MiB is refused" 30 300 "$PODPUB" import --repo "$work/huge" "$work/huge.xml"
expect_stderr "the refusal says why" "too large"

# A feed saved as a file: its relative URLs resolve against its self link.
expect_status 0 "a feed from a file imports" "$PODPUB" import --repo "$work/fromfile" "$host/transistor.xml"
expect "a file's relative enclosures resolve against its self link" \
	test -f "$work/fromfile/episodes/osa-1-katoaminen/osa-1-katoaminen.mp3"
expect_status 2 "--jobs is checked" "$PODPUB" import --jobs 0 --repo "$work/jobs" "$base/anchor.xml"
expect_status 3 "a feed that is not there is a network failure" \
	"$PODPUB" import --repo "$work/nofeed" "$base/nothing.xml"
expect "and nothing is made for it" [ ! -e "$work/nofeed/podcast.yaml" ]

done_testing
