# Scheduled and draft episodes, on a copy of the tests' own show: an episode
# dated in the future stays out of the feed and off the target until --now
# passes its date; a preview shows it; a draft stays out of everything and
# its problems are warnings.
. tests/e2e/lib.sh

show=$work/show
pub=$work/public
copy_show "$show"
# The newest test episode (2025-03-25) moves to Tuesday 2025-04-01 09:00,
# after the switch to summer time (+0300).
later=$show/episodes/jarjestotyollistaminen-osa-2
sed -i 's/^date: .*/date: 2025-04-01 09:00/' "$later/episode.md"

expect_status 0 "build before the date exits 0" \
	"$PODPUB" build --repo "$show" --now "2025-03-30 12:00"
expect "build says which episode waits and when it goes live" grep -qx \
	"podpub: $later/episode.md: note: 'Järjestötyöllistäminen osa 2' is scheduled for 2025-04-01 09:00 +0300: held back until then" \
	"$work/stderr"
expect "the scheduled episode is not in the feed" \
	sh -c "! grep -q 'Järjestötyöllistäminen osa 2' '$show/feed/feed.xml'"
expect "the feed has the other three" [ "$(grep -c '<item>' "$show/feed/feed.xml")" -eq 3 ]
expect "lastBuildDate is the newest published episode's" grep -q \
	'<lastBuildDate>Tue, 18 Mar 2025 09:00:00 +0200</lastBuildDate>' "$show/feed/feed.xml"
expect "the channel's pubDate too" grep -q \
	'<pubDate>Tue, 18 Mar 2025 09:00:00 +0200</pubDate>' "$show/feed/feed.xml"
expect_status 0 "lint finds nothing in it" "$PODPUB" lint "$show/feed/feed.xml"

# Reproducible: the same --now gives the same bytes.
cp "$show/feed/feed.xml" "$work/first.xml"
expect_status 0 "a second build at the same --now" \
	"$PODPUB" build --repo "$show" --now "2025-03-30 12:00"
expect "gives a byte-identical feed" cmp -s "$work/first.xml" "$show/feed/feed.xml"

# A preview goes to its own file, with the scheduled episode dated as it will be.
expect_status 0 "a preview with --include-future" \
	"$PODPUB" build --repo "$show" --now "2025-03-30 12:00" --include-future
expect "the preview is feed/preview.xml" [ -s "$show/feed/preview.xml" ]
expect "the preview has the scheduled episode" \
	grep -q '<title>Järjestötyöllistäminen osa 2</title>' "$show/feed/preview.xml"
expect "its lastBuildDate is that episode's" grep -q \
	'<lastBuildDate>Tue, 01 Apr 2025 09:00:00 +0300</lastBuildDate>' "$show/feed/preview.xml"
expect "the preview left feed/feed.xml alone" cmp -s "$work/first.xml" "$show/feed/feed.xml"
expect "the note says it is only in the preview" grep -q "in this preview" "$work/stderr"

# Publish before the date: three episodes, no upload of the fourth's audio.
expect_status 0 "publish before the date exits 0" \
	"$PODPUB" publish --repo "$show" --target "$pub" --now "2025-03-30 12:00"
expect "publish says which episode waits" grep -q "is scheduled for 2025-04-01 09:00 +0300" \
	"$work/stderr"
expect "its audio is not uploaded" [ ! -e "$pub/media/jarjestotyollistaminen-osa-2.mp3" ]
expect "the published feed lacks it" \
	sh -c "! grep -q 'Järjestötyöllistäminen osa 2' '$pub/feed.xml'"
expect "the others are uploaded" [ -s "$pub/media/jarjestotyollistaminen-osa-1.mp3" ]

# An hour after the date, the same command publishes it.
expect_status 0 "publish after the date exits 0" \
	"$PODPUB" publish --repo "$show" --target "$pub" --now "2025-04-01 10:00"
expect "no note about waiting any more" sh -c "! grep -q 'scheduled' '$work/stderr'"
expect "now its audio is uploaded" \
	cmp -s "$later/jarjestotyollistaminen-osa-2.mp3" "$pub/media/jarjestotyollistaminen-osa-2.mp3"
expect "and it is in the feed" grep -q '<title>Järjestötyöllistäminen osa 2</title>' "$pub/feed.xml"
expect "the feed's date moved to it" grep -q \
	'<lastBuildDate>Tue, 01 Apr 2025 09:00:00 +0300</lastBuildDate>' "$pub/feed.xml"

# Moving a published episode's date into the future again would drop it.
expect_status 2 "publish refuses to take a live episode back" \
	"$PODPUB" publish --repo "$show" --target "$pub" --now "2025-03-30 12:00"
expect "naming the episode's file and its date" grep -q \
	"^podpub: $later/episode.md: episode 'Järjestötyöllistäminen osa 2' is in '.*' but dated '2025-04-01 09:00', in the future" \
	"$work/stderr"

# --now in another syntax than episode.md's is refused, naming the option.
expect_status 2 "--now must be a date" "$PODPUB" build --repo "$show" --now "tiistaina"
expect "the message names --now and the syntax" grep -q \
	"^podpub: --now: 'tiistaina' is not a date and time like '2025-03-04 09:00'" "$work/stderr"

# A draft: an unfinished folder with errors blocks nothing.
draft=$show/episodes/keskenerainen
mkdir -p "$draft"
cat >"$draft/episode.md" <<'MD'
---
title: Keskeneräinen jakso
date: 2025-02-30 09:00
draft: true
---
Muistiinpanot puuttuvat vielä.
MD
expect_status 0 "a draft with errors does not fail the build" \
	"$PODPUB" build --repo "$show" --now "2025-04-02 09:00"
expect "its errors are warnings" grep -q \
	"^podpub: $draft/episode.md:3: warning: 'date': no such day" "$work/stderr"
expect "its missing audio too" grep -q "^podpub: $draft: warning: no audio file" "$work/stderr"
expect "a note says it is a draft" grep -q \
	"^podpub: $draft/episode.md: note: a draft: left out of the feed" "$work/stderr"
expect "it is not in the feed" sh -c "! grep -q 'Keskeneräinen' '$show/feed/feed.xml'"
expect_status 0 "publish with a draft exits 0" \
	"$PODPUB" publish --repo "$show" --target "$pub" --now "2025-04-02 09:00"
expect "nothing of the draft is uploaded" sh -c "! grep -rq keskenerainen '$pub'"

# Without draft: true, the same folder is an error again.
sed -i '/^draft:/d' "$draft/episode.md"
expect_status 2 "without 'draft: true' its errors fail the build" \
	"$PODPUB" build --repo "$show" --now "2025-04-02 09:00"

done_testing
