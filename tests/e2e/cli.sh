# The command line: version, help, exit statuses, probe and lint output.
. tests/e2e/lib.sh

mp3=$TEST_SHOW/episodes/jarjestoavustukset-osa-1/jarjestoavustukset-osa-1.mp3

expect "--version names podpub" sh -c "'$PODPUB' --version | grep -q '^podpub [0-9]'"
expect "--help lists the commands and exit statuses" sh -c "'$PODPUB' --help | grep -q 'exit status'"
for c in probe build lint publish; do
	expect "$c --help exits 0" sh -c "'$PODPUB' $c --help | grep -q 'usage: podpub $c'"
done
"$PODPUB" frobnicate >/dev/null 2>&1
expect "an unknown command exits 2" [ $? -eq 2 ]
"$PODPUB" probe --bogus "$TEST_SHOW/feed/cover.png" >/dev/null 2>"$work/err"
expect "an unknown option exits 2" [ $? -eq 2 ]
expect "an unknown option is named, with the podpub prefix" \
	grep -q "^podpub: probe: unknown option '--bogus'" "$work/err"
expect "an unknown option points to the command's help" grep -q "see 'podpub probe --help'" "$work/err"
"$PODPUB" lint a.xml b.xml >/dev/null 2>&1
expect "lint takes exactly one feed" [ $? -eq 2 ]
"$PODPUB" probe >/dev/null 2>&1
expect "probe needs a file" [ $? -eq 2 ]

"$PODPUB" probe "$mp3" >"$work/probe.txt" 2>&1
expect "probe exits 0" [ $? -eq 0 ]
expect "probe shows the codec" grep -q 'codec  *mp3' "$work/probe.txt"
expect "probe shows the Finnish title tag" grep -q 'Järjestöavustukset osa 1' "$work/probe.txt"
"$PODPUB" probe --json "$mp3" >"$work/probe.json"
expect "probe --json is JSON with the facts" /usr/bin/python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))[0]
assert p["codec"] == "mp3" and p["mime_type"] == "audio/mpeg", p
assert p["sample_rate"] > 0 and p["channels"] == 1 and p["duration"] > 1, p
assert p["tags"]["title"] == "Järjestöavustukset osa 1", p["tags"]
' "$work/probe.json"
"$PODPUB" probe "$work/nothing-here.mp3" >/dev/null 2>"$work/err"
expect "probe of a missing file exits 2" [ $? -eq 2 ]
expect "probe of a missing file names it" grep -q "nothing-here.mp3" "$work/err"

show=$work/show
copy_show "$show"
"$PODPUB" publish -n -C "$show" >"$work/dry.txt" 2>&1
expect "short options -n -C work like --dry-run --repo" grep -q '^would send' "$work/dry.txt"
"$PODPUB" build --repo "$show" >/dev/null 2>&1
"$PODPUB" lint "$show/feed/feed.xml" >"$work/lint.txt" 2>&1
expect "lint of podpub's own feed exits 0 and says nothing" sh -c "[ $? -eq 0 ] && [ ! -s '$work/lint.txt' ]"
sed 's/<itunes:image [^>]*>//' "$show/feed/feed.xml" >"$work/no-image.xml"
"$PODPUB" lint "$work/no-image.xml" >"$work/lint.txt" 2>&1
expect "lint of a feed without itunes:image exits 2" [ $? -eq 2 ]
expect "lint names the element and line" grep -q 'no-image.xml:[0-9]*: error: .*itunes:image' "$work/lint.txt"
printf '<rss version="2.0"><channel>\n<title>x</title>\n</rss>\n' >"$work/broken.xml"
"$PODPUB" lint "$work/broken.xml" >"$work/lint.txt" 2>&1
expect "lint of malformed XML exits 2" [ $? -eq 2 ]
expect "lint reports the line of malformed XML" grep -q 'broken.xml:3: error' "$work/lint.txt"
"$PODPUB" lint --json "$show/feed/feed.xml" >"$work/lint.json"
expect "lint --json of a clean feed is an empty array" /usr/bin/python3 -c '
import json, sys
assert json.load(open(sys.argv[1])) == []' "$work/lint.json"

# Without podcast_guid in podcast.yaml the build still works, and asks the
# producer to pin the derived value.
sed -i '/^podcast_guid:/d' "$show/podcast.yaml"
"$PODPUB" build --repo "$show" >/dev/null 2>"$work/err"
expect "a show without podcast_guid still builds" [ $? -eq 0 ]
expect "the build suggests pinning the derived podcast_guid" \
	grep -q "note: no 'podcast_guid': add 'podcast_guid: 9e7dddac-f03b-5fa0-a224-10ef2e2bffa6'" "$work/err"

# Cover art outside feed/: the build makes feed/ for feed.xml.
elsewhere=$work/elsewhere
copy_show "$elsewhere"
mkdir "$elsewhere/art"
mv "$elsewhere/feed/cover.png" "$elsewhere/art/cover.png"
rmdir "$elsewhere/feed"
sed -i 's|^image: .*|image: art/cover.png|' "$elsewhere/podcast.yaml"
"$PODPUB" build --repo "$elsewhere" >/dev/null 2>&1
expect "a show without feed/ gets feed/feed.xml" [ -s "$elsewhere/feed/feed.xml" ]

# Files from Windows editors: CRLF line endings and a UTF-8 byte order mark.
windows=$work/windows
copy_show "$windows"
md=$windows/episodes/jarjestoavustukset-osa-1/episode.md
sed -i 's/$/\r/' "$md" "$windows/podcast.yaml"
printf '\357\273\277' | cat - "$md" >"$work/bom.md" && mv "$work/bom.md" "$md"
"$PODPUB" build --repo "$windows" --output "$work/windows.xml" >/dev/null 2>"$work/err"
expect "CRLF and a BOM build cleanly" [ $? -eq 0 ]
copy_show "$work/unix"
"$PODPUB" build --repo "$work/unix" --output "$work/unix.xml" >/dev/null 2>&1
expect "CRLF and a BOM give the same feed" test_cmp "$work/unix.xml" "$work/windows.xml"

# An episode without show notes builds, with a warning.
bare=$work/bare
copy_show "$bare"
md=$bare/episodes/jarjestoavustukset-osa-1/episode.md
sed -i '/^---$/,$!d' "$md"
awk 'BEGIN { n = 0 } { print } /^---$/ { if (++n == 2) exit }' "$md" >"$work/bare.md" && mv "$work/bare.md" "$md"
"$PODPUB" build --repo "$bare" >/dev/null 2>"$work/err"
expect "an episode without notes still builds" [ $? -eq 0 ]
expect "an episode without notes gets a warning" \
	grep -q "episode.md: warning: no show notes after the front matter" "$work/err"

done_testing
