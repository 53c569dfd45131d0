# A host that allows few connections per address (vsftpd's max_per_ip,
# as shared hosts set it): with --jobs 4 against a limit of two, the
# connections refused (421, which libcurl calls a timeout) are given up,
# their files go up on the connections that work, the publish succeeds and
# says why it went on with fewer; a re-publish sends nothing. check-target
# counts the connections the host takes beforehand.
. tests/e2e/lib.sh

use_test_servers "target limit" limit

# A second vsftpd, its settings the test server's but for its port, its
# log and the limit; stopped by its PID at exit.
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sed -e "s/^listen_port=.*/listen_port=$port/" -e "s|^vsftpd_log_file=.*|vsftpd_log_file=$work/vsftpd.log|" \
	"$SERVERS_DIR/vsftpd/ftp.conf" >"$work/limited.conf"
echo "max_per_ip=2" >>"$work/limited.conf"
/usr/sbin/vsftpd "$work/limited.conf" 0>"$work/vsftpd.out" &
vsftpd_pid=$!
stop_vsftpd() {
	[ -n "$vsftpd_pid" ] && kill "$vsftpd_pid" 2>/dev/null && wait "$vsftpd_pid" 2>/dev/null
	vsftpd_pid=""
}
# The script's own status goes on to test_exit, not the stopped server's.
trap 'status=$?; stop_vsftpd; (exit "$status"); test_exit' EXIT
/usr/bin/python3 - "$port" <<'PY'
import socket, sys, time
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.1).close()
        break
    except OSError:
        time.sleep(0.05)
PY

show=$work/show
copy_show "$show"
# check-target asks base_url for its probe file: a local one, never the
# show's real host.
sed -i "s|^base_url: .*|base_url: ${DAV_PUBLIC_URL}$run_id/|" "$show/podcast.yaml"
cat >>"$show/podcast.yaml" <<YAML
targets:
  limited:
    url: ftp://$FTP_USER@127.0.0.1:$port/$run_id/
YAML
publish() {
	PODPUB_PASSWORD=$FTP_PASSWORD "$PODPUB" publish -C "$show" --target limited --json "$@" \
		>"$work/out.json" 2>"$work/err"
}

# check-target tells the producer before the first publish.
PODPUB_PASSWORD=$FTP_PASSWORD "$PODPUB" check-target -C "$show" --target limited >"$work/out" 2>"$work/err"
expect "check-target against the limit exits 0" [ $? -eq 0 ]
expect "check-target counts the connections the host takes" \
	grep -q 'only 2 of 4 connections at once: the host limits them.*--jobs 2' "$work/out"

publish --jobs 4
status=$?
expect "--jobs 4 against a limit of two connections publishes" [ "$status" -eq 0 ]
[ "$status" -eq 0 ] || indent "$work/err"
expect "it says why it went on with fewer" grep -q 'failed before sending (a host.s limit of connections per address?)' "$work/err"
expect "and how to ask for fewer" grep -q -- '--jobs sets how many' "$work/err"
for f in "$show"/episodes/*/*.mp3; do
	name=$(basename "$(dirname "$f")")
	expect "$name: on the server, whole" cmp -s "$f" "$FTP_ROOT/$run_id/media/$name.mp3"
done
expect "no temporary file is left" sh -c "! find '$FTP_ROOT/$run_id' -name '*.podpub-tmp*' | grep -q ."
publish --jobs 4
expect "a re-publish exits 0" [ $? -eq 0 ]
expect "and sends nothing" sh -c "! grep -q '\"action\": *\"sent\"' '$work/out.json'"
pid=$vsftpd_pid
stop_vsftpd
expect "the second vsftpd is stopped" sh -c "! kill -0 $pid 2>/dev/null"
done_testing
