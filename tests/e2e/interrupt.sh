# Ctrl-C or SIGTERM in the middle of a publish: the transfer under way is
# undone, no temporary file or lock stays, the old feed is still live, the
# exit status is 130, and the next publish finishes the job.
. tests/e2e/lib.sh

show=$work/show
target=$work/public
copy_show "$show"
expect_status 0 "the first publish exits 0" "$PODPUB" publish -C "$show" --target "$target"
old_feed=$(sha256sum <"$target/feed.xml")
new=$show/episodes/jarjestoavustukset-osa-3
cp -R "$show/episodes/jarjestoavustukset-osa-2" "$new"
sed -i 's/^date: .*/date: 2025-05-06 09:00/; s/^episode: .*/episode: 9/' "$new/episode.md"

for sig in INT TERM; do
	# The signal arrives while the new audio is being copied (strace
	# delivers it at the publish's 2nd write to a file of the target).
	ASAN_OPTIONS=detect_leaks=0 strace -f -o /dev/null -e trace=write \
		-e inject=write:signal="$sig":when=2 \
		"$PODPUB" publish -C "$show" --target "$target" >"$work/out" 2>"$work/err"
	expect "SIG$sig: exit status 130" [ $? -eq 130 ]
	expect "SIG$sig: it says it was interrupted" grep -q 'interrupted' "$work/err"
	expect "SIG$sig: no temporary file is left" sh -c "! find '$target' -name '*.podpub-tmp*' | grep -q ."
	expect "SIG$sig: no lock is left" [ ! -e "$target/.podpub-lock" ]
	expect "SIG$sig: the old feed is still live" [ "$(sha256sum <"$target/feed.xml")" = "$old_feed" ]
done
expect_status 0 "the next publish completes" "$PODPUB" publish -C "$show" --target "$target"
expect "the new episode is live" cmp -s "$new/jarjestoavustukset-osa-2.mp3" \
	"$target/media/jarjestoavustukset-osa-3.mp3"

done_testing
