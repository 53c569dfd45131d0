# Sourced by the end-to-end tests: a scratch folder, a copy of the show,
# and TAP-like result lines that tests/run.sh counts.
: "${PODPUB:?run through tests/run.sh}" "${REPO:?}" "${TESTBIN:?}"
set -u

work=$(mktemp -d /tmp/podpub-e2e.XXXXXX)
trap 'rm -rf "$work"' EXIT

ok() { echo "ok - $1"; }

not_ok() {
	echo "not ok - $1"
	shift
	for line in "$@"; do echo "#   $line"; done
}

# expect NAME COMMAND...: passes when the command succeeds.
expect() {
	name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name" "failed: $*"; fi
}

# copy_show DEST: the show's sources as a producer's clone has them.
copy_show() {
	mkdir -p "$1/feed"
	cp -R "$REPO/podcast.yaml" "$REPO/episodes" "$1/"
	cp "$REPO/feed/cover.png" "$1/feed/"
}

# tree_digest DIR: one line per file with its checksum, to compare states.
tree_digest() {
	(cd "$1" 2>/dev/null && find . -type f -print0 | sort -z | xargs -0 -r sha256sum) || true
}
