# Real networks fail halfway: a connection cut mid-file (a proxy that
# resets it) is retried under a fresh temporary name and the publish
# completes; a server that dies mid-publish ends it with exit 3, the old
# feed still live and valid, every file it names whole, and a rerun sends
# only what is missing. SFTP, WebDAV and S3 through tests/servers/cutproxy.py.
. tests/e2e/lib.sh

use_test_servers "target cuts" cut

# targets_yaml SFTP_PORT DAV_PORT S3_PORT: the show's targets through those ports.
targets_yaml() {
	cp "$TEST_SHOW/podcast.yaml" "$show/podcast.yaml"
	cat >>"$show/podcast.yaml" <<EOF
targets:
  sftp:
    url: sftp://$SFTP_USER@127.0.0.1:$1$SFTP_ROOT/$run_id/
    ssh_key: $SFTP_KEY
    host_key: $SFTP_HOST_KEY_SHA256
  dav:
    url: https://$DAV_USER@127.0.0.1:$2/dav/$run_id/
    ca_file: $CA_FILE
  s3:
    url: s3://$S3_BUCKET/$run_id
    endpoint: https://127.0.0.1:$3
    region: $S3_REGION
    path_style: true
    ca_file: $CA_FILE
EOF
}

root_of() {
	case $1 in
	sftp) echo "$SFTP_ROOT/$run_id" ;;
	dav) echo "$DAV_ROOT/$run_id" ;;
	s3) echo "$S3_DATA/$S3_BUCKET/$run_id" ;;
	esac
}

# live_feed_whole TARGET: the live feed parses, and every enclosure it names
# is on the server with exactly its length.
live_feed_whole() {
	suffix=""
	[ "$1" = s3 ] && suffix=$S3_OBJECT_SUFFIX
	/usr/bin/python3 - "$(root_of "$1")" "$suffix" <<'EOF'
import sys, os, xml.etree.ElementTree as ET
root, suffix = sys.argv[1], sys.argv[2]
feed = ET.parse(os.path.join(root, "feed.xml" + suffix))
base = "https://yhdistysyhteistyo.fi/jane/podcast/"
for enc in feed.iter("enclosure"):
    path = os.path.join(root, enc.get("url")[len(base):] + suffix)
    size = os.path.getsize(path)
    assert size == int(enc.get("length")), (path, size, enc.get("length"))
EOF
}

password_of() { [ "$1" = dav ] && echo "$DAV_PASSWORD"; }

publish() {
	name=$1
	shift
	PODPUB_PASSWORD=$(password_of "$name") PODPUB_STALL_SECONDS=5 \
		"$PODPUB" publish -C "$show" --target "$name" "$@" >"$work/out" 2>"$work/err"
}

upstream_of() {
	case $1 in
	sftp) echo "$SFTP_PORT" ;;
	dav) echo "$DAV_PORT" ;;
	s3) echo "$S3_PORT" ;;
	esac
}

show=$work/show
copy_show "$show"
new=$show/episodes/jarjestoavustukset-osa-3
for target in sftp dav s3; do
	upstream=$(upstream_of "$target")
	# A connection cut once, mid-file: the retry finishes the publish.
	start_proxy "$upstream" cut 150000 1
	case $target in
	sftp) targets_yaml "$proxy_port" "$DAV_PORT" "$S3_PORT" ;;
	dav) targets_yaml "$SFTP_PORT" "$proxy_port" "$S3_PORT" ;;
	s3) targets_yaml "$SFTP_PORT" "$DAV_PORT" "$proxy_port" ;;
	esac
	publish "$target"
	status=$?
	expect "$target: a connection cut mid-file is retried and the publish completes" [ "$status" -eq 0 ]
	[ "$status" -eq 0 ] || indent "$work/err"
	expect "$target: the retry is told as a warning" grep -q 'trying again' "$work/err"
	expect "$target: the live feed's files are whole" live_feed_whole "$target"
	expect "$target: no temporary file is left" sh -c \
		"! find '$(root_of "$target")' -name '*.podpub-tmp*' | grep -q ."
	stop_proxy

	# The server dies mid-publish of a new episode.
	rm -rf "$new"
	cp -R "$show/episodes/jarjestoavustukset-osa-2" "$new"
	sed -i 's/^title: .*/title: Järjestöavustukset osa 3/; s/^date: .*/date: 2025-05-06 09:00/; s/^episode: .*/episode: 9/' \
		"$new/episode.md"
	cp "$(root_of "$target")/feed.xml$([ "$target" = s3 ] && echo "$S3_OBJECT_SUFFIX")" "$work/old-feed"
	start_proxy "$upstream" die 100000
	case $target in
	sftp) targets_yaml "$proxy_port" "$DAV_PORT" "$S3_PORT" ;;
	dav) targets_yaml "$SFTP_PORT" "$proxy_port" "$S3_PORT" ;;
	s3) targets_yaml "$SFTP_PORT" "$DAV_PORT" "$proxy_port" ;;
	esac
	publish "$target"
	expect "$target: a server gone mid-publish exits 3" [ $? -eq 3 ]
	expect "$target: the error names the target" grep -q "target '$target'" "$work/err"
	stop_proxy
	expect "$target: the old feed is still live" cmp -s "$work/old-feed" \
		"$(root_of "$target")/feed.xml$([ "$target" = s3 ] && echo "$S3_OBJECT_SUFFIX")"
	expect "$target: the live feed's files are whole" live_feed_whole "$target"
	# The server is back: a rerun sends only what is missing.
	targets_yaml "$SFTP_PORT" "$DAV_PORT" "$S3_PORT"
	publish "$target" --json
	expect "$target: the rerun completes" [ $? -eq 0 ]
	/usr/bin/python3 -c '
import json, sys
print("\n".join(sorted(i["remote_path"] for i in json.load(open(sys.argv[1])) if i["action"] == "sent")))
' "$work/out" >"$work/sent"
	# (The pages go after the media: the server died before them.)
	printf '%s\n' feed.xml index.html jarjestoavustukset-osa-3/index.html \
		media/jarjestoavustukset-osa-3.mp3 >"$work/want"
	expect "$target: the rerun sends only what is missing" test_cmp "$work/want" "$work/sent"
	expect "$target: the new episode is live and whole" live_feed_whole "$target"
	# What the dead server kept of the cut file (its temporary name) went
	# with the rerun, under its lock.
	expect "$target: no temporary file is left after the rerun" sh -c \
		"! find '$(root_of "$target")' -name '*.podpub-tmp*' | grep -q ."
	rm -rf "$new"
done

rm -rf "$SFTP_ROOT/$run_id" "$DAV_ROOT/$run_id" "$S3_DATA/$S3_BUCKET/$run_id"
done_testing
