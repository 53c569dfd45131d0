#!/usr/bin/env bash
# make-test-audio.sh - regenerate the audio fixtures in tests/data/audio/.
#
#   bash scripts/make-test-audio.sh
#
# Every file is synthesised with the ffmpeg CLI from lavfi sources (sine,
# silence, noise with a fixed seed) and written with the bitexact flags and
# no inherited metadata, so the same ffmpeg build writes the same bytes.
# The exact decoded durations the unit tests expect are listed, measured, in
# tests/data/audio/README.md; re-measure them (see there) if a different
# ffmpeg regenerates the files.
set -euo pipefail

cd "$(dirname "$0")/.."
out=tests/data/audio
mkdir -p "$out"

# A Finnish title with non-ASCII letters (ä, ö) and an en dash, to check that
# tags come through as UTF-8 byte for byte.
title='Järjestötyöllistäminen – jakso 1'

# ff OUTPUT ARGS...: run ffmpeg quietly, overwriting OUTPUT. The bitexact
# flags keep encoder version strings and random Ogg serial numbers out of the
# files; -map_metadata -1 drops anything the sources carry.
ff() {
	local dst=$1
	shift
	ffmpeg -nostdin -hide_banner -loglevel error -y "$@" \
		-map_metadata -1 -fflags +bitexact -flags:a +bitexact "$out/$dst"
}

# Constant bitrate MP3 (64 kb/s, 44.1 kHz mono) with a LAME Info frame and
# an ID3v2.4 title.
ff cbr.mp3 -f lavfi -i 'sine=frequency=440:sample_rate=44100:duration=3.3' \
	-c:a libmp3lame -b:a 64k -metadata "title=$title"

# Variable bitrate MP3 (libmp3lame -q:a 5) with a Xing/LAME header, and a small
# PNG as attached cover art, so the audio stream is not the only stream.
ff vbr-xing.mp3 \
	-f lavfi -i 'anoisesrc=color=pink:seed=7:amplitude=0.3:sample_rate=44100:duration=4.1' \
	-f lavfi -i 'color=c=0x1d4e89:size=64x64:duration=0.04,format=rgb24' \
	-map 0:a -map 1:v -frames:v 1 -c:v png -disposition:v attached_pic \
	-c:a libmp3lame -q:a 5 -metadata "title=$title"

# Variable bitrate MP3 WITHOUT a Xing header: 2 s of silence (tiny 32 kb/s
# frames) then 3 s of white noise (big frames). libavformat can only
# estimate this length from the first frames' bitrate, and gets it badly
# wrong; the packet walk must not.
silence='aevalsrc=0:sample_rate=44100:duration=2'
noise='anoisesrc=seed=11:amplitude=0.5:sample_rate=44100:duration=3'
ff vbr-noxing.mp3 -f lavfi -i "${silence}[s];${noise}[n];[s][n]concat=n=2:v=0:a=1" \
	-c:a libmp3lame -q:a 2 -write_xing 0

# AAC in MP4 (.m4a), stereo: two sines, one per channel. The file-level
# "language" tag (written as an mdta key) collides with the audio track's own
# "language" (und): the file-level value must win.
left='sine=frequency=330:sample_rate=44100:duration=3.1'
right='sine=frequency=550:sample_rate=44100:duration=3.1'
ff aac.m4a -f lavfi -i "${left}[l];${right}[r];[l][r]amerge=inputs=2" \
	-c:a aac -b:a 64k -movflags +use_metadata_tags -metadata language=fin

# Raw AAC in ADTS frames (.aac), mono.
ff adts.aac -f lavfi -i 'sine=frequency=660:sample_rate=44100:duration=2.05' \
	-c:a aac -b:a 48k -f adts

# Opus in Ogg: 48 kHz mono, a length that is not a whole number of 20 ms
# frames, so the last packet is trimmed.
ff opus.opus -f lavfi -i 'sine=frequency=440:sample_rate=48000:duration=3.01' \
	-c:a libopus -b:a 32k

# Vorbis in Ogg, stereo. Vorbis comments keep the key's case ("ARTIST");
# libavformat puts them on the stream, not the file.
left='sine=frequency=440:sample_rate=44100:duration=2.7'
right='anoisesrc=seed=3:amplitude=0.1:sample_rate=44100:duration=2.7'
ff vorbis.ogg -f lavfi -i "${left}[l];${right}[r];[l][r]amerge=inputs=2" \
	-c:a libvorbis -q:a 1 -metadata 'ARTIST=Järjestö ry' -metadata album=Testit

# FLAC, 16-bit mono, with the length in its STREAMINFO.
ff flac.flac -f lavfi -i 'sine=frequency=440:sample_rate=44100:duration=2.2' \
	-c:a flac -sample_fmt s16

# FLAC written to a pipe: STREAMINFO says 0 samples (length unknown).
ffmpeg -nostdin -hide_banner -loglevel error -y \
	-f lavfi -i 'sine=frequency=880:sample_rate=44100:duration=1.7' \
	-map_metadata -1 -fflags +bitexact -flags:a +bitexact \
	-c:a flac -sample_fmt s16 -f flac - >"$out/flac-pipe.flac"

# PCM WAV, 16 kHz mono 16-bit.
ff pcm.wav -f lavfi -i 'sine=frequency=440:sample_rate=16000:duration=1.5' \
	-c:a pcm_s16le

# Bad files.
: >"$out/empty.mp3"
printf 'This is a text file, not audio.\nIt only has an .mp3 name.\n' >"$out/not-audio.mp3"
# The first 300 bytes of cbr.mp3: the ID3v2 tag, the Info frame (which still
# states the full length) and the start of the first audio frame.
# libavformat refuses it (EINVAL: it cannot find a second frame).
head -c 300 "$out/cbr.mp3" >"$out/truncated.mp3"
# cbr.mp3 cut after 14000 bytes, mid-frame, as an interrupted copy leaves it:
# the Info frame still states 3.3 s, but only about 1.7 s of audio is left.
head -c 14000 "$out/cbr.mp3" >"$out/cut-short.mp3"
