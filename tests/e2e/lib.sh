# Sourced by the end-to-end tests: a scratch folder, a copy of the tests'
# own show, and TAP-like result lines that tests/run.sh counts.
#
# A script sources this file, prints its results with ok/not_ok, expect,
# expect_status and test_cmp, and ends with done_testing. Its scratch folder
# $work is removed when every check passed, and kept (its path printed as a
# '#' line) when one failed or the script stopped before done_testing.
: "${PODPUB:?run through tests/run.sh}" "${REPO:?}" "${TESTBIN:?}"
set -u

# The frozen show the tests check figures against (see its README.md).
TEST_SHOW=$REPO/tests/data/show

work=$(mktemp -d /tmp/podpub-e2e.XXXXXX)
test_failed=0
test_done=0

# Runs at exit: reports a script that stopped early, then removes the
# scratch folder or, after a failure, keeps it for a look.
test_exit() {
	rc=$?
	stop_proxy
	if [ "$test_done" -eq 0 ]; then
		not_ok "the script ran to done_testing" "it stopped early, exit status $rc"
	fi
	if [ "$test_failed" -ne 0 ]; then
		echo "# scratch folder kept: $work"
		exit 1
	fi
	rm -rf "$work"
	exit "$rc"
}
trap test_exit EXIT

ok() { echo "ok - $1"; }

# use_test_servers NAME [PREFIX]: the settings of the servers tests/run.sh
# started once (SFTP, FTP, FTPS, WebDAV, S3 on 127.0.0.1) in the
# environment, proxies unset; without them (they need root), NAME passes as
# skipped and the script ends here. Sets $run_id, PREFIX and the scratch
# folder's name: a folder of the script's own on the shared servers.
use_test_servers() {
	if [ -z "${PODPUB_TEST_SERVERS:-}" ]; then
		ok "$1 # SKIP no test servers (they need root; see tests/run.sh)"
		done_testing
		exit 0
	fi
	set -a
	# shellcheck disable=SC1091 # written by tests/servers/servers.sh
	. "$PODPUB_TEST_SERVERS/env"
	set +a
	unset http_proxy https_proxy HTTPS_PROXY all_proxy ALL_PROXY ftp_proxy FTP_PROXY
	run_id=${2:-}$(basename "$work" | tr -dc 'a-zA-Z0-9')
}

# port_of FILE: the port a helper server started in the background writes
# to FILE once it listens (waited for up to 5 s).
port_of() {
	for _ in $(seq 100); do
		[ -s "$1" ] && break
		sleep 0.05
	done
	cat "$1"
}

# start_proxy UPSTREAM_PORT MODE BYTES [TIMES]: tests/servers/cutproxy.py
# in front of a server (MODE cut, die or slow, after BYTES); sets
# $proxy_port and $proxy_pid. stop_proxy stops it (the exit does too).
proxy_pid=""
start_proxy() {
	rm -f "$work/proxy.port"
	/usr/bin/python3 "$REPO/tests/servers/cutproxy.py" "$work/proxy.port" "$@" &
	proxy_pid=$!
	proxy_port=$(port_of "$work/proxy.port")
}

# start_delay_proxy UPSTREAM_PORT MS: tests/servers/delayproxy.py in front
# of a server, each way MS ms late (a round trip of twice MS); sets
# $proxy_port and $proxy_pid, as start_proxy does.
start_delay_proxy() {
	rm -f "$work/proxy.port"
	/usr/bin/python3 "$REPO/tests/servers/delayproxy.py" "$work/proxy.port" "$@" &
	proxy_pid=$!
	proxy_port=$(port_of "$work/proxy.port")
}

stop_proxy() {
	[ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null && wait "$proxy_pid" 2>/dev/null
	proxy_pid=""
}

not_ok() {
	test_failed=1
	echo "not ok - $1"
	shift
	for line in "$@"; do echo "#   $line"; done
}

# done_testing: the script's last line; without it, the exit is a failure.
done_testing() {
	test_done=1
}

# check_helper COMMAND...: runs a helper that prints its own ok/not ok lines
# (check_feed, a Python reader) and notes its failure for the scratch folder.
check_helper() {
	"$@" || test_failed=1
}

# indent FILE [MAX]: the file's last MAX lines (default 20) as '#' lines.
indent() {
	tail -n "${2:-20}" "$1" | sed '/^#/!s/^/#   /'
}

# expect NAME COMMAND...: passes when the command succeeds. What the command
# printed is shown under a failure (test_cmp's diff, a grep's miss).
expect() {
	name=$1
	shift
	if "$@" >"$work/.expect" 2>&1; then
		ok "$name"
	else
		not_ok "$name" "failed: $*"
		indent "$work/.expect" 40
	fi
}

# test_cmp EXPECTED ACTUAL: succeeds when the files are equal; otherwise
# prints `diff -u` of them as '#' lines. Use it as `expect NAME test_cmp A B`.
test_cmp() {
	diff -u "$1" "$2" >"$work/.diff" && return 0
	sed 's/^/#   /' "$work/.diff"
	return 1
}

# crash_reason STATUS: says why a status means a crash, or nothing for a
# status a program chooses (tests/run.sh makes ASan exit 86, UBSan 87).
crash_reason() {
	case $1 in
	86) echo "AddressSanitizer report (exit status 86)" ;;
	87) echo "UndefinedBehaviorSanitizer report (exit status 87)" ;;
	124) echo "stopped by timeout (exit status 124)" ;;
	*)
		if [ "$1" -ge 128 ]; then
			echo "killed by signal $(($1 - 128)) ($(kill -l $(($1 - 128)) 2>/dev/null || echo '?'))"
		fi
		;;
	esac
}

# expect_status N NAME COMMAND...: passes when COMMAND exits with status N and
# did not crash. Its output is kept in $work/stdout and $work/stderr for the
# checks that follow; under a failure the end of stderr is shown.
expect_status() {
	want=$1
	name=$2
	shift 2
	"$@" >"$work/stdout" 2>"$work/stderr"
	got=$?
	crash=$(crash_reason "$got")
	if [ -n "$crash" ]; then
		not_ok "$name" "crashed: $crash, expected exit status $want: $*"
		indent "$work/stderr" 40
	elif [ "$got" -ne "$want" ]; then
		not_ok "$name" "exit status $got, expected $want: $*"
		indent "$work/stderr"
	else
		ok "$name"
	fi
}

# copy_show DEST: the tests' own show (tests/data/show) as a producer's clone
# has it, without a built feed.
copy_show() {
	mkdir -p "$1/feed"
	cp -R "$TEST_SHOW/podcast.yaml" "$TEST_SHOW/episodes" "$1/"
	cp "$TEST_SHOW/feed/cover.png" "$1/feed/"
}

# copy_real_show SRC DEST: the show a producer keeps in SRC (podcast.yaml,
# episodes/, feed/ with its cover art), whatever its episodes, without the
# feeds a local build leaves there (they are build products, not committed).
copy_real_show() {
	mkdir -p "$2"
	cp -R "$1/podcast.yaml" "$1/episodes" "$1/feed" "$2/"
	rm -f "$2/feed/feed.xml" "$2/feed/preview.xml"
}

# check_real_show SRC: the checks any producer's show must pass, whatever its
# content: a scratch copy builds, lint --strict finds nothing in its feed,
# and, in a git checkout, the built feed is not committed but git-ignored
# (README, "The show's CI"). No counts, no slugs.
check_real_show() {
	real=$work/real-show
	rm -rf "$real"
	copy_real_show "$1" "$real"
	expect_status 0 "the show builds" "$PODPUB" build --repo "$real"
	expect_status 0 "lint --strict finds nothing in the show's feed" \
		"$PODPUB" lint --strict "$real/feed/feed.xml"
	if [ -s "$work/stdout" ] || [ -s "$work/stderr" ]; then
		not_ok "lint of the show's feed is silent"
		indent "$work/stdout"
		indent "$work/stderr"
	else
		ok "lint of the show's feed is silent"
	fi
	if ! git -C "$1" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		ok "feed/feed.xml is not committed # SKIP not a git checkout"
	elif git -C "$1" ls-files --error-unmatch feed/feed.xml >/dev/null 2>&1; then
		not_ok "feed/feed.xml is not committed: CI builds it; run 'git rm --cached feed/feed.xml'"
	else
		ok "feed/feed.xml is not committed"
		expect "feed/feed.xml is git-ignored" git -C "$1" check-ignore -q feed/feed.xml
	fi
}

# tree_digest DIR: one line per file with its checksum, to compare states.
tree_digest() {
	(cd "$1" 2>/dev/null && find . -type f -print0 | sort -z | xargs -0 -r sha256sum) || true
}

# start_serve SHOW: runs `podpub serve` on a free port in the background;
# sets $pid and $url (empty when it did not start within ten seconds).
# Its output is in $work/serve.out and serve.err; stop it by $pid.
start_serve() {
	# Removed first: the shell truncates it only once the child runs, and
	# the loop below would read an earlier serve's address meanwhile.
	rm -f "$work/serve.out"
	"$PODPUB" serve --repo "$1" --port 0 >"$work/serve.out" 2>"$work/serve.err" &
	pid=$!
	url=
	for _ in $(seq 100); do
		url=$(sed -n 's/^podpub: serving the show at \([^ ;]*\);.*/\1/p' "$work/serve.out" 2>/dev/null)
		[ -n "$url" ] && break
		sleep 0.1
	done
}

# add_episode SHOW SLUG NUMBER [SECONDS]: a new episode folder in SHOW with
# a SECONDS-long (default 5) generated MP3, SLUG.mp3, and an episode.md
# numbered NUMBER in season 1; tests add chapters, transcripts or art to it.
add_episode() {
	mkdir -p "$1/episodes/$2"
	ffmpeg -v error -nostdin -f lavfi -i "sine=frequency=440:sample_rate=44100:duration=${4:-5}" \
		-c:a libmp3lame -b:a 64k -fflags +bitexact -flags:a +bitexact -map_metadata -1 \
		"$1/episodes/$2/$2.mp3"
	cat >"$1/episodes/$2/episode.md" <<MD
---
title: Testijakso $3
date: 2025-05-0$3 09:00
episode: $3
season: 1
---
Testijakson muistiinpanot.
MD
}

# expect_bounded N NAME SECONDS MB COMMAND...: expect_status, and the command
# ends within SECONDS (it is stopped then) using at most MB megabytes of
# resident memory (GNU time's maximum RSS; under ASan that includes its
# shadow memory). The figures are printed as a '#' line, so a log of the
# run shows what each hostile input cost.
expect_bounded() {
	want=$1
	name=$2
	secs=$3
	mb=$4
	shift 4
	start=$(date +%s.%N)
	/usr/bin/time -o "$work/.time" -f '%M' timeout -k 5 "$secs" "$@" \
		>"$work/stdout" 2>"$work/stderr"
	got=$?
	took=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
	kb=$(tail -n 1 "$work/.time" 2>/dev/null)
	case $kb in '' | *[!0-9]*) kb=0 ;; esac
	used=$((kb / 1024))
	crash=$(crash_reason "$got")
	echo "# $name: exit $got, $took s, $used MB"
	if [ -n "$crash" ]; then
		not_ok "$name" "crashed: $crash, expected exit status $want: $*"
		indent "$work/stderr" 40
	elif [ "$got" -ne "$want" ]; then
		not_ok "$name" "exit status $got, expected $want: $*"
		indent "$work/stderr"
	elif [ "$used" -gt "$mb" ]; then
		not_ok "$name" "used $used MB, more than $mb MB"
	else
		ok "$name"
	fi
}

# expect_stderr NAME TEXT: the last command's stderr holds TEXT.
expect_stderr() {
	if grep -qF -- "$2" "$work/stderr"; then
		ok "$1"
	else
		not_ok "$1" "stderr lacks: $2"
		indent "$work/stderr"
	fi
}
