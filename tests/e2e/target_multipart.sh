# S3 multipart uploads against the S3 test server (s3rver) on 127.0.0.1:
# with a small part_size and multipart_threshold, each file goes up in
# parts (the server logs them), with --jobs 1 and --jobs 4 the same bytes
# land; a part cut mid-way is retried alone; a server gone mid-upload
# leaves no object under the final name and the old feed live, and podpub
# says which upload it could not abort; a part that keeps failing ends
# the upload with an AbortMultipartUpload request.
# s3rver 5 has no AbortMultipartUpload (it answers 405) and no
# ListMultipartUploads, so the abort is checked as sent, not as done.
. tests/e2e/lib.sh

use_test_servers "target multipart" mp
s3log=$SERVERS_DIR/s3rver/s3rver.log

# target_yaml FOLDER PART_SIZE [PORT]: the s3 target, files from 100000
# bytes up in parts of PART_SIZE.
target_yaml() {
	cp "$TEST_SHOW/podcast.yaml" "$show/podcast.yaml"
	cat >>"$show/podcast.yaml" <<YAML
targets:
  s3:
    url: s3://$S3_BUCKET/$1
    endpoint: https://127.0.0.1:${3:-$S3_PORT}
    region: $S3_REGION
    path_style: true
    ca_file: $CA_FILE
    multipart_threshold: 100000
    part_size: $2
YAML
}

object() { echo "$S3_DATA/$S3_BUCKET/$1/$2$S3_OBJECT_SUFFIX"; }

publish() {
	PODPUB_STALL_SECONDS=5 "$PODPUB" publish -C "$show" --target s3 --json "$@" \
		>"$work/out.json" 2>"$work/err"
}

# same_bytes FOLDER: every file of the last plan is the local file.
same_bytes() {
	/usr/bin/python3 -c '
import json, sys
for item in json.load(open(sys.argv[1])):
    print(item["local_path"], item["remote_path"])
' "$work/out.json" | while read -r local remote; do
		[ "$local" != None ] || continue # a page: made in memory, not in parts
		cmp -s "$local" "$(object "$1" "$remote")" || {
			echo "differs: $remote"
			return 1
		}
	done
}

parts_logged() { grep -c 'Stored part' "$s3log" 2>/dev/null || true; }

show=$work/show
copy_show "$show"
for jobs in 1 4; do
	target_yaml "$run_id-$jobs" 65536
	before=$(parts_logged)
	publish --jobs "$jobs"
	status=$?
	expect "--jobs $jobs: a publish in parts exits 0" [ "$status" -eq 0 ]
	[ "$status" -eq 0 ] || indent "$work/err"
	expect "--jobs $jobs: the server holds the local bytes" same_bytes "$run_id-$jobs"
	# Four episodes of 177 to 283 kB and a 193 kB cover: 3 to 5 parts each.
	expect "--jobs $jobs: the files went up in parts ($(($(parts_logged) - before)) parts)" \
		[ $(($(parts_logged) - before)) -ge 15 ]
	publish --jobs "$jobs"
	expect "--jobs $jobs: an unchanged publish sends nothing" /usr/bin/python3 -c '
import json, sys
assert all(i["action"] == "unchanged" for i in json.load(open(sys.argv[1])))' "$work/out.json"
done
for f in "$show"/episodes/*/*.mp3; do
	name=media/$(basename "$f")
	[ -f "$(object "$run_id-1" "$name")" ] || continue
	expect "$name: --jobs 4 and --jobs 1 put the same bytes" \
		cmp -s "$(object "$run_id-1" "$name")" "$(object "$run_id-4" "$name")"
done

# A connection cut once in mid-part: that part is tried again, alone.
start_proxy "$S3_PORT" cut 150000 1
target_yaml "$run_id-cut" 65536 "$proxy_port"
publish --jobs 4
status=$?
stop_proxy
expect "a part cut mid-way is retried and the publish completes" [ "$status" -eq 0 ]
[ "$status" -eq 0 ] || indent "$work/err"
expect "the retry is told" grep -Eq 'trying (part [0-9]+ )?again' "$work/err"
expect "after a cut, the server holds the local bytes" same_bytes "$run_id-cut"

# The server goes away in mid-upload of a new episode: no object under its
# name, the old feed live; a rerun completes.
new=$show/episodes/jarjestoavustukset-osa-3
cp -R "$show/episodes/jarjestoavustukset-osa-2" "$new"
cat "$show/episodes/jarjestotyollistaminen-osa-1/jarjestotyollistaminen-osa-1.mp3" \
	>"$new/jarjestoavustukset-osa-2.mp3"
sed -i 's/^title: .*/title: Järjestöavustukset osa 3/; s/^date: .*/date: 2025-05-06 09:00/; s/^episode: .*/episode: 9/' \
	"$new/episode.md"
cp "$(object "$run_id-cut" feed.xml)" "$work/old-feed"
start_proxy "$S3_PORT" die 120000
target_yaml "$run_id-cut" 65536 "$proxy_port"
publish --jobs 4
status=$?
stop_proxy
expect "a server gone mid-upload exits 3" [ "$status" -eq 3 ]
expect "no object under the new episode's name" \
	test ! -e "$(object "$run_id-cut" media/jarjestoavustukset-osa-3.mp3)"
expect "the old feed is still live" cmp -s "$work/old-feed" "$(object "$run_id-cut" feed.xml)"
expect "the upload left behind is named" grep -q "cannot abort multipart upload '" "$work/err"
target_yaml "$run_id-cut" 65536
publish --jobs 4
expect "the rerun completes" [ $? -eq 0 ]
expect "the new episode is whole" cmp -s "$new/jarjestoavustukset-osa-2.mp3" \
	"$(object "$run_id-cut" media/jarjestoavustukset-osa-3.mp3)"
rm -rf "$new"

# A part that fails every time: after its tries the upload is aborted.
touch "$show/episodes/jarjestoavustukset-osa-1/episode.md"
start_proxy "$S3_PORT" cut 100000 10
target_yaml "$run_id-abort" 262144 "$proxy_port"
# s3rver logs no method: a 405 on ?uploadId= is the DELETE it lacks.
aborts=$(grep -Ec 'uploadId=[0-9a-f]+ 405 ' "$s3log" || true)
publish --jobs 1
status=$?
stop_proxy
expect "a part that keeps failing exits 3" [ "$status" -eq 3 ]
expect "each part is tried three times" grep -q 'trying part 1 again (3 of 3)' "$work/err"
expect "then the upload is aborted (AbortMultipartUpload sent)" \
	[ "$(grep -Ec 'uploadId=[0-9a-f]+ 405 ' "$s3log" || true)" -gt "$aborts" ]
expect "the service's answer to it is told" grep -q "cannot abort multipart upload '.*MethodNotAllowed" "$work/err"
expect "a cut is told in libcurl's words, not as '100 Continue'" sh -c "! grep -q '100 Continue' '$work/err'"
expect "no object under a final name" sh -c "! find '$S3_DATA/$S3_BUCKET/$run_id-abort' -path '*media*' -name '*.mp3*' 2>/dev/null | grep -q ."
expect "no feed" test ! -e "$(object "$run_id-abort" feed.xml)"

rm -rf "$S3_DATA/$S3_BUCKET/$run_id-1" "$S3_DATA/$S3_BUCKET/$run_id-4" \
	"$S3_DATA/$S3_BUCKET/$run_id-cut" "$S3_DATA/$S3_BUCKET/$run_id-abort"
done_testing
