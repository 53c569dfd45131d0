# podpub new on a copy of the tests' own show: the folder from the title,
# the next number, the next slot, the usual persons, a draft that blocks
# nothing; a second run refuses to overwrite; the episode goes live once its
# audio is in and the draft line is gone.
. tests/e2e/lib.sh

show=$work/show
copy_show "$show"
new=$show/episodes/jarjestoavustukset-osa-3
md=$new/episode.md

expect_status 0 "podpub new exits 0" "$PODPUB" new --repo "$show" "Järjestöavustukset osa 3"
expect "the folder's name is the transliterated title" [ -f "$md" ]
expect "it says what it made" grep -qx \
	"podpub: made $md: episode 5 of season 1, dated 2025-04-01 09:00, with 1 of the newest episode's persons (guests left out), a draft" \
	"$work/stdout"
expect "and what to do next" grep -q "put the episode's audio file in $new/" "$work/stdout"
expect "the next step names make validate" grep -q "then run 'make validate'" "$work/stdout"
expect "the title is quoted" grep -qx 'title: "Järjestöavustukset osa 3"' "$md"
expect "the next number in the season" sh -c "grep -qx 'season: 1' '$md' && grep -qx 'episode: 5' '$md'"
# The newest test episode is Tuesday 2025-03-25 09:00 (+0200); a week later
# is after the switch to summer time, still 09:00.
expect "a week after the newest, same weekday and time" grep -qx 'date: 2025-04-01 09:00' "$md"
expect "the host is there" grep -qx '  - name: "Tomi Pyylampi"' "$md"
expect "the newest episode's guests are not" sh -c "! grep -q 'Touko Kivi' '$md'"
expect "it is a draft" grep -qx 'draft: true' "$md"
expect "with a notes template" grep -q '^## In this episode$' "$md"

# The draft does not break the show.
expect_status 0 "the show still builds" "$PODPUB" build --repo "$show"
expect "the draft is not in the feed" sh -c "! grep -q 'osa 3' '$show/feed/feed.xml'"

# Twice: refused, exit 2, nothing touched.
cp "$md" "$work/first.md"
expect_status 2 "podpub new a second time exits 2" "$PODPUB" new --repo "$show" "Järjestöavustukset osa 3"
expect "it names the folder and refuses" grep -qx \
	"podpub: $new: already exists: podpub new never overwrites; choose another title, or edit its episode.md" \
	"$work/stderr"
expect "the first episode.md is untouched" cmp -s "$work/first.md" "$md"
expect_status 2 "a title with the same slug is refused too" \
	"$PODPUB" new --repo "$show" "JÄRJESTÖAVUSTUKSET: osa 3!"

# Another one follows the first.
expect_status 0 "a second new episode" "$PODPUB" new --repo "$show" "Seuraava jakso"
expect "numbered after the first" grep -qx 'episode: 6' "$show/episodes/seuraava-jakso/episode.md"
expect "a week after it" grep -qx 'date: 2025-04-08 09:00' "$show/episodes/seuraava-jakso/episode.md"

expect_status 0 "--date sets the date" \
	"$PODPUB" new --repo "$show" --date "2025-06-03 10:30" "Kesäjakso"
expect "as given" grep -qx 'date: 2025-06-03 10:30' "$show/episodes/kesajakso/episode.md"
expect_status 2 "--date must be a date" "$PODPUB" new --repo "$show" --date "3.6.2025" "Väärä päivä"
expect "no folder is left" [ ! -e "$show/episodes/vaara-paiva" ]
expect_status 2 "a title without letters is refused" "$PODPUB" new --repo "$show" "???"
expect_status 2 "new without a title is a usage error" "$PODPUB" new --repo "$show"

# Audio in, draft line out: it goes live on its date.
rm -rf "$show/episodes/seuraava-jakso" "$show/episodes/kesajakso"
cp "$show/episodes/jarjestoavustukset-osa-1/jarjestoavustukset-osa-1.mp3" "$new/osa3.mp3"
sed -i '/^draft: true$/d' "$md"
expect_status 0 "finished, it builds" "$PODPUB" build --repo "$show" --now "2025-04-01 09:00"
expect "and is in the feed" grep -q '<title>Järjestöavustukset osa 3</title>' "$show/feed/feed.xml"
expect "as episode 5" grep -q '<itunes:episode>5</itunes:episode>' "$show/feed/feed.xml"

done_testing
