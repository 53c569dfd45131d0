# S3's ETag check against a fake service over plain HTTP on 127.0.0.1
# (tests/servers/fake_s3.py): the MD5 podpub takes of an upload as it is
# sent must match the ETag the service answers, or the publish fails and
# names the file. Over plain HTTP the body's SHA-256 is signed
# (x-amz-content-sha256 is the hash of what came); over HTTPS (the other
# S3 tests, against s3rver, which checks signatures) it is UNSIGNED-PAYLOAD.
. tests/e2e/lib.sh

# start_fake: tests/servers/fake_s3.py on a free port; sets $port and $fake_pid.
start_fake() {
	rm -f "$work/port"
	/usr/bin/python3 "$REPO/tests/servers/fake_s3.py" "$work/port" "$work/requests.log" &
	fake_pid=$!
	port=$(port_of "$work/port")
}
start_fake

show=$work/show
copy_show "$show"
cat >>"$show/podcast.yaml" <<YAML
targets:
  fake:
    url: s3://bucket/show
    endpoint: http://127.0.0.1:$port
    region: us-east-1
    path_style: true
YAML
AWS_ACCESS_KEY_ID=AKIAFAKE AWS_SECRET_ACCESS_KEY=fake-secret \
	"$PODPUB" publish -C "$show" --target fake --jobs 1 >"$work/out" 2>"$work/err"
status=$?
kill "$fake_pid"
wait "$fake_pid" 2>/dev/null
expect "a service that stored other bytes fails the publish with exit 3" [ "$status" -eq 3 ]
expect "the message names the file and both digests" \
	grep -Eq 'media/[^:]*\.mp3: cannot upload: the service stored other bytes: ETag "[0-9a-f]{32}", MD5 of what was sent "[0-9a-f]{32}"' "$work/err"
[ "$status" -eq 3 ] || indent "$work/err"
expect "the feed was not sent" sh -c "! grep -q '\"PUT\", \"path\": \"/bucket/show/feed.xml' '$work/requests.log'"
expect "a PUT with its ETag right passed (the lock)" grep -q '"PUT", "path": "/bucket/show/.podpub-lock' "$work/requests.log"
/usr/bin/python3 - "$work/requests.log" >"$work/payloads" 2>&1 <<'PY'
import json, sys
puts = [json.loads(l) for l in open(sys.argv[1]) if '"PUT"' in l]
assert puts, "no PUT"
for p in puts:
    assert p["payload"] == p["sha256"], p
print(len(puts))
PY
expect "over plain HTTP every PUT signs the SHA-256 of its body" [ $? -eq 0 ]

# From 8 MiB the MD5 is taken by a thread beside the upload, not as the
# bytes go: the same check, both ways. The fake stores other bytes for
# keys ending in .mp3 only.
big_show() {
	rm -rf "$work/big" && mkdir -p "$work/big/episodes"
	cp "$show/podcast.yaml" "$work/big/podcast.yaml"
	mkdir -p "$work/big/feed" && cp "$show/feed/cover."* "$work/big/feed/"
	add_episode "$work/big" iso 1 1
	rm "$work/big/episodes/iso/iso.mp3"
	ffmpeg -v error -nostdin -f lavfi -i "anoisesrc=seed=4:amplitude=0.3:sample_rate=44100:duration=400" \
		-c:a "$1" -b:a 192k -fflags +bitexact -flags:a +bitexact -map_metadata -1 \
		"$work/big/episodes/iso/iso.$2"
}
publish_big() {
	start_fake
	sed -i "s|endpoint: http://127.0.0.1:.*|endpoint: http://127.0.0.1:$port|" "$work/big/podcast.yaml"
	AWS_ACCESS_KEY_ID=AKIAFAKE AWS_SECRET_ACCESS_KEY=fake-secret \
		"$PODPUB" publish -C "$work/big" --target fake --jobs 1 >"$work/out" 2>"$work/err"
	status=$?
	kill "$fake_pid"
	wait "$fake_pid" 2>/dev/null
}
big_show aac m4a
expect "an .m4a of 8 MiB or more is there" [ "$(wc -c <"$work/big/episodes/iso/iso.m4a")" -ge 8388608 ]
publish_big
expect "a large file whose ETag is its MD5 is published" [ "$status" -eq 0 ]
[ "$status" -eq 0 ] || indent "$work/err"
big_show libmp3lame mp3
publish_big
expect "a large file the service stored otherwise fails with exit 3" [ "$status" -eq 3 ]
expect "and names both digests" \
	grep -Eq 'media/iso[^:]*\.mp3: cannot upload: the service stored other bytes: ETag "[0-9a-f]{32}", MD5 of what was sent "[0-9a-f]{32}"' "$work/err"
done_testing
