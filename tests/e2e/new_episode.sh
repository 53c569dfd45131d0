# A producer adds an episode the README way to a copy of this repository's
# show, in another format than MP3, and rebuilds the feed: the real show's
# checks (show.sh) must then pass, whatever episodes the show already has.
. tests/e2e/lib.sh

show=$work/show
copy_real_show "$REPO" "$show"

# README.md, "Adding an episode": a folder named by the slug, one audio file
# of any name with a known ending, and episode.md with front matter + notes.
slug=podpub-e2e-uusi-jakso
new=$show/episodes/$slug
expect "the new slug is free in the show" [ ! -e "$new" ]
mkdir -p "$new"
expect "an AAC episode is made with ffmpeg" ffmpeg -v error -nostdin -f lavfi \
	-i sine=frequency=440:sample_rate=44100:duration=3 -c:a aac -b:a 64k \
	-fflags +bitexact -flags:a +bitexact -map_metadata -1 "$new/Uusi jakso.m4a"
cat >"$new/episode.md" <<'MD'
---
title: Uusi jakso (testi)
date: 2025-04-01 09:00
persons:
  - name: Tomi Pyylampi
    role: host
---
Uuden jakson **muistiinpanot**, lisätty niin kuin README.md neuvoo.
MD

# What `make feed` runs, in the producer's repository.
expect_status 0 "the producer's build succeeds" "$PODPUB" build --repo "$show"
expect "the new episode is in the feed" grep -q '<title>Uusi jakso (testi)</title>' "$show/feed/feed.xml"
expect "its enclosure is audio/x-m4a, named by the slug" \
	grep -q "<enclosure url=\"[^\"]*/media/$slug.m4a\" length=\"[0-9]*\" type=\"audio/x-m4a\"" \
	"$show/feed/feed.xml"

check_real_show "$show"

done_testing
