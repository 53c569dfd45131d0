# limits: time=240 memory=2048
# Paths stay inside the show: a symbolic link that leaves it is refused
# with a message naming it (unless it leads to audio under media_root), a
# link that dangles or loops is named, and a FIFO, a device or a folder
# under an input's name is an error at once, never a hang. Each case must
# end within 20 s and exit 2, leaving the target as it was.
. tests/e2e/lib.sh

good=$work/good
outside=$work/outside
mkdir -p "$outside"
copy_show "$good"
"$PODPUB" publish --repo "$good" >/dev/null 2>&1 || not_ok "baseline publish"

ep1=episodes/jarjestoavustukset-osa-1
mp3=$ep1/jarjestoavustukset-osa-1.mp3

# path_case NAME STATUS MESSAGE MUTATION...: copy the published show, change
# it with MUTATION (run inside the copy), publish within bounds.
path_case() {
	name=$1
	status=$2
	message=$3
	shift 3
	case_dir=$work/case
	rm -rf "$case_dir"
	cp -R "$good" "$case_dir"
	(cd "$case_dir" && "$@") || { not_ok "$name: set-up failed"; return; }
	before=$(tree_digest "$case_dir/public")
	expect_bounded "$status" "$name: exit status $status" 20 1024 \
		"$PODPUB" publish --repo "$case_dir"
	[ -z "$message" ] || expect_stderr "$name: says '$message'" "$message"
	if [ "$status" -ne 0 ]; then
		expect "$name: target untouched" [ "$before" = "$(tree_digest "$case_dir/public")" ]
	fi
}

# Leaving the show.
cp "$good/$mp3" "$outside/big.mp3"
path_case "audio linked from outside" 2 "$mp3: leads outside the show, to '$outside/big.mp3'" \
	ln -sf "$outside/big.mp3" "$mp3"
path_case "audio under media_root" 0 "" \
	sh -c "ln -sf '$outside/big.mp3' $mp3 && echo 'media_root: $outside' >>podcast.yaml"
path_case "relative media_root" 0 "" \
	sh -c "ln -sf '$outside/big.mp3' $mp3 && echo 'media_root: ../outside' >>podcast.yaml"
path_case "media_root that is no folder" 2 "podcast.yaml:28: 'media_root' '$work/nowhere'" \
	sh -c "echo 'media_root: $work/nowhere' >>podcast.yaml"
cp -R "$good/$ep1" "$outside/ep"
path_case "episode folder linked from outside" 2 "$ep1: leads outside the show, to '$outside/ep'" \
	sh -c "rm -r $ep1 && ln -s '$outside/ep' $ep1"
path_case "media_root admits audio only" 2 "$ep1: leads outside the show" \
	sh -c "rm -r $ep1 && ln -s '$outside/ep' $ep1 && echo 'media_root: $outside' >>podcast.yaml"
cp "$good/$ep1/episode.md" "$outside/episode.md"
path_case "episode.md linked from outside" 2 "$ep1/episode.md: leads outside the show" \
	ln -sf "$outside/episode.md" "$ep1/episode.md"
cp "$good/feed/cover.png" "$outside/cover.png"
path_case "cover art linked from outside" 2 "feed/cover.png: leads outside the show" \
	ln -sf "$outside/cover.png" feed/cover.png
cp "$good/podcast.yaml" "$outside/podcast.yaml"
path_case "podcast.yaml linked from outside" 2 "podcast.yaml: leads outside the show" \
	ln -sf "$outside/podcast.yaml" podcast.yaml
path_case "a secret as podcast.yaml" 2 "podcast.yaml: leads outside the show, to '/etc/passwd'" \
	ln -sf /etc/passwd podcast.yaml

# Links that dangle or loop are named.
path_case "dangling audio link" 2 "$mp3: symbolic link to 'gone.mp3', which does not exist" \
	ln -sf gone.mp3 "$mp3"
path_case "dangling episode folder" 2 "episodes/osa-3: symbolic link to 'nowhere', which does not exist" \
	ln -s nowhere episodes/osa-3
path_case "looping episode.md" 2 "$ep1/episode.md: symbolic link to 'episode.md' loops" \
	ln -sf episode.md "$ep1/episode.md"
path_case "looping cover art" 2 "feed/cover.png: symbolic link to 'cover.png' loops" \
	ln -sf cover.png feed/cover.png

# Only regular files are opened: never a hang on a FIFO or a device.
path_case "FIFO as episode.md" 2 "$ep1/episode.md: is a FIFO, not a regular file" \
	sh -c "rm $ep1/episode.md && mkfifo $ep1/episode.md"
path_case "FIFO as audio" 2 "$mp3: is a FIFO, not a regular file" \
	sh -c "rm $mp3 && mkfifo $mp3"
path_case "FIFO as podcast.yaml" 2 "podcast.yaml: is a FIFO, not a regular file" \
	sh -c "rm podcast.yaml && mkfifo podcast.yaml"
path_case "FIFO as cover art" 2 "feed/cover.png: is a FIFO, not a regular file" \
	sh -c "rm feed/cover.png && mkfifo feed/cover.png"
path_case "folder as audio" 2 "$mp3: is a folder, not a regular file" \
	sh -c "rm $mp3 && mkdir $mp3"
path_case "folder as episode.md" 2 "$ep1/episode.md: is a folder, not a regular file" \
	sh -c "rm $ep1/episode.md && mkdir $ep1/episode.md"
path_case "device as audio (inside via a link)" 2 "$mp3: leads outside the show, to '/dev/zero'" \
	ln -sf /dev/zero "$mp3"
path_case "device under media_root" 2 "$mp3: is a character device, not a regular file" \
	sh -c "ln -sf /dev/zero $mp3 && echo 'media_root: /dev' >>podcast.yaml"

# A slug too long for the published file name, and a feed_url that would
# overwrite another published file, are bad input naming where they are.
long=$(printf 'x%.0s' $(seq 1 200))
path_case "slug too long" 2 "episodes/$long: folder name is 200 bytes long" \
	mv "$ep1" "episodes/$long"
path_case "feed_url over the cover" 2 "podcast.yaml:28: 'feed_url' cannot be published as 'cover.png'" \
	sh -c "echo 'feed_url: https://yhdistysyhteistyo.fi/jane/podcast/cover.png' >>podcast.yaml"
path_case "feed_url over the manifest" 2 "podcast.yaml:28: 'feed_url' cannot be published as '.podpub-manifest.json'" \
	sh -c "echo 'feed_url: https://yhdistysyhteistyo.fi/jane/podcast/.podpub-manifest.json' >>podcast.yaml"
path_case "feed_url over an episode" 2 "'feed_url' cannot be published as 'media/jarjestoavustukset-osa-1.mp3'" \
	sh -c "echo 'feed_url: https://yhdistysyhteistyo.fi/jane/podcast/media/jarjestoavustukset-osa-1.mp3' >>podcast.yaml"
path_case "feed_url elsewhere" 2 "podcast.yaml:28: 'feed_url' must lie inside 'base_url'" \
	sh -c "echo 'feed_url: https://evil.example/feed.xml' >>podcast.yaml"

# lint reads any feed, but only a regular file.
mkfifo "$work/fifo.xml"
expect_bounded 2 "lint of a FIFO exits 2 at once" 20 1024 "$PODPUB" lint "$work/fifo.xml"
expect_stderr "lint names the FIFO" "$work/fifo.xml: feed is a FIFO, not a regular file"
expect_bounded 2 "lint of a device exits 2 at once" 20 1024 "$PODPUB" lint /dev/zero
expect_stderr "lint names the device" "/dev/zero: feed is a character device, not a regular file"
expect_bounded 2 "lint of a folder exits 2" 20 1024 "$PODPUB" lint "$work"
expect_stderr "lint names the folder" "feed is a folder, not a regular file"
expect_bounded 2 "probe of a FIFO exits 2 at once" 20 1024 "$PODPUB" probe "$work/fifo.xml"
expect_stderr "probe names the FIFO" "$work/fifo.xml: is a FIFO, not a regular file"

done_testing
