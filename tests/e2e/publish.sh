# End to end: publish a copy of the tests' own show (tests/data/show) into its
# local target as a producer would, then read everything back.
. tests/e2e/lib.sh

show=$work/show
pub=$show/public
copy_show "$show"

expect_status 0 "publish exits 0" "$PODPUB" publish --repo "$show"
expect "publish prints no warnings or errors" test_cmp /dev/null "$work/stderr"

for dir in "$show"/episodes/*/; do
	slug=$(basename "$dir")
	expect "$slug: audio published byte for byte" cmp -s "$dir/$slug.mp3" "$pub/media/$slug.mp3"
done
expect "cover art published" cmp -s "$show/feed/cover.png" "$pub/cover.png"
expect "published feed is the built feed/feed.xml" cmp -s "$show/feed/feed.xml" "$pub/feed.xml"
expect "no temporary files left on the target" [ -z "$(find "$pub" -name '*podpub-tmp*')" ]
expect "manifest written" [ -s "$pub/.podpub-manifest.json" ]

# Decoded lengths measured outside podpub, by ffmpeg.
for dir in "$show"/episodes/*/; do
	slug=$(basename "$dir")
	rate=$(ffprobe -v error -select_streams a:0 -show_entries stream=sample_rate -of csv=p=0 "$dir/$slug.mp3")
	bytes=$(ffmpeg -v error -i "$dir/$slug.mp3" -f s16le -ac 1 -ar "$rate" - | wc -c)
	echo "$slug $(awk -v b="$bytes" -v r="$rate" 'BEGIN { printf "%.6f", b / 2 / r }')"
done >"$work/durations"
check_helper "$TESTBIN/check_feed" "$pub/feed.xml" "$pub" "$work/durations"

# podpub probe's exact duration: within 0.05 s of the decoded length.
while read -r slug decoded; do
	probed=$("$PODPUB" probe --json "$show/episodes/$slug/$slug.mp3" |
		/usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["duration"])')
	if awk -v p="$probed" -v d="$decoded" 'BEGIN { exit !((p - d) ^ 2 <= 0.05 ^ 2) }'; then
		ok "$slug: probe duration $probed s matches decoded $decoded s"
	else
		not_ok "$slug: probe duration $probed s matches decoded $decoded s"
	fi
done <"$work/durations"

# A second publish with nothing changed sends nothing and touches nothing.
before=$(find "$pub" -type f -printf '%p %s %T@\n' | sort)
"$PODPUB" publish --repo "$show" >"$work/out2" 2>&1
rc=$?
after=$(find "$pub" -type f -printf '%p %s %T@\n' | sort)
expect "re-publish exits 0" [ "$rc" -eq 0 ]
expect "re-publish sends nothing" [ "$(grep -c '^sent' "$work/out2")" -eq 0 ]
expect "re-publish says there was nothing to publish" grep -qx "podpub: nothing to publish: $show/public has all 12 files" "$work/out2"
expect "in one line" [ "$(wc -l <"$work/out2")" -eq 1 ]
expect "re-publish leaves every file untouched" [ "$before" = "$after" ]

# Two builds of the same inputs are byte-identical.
"$PODPUB" build --repo "$show" --output "$work/a.xml" >/dev/null 2>&1
"$PODPUB" build --repo "$show" --output "$work/b.xml" >/dev/null 2>&1
expect "two builds are byte-identical" cmp -s "$work/a.xml" "$work/b.xml"
# The feed's bytes as they were when tests/data/show was frozen: a change in
# podpub's output shows here as a diff (rebuild it as its README.md says).
expect "the test show builds to tests/data/show/feed/feed.xml" test_cmp "$TEST_SHOW/feed/feed.xml" "$work/a.xml"

# Editing show notes re-sends the feed only; media stay.
sed -i 's/^title: Järjestöavustukset osa 1$/title: Järjestöavustukset osa 1 (korjattu)/' \
	"$show/episodes/jarjestoavustukset-osa-1/episode.md"
"$PODPUB" publish --repo "$show" >"$work/out3" 2>&1
expect "a changed title re-sends the feed" grep -q '^sent .*feed  *feed.xml' "$work/out3"
expect "a changed title sends no media" [ "$(grep -c '^sent .*media' "$work/out3")" -eq 0 ]
expect "the new title is live" grep -q 'Järjestöavustukset osa 1 (korjattu)' "$pub/feed.xml"

# A dry run on a fresh copy lists six files and writes nothing.
fresh=$work/fresh
copy_show "$fresh"
"$PODPUB" publish --dry-run --repo "$fresh" >"$work/out4" 2>&1
rc=$?
expect "dry run exits 0" [ "$rc" -eq 0 ]
expect "dry run lists 12 files to send (media, art, feed and 6 pages)" [ "$(grep -c '^would send' "$work/out4")" -eq 12 ]
expect "dry run creates no target" [ ! -e "$fresh/public" ]
expect "dry run writes no feed" [ ! -e "$fresh/feed/feed.xml" ]

# --target with a bare word that is no target's name and no folder: a
# typo, refused, rather than a new folder the show is published into.
"$PODPUB" publish --repo "$fresh" --target webhotel >"$work/out5" 2>&1
expect "an unknown target name exits 2" [ $? -eq 2 ]
expect "... and says there are no targets, and how to name a new folder" \
	grep -q "no target named 'webhotel': podcast.yaml has no targets: (a new folder: ./webhotel)" "$work/out5"
expect "... and makes no folder" [ ! -e "$fresh/webhotel" ]
"$PODPUB" publish --repo "$fresh" --target public --dry-run >"$work/out5" 2>&1
expect "the show's own target: by name on the command line still works" [ $? -eq 0 ]

done_testing
