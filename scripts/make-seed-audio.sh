#!/bin/bash
# Regenerates the stand-in episode audio: episodes/<slug>/<slug>.mp3.
#
# The real recordings are not in the repository, so each episode ships a
# short synthesized Finnish reading (espeak-ng, voice "fi") of its title and
# the first paragraph of its show notes, taken from episodes/<slug>/episode.md.
#
# Needs (Debian 12):  apt-get install espeak-ng ffmpeg
# Usage:              bash scripts/make-seed-audio.sh   (from anywhere)
#
# Idempotent and reproducible: it overwrites the MP3s, and the same inputs
# give byte-identical files (bitexact flags, no copied or encoder metadata).
set -euo pipefail

# Work from the repository top, whatever the caller's directory.
cd "$(dirname "$0")/.."

slugs=(
	jarjestoavustukset-osa-1
	jarjestoavustukset-osa-2
	jarjestotyollistaminen-osa-1
	jarjestotyollistaminen-osa-2
)

for tool in espeak-ng ffmpeg; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "make-seed-audio: $tool not found; run: apt-get install espeak-ng ffmpeg" >&2
		exit 1
	fi
done

# Byte-oriented text handling would also work, but keep UTF-8 explicit.
export LC_ALL=C.UTF-8

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# front_matter_value FILE KEY: the value of a top-level "KEY: value" line
# inside the YAML front matter (between the first two "---" lines).
front_matter_value() {
	awk -v key="$2" '
		/^---[[:space:]]*$/ { n++; if (n == 2) exit; next }
		n == 1 && index($0, key ": ") == 1 { print substr($0, length(key) + 3); exit }
	' "$1"
}

# first_paragraph FILE: the show-notes text after the second "---" up to the
# first blank line, joined into one line.
first_paragraph() {
	awk '
		/^---[[:space:]]*$/ && n < 2 { n++; next }
		n < 2 { next }
		/^[[:space:]]*$/ { if (started) exit; next }
		{ started = 1; printf "%s%s", (sep ? " " : ""), $0; sep = 1 }
		END { print "" }
	' "$1"
}

for slug in "${slugs[@]}"; do
	dir="episodes/$slug"
	md="$dir/episode.md"
	mp3="$dir/$slug.mp3"

	title=$(front_matter_value "$md" title)
	number=$(front_matter_value "$md" episode)
	text=$(first_paragraph "$md")
	if [[ -z $title || -z $number || -z $text ]]; then
		echo "make-seed-audio: cannot read title, episode or first paragraph from $md" >&2
		exit 1
	fi

	# Speech: title, a pause (the full stop), then the description.
	# -b 1: input is UTF-8; -s 145: slower than the default 175 wpm, clearer.
	espeak-ng -v "fi" -b 1 -s 145 -w "$tmp/$slug.wav" "$title. $text"

	# Mono VBR MP3 with ID3v2.3 tags only from the list below.
	ffmpeg -nostdin -hide_banner -loglevel error -y \
		-fflags +bitexact -i "$tmp/$slug.wav" \
		-map 0:a -map_metadata -1 \
		-ac 1 -ar 44100 -c:a libmp3lame -q:a 4 \
		-flags:a +bitexact -bitexact \
		-id3v2_version 3 -write_xing 1 \
		-metadata title="$title" \
		-metadata artist="Tomi Pyylampi" \
		-metadata album_artist="Pohjois-Karjalan järjestöasiain neuvottelukunta JANE" \
		-metadata album="JANEn Vaikuttamis-podcast" \
		-metadata track="$number" \
		-metadata date="2025" \
		-metadata genre="Podcast" \
		-metadata language="fin" \
		"$tmp/$slug.mp3"
	mv -f "$tmp/$slug.mp3" "$mp3"

	echo "make-seed-audio: wrote $mp3 ($(wc -c <"$mp3") bytes)"
done
