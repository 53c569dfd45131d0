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

# A hang guard, not a speed check: a test still running after this long is
# stuck, and CI would otherwise wait out its whole limit.
limit=${TEST_TIMEOUT:-600}

run_one() {
	name=$1
	shift
	timeout "$limit" "$@" >"$log" 2>&1
	rc=$?
	[ "$rc" -eq 124 ] && echo "# $name: stopped after $limit s" >>"$log"
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
	run_one "$(basename "$t")" "$t"
done
for t in tests/e2e/*.sh tests/servers/smoke.sh; do
	[ "$(basename "$t")" = lib.sh ] && continue
	run_one "$(basename "$t" .sh)" sh "$t"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
