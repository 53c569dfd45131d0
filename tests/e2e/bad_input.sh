# Bad input: each case gets a clear error naming the file (and line), exit
# status 2, and leaves the already-published target exactly as it was.
. tests/e2e/lib.sh

good=$work/good
copy_show "$good"
"$PODPUB" publish --repo "$good" >/dev/null 2>&1 || not_ok "baseline publish"

ep1=episodes/jarjestoavustukset-osa-1
ep2=episodes/jarjestoavustukset-osa-2

# bad_case NAME EXPECTED_MESSAGE MUTATION...: copy the published show,
# break it with MUTATION (run inside the copy), publish, check the outcome.
bad_case() {
	name=$1
	message=$2
	shift 2
	case_dir=$work/case
	rm -rf "$case_dir"
	cp -R "$good" "$case_dir"
	(cd "$case_dir" && "$@") || { not_ok "$name: set-up failed"; return; }
	before=$(tree_digest "$case_dir/public")
	expect_status 2 "$name: exit status 2" "$PODPUB" publish --repo "$case_dir"
	after=$(tree_digest "$case_dir/public")
	if grep -qF -- "$message" "$work/stderr"; then
		ok "$name: says '$message'"
	else
		not_ok "$name: says '$message'" "stderr was: $(cat "$work/stderr")"
	fi
	expect "$name: target untouched" [ "$before" = "$after" ]
	expect "$name: no feed written" cmp -s "$case_dir/feed/feed.xml" "$good/feed/feed.xml"
}

bad_case "missing episode.md" "$ep1/episode.md: missing episode.md" \
	rm "$ep1/episode.md"
bad_case "missing title" "$ep1/episode.md:2: missing required key 'title' in episode front matter" \
	sed -i '/^title:/d' "$ep1/episode.md"
bad_case "day-first date" "$ep1/episode.md:3: 'date' is year first: write 2025-03-04 09:00, not '4.3.2025 klo 9'" \
	sed -i 's/^date: .*/date: 4.3.2025 klo 9/' "$ep1/episode.md"
bad_case "impossible date" "$ep1/episode.md:3: 'date': no such day as '2025-02-30 09:00': February 2025 has 28 days" \
	sed -i 's/^date: .*/date: 2025-02-30 09:00/' "$ep1/episode.md"
bad_case "no audio file" "$ep1: no audio file in episode folder" \
	rm "$ep1/jarjestoavustukset-osa-1.mp3"
bad_case "two audio files" "$ep1: two audio files, 'extra.m4a' and 'jarjestoavustukset-osa-1.mp3'" \
	cp "$ep1/jarjestoavustukset-osa-1.mp3" "$ep1/extra.m4a"
bad_case "non-audio file" "$ep1/jarjestoavustukset-osa-1.mp3:" \
	sh -c "printf 'not audio at all\n' > $ep1/jarjestoavustukset-osa-1.mp3"
bad_case "empty audio file" "$ep1/jarjestoavustukset-osa-1.mp3:" \
	sh -c ": > $ep1/jarjestoavustukset-osa-1.mp3"
# The ID3 tag (its first 583 bytes) kept, every audio frame zeroed.
bad_case "corrupt audio (frames zeroed)" "$ep1/jarjestoavustukset-osa-1.mp3:" \
	sh -c "head -c 583 $ep1/jarjestoavustukset-osa-1.mp3 > x && head -c 200000 /dev/zero >> x && mv x $ep1/jarjestoavustukset-osa-1.mp3"
bad_case "invalid UTF-8" "$ep1/episode.md:2: text is not valid UTF-8" \
	sed -i 's/^title: .*/title: J\xe4rjest\xf6avustukset/' "$ep1/episode.md"
bad_case "duplicate episode number" "duplicate episode number 1" \
	sed -i 's/^episode: 2$/episode: 1/' "$ep2/episode.md"
bad_case "unsafe slug" "folder name 'osa ä' is unsafe in a URL" \
	sh -c "mv $ep1 'episodes/osa ä'"
bad_case "unknown key" "$ep1/episode.md:4: unknown key 'episdoe' in episode front matter" \
	sed -i 's/^episode:/episdoe:/' "$ep1/episode.md"
bad_case "bad show config" "podcast.yaml:" \
	sed -i 's/^language: .*/language:/' podcast.yaml

# Cover art: Apple's rules (square, 1400-3000 px, colour), read from the image.
bad_case "cover art too small" "feed/cover.png: cover art must be square, 1400 to 3000 pixels a side: it is 1000x1000" \
	ffmpeg -v error -y -f lavfi -i color=c=red:s=1000x1000 -frames:v 1 feed/cover.png
bad_case "cover art not square" "it is 1500x1400" \
	ffmpeg -v error -y -f lavfi -i color=c=red:s=1500x1400 -frames:v 1 feed/cover.png
bad_case "cover art greyscale" "feed/cover.png: cover art must be in colour (RGB), not greyscale" \
	ffmpeg -v error -y -f lavfi -i color=c=gray:s=1500x1500 -frames:v 1 -pix_fmt gray feed/cover.png
bad_case "cover art not an image" "feed/cover.png: not readable as an image" \
	sh -c "printf 'not an image\n' > feed/cover.png"

# podcast.yaml: Apple's categories and a real language code, checked here
# rather than by Apple after submission.
bad_case "unknown category" "podcast.yaml:16: 'Goverment' is not an Apple Podcasts category" \
	sed -i 's/^  - Government$/  - Goverment/' podcast.yaml
bad_case "unknown subcategory" "podcast.yaml:17: 'Politcs' is not an Apple Podcasts subcategory of 'News'" \
	sed -i 's/News: \[Politics\]/News: [Politcs]/' podcast.yaml
bad_case "language not a code" "podcast.yaml:9: 'language' must be a language code like 'fi' or 'en-US', not 'suomi'" \
	sed -i 's/^language: fi$/language: suomi/' podcast.yaml

done_testing
