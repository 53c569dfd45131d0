#!/bin/sh
# Installs podcast-partytime, the independent Podcasting 2.0 parser that
# tests/e2e/partytime.sh reads podpub's feed back with (pinned with its whole
# tree by tests/partytime/package-lock.json), into a cache outside the work
# tree, once; later runs find it there and return at once.
#   sh tests/partytime/install.sh        (scripts/deps.sh test runs it)
# The cache is $PODPUB_TEST_CACHE (default /var/cache/podpub-test); the
# parser lands in its partytime/node_modules. Without node and npm it
# prints what to install and fails.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cache=${PODPUB_TEST_CACHE:-/var/cache/podpub-test}
dest=$cache/partytime

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "partytime: node and npm are missing; as root run:" >&2
	echo "  apt-get update && apt-get install -y --no-install-recommends nodejs npm" >&2
	exit 1
fi

# Up to date when the cache holds this very lock file and the module.
if cmp -s "$here/package-lock.json" "$dest/package-lock.json" &&
	[ -f "$dest/node_modules/podcast-partytime/package.json" ]; then
	exit 0
fi

mkdir -p "$dest"
cp "$here/package.json" "$here/package-lock.json" "$dest/"
echo "partytime: installing podcast-partytime into $dest"
(cd "$dest" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
