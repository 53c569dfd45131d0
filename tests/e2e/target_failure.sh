# A target that fails mid-publish: the old feed stays live, nothing partial
# is left under a real name, the exit status is 3, and a retry finishes.
. tests/e2e/lib.sh

show=$work/show
pub=$show/public
copy_show "$show"
expect_status 0 "baseline publish" "$PODPUB" publish --repo "$show"
old_feed=$(sha256sum <"$pub/feed.xml")

# A fifth episode, as a producer adds one.
new=$show/episodes/uusi-jakso
mkdir "$new"
cp "$show/episodes/jarjestoavustukset-osa-1/jarjestoavustukset-osa-1.mp3" "$new/uusi-jakso.mp3"
sed -e 's/^title: .*/title: Uusi jakso/' -e 's/^date: .*/date: 2025-04-01 09:00/' \
	-e 's/^episode: .*/episode: 5/' \
	"$show/episodes/jarjestoavustukset-osa-1/episode.md" >"$new/episode.md"

# The target cannot take its audio: a folder stands where the file goes.
mkdir -p "$pub/media/uusi-jakso.mp3/blocker"
expect_status 3 "a failing target exits 3" "$PODPUB" publish --repo "$show"
expect "the error names the remote file" grep -q 'media/uusi-jakso.mp3' "$work/stderr"
expect "the old feed is still live, unchanged" [ "$(sha256sum <"$pub/feed.xml")" = "$old_feed" ]
expect "the live feed does not name the missing episode" sh -c "! grep -q 'Uusi jakso' '$pub/feed.xml'"
expect "no temporary file is left" [ -z "$(find "$pub" -name '*podpub-tmp*')" ]

# Once the target is fixed, a retry sends the new audio, the pages that name
# it (the index and its own) and the feed only.
rm -rf "$pub/media/uusi-jakso.mp3"
expect_status 0 "the retry exits 0" "$PODPUB" publish --repo "$show"
expect "the retry sends the new audio" grep -q '^sent .*media/uusi-jakso.mp3' "$work/stdout"
expect "the retry sends the feed" grep -q '^sent .*feed.xml' "$work/stdout"
expect "the retry sends the new episode's page" grep -q '^sent .*page  uusi-jakso/index.html' "$work/stdout"
expect "the retry leaves the other files alone" grep -q ' 4 files sent, 10 unchanged$' "$work/stdout"
expect "the new episode is live" grep -q 'Uusi jakso' "$pub/feed.xml"
expect "its audio is live, whole" cmp -s "$new/uusi-jakso.mp3" "$pub/media/uusi-jakso.mp3"

done_testing
