#!/usr/bin/env bash
# bench.sh - `make bench`: podpub's probe and build against ffprobe, ffmpeg,
# getID3 and the raw read, side by side in one run.
#
#   bash scripts/bench/bench.sh [PODPUB [BENCH_PROBE]]
#
# Generates (once, deterministically: lavfi sources with fixed seeds, the
# Debian encoders' own headers) a corpus under build/bench/, then prints per
# file the true duration (a full decode by ffmpeg), the error and time of
# podpub's probe (in-process and as a process), of ffprobe (default options),
# of ffmpeg's demux-only pass, of getID3 and of `cat >/dev/null`; then a
# 1000-episode show built cold, rebuilt from the cache and rebuilt after one
# episode changed, beside getID3 reading the same files.
#
# Times are the fastest of several runs with the page cache warm (the first
# run warms it): a shared machine is noisy, compare ratios. Never part of
# `make test`.
set -euo pipefail

cd "$(dirname "$0")/../.."
repo=$PWD
podpub=$(realpath "${1:-build/podpub}")
bench_probe=$(realpath "${2:-build/bench-probe}")
getid3="php $repo/scripts/bench/getid3.php"
out=build/bench
corpus=$out/corpus
show=$out/show
mkdir -p "$corpus"

# Bump when the corpus recipe changes: the files are regenerated.
corpus_version=1
show_version=2 # 2: each episode's audio its own

ff() {
	ffmpeg -nostdin -hide_banner -loglevel error -y "$@"
}

# --- The corpus ------------------------------------------------------------

# speech-like: a voiced buzz whose pitch glides, gated at syllable rate, in
# phrases with pauses; then silence; then loud noise. VBR frames swing from
# 32 kb/s (silence) to the maximum (noise).
speech='aevalsrc=exprs=0.35*sin(2*PI*(120+30*sin(2*PI*0.9*t))*t)*(0.6+0.4*sin(2*PI*240*t))*gt(sin(2*PI*3.7*t)\,-0.2)*gt(sin(2*PI*0.23*t)\,-0.6):sample_rate=44100:duration=25'
hiss='anoisesrc=seed=5:color=pink:amplitude=0.02:sample_rate=44100:duration=25'
silence='aevalsrc=exprs=0:sample_rate=44100:duration=10'
noise='anoisesrc=seed=9:color=white:amplitude=0.5:sample_rate=44100:duration=15'
speech2='aevalsrc=exprs=0.3*sin(2*PI*(180+50*sin(2*PI*0.5*t))*t)*gt(sin(2*PI*4.3*t)\,0)*gt(sin(2*PI*0.17*t)\,-0.4):sample_rate=44100:duration=10.123'

make_corpus() {
	local c=$corpus
	echo "bench: generating the corpus in $c (once)"
	rm -rf "$c" && mkdir -p "$c"
	# 70.123 s of programme, mono 44.1 kHz 16-bit: the source of every format.
	ff -f lavfi -i "${speech}[s];${hiss}[h];[s][h]amix=inputs=2:normalize=0[a];${silence}[z];${noise}[n];${speech2}[b];[a][z][n][b]concat=n=4:v=0:a=1" \
		-map_metadata -1 -fflags +bitexact -c:a pcm_s16le "$c/source.wav"
	lame --silent -b 128 "$c/source.wav" "$c/cbr-info.mp3"
	lame --silent -V 4 "$c/source.wav" "$c/vbr-xing.mp3"
	# -t: no Xing/LAME frame; libavformat can only guess this length.
	lame --silent -V 4 -t "$c/source.wav" "$c/vbr-noheader.mp3"
	# An interrupted copy: its Xing frame still states the full length.
	head -c $(($(stat -c %s "$c/vbr-xing.mp3") * 55 / 100)) "$c/vbr-xing.mp3" >"$c/stale-xing.mp3"
	ff -i "$c/source.wav" -map_metadata -1 -fflags +bitexact -flags:a +bitexact \
		-c:a aac -b:a 96k "$c/aac.m4a"
	ff -i "$c/source.wav" -map_metadata -1 -fflags +bitexact -flags:a +bitexact \
		-c:a aac -b:a 96k -f adts "$c/adts.aac"
	opusenc --quiet --bitrate 48 "$c/source.wav" "$c/opus.opus"
	oggenc --quiet -q 2 -o "$c/vorbis.ogg" "$c/source.wav"
	flac --silent -5 -o "$c/flac.flac" "$c/source.wav"
	# Written to a pipe: STREAMINFO cannot say the length (total 0).
	ff -i "$c/source.wav" -map_metadata -1 -fflags +bitexact -c:a flac -f flac - >"$c/flac-pipe.flac"
	cp "$c/source.wav" "$c/pcm.wav"
	# Long files: the programme looped, 60 minutes and 3 hours.
	ff -stream_loop -1 -i "$c/source.wav" -t 3600 -c:a pcm_s16le -f wav - |
		lame --silent -V 5 - "$c/long-60min.mp3"
	ff -stream_loop -1 -i "$c/source.wav" -t 10800 -c:a pcm_s16le -f wav - |
		lame --silent -V 5 - "$c/long-3h.mp3"
	ff -stream_loop -1 -i "$c/source.wav" -t 10800 -c:a pcm_s16le -f wav - |
		lame --silent -V 5 -t - "$c/long-3h-noheader.mp3"
	ff -stream_loop -1 -i "$c/source.wav" -t 3600 -map_metadata -1 -fflags +bitexact \
		-flags:a +bitexact -c:a aac -b:a 64k "$c/long-60min.m4a"
	rm "$c/source.wav"
	echo "$corpus_version" >"$c/.version"
}

# id3v1 FILE TITLE: a 128-byte ID3v1 tag at the end, so that copies of one
# recording differ, as a real show's episodes do (podpub warns about
# episodes with the same audio: a thousand warnings are not a rebuild's
# work).
id3v1() { printf 'TAG%-30.30s%-30.30s%-30.30s%-4.4s%-30.30s\377' "$2" "" "" "" "" >>"$1"; }

# The show: 1000 one-minute episodes (copies of a few encodings of different
# lengths, CBR, VBR with and without a Xing frame, each with its own ID3v1
# tag), with front matter.
make_show() {
	local s=$show i v slug
	echo "bench: generating the 1000-episode show in $s (once)"
	rm -rf "$s" && mkdir -p "$s/episodes" "$s/feed" "$out/variants"
	sed -e 's/^locked: .*/locked: false/' -e '/^target:/d' tests/data/show/podcast.yaml >"$s/podcast.yaml"
	cp tests/data/show/feed/cover.png "$s/feed/cover.png"
	for v in 0 1 2 3 4 5 6 7 8 9; do
		local len=$((55 + v)) opts
		case $((v % 3)) in 0) opts='-b 64' ;; 1) opts='-V 6' ;; *) opts='-V 6 -t' ;; esac
		# shellcheck disable=SC2086 # options are words
		ff -ss "$v" -i "$corpus/pcm.wav" -t "$len" -c:a pcm_s16le -f wav - |
			lame --silent $opts - "$out/variants/v$v.mp3"
	done
	for i in $(seq 1 1000); do
		slug=$(printf 'jakso-%04d' "$i")
		mkdir -p "$s/episodes/$slug"
		cp "$out/variants/v$((i % 10)).mp3" "$s/episodes/$slug/$slug.mp3"
		id3v1 "$s/episodes/$slug/$slug.mp3" "Jakso $i"
		printf -- '---\ntitle: Jakso %d\ndate: %04d-%02d-%02d 09:00\n---\nJakson %d muistiinpanot.\n' \
			"$i" $((2000 + i / 336)) $((1 + i / 28 % 12)) $((1 + i % 28)) "$i" \
			>"$s/episodes/$slug/episode.md"
	done
	echo "$show_version" >"$s/.version"
}

# A 3-hour MP4, added to corpora made before it: its sample table is three
# times the 60-minute one's, and libavformat reads it whole on open.
make_long_m4a() {
	echo "bench: generating $corpus/long-3h.m4a (once)"
	ff -stream_loop -1 -i "$corpus/pcm.wav" -t 10800 -map_metadata -1 -fflags +bitexact \
		-flags:a +bitexact -c:a aac -b:a 64k "$corpus/long-3h.m4a"
}

[ "$(cat "$corpus/.version" 2>/dev/null)" = "$corpus_version" ] || make_corpus
[ -e "$corpus/long-3h.m4a" ] || make_long_m4a
[ "$(cat "$show/.version" 2>/dev/null)" = "$show_version" ] || make_show

# --- Measuring -------------------------------------------------------------

# best_ms RUNS CMD...: the fastest wall time of RUNS runs, in ms (output
# discarded).
best_ms() {
	local runs=$1 best='' t0 t1 dt
	shift
	for _ in $(seq "$runs"); do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1 || true
		t1=$(date +%s%N)
		dt=$(((t1 - t0) / 1000))
		if [ -z "$best" ] || [ "$dt" -lt "$best" ]; then best=$dt; fi
	done
	awk -v us="$best" 'BEGIN { printf "%.1f", us / 1000 }'
}

# The truth: every sample ffmpeg decodes, at the file's own rate. Cached by
# name and size in truth.txt (the 3-hour decode takes a while).
truth() {
	local f=$1 key rate bytes
	key="$(basename "$f") $(stat -c %s "$f")"
	if grep -q "^$key " "$out/truth.txt" 2>/dev/null; then
		grep "^$key " "$out/truth.txt" | awk '{ print $3 }'
		return
	fi
	rate=$(ffprobe -v error -select_streams a:0 -show_entries stream=sample_rate -of default=nk=1:nw=1 "$f" | head -n 1)
	bytes=$(ffmpeg -nostdin -v error -i "$f" -map 0:a:0 -f s16le -ac 1 - | wc -c)
	awk -v b="$bytes" -v r="$rate" -v k="$key" 'BEGIN { printf "%s %.6f\n", k, b / 2 / r }' \
		>>"$out/truth.txt"
	awk -v b="$bytes" -v r="$rate" 'BEGIN { printf "%.6f\n", b / 2 / r }'
}

# One audio frame of the file's codec, in ms: the allowed error.
frame_ms() {
	local codec rate
	codec=$(ffprobe -v error -select_streams a:0 -show_entries stream=codec_name -of default=nk=1:nw=1 "$1" | head -n 1)
	rate=$(ffprobe -v error -select_streams a:0 -show_entries stream=sample_rate -of default=nk=1:nw=1 "$1" | head -n 1)
	case $codec in
	mp3) awk -v r="$rate" 'BEGIN { printf "%.1f", 1152000 / r }' ;;
	aac) awk -v r="$rate" 'BEGIN { printf "%.1f", 1024000 / r }' ;;
	opus) echo 20.0 ;;
	vorbis) awk -v r="$rate" 'BEGIN { printf "%.1f", 2048000 / r }' ;;
	flac) awk -v r="$rate" 'BEGIN { printf "%.1f", 4608000 / r }' ;;
	*) echo 1.0 ;;
	esac
}

# err_ms VALUE TRUTH: the error in ms, or "fail" when VALUE is not a number.
err_ms() {
	awk -v v="$1" -v t="$2" 'BEGIN { if (v !~ /^-?[0-9.]+$/) print "fail"; else printf "%+.1f", (v - t) * 1000 }'
}

runs_for() {
	# Fewer runs for the big files: their figures are stable.
	if [ "$(stat -c %s "$1")" -gt 20000000 ]; then echo 2; else echo 5; fi
}

echo
echo "bench: per file (times in ms, fastest of several warm runs; err = stated - decoded, ms)"
printf '%-22s %7s %11s %6s | %8s %7s %9s %7s %7s | %8s %7s | %8s | %8s %7s | %7s | %6s %6s\n' \
	file MB truth_s frame podpub_err source in-proc process ok? ffprobe_err time \
	demux-only getid3_err time cat probe/cat ffprobe/podpub
bad=0
slow_header='' slow_scan=''
for f in "$corpus"/*; do
	name=$(basename "$f")
	runs=$(runs_for "$f")
	cat "$f" >/dev/null
	t=$(truth "$f")
	fr=$(frame_ms "$f")
	read -r _ pdur psrc pin < <("$bench_probe" -n "$runs" "$f")
	pproc=$(best_ms "$runs" "$podpub" probe "$f")
	fpdur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$f" || echo error)
	fptime=$(best_ms "$runs" ffprobe -v error -show_entries format=duration -of csv=p=0 "$f")
	demux=$(best_ms "$runs" ffmpeg -nostdin -v error -i "$f" -map 0:a:0 -c copy -f null -)
	g=$($getid3 "$f" 2>/dev/null || echo error)
	gtime=$(best_ms "$runs" $getid3 "$f")
	cattime=$(best_ms "$runs" sh -c 'cat "$1" >/dev/null' sh "$f")
	perr=$(err_ms "$pdur" "$t")
	ok=$(awk -v e="$perr" -v f="$fr" 'BEGIN { if (e == "fail") print "FAIL"; else print ((e < 0 ? -e : e) <= f ? "yes" : "NO") }')
	[ "$ok" = yes ] || bad=$((bad + 1))
	# The targets: a header-trusted file under 5 ms in-process; a scanned
	# one no slower than ffmpeg's demux-only pass (a process, so the
	# podpub process is held to it).
	if [ "$psrc" = header ]; then
		awk -v a="$pin" 'BEGIN { exit !(a >= 5) }' && slow_header="$slow_header $name"
	elif awk -v a="$pproc" -v b="$demux" 'BEGIN { exit !(a > b) }'; then
		slow_scan="$slow_scan $name"
	fi
	printf '%-22s %7.1f %11.3f %6s | %10s %7s %9s %7s %7s | %8s %7s | %8s | %8s %7s | %7s | %6.1f %6.1f\n' \
		"$name" "$(awk -v s="$(stat -c %s "$f")" 'BEGIN { print s / 1048576 }')" "$t" "$fr" \
		"$perr" "$psrc" "$pin" "$pproc" "$ok" "$(err_ms "$fpdur" "$t")" "$fptime" "$demux" \
		"$(err_ms "$g" "$t")" "$gtime" "$cattime" \
		"$(awk -v a="$pin" -v b="$cattime" 'BEGIN { print (b > 0 ? a / b : 0) }')" \
		"$(awk -v a="$fptime" -v b="$pproc" 'BEGIN { print (b > 0 ? a / b : 0) }')"
done
echo "  in-proc: probe_file() inside one process (build/bench-probe); process: \`podpub probe F\`;"
echo "  demux-only: \`ffmpeg -i F -c copy -f null -\`; getid3: a PHP process (php-getid3);"
echo "  probe/cat: in-process probe over the raw read; ffprobe/podpub: the two processes."

echo
echo "bench: the 1000-episode show ($(du -sm "$show/episodes" | cut -f1) MB)"
files=("$show"/episodes/*/*.mp3)
cat "${files[@]}" >/dev/null
build() { "$podpub" build -C "$show" >/dev/null 2>"$out/build.log"; }
clear_cache() { rm -rf "$show/.podpub-cache"; }
cold=$(best_ms 3 sh -c "rm -rf '$show/.podpub-cache' && '$podpub' build -C '$show'")
clear_cache
build || { echo "bench: the show did not build:"; cat "$out/build.log"; exit 1; }
cached=$(best_ms 5 build)
# One episode changed: a different encoding under the same name.
one=$show/episodes/jakso-0500/jakso-0500.mp3
changed=''
# Five changes, the fastest kept, as the cached figure is the best of five.
for v in 1 2 3 4 5; do
	cp "$out/variants/v$(((500 + v) % 10)).mp3" "$one" && id3v1 "$one" "Jakso 500"
	dt=$(best_ms 1 build)
	if [ -z "$changed" ] || awk -v a="$dt" -v b="$changed" 'BEGIN { exit !(a < b) }'; then changed=$dt; fi
done
cp "$out/variants/v0.mp3" "$one" && id3v1 "$one" "Jakso 500"
build
gproc=$(best_ms 3 $getid3 --total "${files[@]}")
gin=$($getid3 --total "${files[@]}" | awk '{ printf "%.1f", $2 * 1000 }')
catall=$(best_ms 3 cat "${files[@]}")
printf '%-44s %10s %10s\n' "what" "ms" "x cached"
row() { printf '%-44s %10s %10s\n' "$1" "$2" "$(awk -v a="$2" -v b="$cached" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')"; }
row "podpub build, cold (no cache)" "$cold"
row "podpub build, rebuilt from the cache" "$cached"
row "podpub build, one episode changed" "$changed"
row "getID3 analyse of the 1000 files (in PHP)" "$gin"
row "getID3, the whole PHP process" "$gproc"
row "cat of the 1000 files" "$catall"
echo
# verdict WHAT OK: one line of the targets the issue set.
verdict() { printf 'target: %-62s %s\n' "$1" "$([ "$2" = 1 ] && echo met || echo 'NOT met')"; }
verdict "a header-trusted file in under 5 ms in-process${slow_header:+ (not:$slow_header)}" \
	"$([ -z "$slow_header" ] && echo 1)"
verdict "a scanned file no slower than ffmpeg's demux-only pass${slow_scan:+ (not:$slow_scan)}" \
	"$([ -z "$slow_scan" ] && echo 1)"
verdict "the 1000-episode show cold faster than getID3 reading it" \
	"$(awk -v a="$cold" -v b="$gin" 'BEGIN { print (a < b) }')"
verdict "a rebuild from the cache under 100 ms" "$(awk -v a="$cached" 'BEGIN { print (a < 100) }')"
# A changed episode costs its own probe and hash, and once per run the load
# of libav* (which a rebuild from the cache never makes): the probe of a
# small file by the podpub process, less the process doing nothing.
version_ms=$(best_ms 5 "$podpub" --version)
probe_ms=$(best_ms 5 "$podpub" probe "$corpus/vbr-xing.mp3")
load_ms=$(awk -v a="$probe_ms" -v b="$version_ms" 'BEGIN { printf "%.1f", a - b }')
echo "podpub probe of a small file ${probe_ms} ms, podpub --version ${version_ms} ms: loading libav* and probing ${load_ms} ms"
verdict "one episode changed: the cached rebuild plus one probe (+$load_ms ms) and 10 ms" \
	"$(awk -v a="$changed" -v b="$cached" -v l="$load_ms" 'BEGIN { print (a <= b + l + 10) }')"
if [ "$bad" -eq 0 ]; then
	echo "bench: every corpus file within one audio frame of its decoded length"
else
	echo "bench: $bad file(s) NOT within one audio frame of the decoded length"
	exit 1
fi
