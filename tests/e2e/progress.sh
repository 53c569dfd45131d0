# The publish's progress display: on a terminal (a pty from script(1)),
# each file under way and the total are drawn in place, and the last line
# has the totals; into a file or a pipe, with --quiet or with --json, there
# is no display. Through a slowed connection to the SFTP server with
# --jobs 4, so the redraws with several files under way run (under ASan in
# make check). No figure is checked against a clock.
. tests/e2e/lib.sh

show=$work/show
copy_show "$show"

# on_tty FILE COMMAND...: runs COMMAND on a pseudo-terminal; what it writes
# to the terminal (its stderr here: stdout goes to FILE.out) lands in FILE.
on_tty() {
	file=$1
	shift
	script -qec "$* >'$file.out'" /dev/null >"$file" 2>&1
}

# last_line FILE: the terminal's last line, carriage returns and escapes gone.
last_line() {
	/usr/bin/python3 -c '
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
text = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)
lines = [l.split("\r")[-1] for l in text.replace("\r\n", "\n").split("\n")]
lines = [l for l in lines if l.strip()]
print(lines[-1] if lines else "")
' "$1"
}

totals='^total: sent [0-9]+ of [0-9]+ files, [0-9.]+ [kMG]?B in [0-9.]+ s, [0-9.]+ [kMG]?B/s$'

on_tty "$work/tty" "$PODPUB" publish -C "$show" --target "$work/folder" --jobs 2
expect "on a terminal, publish exits 0" [ $? -eq 0 ]
expect "the display is drawn in place" grep -q "$(printf '\033')\[J" "$work/tty"
expect "it shows the total while it runs" grep -q 'total: [0-9]* of 12 files' "$work/tty"
last_line "$work/tty" >"$work/last"
expect "its last line has the totals ($(cat "$work/last"))" grep -Eq "$totals" "$work/last"
expect "every file was sent" grep -q 'sent 12 of 12 files' "$work/last"
expect "the one line per file still comes after it" grep -q '^sent  *media' "$work/tty.out"

touch "$show/episodes/jarjestoavustukset-osa-1/episode.md"
rm -rf "$work/folder"
"$PODPUB" publish -C "$show" --target "$work/folder" >"$work/out" 2>"$work/err"
expect "into a file, publish exits 0" [ $? -eq 0 ]
expect "into a file, there is no display" sh -c "! grep -q 'total:' '$work/err' '$work/out'"
expect "into a file, one line per file" grep -q '^sent  *media' "$work/out"
rm -rf "$work/folder"
on_tty "$work/quiet" "$PODPUB" publish -C "$show" --target "$work/folder" --quiet
expect "with --quiet, no display" sh -c "! grep -q 'total' '$work/quiet'"
rm -rf "$work/folder"
on_tty "$work/json" "$PODPUB" publish -C "$show" --target "$work/folder" --json
expect "with --json, no display" sh -c "! grep -q 'total' '$work/json'"
expect "with --json, the JSON is whole" /usr/bin/python3 -c \
	'import json, sys; json.load(open(sys.argv[1]))' "$work/json.out"
on_tty "$work/again" "$PODPUB" publish -C "$show" --target "$work/folder"
expect "nothing to send: no display" sh -c "! grep -q 'total' '$work/again'"

use_test_servers "progress over SFTP" progress
start_proxy "$SFTP_PORT" slow 3000000
cat >>"$show/podcast.yaml" <<YAML
targets:
  slow:
    url: sftp://$SFTP_USER@127.0.0.1:$proxy_port$SFTP_ROOT/$run_id/
    ssh_key: $SFTP_KEY
    host_key: $SFTP_HOST_KEY_SHA256
YAML
on_tty "$work/sftp" "$PODPUB" publish -C "$show" --target slow --jobs 4
status=$?
stop_proxy
expect "over a slow SFTP connection with --jobs 4, publish exits 0" [ "$status" -eq 0 ]
[ "$status" -eq 0 ] || indent "$work/sftp"
expect "files under way get a line each" grep -Eq '[a-z0-9.-]+\.mp3 +[0-9.]+ [kMG]?B / ' "$work/sftp"
expect "their rate and time left are shown" grep -Eq 'B/s +[0-9:-]+ left' "$work/sftp"
last_line "$work/sftp" >"$work/last"
expect "over SFTP, the last line has the totals ($(cat "$work/last"))" grep -Eq "$totals" "$work/last"
rm -rf "${SFTP_ROOT:?}/$run_id"
done_testing
