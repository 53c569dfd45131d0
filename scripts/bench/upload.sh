#!/usr/bin/env bash
# upload.sh - `make bench` (bench-upload): podpub's uploads beside curl's
# command line, lftp and rclone, to the test servers on 127.0.0.1 (SFTP,
# FTP, FTPS, WebDAV, S3: tests/servers/servers.sh starts them, as for the
# tests, and stops them by PID at the end).
#
#   bash scripts/bench/upload.sh [PODPUB]
#
# Per protocol: one 200 MB file, and 100 files of 1 MB; podpub (--jobs 4,
# and --jobs 1), one curl process for all files (its connection reused),
# lftp `mirror -R` and rclone `copy` where they speak the protocol. Then an
# unchanged re-publish of a 1000-episode show (no transfer at all) beside
# rclone sync's no-op, and podpub's peak RSS for the 200 MB file beside a
# 20 MB one: memory does not grow with the file.
#
# The 100 files again through a proxy that delays each way by 5 ms
# (tests/servers/delayproxy.py: a 10 ms round trip, as a host in another
# country has), where what --jobs is for shows: on bare loopback on two
# cores, podpub, curl and the servers share the CPU, and more connections
# add no CPU.
#
# UPLOAD_PROTOCOLS (default "sftp ftp ftps dav s3") and UPLOAD_CASES
# (default "big small far rss republish") choose a part, for a quicker run.
#
# The servers write to memory (/dev/shm) when it has room, so that their
# disk's writeback weighs on no tool (see below).
# Loopback on a shared machine: the figures are noisy (each is the best of
# UPLOAD_RUNS runs, default 5, taken in turns with its rivals), compare
# ratios.
# podpub's times include its build (probe and hash of every file), which
# the other tools do not do; that build's time is printed beside them.
# Needs root (the servers' accounts). Never part of `make test`.
set -euo pipefail
export LC_NUMERIC=C # a decimal point in $EPOCHREALTIME

cd "$(dirname "$0")/../.."
repo=$PWD
podpub=$(realpath "${1:-build/podpub}")
out=$repo/build/bench/upload
mkdir -p "$out"

if [ "$(id -u)" -ne 0 ]; then
	echo "bench: the upload figures need root (the test servers' accounts): skipped"
	exit 0
fi
sh tests/servers/install.sh
# shellcheck source=../../tests/servers/servers.sh
. tests/servers/servers.sh
# The servers keep what they are sent in memory (tmpfs) when there is room:
# on ext4, a rename right after a 200 MB upload waits for the journal to
# commit that file's blocks (vsftpd: 10 ms for RNFR, then 68 ms for the
# manifest's RNTO), which podpub's safe publish does (temporary name,
# rename, manifest) and a bare `curl -T` does not: the server's disk, not
# the transfer, made FTP's 200 MB look 35 % slower (0.26 s beside curl's
# 0.18 s; on tmpfs 0.171 beside 0.168).
shm_free_kb=$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')
if [ "${shm_free_kb:-0}" -gt $((4 << 20)) ]; then
	servers=$(mktemp -d /dev/shm/podpub-bench.XXXXXX)
else
	servers=$(mktemp -d /tmp/podpub-bench.XXXXXX)
	echo "bench: less than 4 GB free in /dev/shm: the servers write to $servers's disk"
fi
chmod 711 "$servers"
far_pids=""
cleanup() {
	# shellcheck disable=SC2086 # one word per PID
	[ -z "$far_pids" ] || kill $far_pids 2>/dev/null || true
	servers_stop "$servers/s" >/dev/null 2>&1 || true
	rm -rf "$servers"
}
trap cleanup EXIT
servers_start "$servers/s" >"$out/servers.log" 2>&1 ||
	{
		echo "bench: the test servers did not start:"
		tail -n 20 "$out/servers.log"
		exit 1
	}
set -a
# shellcheck disable=SC1091
. "$servers/s/env"
set +a
unset http_proxy https_proxy HTTPS_PROXY all_proxy ALL_PROXY ftp_proxy FTP_PROXY

# --- The files ----------------------------------------------------------------

corpus_version=1
ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }

# id3v1 FILE TITLE: a 128-byte ID3v1 tag at the end, so copies of one
# recording differ (podpub warns about episodes with the same audio).
id3v1() { printf 'TAG%-30.30s%-30.30s%-30.30s%-4.4s%-30.30s\377' "$2" "" "" "" "" >>"$1"; }

# show DIR: a show folder: the tests' podcast.yaml and cover, no target.
new_show() {
	rm -rf "$1" && mkdir -p "$1/episodes" "$1/feed"
	sed -e 's/^locked: .*/locked: false/' -e '/^target:/d' tests/data/show/podcast.yaml >"$1/podcast.yaml"
	cp tests/data/show/feed/cover.png "$1/feed/cover.png"
}

# episode SHOW SLUG N FILE: an episode of FILE's audio, numbered N.
episode() {
	mkdir -p "$1/episodes/$2"
	cp "$4" "$1/episodes/$2/$2.mp3"
	printf -- '---\ntitle: Jakso %d\ndate: %04d-%02d-%02d 09:00\nepisode: %d\n---\nJakson %d muistiinpanot.\n' \
		"$3" $((2000 + $3 / 336)) $((1 + $3 / 28 % 12)) $((1 + $3 % 28)) "$3" "$3" \
		>"$1/episodes/$2/episode.md"
}

make_corpus() {
	echo "bench: generating the upload corpus in $out (once)"
	# 1 MB of MP3 (26 s at 320 kb/s) with neither ID3v2 nor Xing frame, so
	# copies of it one after another are one valid stream.
	ff -f lavfi -i "sine=frequency=330:sample_rate=44100:duration=26" -f lavfi \
		-i "anoisesrc=seed=3:amplitude=0.1:sample_rate=44100:duration=26" \
		-filter_complex amix=inputs=2 -c:a libmp3lame -b:a 320k -write_xing 0 \
		-id3v2_version 0 -map_metadata -1 "$out/one.mp3"
	for n in 20 200; do
		for _ in $(seq "$n"); do cat "$out/one.mp3"; done >"$out/$n.mp3"
	done
	ff -f lavfi -i "sine=frequency=500:sample_rate=22050:duration=3" -c:a libmp3lame -b:a 32k \
		-write_xing 0 -id3v2_version 0 -map_metadata -1 "$out/tiny.mp3"
	for n in 20 200; do
		new_show "$out/show-$n"
		episode "$out/show-$n" "iso-$n" 1 "$out/$n.mp3"
	done
	new_show "$out/show-100"
	for i in $(seq 100); do
		cp "$out/one.mp3" "$out/x.mp3" && id3v1 "$out/x.mp3" "Jakso $i"
		episode "$out/show-100" "$(printf 'jakso-%03d' "$i")" "$i" "$out/x.mp3"
	done
	new_show "$out/show-1000"
	for i in $(seq 1000); do
		cp "$out/tiny.mp3" "$out/x.mp3" && id3v1 "$out/x.mp3" "Jakso $i"
		episode "$out/show-1000" "$(printf 'jakso-%04d' "$i")" "$i" "$out/x.mp3"
	done
	rm -f "$out/x.mp3"
	echo "$corpus_version" >"$out/.version"
}
[ "$(cat "$out/.version" 2>/dev/null)" = "$corpus_version" ] || make_corpus
# The plain files curl, lftp and rclone send: the same bytes.
rm -rf "$out/plain" && mkdir -p "$out/plain/big" "$out/plain/small"
ln "$out/200.mp3" "$out/plain/big/big.mp3"
for f in "$out"/show-100/episodes/*/*.mp3; do ln "$f" "$out/plain/small/"; done

# --- Targets ------------------------------------------------------------------

protocols=${UPLOAD_PROTOCOLS:-sftp ftp ftps dav s3}
cases=" ${UPLOAD_CASES:-big small far rss republish} "
wants() { [[ "$cases" == *" $1 "* ]]; }
run=0
# targets SHOW FOLDER: the show's targets (one per protocol) under FOLDER.
# With `site: false`, podpub sends what curl, lftp and rclone are given:
# the audio (plus the feed, its manifest and the cover), not also one web
# page per episode, which would double the count of files it sends.
targets() {
	sed -i '/^targets:/,$d' "$1/podcast.yaml"
	cat >>"$1/podcast.yaml" <<YAML
targets:
  sftp:
    url: sftp://$SFTP_USER@127.0.0.1:$SFTP_PORT$SFTP_ROOT/$2/
    ssh_key: $SFTP_KEY
    host_key: $SFTP_HOST_KEY_SHA256
  ftp:
    url: ftp://$FTP_USER@127.0.0.1:$FTP_PORT/$2/
  ftps:
    url: ftps://$FTP_USER@127.0.0.1:$FTPS_PORT/$2/
    ca_file: $CA_FILE
  dav:
    url: https://$DAV_USER@127.0.0.1:$DAV_PORT/dav/$2/
    ca_file: $CA_FILE
  s3:
    url: s3://$S3_BUCKET/$2
    endpoint: $S3_ENDPOINT
    region: $S3_REGION
    path_style: true
    ca_file: $CA_FILE
site: false
YAML
}

password_of() {
	case $1 in
	ftp | ftps) echo "$FTP_PASSWORD" ;;
	dav) echo "$DAV_PASSWORD" ;;
	*) echo "" ;;
	esac
}

# A fresh folder on the servers for each run: sets $f.
fresh() {
	run=$((run + 1))
	f="b$$-$run"
}

# timed OUTVAR CMD...: runs CMD, sets OUTVAR to "seconds rss_kb": the
# shell's clock to the microsecond (GNU time's has hundredths, as coarse as
# the gap between podpub and curl on a 0.3 s upload), and GNU time's peak
# RSS for a program (none for a function).
timed() {
	local var=$1 t0 t1 ok=1 rss=-
	shift
	t0=$EPOCHREALTIME
	if [ "$(type -t "$1")" = function ]; then
		"$@" >"$out/cmd.log" 2>&1 || ok=0
	else
		/usr/bin/time -f '%M' -o "$out/time" "$@" >"$out/cmd.log" 2>&1 || ok=0
		rss=$(tail -n 1 "$out/time")
	fi
	t1=$EPOCHREALTIME
	if [ "$ok" -eq 1 ]; then
		printf -v "$var" '%s %s' "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')" "$rss"
	else
		echo "bench: a run failed ($(basename "$1") ...):" >&2
		tail -n 3 "$out/cmd.log" | cut -c1-200 | sed 's/^/bench:   /' >&2
		printf -v "$var" '%s' "fail -"
	fi
}

# curl_args PROTO FOLDER FILE...: one curl process sending every FILE.
curl_args() {
	local p=$1 folder=$2 f base
	shift 2
	case $p in
	sftp)
		base="sftp://127.0.0.1:$SFTP_PORT$SFTP_ROOT/$folder/"
		echo -n "-sS --ftp-create-dirs -u $SFTP_USER: --key $SFTP_KEY --hostpubsha256 ${SFTP_HOST_KEY_SHA256#SHA256:}"
		;;
	ftp)
		base="ftp://127.0.0.1:$FTP_PORT/$folder/"
		echo -n "-sS --ftp-create-dirs --netrc-file $out/netrc"
		;;
	ftps)
		base="ftp://127.0.0.1:$FTPS_PORT/$folder/"
		echo -n "-sS --ftp-create-dirs --netrc-file $out/netrc --ssl-reqd --tls-max 1.2 --cacert $CA_FILE"
		;;
	dav)
		base="https://127.0.0.1:$DAV_PORT/dav/$folder/"
		echo -n "-sS --netrc-file $out/netrc --cacert $CA_FILE"
		;;
	s3)
		base="$S3_ENDPOINT/$S3_BUCKET/$folder/"
		echo -n "-sS --cacert $CA_FILE --aws-sigv4 aws:amz:$S3_REGION:s3 --user $AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY -H x-amz-content-sha256:UNSIGNED-PAYLOAD"
		;;
	esac
	for f in "$@"; do echo -n " -T $f $base${f##*/}"; done
}

# The passwords for curl and lftp in a netrc of our own (never printed).
umask 077
printf 'machine 127.0.0.1 login %s password %s\n' "$FTP_USER" "$FTP_PASSWORD" >"$out/netrc"
umask 022

# run_curl PROTO FOLDER: one curl process sending what curl_args gave
# ($curl_words, made before the clock starts: a shell loop over 100 names
# is no part of curl's time).
run_curl() {
	local p=$1 folder=$2
	# WebDAV: nginx wants the folder first (curl has no MKCOL of its own).
	if [ "$p" = dav ]; then
		curl -sS --cacert "$CA_FILE" -u "$DAV_USER:$DAV_PASSWORD" -X MKCOL \
			"https://127.0.0.1:$DAV_PORT/dav/$folder/" >/dev/null
		# shellcheck disable=SC2086 # words
		curl $curl_words -u "$DAV_USER:$DAV_PASSWORD" -o /dev/null
		return
	fi
	# shellcheck disable=SC2086 # words
	curl $curl_words -o /dev/null
}

lftp_url() {
	case $1 in
	sftp) echo "sftp://$SFTP_USER:@127.0.0.1:$SFTP_PORT" ;;
	ftp) echo "ftp://$FTP_USER:$FTP_PASSWORD@127.0.0.1:$FTP_PORT" ;;
	ftps) echo "ftp://$FTP_USER:$FTP_PASSWORD@127.0.0.1:$FTPS_PORT" ;;
	esac
}

# run_lftp PROTO FOLDER DIR: mirror -R of DIR (lftp has no WebDAV upload
# nor S3).
run_lftp() {
	local p=$1 folder=$2 dir=$3 remote
	case $p in sftp) remote="$SFTP_ROOT/$folder" ;; *) remote="$folder" ;; esac
	lftp -c "set sftp:connect-program 'ssh -a -x -i $SFTP_KEY -o UserKnownHostsFile=$SFTP_KNOWN_HOSTS';
		set ftp:ssl-force $([ "$p" = ftps ] && echo true || echo false);
		set ftp:ssl-allow $([ "$p" = ftps ] && echo true || echo false);
		set ftp:ssl-protect-data true; set ssl:ca-file $CA_FILE;
		set net:max-retries 1;
		open $(lftp_url "$p"); mirror -R $dir $remote"
}

# rclone's remote for PROTO, in its environment (passwords obscured as
# rclone wants them; never printed).
rclone_env() {
	local p=$1
	env | grep -o '^RCLONE_CONFIG_[A-Z0-9_]*' | while read -r v; do echo "unset $v"; done
	case $p in
	sftp)
		echo "export RCLONE_CONFIG_B_TYPE=sftp RCLONE_CONFIG_B_HOST=127.0.0.1 RCLONE_CONFIG_B_PORT=$SFTP_PORT RCLONE_CONFIG_B_USER=$SFTP_USER RCLONE_CONFIG_B_KEY_FILE=$SFTP_KEY RCLONE_CONFIG_B_KNOWN_HOSTS_FILE=$SFTP_KNOWN_HOSTS"
		;;
	ftp | ftps)
		echo "export RCLONE_CONFIG_B_TYPE=ftp RCLONE_CONFIG_B_HOST=127.0.0.1 RCLONE_CONFIG_B_USER=$FTP_USER RCLONE_CONFIG_B_PASS=$(rclone obscure "$FTP_PASSWORD")"
		if [ "$p" = ftps ]; then
			echo "export RCLONE_CONFIG_B_PORT=$FTPS_PORT RCLONE_CONFIG_B_EXPLICIT_TLS=true RCLONE_CONFIG_B_NO_CHECK_CERTIFICATE=true"
		else
			echo "export RCLONE_CONFIG_B_PORT=$FTP_PORT"
		fi
		;;
	dav)
		echo "export RCLONE_CONFIG_B_TYPE=webdav RCLONE_CONFIG_B_URL=https://127.0.0.1:$DAV_PORT/dav/ RCLONE_CONFIG_B_VENDOR=other RCLONE_CONFIG_B_USER=$DAV_USER RCLONE_CONFIG_B_PASS=$(rclone obscure "$DAV_PASSWORD")"
		;;
	s3)
		echo "export RCLONE_CONFIG_B_TYPE=s3 RCLONE_CONFIG_B_PROVIDER=Other RCLONE_CONFIG_B_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID RCLONE_CONFIG_B_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY RCLONE_CONFIG_B_ENDPOINT=$S3_ENDPOINT RCLONE_CONFIG_B_REGION=$S3_REGION RCLONE_CONFIG_B_FORCE_PATH_STYLE=true"
		;;
	esac
}

rclone_path() {
	case $1 in
	sftp) echo "b:$SFTP_ROOT/$2" ;;
	s3) echo "b:$S3_BUCKET/$2" ;;
	*) echo "b:$2" ;;
	esac
}

# run_rclone PROTO FOLDER DIR [copy|sync]. rclone's FTP takes no extra CA
# and its S3 refuses one (LoadCustomCABundleError): for those two it skips
# the check of the test servers' certificate. A bench on loopback only.
run_rclone() {
	local tls=(--ca-cert "$CA_FILE")
	eval "$(rclone_env "$1")"
	[ "$1" = s3 ] && tls=(--no-check-certificate)
	# sync compares sizes only, as podpub's manifest check begins: nginx's
	# WebDAV keeps no modification times, and rclone would send all again.
	env -u AWS_CA_BUNDLE rclone "${4:-copy}" "${tls[@]}" $([ "${4:-}" = sync ] && echo --size-only) \
		--config /dev/null -q "$3" "$(rclone_path "$1" "$2")"
}

# podpub's password for PROTO, in its environment (never on a command line).
login() { export PODPUB_PASSWORD; PODPUB_PASSWORD=$(password_of "$1"); }

secs() { echo "${1%% *}"; }
rss_mb() { awk -v k="${1##* }" 'BEGIN { if (k ~ /^[0-9]+$/) printf "%.0f", k / 1024; else print "-" }'; }
ratio() { awk -v a="$(secs "$1")" -v b="$(secs "$2")" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else print "-" }'; }

have_lftp=$(command -v lftp || true)
have_rclone=$(command -v rclone || true)
[ -n "$have_lftp" ] || echo "bench: no lftp (apt-get install lftp): its column stays empty"
[ -n "$have_rclone" ] || echo "bench: no rclone (apt-get install rclone): its column stays empty"

# podpub's build of each show alone (probe and hash of every file; the
# probe cache is warm after the first). The 20 MB show too, whose figures
# are only compared: a first publish of it probed the file, and its peak
# RSS (68 MB with libav* loaded) stood beside the 200 MB file's cached 17.
for s in 20 200 100 1000; do
	"$podpub" build -C "$out/show-$s" >/dev/null 2>&1 || true
	timed "build_$s" "$podpub" build -C "$out/show-$s"
done

runs=${UPLOAD_RUNS:-5}
miss_big="" miss_small="" miss_far="" miss_rss="" miss_republish=""

# drop_remote: the folder $f off every server (the bench writes gigabytes;
# kept, their writeback slows whichever run comes next).
drop_remote() {
	rm -rf "${SFTP_ROOT:?}/$f" "${FTP_ROOT:?}/$f" "${DAV_ROOT:?}/$f" "${S3_DATA:?}/$S3_BUCKET/$f"
}

# best_all VAR FUNCTION [VAR FUNCTION ...]: $runs rounds, each running
# every FUNCTION once in turn, on a fresh folder ($f) removed after it and
# with the disk synced before it, so that the machine's state weighs on
# each alike; sets each VAR to "fastest-seconds largest-RSS", or "fail -".
best_all() {
	local -a vars=() fns=() bt=() br=()
	local i t r
	while [ $# -gt 0 ]; do
		vars+=("$1") fns+=("$2")
		shift 2
	done
	for i in "${!vars[@]}"; do bt[i]="" br[i]=0; done
	for _ in $(seq "$runs"); do
		for i in "${!vars[@]}"; do
			[ "${bt[i]}" = fail ] && continue
			fresh
			sync
			"${fns[i]}"
			t=$(secs "$last") r=${last##* }
			drop_remote
			if [ "$t" = fail ]; then
				bt[i]=fail
				continue
			fi
			if [ -z "${bt[i]}" ] || awk -v a="$t" -v b="${bt[i]}" 'BEGIN { exit !(a < b) }'; then bt[i]=$t; fi
			[[ "$r" =~ ^[0-9]+$ ]] && [ "$r" -gt "${br[i]}" ] && br[i]=$r
		done
	done
	for i in "${!vars[@]}"; do
		if [ "${bt[i]}" = fail ]; then
			printf -v "${vars[i]}" '%s' "fail -"
		else
			printf -v "${vars[i]}" '%s' "${bt[i]} ${br[i]}"
		fi
	done
}
podpub_j4() { targets "$show" "$f" && login "$p" && timed last "$podpub" publish -q -C "$show" --target "$p" --jobs 4; }
podpub_j1() { targets "$show" "$f" && login "$p" && timed last "$podpub" publish -q -C "$show" --target "$p" --jobs 1; }
curl_all() { curl_words=$(curl_args "$p" "$f" "${files[@]}") && timed last run_curl "$p" "$f"; }
lftp_all() { timed last run_lftp "$p" "$f" "$dir"; }
rclone_all() { timed last run_rclone "$p" "$f" "$dir"; }

echo
echo "Uploads on loopback, seconds, the best of $runs runs (ratio to one curl process);"
echo "podpub's build of the same show alone: 200 MB $(secs "$build_200") s, 100 x 1 MB $(secs "$build_100") s."
printf '%-6s %-12s %9s %9s %9s %9s %9s   %s\n' proto case podpub-j4 podpub-j1 curl lftp rclone "podpub-j4/curl"
for p in $protocols; do
	for c in big small; do
		wants "$c" || continue
		show=$out/show-200 files=("$out/plain/big/big.mp3") dir=$out/plain/big
		[ "$c" = small ] && show=$out/show-100 files=("$out/plain/small/"*.mp3) dir=$out/plain/small
		lf="- -" rc="- -" others=()
		[ -n "$have_lftp" ] && [ -n "$(lftp_url "$p")" ] && others+=(lf lftp_all)
		[ -n "$have_rclone" ] && others+=(rc rclone_all)
		best_all pj4 podpub_j4 pj1 podpub_j1 cu curl_all "${others[@]}"
		if [ "$c" = big ]; then
			eval "rss200_$p='$pj4'"
			# The same with a tenth of the bytes: the difference is the
			# time of 180 MB alone, per-publish steps cancelled out.
			show=$out/show-20 files=("$out/20.mp3")
			best_all q4 podpub_j4 qc curl_all
			eval "rss20_$p='$q4' small_podpub_$p='$q4' small_curl_$p='$qc' big_podpub_$p='$pj4' big_curl_$p='$cu'"
		fi
		printf '%-6s %-12s %9s %9s %9s %9s %9s   %s\n' "$p" \
			"$([ "$c" = big ] && echo "1 x 200 MB" || echo "100 x 1 MB")" \
			"$(secs "$pj4")" "$(secs "$pj1")" "$(secs "$cu")" "$(secs "$lf")" "$(secs "$rc")" \
			"$(ratio "$pj4" "$cu")"
		# The target: many files faster than curl's one connection.
		if [ "$c" = small ]; then
			awk -v r="$(ratio "$pj4" "$cu")" 'BEGIN { exit !(r ~ /^[0-9.]+$/ && r < 1) }' ||
				miss_small="$miss_small $p"
		fi
	done
done
# The far case: each server behind a proxy 5 ms away each way; the
# targets and curl reach it through the proxy's port.
if wants far; then
	far_runs=${UPLOAD_FAR_RUNS:-3}
	declare -A near_port=()
	for v in SFTP_PORT FTP_PORT FTPS_PORT DAV_PORT S3_PORT; do
		near_port[$v]=${!v}
		rm -f "$servers/far-$v"
		/usr/bin/python3 tests/servers/delayproxy.py "$servers/far-$v" "${!v}" 5 &
		far_pids="$far_pids $!"
	done
	for v in SFTP_PORT FTP_PORT FTPS_PORT DAV_PORT S3_PORT; do
		for _ in $(seq 100); do [ -s "$servers/far-$v" ] && break; sleep 0.05; done
		printf -v "$v" '%s' "$(cat "$servers/far-$v")"
	done
	near_endpoint=$S3_ENDPOINT S3_ENDPOINT=https://127.0.0.1:$S3_PORT
	echo
	echo "The same 100 x 1 MB with a 10 ms round trip (a proxy in front of each server), seconds,"
	echo "the best of $far_runs runs:"
	printf '%-6s %-12s %9s %9s %9s   %s\n' proto case podpub-j4 podpub-j1 curl "podpub-j4/curl"
	saved_runs=$runs runs=$far_runs
	for p in $protocols; do
		show=$out/show-100 files=("$out/plain/small/"*.mp3)
		best_all pj4 podpub_j4 pj1 podpub_j1 cu curl_all
		printf '%-6s %-12s %9s %9s %9s   %s\n' "$p" "100 x 1 MB" "$(secs "$pj4")" "$(secs "$pj1")" \
			"$(secs "$cu")" "$(ratio "$pj4" "$cu")"
		awk -v r="$(ratio "$pj4" "$cu")" 'BEGIN { exit !(r ~ /^[0-9.]+$/ && r < 1) }' ||
			miss_far="$miss_far $p"
	done
	runs=$saved_runs
	# shellcheck disable=SC2086 # one word per PID
	kill $far_pids 2>/dev/null || true
	far_pids=""
	for v in "${!near_port[@]}"; do printf -v "$v" '%s' "${near_port[$v]}"; done
	S3_ENDPOINT=$near_endpoint
fi

# verdict WHAT OK: one line of the targets the issue set.
verdict() { printf 'target: %-66s %s\n' "$1" "$([ "$2" = 1 ] && echo met || echo 'NOT met')"; }
# mb_per_s BIG SMALL: MB/s of the bytes the two files differ by.
mbytes=$(awk -v a="$(stat -c %s "$out/200.mp3")" -v b="$(stat -c %s "$out/20.mp3")" 'BEGIN { print (a - b) / 1e6 }')
mb_per_s() { awk -v m="$mbytes" -v a="$(secs "$1")" -v b="$(secs "$2")" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && a > b) printf "%.0f", m / (a - b); else print "-" }'; }
if wants big; then
	echo
	echo "One file's throughput, MB/s: the 200 MB publish (or curl) less the 20 MB one, so that"
	echo "what every publish does once (start, log in, lock, manifest, feed) cancels out;"
	echo "seconds for the 20 MB file beside it."
	printf '%-6s %10s %10s %10s %10s   %s\n' proto podpub-j4 curl "20MB pp" "20MB curl" "podpub/curl"
	for p in $protocols; do
		bp="big_podpub_$p" bc="big_curl_$p" sp="small_podpub_$p" sc="small_curl_$p"
		tp=$(mb_per_s "${!bp}" "${!sp}") tc=$(mb_per_s "${!bc}" "${!sc}")
		r=$(awk -v a="$tp" -v b="$tc" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else print "-" }')
		printf '%-6s %10s %10s %10s %10s   %s\n' "$p" "$tp" "$tc" "$(secs "${!sp}")" "$(secs "${!sc}")" "$r"
		# The target: >= 95 % of curl's.
		awk -v r="$r" 'BEGIN { exit !(r ~ /^[0-9.]+$/ && r >= 0.95) }' || miss_big="$miss_big $p"
	done
	verdict "one file at >= 95 % of curl's throughput${miss_big:+ (not:$miss_big)}" \
		"$([ -z "$miss_big" ] && echo 1)"
fi
wants small && verdict "many files faster than curl's reused connection${miss_small:+ (not:$miss_small)}" \
	"$([ -z "$miss_small" ] && echo 1)"
wants far && verdict "... and with a 10 ms round trip${miss_far:+ (not:$miss_far)}" \
	"$([ -z "$miss_far" ] && echo 1)"

if wants rss; then
echo
echo "Peak RSS of podpub publish (MB, GNU time), --jobs 4: 200 MB file vs 20 MB file"
printf '%-6s %9s %9s\n' proto 200MB 20MB
show=$out/show-20
for p in $protocols; do
	v="rss20_$p"
	r20=${!v:-}
	[ -n "$r20" ] || best_all r20 podpub_j4
	v="rss200_$p"
	printf '%-6s %9s %9s\n' "$p" "$(rss_mb "${!v:-}")" "$(rss_mb "$r20")"
	# Flat: ten times the file, at most 10 % (and 2 MB) more memory.
	awk -v a="$(rss_mb "${!v:-}")" -v b="$(rss_mb "$r20")" \
		'BEGIN { exit !(a ~ /^[0-9]+$/ && b ~ /^[0-9]+$/ && a <= b * 1.1 + 2) }' || miss_rss="$miss_rss $p"
done
verdict "peak memory flat in file size${miss_rss:+ (not:$miss_rss)}" "$([ -z "$miss_rss" ] && echo 1)"
fi

wants republish || { rm -f "$out/netrc"; exit 0; }
echo
echo "An unchanged re-publish of a 1000-episode show (nothing sent), seconds,"
echo "beside rclone sync --size-only of its episodes folder, also with nothing to send;"
echo "podpub's build of it alone: $(secs "$build_1000") s"
printf '%-6s %14s %16s   %s\n' proto podpub "rclone sync" "podpub's transfers"
show=$out/show-1000
for p in $protocols; do
	fresh && targets "$show" "$f" && login "$p"
	"$podpub" publish -q -C "$show" --target "$p" --jobs 8 >"$out/cmd.log" 2>&1 ||
		{ echo "bench: $p: the first publish of 1000 episodes failed" >&2; tail -n 3 "$out/cmd.log" >&2; }
	pn="" rn="- -"
	for _ in $(seq "$runs"); do
		timed last "$podpub" publish -q -C "$show" --target "$p"
		[ -z "$pn" ] || awk -v a="$(secs "$last")" -v b="$(secs "$pn")" 'BEGIN { exit !(a < b) }' && pn=$last
	done
	if [ -n "$have_rclone" ]; then
		fresh
		run_rclone "$p" "$f" "$show/episodes" sync >/dev/null 2>&1 || true
		rn=""
		for _ in $(seq "$runs"); do
			timed last run_rclone "$p" "$f" "$show/episodes" sync
			[ -z "$rn" ] || awk -v a="$(secs "$last")" -v b="$(secs "$rn")" 'BEGIN { exit !(a < b) }' && rn=$last
		done
	fi
	# Zero transfers: --json lists every file with its action.
	sent=$("$podpub" publish --json -C "$show" --target "$p" 2>/dev/null | grep -c '"action": *"sent"' || true)
	printf '%-6s %14s %16s   %s\n' "$p" "$(secs "$pn")" "$(secs "$rn")" "$sent sent"
	awk -v a="$(secs "$pn")" -v b="$(secs "$rn")" 'BEGIN { exit !(a ~ /^[0-9.]+$/ && (b !~ /^[0-9.]+$/ || a < b)) }' &&
		[ "$sent" = 0 ] || miss_republish="$miss_republish $p"
done
verdict "an unchanged re-publish faster than rclone's, nothing sent${miss_republish:+ (not:$miss_republish)}" \
	"$([ -z "$miss_republish" ] && echo 1)"
rm -f "$out/netrc"
