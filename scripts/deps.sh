#!/bin/sh
# Installs the Debian packages podpub needs, only those missing.
#   sh scripts/deps.sh build   libraries and tools to build podpub
#   sh scripts/deps.sh test    the above plus what the tests run, with the
#                              test servers of tests/servers (and their npm part)
#   sh scripts/deps.sh servers only the test servers
#   sh scripts/deps.sh fuzz    the build set plus clang's libFuzzer
#   sh scripts/deps.sh bench   the build set plus the encoders and the other
#                              probes `make bench` compares podpub with
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -eu

build_pkgs="gcc make pkg-config libavformat-dev libavcodec-dev libavutil-dev
libavfilter-dev libxml2-dev libxslt1-dev libcurl4-openssl-dev libyaml-dev
libcmark-dev libjansson-dev uuid-dev libssl-dev libmicrohttpd-dev tzdata"
# ffmpeg decodes audio to check durations and makes bad cover art;
# python3-feedparser is the independent feed reader; python3-yaml reads the
# CI examples of docs/ci/ (tests/e2e/ci.sh); groff-base and man-db
# render the man page for its test.
# zlib1g-dev: the allocation torture test writes its own PNG cover; strace
# kills a publish at each step it writes or renames (tests/e2e/replace_audio.sh);
# python3-yaml reads the CI examples (tests/e2e/ci.sh); chromium and gpodder:
# the site in a real browser and a real podcast app (tests/e2e/browser.sh,
# with tests/browser's npm tools: install.sh).
test_pkgs="ffmpeg python3-feedparser python3-yaml groff-base man-db zlib1g-dev strace chromium gpodder"
# The upload targets' test servers on 127.0.0.1 (tests/servers/servers.sh):
# sshd for SFTP, vsftpd for FTP/FTPS, nginx with dav_ext's PROPFIND for
# WebDAV; openssl makes their CA; curl's command line drives them; ss tells
# when they listen. The S3 server comes from npm: tests/servers/install.sh.
servers_pkgs="openssh-server vsftpd nginx libnginx-mod-http-dav-ext openssl curl iproute2"

# clang with its libFuzzer runtime, for `make fuzz`.
fuzz_pkgs="clang libclang-rt-14-dev"

# `make bench` (scripts/bench/): the command-line encoders write the corpus
# with their own headers (LAME's Info/Xing, opusenc's pre-skip, flac's
# STREAMINFO); ffmpeg decodes the truth and is one of the probes compared;
# getID3 (php-getid3, the engine of dir2cast and Castopod) is another;
# hyperfine is not needed, the script times with one clock of its own.
# lftp and rclone are the uploaders scripts/bench/upload.sh compares with
# (curl's command line comes with the servers' packages).
bench_pkgs="ffmpeg lame flac opus-tools vorbis-tools php-cli php-getid3 lftp rclone"

case "${1:-build}" in
build) pkgs=$build_pkgs ;;
test) pkgs="$build_pkgs $test_pkgs $servers_pkgs" ;;
servers) pkgs=$servers_pkgs ;;
fuzz) pkgs="$build_pkgs $fuzz_pkgs" ;;
bench) pkgs="$build_pkgs $bench_pkgs" ;;
*) echo "usage: $0 build|test|servers|fuzz|bench" >&2; exit 2 ;;
esac
case ${1:-build} in test | servers) servers=yes ;; *) servers= ;; esac
repo=$(cd "$(dirname "$0")/.." && pwd)

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
# The S3 test server runs on node (20 or later, checked by install.sh).
if [ -n "$servers" ] && ! command -v node >/dev/null 2>&1; then
	missing="$missing nodejs npm"
fi
if [ -z "$missing" ]; then
	[ -z "$servers" ] || sh "$repo/tests/servers/install.sh"
	[ "${1:-build}" != test ] || sh "$repo/tests/partytime/install.sh"
	[ "${1:-build}" != test ] || sh "$repo/tests/browser/install.sh"
	exit
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing Debian packages; as root run:" >&2
	echo "  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
	exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive

# openssh-server, vsftpd and nginx start system daemons on ports 22, 21 and
# 80 when installed, unless policy-rc.d forbids it (exit 101): the tests run
# their own instances on 127.0.0.1 and want none of those.
policy=/usr/sbin/policy-rc.d
daemons=""
for p in $missing; do
	case $p in openssh-server) daemons="$daemons ssh" ;; vsftpd | nginx) daemons="$daemons $p" ;; esac
done
if [ -n "$daemons" ]; then
	[ -e "$policy" ] && mv "$policy" "$policy.podpub-saved"
	trap 'rm -f "$policy"; [ ! -e "$policy.podpub-saved" ] || mv "$policy.podpub-saved" "$policy"' EXIT
	printf '#!/bin/sh\n# scripts/deps.sh: no daemon starts while it installs\nexit 101\n' >"$policy"
	chmod 755 "$policy"
fi

# A fresh machine has no package lists yet.
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing

# Installed here for the tests, so not started at boot either; stopped if
# one started all the same.
for d in $daemons; do
	if [ -d /run/systemd/system ]; then
		systemctl disable --now --quiet "$d" 2>/dev/null || true
	else
		update-rc.d "$d" disable >/dev/null 2>&1 || true
		if [ -x "/etc/init.d/$d" ] && "/etc/init.d/$d" status >/dev/null 2>&1; then
			"/etc/init.d/$d" stop || true
		fi
	fi
done

# Not exec: the trap above puts policy-rc.d back when this shell exits.
[ -z "$servers" ] || sh "$repo/tests/servers/install.sh"
# podcast-partytime, the independent reader tests/e2e/partytime.sh uses, and
# the browser tests' npm tools.
[ "${1:-build}" != test ] || sh "$repo/tests/partytime/install.sh"
[ "${1:-build}" != test ] || sh "$repo/tests/browser/install.sh"
