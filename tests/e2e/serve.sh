# podpub serve: the show at its own address on 127.0.0.1, checked with curl:
# byte ranges, HEAD, conditional requests, only the show's published files,
# a rebuild on an edit, and a clean stop on SIGINT and SIGTERM.
. tests/e2e/lib.sh

show=$work/show
copy_show "$show"
# A symbolic link out of the show, beside its files and as an episode's audio.
ln -s /etc "$show/etc-link"
printf 'secret\n' >"$work/outside.txt"

# stop_serve SIGNAL: sends it, waits, and sets $status.
stop_serve() {
	kill "-$1" "$pid"
	wait "$pid"
	status=$?
}

start_serve "$show"
expect "serve says where it listens" [ -n "$url" ]
case $url in http://127.0.0.1:*/) ok "it listens on 127.0.0.1" ;; *) not_ok "it listens on 127.0.0.1" "$url" ;; esac
audio=$show/episodes/jarjestoavustukset-osa-1/jarjestoavustukset-osa-1.mp3
size=$(wc -c <"$audio")

code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

expect "the index is 200" [ "$(code "$url")" = 200 ]
curl -s -D "$work/h" -o "$work/feed.xml" "${url}feed.xml"
expect "the feed is served as RSS" grep -qi '^content-type: application/rss+xml' "$work/h"
expect "the feed's URLs point at the server" grep -q "<enclosure url=\"${url}media/" "$work/feed.xml"
expect "the feed's item links point at the server's pages" grep -q "<link>${url}jarjestoavustukset-osa-1/</link>" "$work/feed.xml"
expect "feed/feed.xml is not written" [ ! -e "$show/feed/feed.xml" ]
expect "the show keeps its podcast:guid" grep -q '<podcast:guid>9e7dddac-f03b-5fa0-a224-10ef2e2bffa6</podcast:guid>' "$work/feed.xml"

# Byte ranges, as apps and browsers seek.
curl -s -r 1000-1999 -D "$work/h" -o "$work/part" "${url}media/jarjestoavustukset-osa-1.mp3"
expect "a range gets 206" grep -q '^HTTP/1.1 206' "$work/h"
expect "206 says which bytes" grep -qi "^content-range: bytes 1000-1999/$size" "$work/h"
tail -c +1001 "$audio" | head -c 1000 >"$work/part.want"
expect "the range's exact bytes" cmp "$work/part.want" "$work/part"
curl -s -r -100 -o "$work/tail" "${url}media/jarjestoavustukset-osa-1.mp3"
tail -c 100 "$audio" >"$work/tail.want"
expect "a suffix range gets the last bytes" cmp "$work/tail.want" "$work/tail"
expect "a range past the end gets 416" [ "$(code -r "$size"- "${url}media/jarjestoavustukset-osa-1.mp3")" = 416 ]
curl -s -o "$work/whole" "${url}media/jarjestoavustukset-osa-1.mp3"
expect "the whole file, byte for byte" cmp "$audio" "$work/whole"
expect "a page's range too" [ "$(code -r 0-9 "${url}index.html")" = 206 ]

# HEAD: the headers, no body.
curl -s -I -o "$work/head" "${url}media/jarjestoavustukset-osa-1.mp3"
expect "HEAD is 200" grep -q '^HTTP/1.1 200' "$work/head"
expect "HEAD gives the length" grep -qi "^content-length: $size" "$work/head"
expect "HEAD gives the audio's type" grep -qi '^content-type: audio/mpeg' "$work/head"
expect "Accept-Ranges: bytes" grep -qi '^accept-ranges: bytes' "$work/head"
expect "HEAD sends no body" [ "$(curl -s -I "${url}cover.png" | grep -c PNG)" = 0 ]

# Conditional requests.
etag=$(sed -n 's/^[Ee][Tt][Aa][Gg]: \(.*\)\r$/\1/p' "$work/head")
expect "an ETag" [ -n "$etag" ]
expect "If-None-Match with it gets 304" [ "$(code -H "If-None-Match: $etag" "${url}media/jarjestoavustukset-osa-1.mp3")" = 304 ]
expect "another ETag gets 200" [ "$(code -H 'If-None-Match: "other"' "${url}media/jarjestoavustukset-osa-1.mp3")" = 200 ]
expect "a stale If-Range gets all of it" [ "$(code -r 0-9 -H 'If-Range: "other"' "${url}media/jarjestoavustukset-osa-1.mp3")" = 200 ]
expect "the page's content type" [ "$(curl -s -o /dev/null -w '%{content_type}' "${url}style.css")" = "text/css; charset=utf-8" ]

# Only the show's published files.
expect "/../podcast.yaml is 404" [ "$(code --path-as-is "${url}../podcast.yaml")" = 404 ]
expect "/%2e%2e/podcast.yaml is 404" [ "$(code --path-as-is "${url}%2e%2e/podcast.yaml")" = 404 ]
expect "/podcast.yaml is 404" [ "$(code "${url}podcast.yaml")" = 404 ]
expect "an episode's folder is 404" [ "$(code "${url}episodes/jarjestoavustukset-osa-1/episode.md")" = 404 ]
expect "a symlink out of the show is 404" [ "$(code "${url}etc-link/passwd")" = 404 ]
expect "a page's folder without / redirects" [ "$(code "${url}jarjestoavustukset-osa-1")" = 301 ]
expect "POST is refused" [ "$(code -X POST "${url}feed.xml")" = 405 ]
expect "PUT is refused" [ "$(code -X PUT --data x "${url}feed.xml")" = 405 ]
case $(code --max-time 5 --request-target 'nonsense' "$url") in
4??) ok "a request target that is no path is refused" ;;
*) not_ok "a request target that is no path is refused" ;;
esac

# An edit: the server builds again and serves the new episode title.
sed -i 's/^title: Järjestöavustukset osa 1$/title: Järjestöavustukset osa 1 päivitetty/' \
	"$show/episodes/jarjestoavustukset-osa-1/episode.md"
for _ in $(seq 50); do
	curl -s "${url}jarjestoavustukset-osa-1/" | grep -q 'osa 1 päivitetty' && break
	sleep 0.1
done
expect "an edit is served after a rebuild" sh -c "curl -s '${url}jarjestoavustukset-osa-1/' | grep -q '<h1>Järjestöavustukset osa 1 päivitetty</h1>'"
expect "the feed follows" sh -c "curl -s '${url}feed.xml' | grep -q 'osa 1 päivitetty'"

stop_serve INT
expect "SIGINT stops it with status 0" [ "$status" = 0 ]
expect "it says it stopped" grep -q '^podpub: stopped' "$work/serve.out"
expect "serve prints no errors" test_cmp /dev/null "$work/serve.err"

# An episode's audio that is a link out of the show is not served: the
# build's fence refuses it, and a link put in place of a served file while
# serve runs is not followed.
start_serve "$show"
expect "serve starts again" [ -n "$url" ]
mv "$audio" "$work/outside.mp3"
ln -s "$work/outside.mp3" "$audio"
expect "audio linked from outside the show is 404" [ "$(code "${url}media/jarjestoavustukset-osa-1.mp3")" = 404 ]
stop_serve TERM
expect "SIGTERM stops it with status 0" [ "$status" = 0 ]
expect_status 2 "serve refuses a show whose audio links out of it" "$PODPUB" serve --repo "$show" --port 0
expect "and names the link" grep -q "jarjestoavustukset-osa-1.mp3: leads outside the show" "$work/stderr"

expect_status 2 "a bad --bind is bad input" "$PODPUB" serve --repo "$show" --bind nowhere
expect_status 2 "a bad --port is a usage error" "$PODPUB" serve --repo "$show" --port 70000

done_testing
