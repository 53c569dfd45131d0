# scripts/validate.sh, what `make validate` and the show's CI run, on a copy
# of the tests' own show: quiet and 0 when all is well; one line naming the
# file and the command to run for each kind of failure.
. tests/e2e/lib.sh

show=$work/show
copy_show "$show"
validate() {
	sh "$REPO/scripts/validate.sh" "$PODPUB" "$show"
}

expect_status 0 "a clean show validates" validate
expect "quietly" test_cmp /dev/null "$work/stdout"
expect "with nothing on stderr" test_cmp /dev/null "$work/stderr"
expect "the feed it validated is feed/feed.xml" [ -s "$show/feed/feed.xml" ]

# NOW pins the time: the same feed as podpub build --now.
expect_status 0 "NOW before the last episode" env NOW="2025-03-20 12:00" sh "$REPO/scripts/validate.sh" "$PODPUB" "$show"
expect "the scheduled episode is noted" grep -q "is scheduled for 2025-03-25 09:00 +0200" "$work/stderr"
expect "and left out of the feed validated" [ "$(grep -c '<item>' "$show/feed/feed.xml")" -eq 3 ]

# In a git checkout every enclosure's audio must be committed: CI's clone
# would not have it otherwise.
git -C "$show" init -q
git -C "$show" add podcast.yaml feed/cover.png episodes
git -C "$show" rm -q --cached episodes/jarjestoavustukset-osa-2/jarjestoavustukset-osa-2.mp3
expect_status 2 "an audio file not committed fails" validate
expect "in one line naming the git add to run" grep -qx \
	"validate: $show/episodes/jarjestoavustukset-osa-2/jarjestoavustukset-osa-2.mp3 is not committed: run 'git add $show/episodes/jarjestoavustukset-osa-2/jarjestoavustukset-osa-2.mp3'" \
	"$work/stderr"
git -C "$show" add episodes
expect_status 0 "committed, it validates" validate
# So must a transcript published beside it.
printf 'WEBVTT\n\n00:00.000 --> 00:02.000\nHei\n' >"$show/episodes/jarjestoavustukset-osa-2/transcript.vtt"
expect_status 2 "a transcript not committed fails" validate
expect "naming the git add to run" grep -qx \
	"validate: $show/episodes/jarjestoavustukset-osa-2/transcript.vtt is not committed: run 'git add $show/episodes/jarjestoavustukset-osa-2/transcript.vtt'" \
	"$work/stderr"
git -C "$show" add episodes
expect_status 0 "committed too, it validates" validate
# Replaced audio goes out as <slug>-<sha8>.<ext>: still found in its folder.
cp "$REPO/tests/data/audio/cbr.mp3" "$show/episodes/jarjestoavustukset-osa-2/jarjestoavustukset-osa-2.mp3"
git -C "$show" add episodes
expect_status 0 "replaced audio validates" validate
expect "under its new name" grep -q 'media/jarjestoavustukset-osa-2-[0-9a-f]\{8\}\.mp3' "$show/feed/feed.xml"

# A lint warning fails (--strict): Ogg Vorbis is not on Apple's list.
ogg=$show/episodes/ogg-jakso
mkdir -p "$ogg"
cp "$REPO/tests/data/audio/vorbis.ogg" "$ogg/"
printf -- '---\ntitle: Ogg-jakso\ndate: 2025-03-26 09:00\n---\nMuistiinpanot.\n' >"$ogg/episode.md"
git -C "$show" add episodes
expect_status 2 "a lint warning fails validation" validate
expect "as a finding of the feed" grep -q "warning: .*audio/ogg.*\[apple-enclosure-type-unsupported\]" "$work/stdout"
expect "then one line naming make validate" grep -qx \
	"validate: lint found problems in $show/feed/feed.xml: fix them, then run 'make validate'" \
	"$work/stderr"
expect_status 2 "FORMAT=github gives annotations" env FORMAT=github sh "$REPO/scripts/validate.sh" "$PODPUB" "$show"
expect "as workflow commands" grep -q "^::warning file=$show/feed/feed.xml,line=[0-9]*,title=apple-enclosure-type-unsupported::" "$work/stdout"
rm -rf "$ogg"

# An episode error fails, naming the episode's file.
sed -i 's/^date: .*/date: 2025-02-30/' "$show/episodes/jarjestoavustukset-osa-1/episode.md"
expect_status 2 "an invalid episode fails" validate
expect "naming its file and line" grep -q "^podpub: $show/episodes/jarjestoavustukset-osa-1/episode.md:3: 'date'" "$work/stderr"
expect "then one line naming make validate" grep -q "^validate: the show does not build: .*'make validate'" "$work/stderr"

done_testing
