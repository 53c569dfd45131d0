#!/bin/sh
# Runs every test: the unit test binaries, then the end-to-end scripts.
#   sh tests/run.sh BUILD_DIR      (make test passes build/san)
# Each test prints "ok - name" / "not ok - name" lines; a test that exits
# non-zero without a "not ok" line (a crash, a sanitizer report) counts as
# one failure. The last line is "N passed, N failed".
set -u

build=${1:-build/san}
REPO=$(pwd)
PODPUB="$REPO/$build/podpub"
TESTBIN="$REPO/$build/tests"
export REPO PODPUB TESTBIN
# Sanitizer reports fail the test that triggered them.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=86"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=87"

passed=0
failed=0
log=$(mktemp)

# Every test runs with a time and a memory bound, so a regression (a hang,
# a runaway allocation on hostile input) fails instead of stalling CI.
# Defaults are hang guards, not speed checks; a test tightens its own with a
# line "# limits: time=SECONDS memory=MB" (in C "/* limits: ... */") among its
# first five (the hostile
# input tests do). The time limit is timeout's. The memory limit:
# - for a sanitized build, AddressSanitizer's own hard_rss_limit_mb: ASan
#   reserves terabytes of address space for its shadow memory, so ulimit -v
#   would stop it from starting; its background thread checks the resident
#   size instead and ends the process with a report (exit status 86);
# - for a plain build (sh tests/run.sh build), ulimit -v, the address space.
# Each end-to-end helper also bounds and measures its own commands
# (expect_bounded in lib.sh).
default_time=${TEST_TIMEOUT:-600}
default_memory=${TEST_MEMORY_MB:-4096}
if ldd "$PODPUB" 2>/dev/null | grep -q libasan; then
	sanitized=1
else
	sanitized=0
fi

# limits_of FILE: sets $time and $memory from the file's "# limits:" line.
limits_of() {
	time=$default_time
	memory=$default_memory
	line=$(head -n 5 "$1" 2>/dev/null | grep -aE '^(#|/\*) limits:' | head -n 1)
	for word in $line; do
		case $word in
		time=*) time=${word#time=} ;;
		memory=*) memory=${word#memory=} ;;
		esac
	done
}

run_one() {
	name=$1
	shift
	if [ "$sanitized" -eq 1 ]; then
		ASAN_OPTIONS="$ASAN_OPTIONS:hard_rss_limit_mb=$memory" \
			timeout -k 10 "$time" "$@" >"$log" 2>&1
	else
		(ulimit -v $((memory * 1024)) && exec timeout -k 10 "$time" "$@") >"$log" 2>&1
	fi
	rc=$?
	[ "$rc" -eq 124 ] && echo "# $name: stopped after $time s" >>"$log"
	ok=$(grep -c '^ok - ' "$log")
	bad=$(grep -c '^not ok - ' "$log")
	if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
		bad=1
		echo "not ok - $name exited with status $rc"
		sed 's/^/#   /' "$log" | tail -n 40
	elif [ "$bad" -ne 0 ]; then
		# Show every case, with the diagnostics under the failing ones.
		sed -n -e '/^ok - /s/^/'"$name"': /p' -e '/^not ok - /s/^/'"$name"': /p' \
			-e '/^#/p' "$log"
	else
		sed -n '/^ok - /s/^/'"$name"': /p' "$log"
	fi
	passed=$((passed + ok))
	failed=$((failed + bad))
}

# The upload targets' servers (sshd, vsftpd, nginx WebDAV, S3) start once
# for the whole suite, on 127.0.0.1, and stop by PID at the end; scripts
# that publish to them read PODPUB_TEST_SERVERS/env. They need root (a test
# account) and the packages of `scripts/deps.sh test`; without them those
# scripts skip and say why.
servers_dir=""
stop_servers() {
	[ -n "$servers_dir" ] && servers_stop "$servers_dir" >/dev/null 2>&1
	[ -n "$servers_dir" ] && rm -rf "$(dirname "$servers_dir")"
	rm -f "$log"
}
trap stop_servers EXIT
trap 'exit 1' INT TERM HUP
if [ "$(id -u)" -eq 0 ] && [ "${PODPUB_NO_SERVERS:-}" = "" ]; then
	. "$REPO/tests/servers/servers.sh"
	parent=$(mktemp -d /tmp/podpub-servers.XXXXXX)
	chmod 711 "$parent" # the servers' own accounts walk into it
	servers_dir=$parent/s
	if servers_start "$servers_dir" >"$log" 2>&1; then
		export PODPUB_TEST_SERVERS="$servers_dir"
	else
		echo "# the test servers did not start:"
		sed 's/^/#   /' "$log" | tail -n 20
		servers_dir=""
		failed=$((failed + 1))
		echo "not ok - the test servers start"
	fi
fi

for t in "$TESTBIN"/test_*; do
	[ -x "$t" ] || continue
	limits_of "tests/unit/$(basename "$t").c"
	run_one "$(basename "$t")" "$t"
done
for t in tests/e2e/*.sh tests/servers/smoke.sh; do
	[ "$(basename "$t")" = lib.sh ] && continue
	limits_of "$t"
	run_one "$(basename "$t" .sh)" sh "$t"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
