#!/bin/sh
# Installs the S3 test server (@20minutes/s3rver, pinned with its whole tree
# by tests/servers/s3rver/package-lock.json) into a cache outside the work
# tree, once; later runs find it there and return at once.
#   sh tests/servers/install.sh          (scripts/deps.sh test runs it)
# The cache is $PODPUB_TEST_CACHE (default /var/cache/podpub-test); the
# server lands in its s3rver/node_modules. Without node >= 20 and npm it
# prints what to install and fails.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cache=${PODPUB_TEST_CACHE:-/var/cache/podpub-test}
dest=$cache/s3rver

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "servers: node and npm are missing; as root run:" >&2
	echo "  apt-get update && apt-get install -y --no-install-recommends nodejs npm" >&2
	exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
	echo "servers: node $(node --version) is too old for @20minutes/s3rver; it needs node 20 or later" >&2
	exit 1
fi

# Up to date when the cache holds this very lock file and the module.
if cmp -s "$here/s3rver/package-lock.json" "$dest/package-lock.json" &&
	[ -f "$dest/node_modules/@20minutes/s3rver/package.json" ]; then
	exit 0
fi

mkdir -p "$dest"
cp "$here/s3rver/package.json" "$here/s3rver/package-lock.json" "$dest/"
echo "servers: installing @20minutes/s3rver into $dest"
# s3rver 5.0.0 declares node >= 24 but runs on node 20: --engine-strict=false.
(cd "$dest" && npm ci --engine-strict=false --omit=dev --no-audit --no-fund --loglevel=error)
