# The mistakes a new producer makes, and the words podpub answers with: each
# names the file and line and says what to do, on a copy of the test show.
. tests/e2e/lib.sh

show=$work/show
copy_show "$show"
ep=episodes/jarjestoavustukset-osa-1
md=$show/$ep/episode.md
cp "$md" "$work/episode.md"
cp "$show/podcast.yaml" "$work/podcast.yaml.orig"

# has_line FILE LINE: FILE has exactly LINE; otherwise shows FILE.
has_line() {
	grep -qxF "$2" "$1" || { cat "$1"; return 1; }
}

# says WHAT LINE EDIT...: the EDIT (a command run in $show) makes a build in
# the show's folder fail with exit 2 and the exact line LINE on stderr
# (messages name the show's files relatively); the show is then restored.
says() {
	msg_what=$1
	msg_line=$2
	shift 2
	(cd "$show" && "$@")
	expect_status 2 "$msg_what: exit 2" sh -c "cd '$show' && exec '$PODPUB' build"
	expect "$msg_what: says the line" has_line "$work/stderr" "$msg_line"
	cp "$work/episode.md" "$md"
	cp "$work/podcast.yaml.orig" "$show/podcast.yaml"
}

says "colon in a title" \
	"podpub: $ep/episode.md:2: a ':' inside the value of 'title': put the title in quotes, like title: \"Jakso 1: Avustukset\" (YAML: mapping values are not allowed in this context)" \
	sed -i 's/^title: .*/title: Jakso 1: Avustukset/' "$ep/episode.md"
says "a tab" \
	"podpub: $ep/episode.md:9: a tab in the indentation: indent with spaces, not tabs (YAML: found character that cannot start any token)" \
	sed -i 's/^  - name: Tomi/\t- name: Tomi/' "$ep/episode.md"
says "unclosed front matter" \
	"podpub: $ep/episode.md:1: no closing '---' line: end the front matter with a line of '---' before the show notes" \
	sed -i '2,$s/^---$//' "$ep/episode.md"
says "unknown key" \
	"podpub: $ep/episode.md:2: unknown key 'titel' in episode front matter: did you mean 'title'?" \
	sed -i 's/^title:/titel:/' "$ep/episode.md"
expect "and no second message about the missing title" sh -c "! grep -q \"missing required key 'title'\" '$work/stderr'"
says "unknown role" \
	"podpub: $ep/episode.md:10: unknown person role 'hots': did you mean 'host'?" \
	sed -i 's/role: host/role: hots/' "$ep/episode.md"
says "unknown category" \
	"podpub: podcast.yaml:16: 'Goverment' is not an Apple Podcasts category: did you mean 'Government'?" \
	sed -i 's/^  - Government$/  - Goverment/' podcast.yaml
says "a Finnish date" \
	"podpub: $ep/episode.md:3: 'date' is year first: write 2025-03-04, not '4.3.2025'" \
	sed -i 's/^date: .*/date: 4.3.2025/' "$ep/episode.md"
says "30 February" \
	"podpub: $ep/episode.md:3: 'date': no such day as '2025-02-30 09:00': February 2025 has 28 days" \
	sed -i 's/^date: .*/date: 2025-02-30 09:00/' "$ep/episode.md"

mv "$show/$ep/jarjestoavustukset-osa-1.mp3" "$work/audio.mp3"
says "a .wma file" \
	"podpub: $ep/Jakso 1.wma: Windows Media Audio is a format podcast apps cannot play: convert it to MP3, e.g. ffmpeg -i '$ep/Jakso 1.wma' -b:a 128k '$ep/Jakso 1.mp3'" \
	touch "$ep/Jakso 1.wma"
rm -f "$show/$ep/Jakso 1.wma"
says "an .aiff file" \
	"podpub: $ep/studio.aiff: AIFF is a format podcast apps cannot play: convert it to MP3, e.g. ffmpeg -i '$ep/studio.aiff' -b:a 128k '$ep/studio.mp3'" \
	touch "$ep/studio.aiff"
rm -f "$show/$ep/studio.aiff"
mv "$work/audio.mp3" "$show/$ep/jarjestoavustukset-osa-1.mp3"

# Raw HTML in the notes: left out of the feed, and the line is named.
printf 'Lisää <b>lihavaa</b> tekstiä.\n' >>"$md"
body_line=$(wc -l <"$md")
expect_status 0 "raw HTML in the notes is a warning" sh -c "cd '$show' && exec '$PODPUB' build"
expect "naming the notes' line" has_line "$work/stderr" \
	"podpub: $ep/episode.md:$body_line: warning: raw HTML is left out of the feed: write it in Markdown (**bold**, [text](https://...))"
cp "$work/episode.md" "$md"

expect_status 0 "restored, the show builds again" "$PODPUB" build --repo "$show"

# Warnings about an episode's audio name the episode's own files and say
# what to do; the show still builds.
# warns WHAT LINE: a build in the show's folder exits 0 and warns LINE.
warns() {
	expect_status 0 "$1: still builds" sh -c "cd '$show' && exec '$PODPUB' build"
	expect "$1: warns '$2'" has_line "$work/stderr" "$2"
}
extra=episodes/lisajakso
mkdir -p "$show/$extra"
printf -- '---\ntitle: Lisäjakso\ndate: 2025-03-26 09:00\n---\nMuistiinpanot.\n' >"$show/$extra/episode.md"
cp "$REPO/tests/data/audio/vorbis.ogg" "$show/$extra/lisa.ogg"
warns "Ogg audio" \
	"podpub: $extra/lisa.ogg: warning: vorbis audio (audio/ogg) is not a format Apple Podcasts takes: convert it to MP3, e.g. ffmpeg -i '$extra/lisa.ogg' -b:a 128k '$extra/lisa.mp3'"
warns "a missing number among numbered siblings" \
	"podpub: $extra/episode.md: warning: no 'episode' number, while 4 other episodes have one: add 'episode: N' so apps keep the order"
rm "$show/$extra/lisa.ogg"
cp "$show/$ep/jarjestoavustukset-osa-1.mp3" "$show/$extra/lisa.mp3"
warns "the same audio twice" \
	"podpub: $extra/lisa.mp3: warning: the same audio as '$ep/jarjestoavustukset-osa-1.mp3': was the folder copied without its new recording?"
rm "$show/$extra/lisa.mp3"
ffmpeg -v error -nostdin -f lavfi -i sine=frequency=440:sample_rate=48000:duration=2 \
	-ac 2 -c:a libmp3lame -b:a 320k "$show/$extra/lisa.mp3"
# The average bit rate counts the frames' headers too: a little over 320.
expect_status 0 "a bit rate over 192 kb/s: still builds" sh -c "cd '$show' && exec '$PODPUB' build"
expect "a bit rate over 192 kb/s: warns with the command" grep -qx \
	"podpub: $extra/lisa.mp3: warning: bit rate 3[0-9][0-9] kb/s is more than speech needs (up to 192): e.g. ffmpeg -i '$extra/lisa.mp3' -b:a 128k '$extra/lisa-128k.mp3'" \
	"$work/stderr"
rm "$show/$extra/lisa.mp3"
ffmpeg -v error -nostdin -f lavfi -i sine=frequency=440:sample_rate=44100:duration=1 \
	-f lavfi -i testsrc=size=64x64:rate=5:duration=1 -c:a aac -b:a 64k -c:v mpeg4 \
	-shortest "$show/$extra/lisa.mp4"
# A video stream is refused (issue 10): never published as audio.
expect_status 2 "a video stream is refused" sh -c "cd '$show' && exec '$PODPUB' build"
expect "a video stream: says how to keep the audio" has_line "$work/stderr" \
	"podpub: $extra/lisa.mp4: has a video stream (mpeg4): podpub publishes audio only; keep the audio alone (ffmpeg -i IN -vn -c:a copy OUT)"
rm -rf "$show/$extra"

# Outside the show: one line saying what to do. $work has no podcast.yaml,
# nor has any folder above it.
mkdir -p "$work/elsewhere"
for cmd in build publish "new Jakso"; do
	expect_status 2 "podpub $cmd outside the show exits 2" \
		sh -c "cd '$work/elsewhere' && exec '$PODPUB' $cmd"
	expect "podpub $cmd outside the show says where to run it" has_line "$work/stderr" \
		"podpub: no podcast.yaml here or above; run from the show's folder or give --repo"
done
# Inside the show's subfolders, the show is found above, as git finds its
# repository, and messages name files from where the producer stands.
expect_status 0 "podpub build in an episode folder builds the show" \
	sh -c "cd '$show/$ep' && exec '$PODPUB' build"
expect "it wrote the show's feed, named from there" \
	grep -qx "podpub: wrote ../../feed/feed.xml: 4 episodes, [0-9]* bytes" "$work/stdout"
expect_status 0 "podpub new in episodes/ makes the episode in the show" \
	sh -c "cd '$show/episodes' && exec '$PODPUB' new 'Alakansiosta'"
expect "in episodes/, not below it" [ -f "$show/episodes/alakansiosta/episode.md" ]
expect_status 2 "--repo is taken as given" "$PODPUB" build --repo "$show/episodes"

done_testing
