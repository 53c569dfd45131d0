#!/bin/sh
# Installs the Debian packages podpub needs, only those missing.
#   sh scripts/deps.sh build   libraries and tools to build podpub
#   sh scripts/deps.sh test    the above plus what the tests run
#   sh scripts/deps.sh fuzz    the build set plus clang's libFuzzer
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -eu

build_pkgs="gcc make pkg-config libavformat-dev libavcodec-dev libavutil-dev
libavfilter-dev libxml2-dev libcurl4-openssl-dev libyaml-dev libcmark-dev
libjansson-dev uuid-dev libssl-dev tzdata"
# ffmpeg decodes audio to check durations and makes bad cover art;
# python3-feedparser is the independent feed reader; groff-base and man-db
# render the man page for its test.
# zlib1g-dev: the allocation torture test writes its own PNG cover.
test_pkgs="ffmpeg python3-feedparser groff-base man-db zlib1g-dev"

# clang with its libFuzzer runtime, for `make fuzz`.
fuzz_pkgs="clang libclang-rt-14-dev"

case "${1:-build}" in
build) pkgs=$build_pkgs ;;
test) pkgs="$build_pkgs $test_pkgs" ;;
fuzz) pkgs="$build_pkgs $fuzz_pkgs" ;;
*) echo "usage: $0 build|test|fuzz" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "deps: not a Debian system; install the equivalents of: $(echo $pkgs)" >&2
	exit 0
fi

missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing Debian packages; as root run:" >&2
	echo "  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
	exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet.
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing
