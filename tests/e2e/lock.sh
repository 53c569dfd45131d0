# One publish at a time: the target's lock names its holder, stops a second
# publish, goes stale when its holder is gone, and can be broken on purpose.
. tests/e2e/lib.sh

show=$work/show
target=$work/public
copy_show "$show"

# lock_file PID STARTED: a lock as another publish on this host leaves it.
lock_file() {
	printf '{"holder": "jane", "host": "%s", "pid": %s, "started": %s, "token": "%s"}\n' \
		"$(hostname)" "$1" "$2" 0123456789abcdef0123456789abcdef >"$target/.podpub-lock"
}

expect_status 0 "a first publish exits 0" "$PODPUB" publish -C "$show" --target "$target"
expect "no lock is left after a publish" [ ! -e "$target/.podpub-lock" ]

# A live holder: a process of this host that is still running.
sleep 300 &
holder=$!
lock_file "$holder" "$(date +%s)"
touch "$show/episodes/jarjestoavustukset-osa-1/episode.md"
"$PODPUB" publish -C "$show" --target "$target" >"$work/out" 2>"$work/err"
expect "a publish while another holds the lock exits 3" [ $? -eq 3 ]
expect "it names the holder and since when" \
	grep -q "another publish holds the target: jane on $(hostname) (process $holder) since 20" "$work/err"
expect "it says how to break a stale lock" grep -q -- '--break-lock' "$work/err"
expect "the holder's lock stays" grep -q '"jane"' "$target/.podpub-lock"
expect_status 0 "a dry run needs no lock" "$PODPUB" publish -n -C "$show" --target "$target"

"$PODPUB" publish -C "$show" --target "$target" --break-lock >"$work/out" 2>"$work/err"
expect "--break-lock publishes" [ $? -eq 0 ]
expect "--break-lock warns whose lock it broke" grep -q 'warning: breaking the lock of jane' "$work/err"
expect "no lock is left after a broken one" [ ! -e "$target/.podpub-lock" ]
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null

# A holder that is gone: its lock is stale and taken over.
lock_file "$holder" "$(date +%s)"
"$PODPUB" publish -C "$show" --target "$target" >"$work/out" 2>"$work/err"
expect "a stale lock (its process gone) is taken over" [ $? -eq 0 ]
expect "taking over warns" grep -q 'warning: taking over a stale lock: jane' "$work/err"
# A lock older than any publish, of another host.
printf '{"holder": "jane", "host": "elsewhere", "pid": 1, "started": 1000, "token": "x"}\n' \
	>"$target/.podpub-lock"
expect_status 0 "a lock older than six hours is taken over" \
	"$PODPUB" publish -C "$show" --target "$target"
expect "no lock is left" [ ! -e "$target/.podpub-lock" ]

done_testing
