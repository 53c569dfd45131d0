# After a publish that changed the feed: the WebSub hub, Podcast Index and
# Podping are told, each as podcast.yaml says, against a local HTTP server
# that records what it was sent. Nothing is sent by a dry run or when the
# feed did not change; a service that does not answer is only a warning.
. tests/e2e/lib.sh

start_recorder() { # PORTFILE LOG [STATUS]: sets $recorder_pid
	/usr/bin/python3 "$REPO/tests/servers/recorder.py" "$@" &
	recorder_pid=$!
	port_of "$1" >/dev/null
}
start_recorder "$work/port" "$work/requests.log"
port=$(cat "$work/port")
base=http://127.0.0.1:$port

show=$work/show
copy_show "$show"
cat >>"$show/podcast.yaml" <<EOF
hub: $base/hub
notify:
  podcastindex: $base/pubnotify
  podping: $base/podping
EOF
feed_url=https://yhdistysyhteistyo.fi/jane/podcast/feed.xml

"$PODPUB" build -C "$show" >/dev/null 2>&1
expect "the feed declares the hub" grep -q "<atom:link href=\"$base/hub\" rel=\"hub\"/>" \
	"$show/feed/feed.xml"

"$PODPUB" publish -n -C "$show" --target "$work/public" >/dev/null 2>&1
expect "a dry run tells nobody" [ ! -s "$work/requests.log" ]

PODPING_TOKEN=secret-podping-token "$PODPUB" publish -C "$show" --target "$work/public" \
	>"$work/out" 2>"$work/err"
expect "a publish with pings exits 0" [ $? -eq 0 ]
expect "the output says who was told" grep -q 'Podcast Index: note: told that the feed changed' "$work/err"
expect "the token is never printed" sh -c "! grep -q secret-podping-token '$work/out' '$work/err'"
expect "the hub, Podcast Index and Podping were told, once each" /usr/bin/python3 -c '
import json, sys, urllib.parse
feed = sys.argv[2]
reqs = [json.loads(l) for l in open(sys.argv[1])]
assert len(reqs) == 3, reqs
hub, pi, pp = reqs
assert hub["method"] == "POST" and hub["path"] == "/hub", hub
assert urllib.parse.parse_qs(hub["body"]) == {"hub.mode": ["publish"], "hub.url": [feed]}, hub
assert hub["headers"]["Content-Type"] == "application/x-www-form-urlencoded", hub
q = lambda r: urllib.parse.parse_qs(urllib.parse.urlsplit(r["path"]).query)
assert pi["method"] == "GET" and pi["path"].startswith("/pubnotify?") and q(pi) == {"url": [feed]}, pi
assert pp["path"].startswith("/podping?") and q(pp) == {"url": [feed]}, pp
assert pp["headers"]["Authorization"] == "secret-podping-token", pp
' "$work/requests.log" "$feed_url"

: >"$work/requests.log"
"$PODPUB" publish -C "$show" --target "$work/public" >/dev/null 2>&1
expect "an unchanged publish tells nobody" [ ! -s "$work/requests.log" ]

# Without PODPING_TOKEN, Podping is left out.
sed -i 's/^title: .*/title: Uusi nimi/' "$show/podcast.yaml"
"$PODPUB" publish -C "$show" --target "$work/public" >/dev/null 2>&1
expect "without a token only the hub and Podcast Index are told" \
	sh -c "[ \$(wc -l <'$work/requests.log') -eq 2 ] && ! grep -q podping '$work/requests.log'"

# A service that fails or is not there: warnings, and the publish stands.
kill "$recorder_pid"
wait "$recorder_pid" 2>/dev/null
start_recorder "$work/port2" "$work/requests2.log" 503
sed -i "s|$base/hub|http://127.0.0.1:$(cat "$work/port2")/hub|; s|$base/pubnotify|http://127.0.0.1:9/pubnotify|" \
	"$show/podcast.yaml"
sed -i 's/^title: .*/title: Kolmas nimi/' "$show/podcast.yaml"
"$PODPUB" publish -C "$show" --target "$work/public" >"$work/out" 2>"$work/err"
expect "a publish whose pings fail still exits 0" [ $? -eq 0 ]
expect "a failing hub is a warning with its words" \
	grep -q 'the WebSub hub: warning: was not told that the feed changed: HTTP/1.0 503' "$work/err"
expect "a service not answering is a warning" \
	grep -q 'Podcast Index: warning: was not told that the feed changed' "$work/err"
expect "the new feed is live anyway" grep -q 'Kolmas nimi' "$work/public/feed.xml"
kill "$recorder_pid"
wait "$recorder_pid" 2>/dev/null

done_testing
