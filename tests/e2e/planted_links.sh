# A symlink planted in the repository where podpub writes the local feed is
# never written through: the rename replaces the link, the file it points
# to stays as it was, and no temporary file is left.
. tests/e2e/lib.sh

show=$work/show
copy_show "$show"
echo 'precious' >"$work/outside.txt"
ln -s "$work/outside.txt" "$show/feed/feed.xml"
expect_status 0 "a build with a planted link at feed/feed.xml exits 0" "$PODPUB" build -C "$show"
expect "the file the link pointed to is untouched" grep -qx precious "$work/outside.txt"
expect "feed/feed.xml is now a regular file" sh -c "[ -f '$show/feed/feed.xml' ] && [ ! -L '$show/feed/feed.xml' ]"
expect "no temporary file is left" sh -c "! ls '$show/feed' | grep -q podpub-tmp"

done_testing
