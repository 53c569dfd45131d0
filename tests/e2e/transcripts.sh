# Transcripts: WebVTT and SubRip files in an episode folder, checked (each
# problem named by file and line), published beside the audio as
# media/<slug>.<language>.vtt|srt, named by podcast:transcript in the item,
# shown on the episode's page, and sent again when they change.
. tests/e2e/lib.sh

show=$work/show
target=$work/public
copy_show "$show"
base=https://yhdistysyhteistyo.fi/jane/podcast/
add_episode "$show" tekstit 5 5
ep=$show/episodes/tekstit

# A WebVTT file with a byte order mark and CRLF lines, in the show's
# language (fi, by its name); a SubRip file in English.
printf '\357\273\277WEBVTT\r\n\r\n1\r\n00:00.000 --> 00:02.000\r\n<v Tomi>Hei &amp; tervetuloa\r\n\r\n00:00:02.000 --> 00:00:05.500\r\nToinen repliikki\r\n' \
	>"$ep/tekstit.fi.vtt"
printf '1\n00:00:00,000 --> 00:00:02,000\nHello and welcome\n\n2\n00:00:02,000 --> 00:00:05,000\nSecond line\n' \
	>"$ep/tekstit.en.srt"

expect_status 0 "a show with transcripts publishes" "$PODPUB" publish -C "$show" --target "$target"
expect "the WebVTT file is published beside the audio, byte for byte" \
	cmp "$ep/tekstit.fi.vtt" "$target/media/tekstit.fi.vtt"
expect "the SubRip file is published beside the audio, byte for byte" \
	cmp "$ep/tekstit.en.srt" "$target/media/tekstit.en.srt"
expect "publish lists them as sidecars" grep -q "sidecar media/tekstit.fi.vtt" "$work/stdout"
expect "the item names the WebVTT file as captions" \
	grep -q "<podcast:transcript url=\"${base}media/tekstit.fi.vtt\" type=\"text/vtt\" language=\"fi\" rel=\"captions\"/>" "$target/feed.xml"
expect "the item names the SubRip file, without rel" \
	grep -q "<podcast:transcript url=\"${base}media/tekstit.en.srt\" type=\"application/x-subrip\" language=\"en\"/>" "$target/feed.xml"
expect "episodes without transcripts get no podcast:transcript" \
	[ "$(grep -c '<podcast:transcript' "$target/feed.xml")" -eq 2 ]
expect_status 0 "lint finds nothing in the feed" "$PODPUB" lint --strict "$target/feed.xml"
expect "lint is silent" [ ! -s "$work/stdout" ]
page=$target/tekstit/index.html
expect "the episode's page shows the transcript in the show's language" \
	grep -q '<details class="transcript" lang="fi"><summary>Näytä litteraatti</summary><p><span class="at">0:00</span> Tomi: Hei &amp; tervetuloa</p>' "$page"
expect "the page links both files" grep -q 'href="../media/tekstit.en.srt" type="application/x-subrip" hreflang="en">SubRip (en)</a>' "$page"

# --- unchanged: nothing sent; a changed transcript is sent again
expect_status 0 "an unchanged show publishes again" "$PODPUB" publish -C "$show" --target "$target"
expect "the unchanged transcripts are not sent again" sh -c "! grep -q sidecar '$work/stdout'"
sed -i 's/Second line/Second line, corrected/' "$ep/tekstit.en.srt"
expect_status 0 "a changed transcript publishes" "$PODPUB" publish -C "$show" --target "$target"
expect "the changed transcript is sent again" grep -q "sent.*sidecar media/tekstit.en.srt" "$work/stdout"
expect "the other one is not" sh -c "! grep -q 'media/tekstit.fi.vtt' '$work/stdout'"
expect "the target has the new bytes" cmp "$ep/tekstit.en.srt" "$target/media/tekstit.en.srt"

# --- no language in the name: the show's; two of one language refused
rm "$ep/tekstit.en.srt"
cp "$ep/tekstit.fi.vtt" "$ep/transcript.vtt"
expect_status 2 "two Finnish WebVTT transcripts fail the build" "$PODPUB" build -C "$show"
expect_stderr "the second one is named, with what to do" \
	"episodes/tekstit/transcript.vtt: a second 'fi' transcript beside"
rm "$ep/tekstit.fi.vtt"
expect_status 0 "a transcript without a language in its name builds" "$PODPUB" build -C "$show"
expect "it takes the show's language" \
	grep -q "<podcast:transcript url=\"${base}media/tekstit.fi.vtt\" type=\"text/vtt\" language=\"fi\" rel=\"captions\"/>" "$show/feed/feed.xml"
check_helper /usr/bin/python3 - "$show/feed/feed.xml" "$base" <<'PY'
import sys
import feedparser

d = feedparser.parse(sys.argv[1])
e = [x for x in d.entries if x.title == "Testijakso 5"]
t = e[0].get("podcast_transcript", {}) if e else {}
ok = not d.bozo and t == {"url": sys.argv[2] + "media/tekstit.fi.vtt", "type": "text/vtt",
                          "language": "fi", "rel": "captions"}
print(("ok - " if ok else "not ok - ") + "python3-feedparser reads the podcast:transcript back")
if not ok:
    print("#   " + repr((d.bozo, t)))
sys.exit(0 if ok else 1)
PY

# --- served as the web serves it: text/vtt, UTF-8
start_serve "$show"
curl -s -D "$work/h" -o "$work/served.vtt" "${url}media/tekstit.fi.vtt"
kill -TERM "$pid"
wait "$pid"
expect "serve gives the transcript as text/vtt in UTF-8" grep -qi '^content-type: text/vtt; charset=utf-8' "$work/h"
expect "serve gives its bytes" cmp "$ep/transcript.vtt" "$work/served.vtt"

# --- bad transcripts: each names the file and the line
# bad NAME LINE MESSAGE CONTENT: CONTENT as transcript.vtt fails the build
# with MESSAGE on LINE.
bad() {
	printf "$4" >"$ep/$5"
	expect_status 2 "$1 fails the build" "$PODPUB" build -C "$show"
	expect_stderr "$1: the file and line are named" "episodes/tekstit/$5:$2: $3"
	rm "$ep/$5"
}
rm "$ep/transcript.vtt"
bad "a WebVTT file without WEBVTT" 1 "a WebVTT file starts with the line 'WEBVTT'" \
	'00:00.000 --> 00:01.000\nhei\n' transcript.vtt
bad "a WebVTT timestamp with a comma" 4 "not a WebVTT cue timing: '00:00,000 --> 00:01,000'" \
	'WEBVTT\n\n1\n00:00,000 --> 00:01,000\nhei\n' transcript.vtt
bad "WebVTT cues out of order" 6 "cue starts at 1.000 s, before the cue on line 3 (2.000 s)" \
	'WEBVTT\n\n00:02.000 --> 00:03.000\na\n\n00:01.000 --> 00:03.000\nb\n' transcript.vtt
bad "a WebVTT cue past the audio's end" 3 "cue ends at 9.000 s, after the audio's end (5.0" \
	'WEBVTT\n\n00:02.000 --> 00:09.000\na\n' transcript.vtt
bad "a WebVTT file in Latin-1" 4 "not valid UTF-8 (byte 0xe4)" \
	'WEBVTT\n\n00:00.000 --> 00:01.000\nh\344n\n' transcript.vtt
bad "a SubRip timestamp with a dot" 2 "not a SubRip cue timing: '00:00:00.000 --> 00:00:01.000'" \
	'1\n00:00:00.000 --> 00:00:01.000\nhei\n' transcript.en.srt
bad "SubRip cues out of order" 6 "cue starts at 1.000 s, before the cue on line 2" \
	'1\n00:00:03,000 --> 00:00:04,000\na\n\n2\n00:00:01,000 --> 00:00:02,000\nb\n' transcript.en.srt
bad "a SubRip cue past the audio's end" 2 "cue ends at 60.000 s, after the audio's end" \
	'1\n00:00:03,000 --> 00:01:00,000\na\n' transcript.en.srt
bad "SubRip in Latin-1" 3 "not valid UTF-8" \
	'1\n00:00:00,000 --> 00:00:01,000\nh\344n\n' transcript.en.srt

# --- a hostile transcript is refused by size, quickly
head -c $((5 * 1024 * 1024)) /dev/zero | tr '\0' 'a' >"$ep/transcript.vtt"
expect_bounded 2 "a 5 MB transcript is refused" 30 1024 "$PODPUB" build -C "$show"
expect_stderr "it says why" "transcript.vtt: transcript too large: 5242880 bytes"
rm "$ep/transcript.vtt"

done_testing
