# The repository's own show, whatever its episodes: it builds, lint --strict
# finds nothing in its feed, and the feed is a build product, not committed.
# Content-independent on purpose: a producer adding, editing or
# removing an episode the README way keeps these green (the tests' figures
# are checked on tests/data/show instead).
. tests/e2e/lib.sh

check_real_show "$REPO"

done_testing
