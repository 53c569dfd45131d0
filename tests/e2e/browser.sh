# The site as listeners meet it, through `podpub serve`: headless Chromium
# (Debian's, driven by playwright-core) loads the index and an episode page
# (no console errors, every image, the player's duration, axe-core's WCAG 2.1
# AA check, a screenshot of each kept in build/site-screenshots/),
# html-validate checks every page, and gPodder's command line subscribes to
# the served feed and downloads an episode.
. tests/e2e/lib.sh

modules=${PODPUB_TEST_CACHE:-/var/cache/podpub-test}/browser/node_modules
if [ ! -x /usr/bin/chromium ] || [ ! -d "$modules/playwright-core" ] || ! command -v node >/dev/null; then
	ok "the site in a browser # SKIP chromium or tests/browser's tools missing: run scripts/deps.sh test"
	done_testing
	exit 0
fi
shots=$REPO/build/site-screenshots
mkdir -p "$shots"

show=$work/show
copy_show "$show"
# Chapters on one episode, for the page's chapter list.
ep=$show/episodes/jarjestoavustukset-osa-1/episode.md
{ sed -n '1p' "$ep"; printf 'chapters:\n  - start: 0\n    title: Avaus\n  - start: 8\n    title: Hakemus ja päätös\n'; sed '1d' "$ep"; } >"$work/ep.md"
mv "$work/ep.md" "$ep"
# The checked episode page with a transcript, as a producer adds one...
printf 'WEBVTT\n\n00:00.000 --> 00:05.000\n<v Tomi>Hei &amp; tervetuloa\n\n00:05.000 --> 00:10.000\nToinen repliikki\n' \
	>"$show/episodes/jarjestoavustukset-osa-1/transcript.vtt"
# ...and its own art, which the page shows instead of the show's.
ffmpeg -v error -nostdin -f lavfi -i color=c=teal:s=1400x1400 -frames:v 1 \
	"$show/episodes/jarjestoavustukset-osa-1/cover.jpg"
start_serve "$show"
expect "serve listens" [ -n "$url" ]

# The durations the feed gives: the newest episode heads the index.
curl -s "${url}feed.xml" >"$work/feed.xml"
first=$(grep -o '<itunes:duration>[0-9]*' "$work/feed.xml" | head -n 1 | tr -dc 0-9)
slug=jarjestoavustukset-osa-1
own=$(sed -n "/$slug\\.mp3/,/<\\/item>/s/.*<itunes:duration>\\([0-9]*\\).*/\\1/p" "$work/feed.xml")
check_helper node "$REPO/tests/browser/check.js" "$modules" "$shots" "$url=$first" "$url$slug/=$own"

# Every page the site has, through html-validate's recommended rules.
mkdir -p "$work/pages"
curl -s -o "$work/pages/index.html" "$url"
for dir in "$show"/episodes/*/; do
	s=$(basename "$dir")
	curl -s -o "$work/pages/$s.html" "$url$s/"
done
if "$modules/.bin/html-validate" -c "$REPO/tests/browser/htmlvalidate.json" "$work"/pages/*.html >"$work/validate" 2>&1; then
	ok "html-validate finds no problem in the $(ls "$work/pages" | wc -l) pages"
else
	not_ok "html-validate finds no problem in the pages"
	indent "$work/validate" 40
fi

# A real podcast app: gPodder's gpo subscribes and downloads an episode.
if command -v gpo >/dev/null; then
	export GPODDER_HOME="$work/gpodder" GPODDER_DOWNLOAD_DIR="$work/downloads"
	mkdir -p "$GPODDER_HOME" "$GPODDER_DOWNLOAD_DIR"
	timeout 60 gpo subscribe "${url}feed.xml" >"$work/gpo" 2>&1
	expect "gpo subscribes to the served feed" grep -aq "JANEn Vaikuttamis-podcast" "$GPODDER_HOME/Database"
	expect "gpo keeps the Finnish titles intact" grep -aq "Järjestötyöllistäminen osa 2" "$GPODDER_HOME/Database"
	timeout 120 gpo download "${url}feed.xml" >>"$work/gpo" 2>&1
	got=$(find "$GPODDER_DOWNLOAD_DIR" -name '*.mp3' | head -n 1)
	expect "gpo downloads an episode" [ -n "$got" ]
	if [ -n "$got" ]; then
		name=$(basename "$got")
		expect "the download is the episode's bytes" sh -c "for f in '$show'/episodes/*/*.mp3; do cmp -s \"\$f\" '$got' && exit 0; done; exit 1"
	fi
else
	ok "gpo subscribes and downloads # SKIP gpodder is not installed"
fi

kill -INT "$pid"
wait "$pid"
expect "serve stops with status 0" [ "$?" = 0 ]
expect "serve printed no errors" test_cmp /dev/null "$work/serve.err"

done_testing
