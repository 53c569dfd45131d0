# limits: time=300
# An interrupted import: Ctrl-C in the middle of a download leaves no show
# (nothing but the staging folder with the download's .part file), and the
# next run continues that file with a Range request instead of starting
# over, and ends with the same bytes the host serves; a transcript
# downloaded whole in the first run is not fetched again.
. tests/e2e/lib.sh

host=$work/host
mkdir -p "$host/media"
cp "$TEST_SHOW/episodes/jarjestotyollistaminen-osa-1/jarjestotyollistaminen-osa-1.mp3" "$host/media/c.mp3"
cp "$TEST_SHOW/episodes/jarjestoavustukset-osa-1/jarjestoavustukset-osa-1.mp3" "$host/media/a.mp3"
cp "$TEST_SHOW/feed/cover.png" "$host/cover.png"
/usr/bin/python3 "$REPO/tests/servers/media_host.py" "$host" "$work/port" "$work/requests.log" &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; test_exit' EXIT
base=http://127.0.0.1:$(port_of "$work/port")
# Item 2 with a transcript: downloaded in the same pass, kept the same way.
cp "$REPO/tests/data/import/extras/ep.srt" "$host/ep.srt"
sed -e "s|@BASE@|$base|g" \
	-e "s|\(<enclosure url=\"/media/a.mp3\".*\)|\1<podcast:transcript url=\"$base/ep.srt\" type=\"application/x-subrip\"/>|" \
	"$REPO/tests/data/import/transistor.xml" >"$host/feed.xml"

# c.mp3 (283230 bytes) comes slowly after its first 64 KiB.
echo /media/c.mp3 >"$host/.slow"
show=$work/show
"$PODPUB" import --repo "$show" "$base/feed.xml" >"$work/out1" 2>"$work/err1" &
pid=$!
# Downloads are named by the SHA-256 of their URL and guid, so a rerun
# finds them.
part=$show/.podpub-import/parts/$(printf '%s\n%s' "$base/media/c.mp3" \
	9a1f7e2c-5b3d-4c6e-8f90-1a2b3c4d5e6f | sha256sum | cut -c 1-24).part
for _ in $(seq 200); do
	[ "$(stat -c %s "$part" 2>/dev/null || echo 0)" -ge 65536 ] && break
	sleep 0.1
done
expect "a .part file grows while the download runs" [ -s "$part" ]
kill -INT "$pid"
wait "$pid"
status=$?
expect "Ctrl-C ends the import with status 130" [ "$status" -eq 130 ]
indent "$work/err1" 5
expect "nothing of the show is in place" sh -c "[ ! -e '$show/podcast.yaml' ] && [ ! -e '$show/episodes' ]"
expect "the .part file is kept" [ -s "$part" ]
kept=$(stat -c %s "$part")
expect "it holds part of the file" [ "$kept" -gt 0 ] && [ "$kept" -lt 283230 ]
expect "the note says how to continue" grep -q 'run the same command again to continue' "$work/err1"

rm "$host/.slow"
: >"$work/requests.log"
expect_status 0 "the second run imports" "$PODPUB" import --repo "$show" "$base/feed.xml"
expect_stderr "it says it resumes" "resuming item 1 'Osa 2: Jäljet lumessa' at byte $kept"
expect_stderr "a file downloaded whole before is not fetched again" \
	"already downloaded item 2 'Osa 1: Katoaminen': 212767 bytes"
expect_stderr "a transcript downloaded whole before is not fetched again" \
	"already downloaded the transcript of item 2 'Osa 1: Katoaminen': 95 bytes"
expect "the host was not asked for the transcript again" sh -c "! grep -q '/ep.srt' '$work/requests.log'"
expect "the transcript is in its episode's folder" \
	cmp "$host/ep.srt" "$show/episodes/osa-1-katoaminen/transcript.srt"
expect "the host was asked for the rest only" \
	grep -q "\"path\": \"/media/c.mp3\", \"range\": \"bytes=$kept-\", \"status\": 206" "$work/requests.log"
expect "the audio is the host's, byte for byte" \
	cmp "$host/media/c.mp3" "$show/episodes/osa-2-jaljet-lumessa/osa-2-jaljet-lumessa.mp3"
expect "the staging folder is gone" [ ! -e "$show/.podpub-import" ]
expect_status 0 "the show builds" "$PODPUB" build --repo "$show"

done_testing
