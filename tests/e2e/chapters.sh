# Chapters: from the audio (ID3v2 CHAP in MP3, MP4 chapters) or from the
# front matter, which wins; published as a Podcasting 2.0 JSON chapters
# file beside the audio and named by podcast:chapters in the item.
. tests/e2e/lib.sh

show=$work/show
target=$work/public
copy_show "$show"
base=https://yhdistysyhteistyo.fi/jane/podcast/

cat >"$work/meta.txt" <<'META'
;FFMETADATA1
[CHAPTER]
TIMEBASE=1/1000
START=0
END=2000
title=Alku
[CHAPTER]
TIMEBASE=1/1000
START=2000
END=5000
title=Pääosa
META
# with_chapters IN OUT: IN's audio with the two chapters above.
with_chapters() {
	ffmpeg -v error -nostdin -y -i "$1" -i "$work/meta.txt" -map 0:a -map_chapters 1 \
		-map_metadata 1 -c copy -id3v2_version 3 "$2"
}

# --- ID3v2 CHAP in an MP3
add_episode "$show" id3-luvut 5
ep=$show/episodes/id3-luvut
with_chapters "$ep/id3-luvut.mp3" "$work/ch.mp3" && mv "$work/ch.mp3" "$ep/id3-luvut.mp3"
expect_status 0 "probe --json reads ID3 chapters" "$PODPUB" probe --json "$ep/id3-luvut.mp3"
expect "probe lists the chapters with their starts" /usr/bin/python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))[0]["chapters"]
assert [(x["start"], x["title"]) for x in c] == [(0, "Alku"), (2, "Pääosa")], c
' "$work/stdout"
expect_status 0 "a show with chaptered audio publishes" "$PODPUB" publish -C "$show" --target "$target"
expect "the chapters file is published beside the audio" test -f "$target/media/id3-luvut.chapters.json"
cat >"$work/want.json" <<'JSON'
{
  "version": "1.2.0",
  "chapters": [
    {
      "startTime": 0.0,
      "title": "Alku"
    },
    {
      "startTime": 2.0,
      "title": "Pääosa"
    }
  ]
}
JSON
printf '\n' >>"$target/media/id3-luvut.chapters.json"
expect "it holds the audio's chapters as Podcasting 2.0 JSON" test_cmp "$work/want.json" "$target/media/id3-luvut.chapters.json"
expect "the item names it with podcast:chapters" \
	grep -q "<podcast:chapters url=\"${base}media/id3-luvut.chapters.json\" type=\"application/json+chapters\"/>" "$target/feed.xml"
expect_status 0 "lint finds nothing in the feed" "$PODPUB" lint "$target/feed.xml"
expect "lint is silent" [ ! -s "$work/stdout" ]
expect "episodes without chapters get no podcast:chapters" \
	[ "$(grep -c '<podcast:chapters' "$target/feed.xml")" -eq 1 ]

# --- MP4 chapters
add_episode "$show" mp4-luvut 6
ep6=$show/episodes/mp4-luvut
ffmpeg -v error -nostdin -i "$ep6/mp4-luvut.mp3" -i "$work/meta.txt" -map 0:a -map_chapters 1 \
	-c:a aac -b:a 64k "$ep6/mp4-luvut.m4a" && rm "$ep6/mp4-luvut.mp3"
expect_status 0 "a show with MP4 chapters builds" "$PODPUB" build -C "$show"
expect "the probe cache keeps the MP3's chapters" grep -q '"title":"Pääosa"' "$show/.podpub-cache/probe.json"
expect "the MP3 episode, from the cache, keeps its podcast:chapters" \
	grep -q "media/id3-luvut.chapters.json\" type=\"application/json+chapters\"" "$show/feed/feed.xml"
expect "the m4a episode gets podcast:chapters" \
	grep -q "media/mp4-luvut.chapters.json\" type=\"application/json+chapters\"" "$show/feed/feed.xml"

# --- the front matter wins, with url and img
cat >"$ep/episode.md" <<'MD'
---
title: Testijakso 5
date: 2025-05-05 09:00
episode: 5
season: 1
chapters:
  - start: 0
    title: Avaus
  - start: "0:01.5"
    title: Haastattelu
    url: https://example.com/haastattelu
    img: https://example.com/kuva.jpg
  - start: 00:00:04
    title: Loppu
---
Muistiinpanot.
MD
expect_status 0 "front matter chapters publish" "$PODPUB" publish -C "$show" --target "$target"
expect "the front matter's chapters win over the audio's" /usr/bin/python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))
assert c["version"] == "1.2.0"
assert c["chapters"] == [
    {"startTime": 0, "title": "Avaus"},
    {"startTime": 1.5, "title": "Haastattelu", "url": "https://example.com/haastattelu",
     "img": "https://example.com/kuva.jpg"},
    {"startTime": 4, "title": "Loppu"}], c
' "$target/media/id3-luvut.chapters.json"
expect "publish says it sent the sidecar" grep -q "sidecar" "$work/stdout"

# --- bad chapters: each error names the line of episode.md
cat >"$ep/episode.md" <<'MD'
---
title: Testijakso 5
date: 2025-05-05 09:00
episode: 5
season: 1
chapters:
  - start: 0:03
    title: Toinen
  - start: 0:02
    title: Ensimmäinen
  - start: 1:00
    title: Liian myöhään
---
Muistiinpanot.
MD
expect_status 2 "out-of-order chapters fail the build" "$PODPUB" build -C "$show"
expect "a chapter before the one before is named by its line" \
	grep -q "episodes/id3-luvut/episode.md:9: chapter 2 starts at 2.000 s, not after chapter 1" "$work/stderr"
expect "a chapter past the end is named by its line" \
	grep -q "episode.md:11: chapter 3 starts at 60.000 s, outside the audio" "$work/stderr"
sed -i 's/^    title: Liian myöhään$/  - start: puoli kaksi\n    title: Outo\n  - start: 0:04/' "$ep/episode.md"
expect_status 2 "a start that is no time, or a chapter without a title, fails the build" \
	"$PODPUB" build -C "$show"
expect "a chapter without a title is named by its line" grep -q "episode.md:14:.*'title'" "$work/stderr"
expect "a start that is no time is named by its line" \
	grep -q "episode.md:12: chapter 'start' must be a time" "$work/stderr"

# --- the audio's chapters are checked too, naming the file
cat >"$ep/episode.md" <<'MD'
---
title: Testijakso 5
date: 2025-05-05 09:00
episode: 5
season: 1
---
Muistiinpanot.
MD
sed 's/^START=2000/START=9000/; s/^END=5000/END=9500/' "$work/meta.txt" >"$work/late.txt"
ffmpeg -v error -nostdin -y -i "$ep/id3-luvut.mp3" -i "$work/late.txt" -map 0:a -map_chapters 1 \
	-map_metadata 1 -c copy -id3v2_version 3 "$work/late.mp3" && mv "$work/late.mp3" "$ep/id3-luvut.mp3"
expect_status 2 "audio chapters past the end fail the build" "$PODPUB" build -C "$show"
expect "the error names the audio file" \
	grep -q "episodes/id3-luvut/id3-luvut.mp3: chapter 2 starts at 9.000 s, outside the audio" "$work/stderr"

done_testing
