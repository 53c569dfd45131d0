#!/bin/sh
# Installs the site's browser-test tools (playwright-core, html-validate,
# axe-core, pinned with their whole tree by tests/browser/package-lock.json)
# into a cache outside the work tree, once; later runs return at once.
#   sh tests/browser/install.sh          (scripts/deps.sh test runs it)
# The cache is $PODPUB_TEST_CACHE (default /var/cache/podpub-test); the tools
# land in its browser/node_modules. The browser is Debian's chromium package:
# playwright never downloads one (`npx playwright install` is not used).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cache=${PODPUB_TEST_CACHE:-/var/cache/podpub-test}
dest=$cache/browser

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "browser: node and npm are missing; as root run:" >&2
	echo "  apt-get update && apt-get install -y --no-install-recommends nodejs npm" >&2
	exit 1
fi
if cmp -s "$here/package-lock.json" "$dest/package-lock.json" &&
	[ -f "$dest/node_modules/playwright-core/package.json" ]; then
	exit 0
fi
mkdir -p "$dest"
cp "$here/package.json" "$here/package-lock.json" "$dest/"
echo "browser: installing playwright-core, html-validate and axe-core into $dest"
(cd "$dest" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
