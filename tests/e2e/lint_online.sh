# `podpub lint URL` and `podpub lint --online[=N]` against a local HTTP
# server (tests/servers/online.py on 127.0.0.1) serving tests/data/online/
# with media made here; and podcast.yaml's `lint: ignore:`.
# limits: time=300 memory=2048
. tests/e2e/lib.sh

root=$work/www
mkdir -p "$root"
cp "$REPO"/tests/data/online/* "$root/"
for f in ep1.mp3 ep2.mp3 ep3.mp3 ep1.m4a; do head -c 100000 /dev/zero >"$root/$f"; done
image() { # NAME SIZE: a flat colour image, made as FFmpeg's own tests make fixtures
	ffmpeg -loglevel error -f lavfi -i "color=c=red:s=$2" -frames:v 1 -bitexact "$root/$1"
}
image cover.png 1400x1400 && image wide.png 1400x1000 && image small.jpg 300x300 ||
	not_ok "ffmpeg makes the test images"

/usr/bin/python3 "$REPO/tests/servers/online.py" "$work/port" "$root" &
server_pid=$!
trap 'rc=$?; kill "$server_pid" 2>/dev/null; (exit $rc); test_exit' EXIT
base=http://127.0.0.1:$(port_of "$work/port")
cd "$work" || exit 1 # no podcast.yaml here or above: no show's ignore list

# rules NAME FILE: the rule ids of FILE's findings, one a line, in order.
rules() { grep -o '\[[a-z][a-z0-9-]*\]' "$1" | tr -d '[]'; }

# --- the feed by its url ---------------------------------------------------
expect_status 1 "a feed by its url, behind two redirects, lints (warnings: http)" \
	"$PODPUB" lint "$base/redirect/2/ok/good.xml"
expect "each redirect is an info finding, first to last" sh -c "
	grep -c 'online-feed-redirect' '$work/stdout' | grep -qx 2 &&
	grep -q \"'$base/redirect/2/ok/good.xml' redirects (302) to '$base/redirect/1/ok/good.xml'\" '$work/stdout' &&
	grep -q \"redirects (302) to '$base/ok/good.xml'\" '$work/stdout'"
expect "the self link matches where the redirects ended" sh -c \
	"! grep -q rss-self-link-mismatch '$work/stdout'"
expect "the feed is linted as a file would be" grep -q 'rss-http-media' "$work/stdout"

expect_status 0 "--online: a feed whose links are served right is clean" \
	"$PODPUB" lint --online --ignore rss-http-media,online-not-https,online-feed-redirect \
	"$base/redirect/2/ok/good.xml"
expect "--online checks transcripts and chapters over http too" sh -c \
	"'$PODPUB' lint --online '$base/ok/good.xml' | grep -c 'online-not-https' | grep -qx 3"

expect_status 1 "a self link naming another url is a warning" "$PODPUB" lint "$base/ok/bad.xml"
expect "... rss-self-link-mismatch names both urls" grep -q \
	"atom:link rel=\"self\" is '$base/ok/elsewhere.xml', not '$base/ok/bad.xml'.*\[rss-self-link-mismatch\]" \
	"$work/stdout"

expect_status 2 "six redirects are one too many" "$PODPUB" lint "$base/redirect/6/ok/good.xml"
expect "... and the message says so" grep -q 'cannot fetch feed: more than 5 redirects' "$work/stderr"
expect_bounded 2 "a feed past the size cap is refused" 60 600 "$PODPUB" lint "$base/huge"
expect "... with the cap named" grep -q 'the feed is too large: more than 64 MiB' "$work/stderr"
expect_status 2 "a feed url that answers 404 is an error" "$PODPUB" lint "$base/ok/nothere.xml"
expect "... naming the status" grep -q "answered status 404" "$work/stderr"
expect_status 2 "a feed url nothing answers at is an error" "$PODPUB" lint "http://127.0.0.1:1/feed.xml"
expect "... with libcurl's words" grep -q "cannot fetch feed: .*127.0.0.1" "$work/stderr"
expect_status 2 "--online=0 is refused" "$PODPUB" lint --online=0 "$base/ok/good.xml"
expect_status 2 "--ca-file must be readable" "$PODPUB" lint --ca-file "$work/none.pem" "$base/ok/good.xml"

# --- --online on a feed of bad links ----------------------------------------
expect_status 2 "--online: the bad links are errors" "$PODPUB" lint --online "$base/ok/bad.xml"
grep 'online-' "$work/stdout" | grep -v 'online-not-https' >"$work/online.txt"
rules "$work/online.txt" >"$work/got"
cat >"$work/want" <<EOF
online-length
online-image-size
online-chapters
online-cors
online-type
online-image-size
online-transcript
online-transcript
online-accept-ranges
online-status
online-unreachable
online-unreachable
EOF
expect "--online finds each defect, in feed order" test_cmp "$work/want" "$work/got"
expect "a wrong length names both sizes" grep -q \
	"enclosure length is 99999 bytes, but '$base/ok/ep1.mp3' is 100000 bytes" "$work/online.txt"
expect "a wrong type names the served one" grep -q \
	"enclosure type is 'audio/mpeg', but .* is served as 'audio/ogg'" "$work/online.txt"
expect "a non-square image is named with its size" grep -q "wide.png' is 1400x1000" "$work/online.txt"
expect "a small image too" grep -q "small.jpg' is 300x300" "$work/online.txt"
expect "bad chapters JSON gets jansson's words and line" grep -q \
	"bad.chapters.json' are not JSON chapters: line 5:" "$work/online.txt"
expect "a transcript without CORS" grep -q "nocors/ep2.vtt' is served without Access-Control-Allow-Origin" \
	"$work/online.txt"
expect "no Accept-Ranges" grep -q "norange/ep3.mp3' is served without 'Accept-Ranges: bytes'" "$work/online.txt"
expect "a 404" grep -q "missing.mp3' answered status 404" "$work/online.txt"
expect "too many redirects of an enclosure" grep -q "redirect/7/ok/ep3.mp3'.*redirects" "$work/online.txt"
expect "findings carry the feed's line and element" grep -q \
	"bad.xml:21: warning: .*\[online-length\] (item\[1\]/enclosure)" "$work/online.txt"
expect "the media were never fetched whole" sh -c "! grep -q 'too large' '$work/stdout'"

expect_status 2 "--online=1 checks the newest item only" "$PODPUB" lint --online=1 "$base/ok/bad.xml"
grep 'online-' "$work/stdout" | grep -v 'online-not-https' >"$work/online1.txt"
rules "$work/online1.txt" >"$work/got"
printf '%s\n' online-length online-image-size online-chapters online-cors >"$work/want"
expect "... so only its four defects" test_cmp "$work/want" "$work/got"

expect_status 2 "--online with a file reads its links too" "$PODPUB" lint --online=1 --json "$root/bad.xml"
expect "... (its @BASE@ urls are no http urls, so only the offline findings)" sh -c \
	"! grep -q '\"online-' '$work/stdout'"

# --- https: verified, with --ca-file for the test CA ------------------------
if [ -n "${PODPUB_TEST_SERVERS:-}" ] && [ -f "$PODPUB_TEST_SERVERS/env" ]; then
	# shellcheck disable=SC1091
	. "$PODPUB_TEST_SERVERS/env"
	expect_status 2 "https with an unknown CA is refused" "$PODPUB" lint "${DAV_URL}feed.xml"
	expect "... with the TLS library's words" grep -qi "certificate" "$work/stderr"
	expect_status 2 "with --ca-file the server is trusted (and asks for a password)" \
		"$PODPUB" lint --ca-file "$CA_FILE" "${DAV_URL}feed.xml"
	expect "... so the status is the error" grep -q "answered status 401" "$work/stderr"
else
	ok "# skip https checks: the test servers are not running"
fi

# --- podcast.yaml's lint: ignore -------------------------------------------
show=$work/show
copy_show "$show"
cp "$show/podcast.yaml" "$work/podcast.yaml.orig"
printf 'lint:\n  ignore: [rss-atom-self, rss-http-media]\n' >>"$show/podcast.yaml"
cd "$show" || exit 1
expect_status 0 "in a show, lint leaves out the rules podcast.yaml ignores" \
	"$PODPUB" lint "$REPO/tests/data/lint/bad-atom-self.xml"
expect_status 0 "... for a url as well" "$PODPUB" lint "$base/ok/good.xml"
expect_status 0 "build reads the same list" "$PODPUB" build
cd "$work" || exit 1
expect_status 1 "outside the show the rule reports again" \
	"$PODPUB" lint "$REPO/tests/data/lint/bad-atom-self.xml"

cp "$work/podcast.yaml.orig" "$show/podcast.yaml"
printf 'lint:\n  ignore:\n    - rss-atom-self\n    - rss-http-medai\n' >>"$show/podcast.yaml"
line=$(grep -n 'rss-http-medai' "$show/podcast.yaml" | cut -d: -f1)
cd "$show" || exit 1
expect_status 2 "an unknown rule id in podcast.yaml is an error" \
	"$PODPUB" lint "$REPO/tests/data/lint/good.xml"
expect "... naming the file, its line, and the rule meant" grep -q \
	"podcast.yaml:$line: 'lint: ignore:' names no rule 'rss-http-medai': did you mean 'rss-http-media'?" \
	"$work/stderr"
expect_status 2 "... and build stops on it too" "$PODPUB" build
expect "... with the same message" grep -q "podcast.yaml:$line: .*rss-http-medai" "$work/stderr"
cd "$work" || exit 1

done_testing
