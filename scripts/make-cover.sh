#!/bin/bash
# Regenerates the show cover art: feed/cover.png (podcast.yaml "image").
#
# A 3000x3000 RGB PNG (rgb24, no alpha), as podcast directories require:
# plain blue background, the show title in three lines and the publisher
# below it, drawn with ffmpeg's drawtext and the DejaVu fonts.
#
# Needs (Debian 12):  apt-get install ffmpeg fonts-dejavu-core
# Usage:              bash scripts/make-cover.sh   (from anywhere)
#
# Idempotent and reproducible: it overwrites feed/cover.png, and the same
# ffmpeg and fonts give a byte-identical file.
set -euo pipefail

# Work from the repository top, whatever the caller's directory.
cd "$(dirname "$0")/.."

font_dir=/usr/share/fonts/truetype/dejavu
bold="$font_dir/DejaVuSans-Bold.ttf"
regular="$font_dir/DejaVuSans.ttf"

if ! command -v ffmpeg >/dev/null 2>&1; then
	echo "make-cover: ffmpeg not found; run: apt-get install ffmpeg" >&2
	exit 1
fi

# The fonts are named by file so the result does not depend on fontconfig.
if [[ ! -f $bold || ! -f $regular ]]; then
	if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
		echo "make-cover: installing fonts-dejavu-core"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-dejavu-core
	else
		echo "make-cover: DejaVu fonts missing; as root run: apt-get install fonts-dejavu-core" >&2
		exit 1
	fi
fi

bg=0x1d4e89   # background: dark blue
fg=white      # text colour

# One drawtext filter per line; x centres each line, y is its top edge.
# Texts contain no ":", "'" or "\", so they need no filter escaping.
line() { # line FONTFILE SIZE Y TEXT
	printf "drawtext=fontfile=%s:fontsize=%s:fontcolor=%s:x=(w-text_w)/2:y=%s:text=%s" \
		"$1" "$2" "$fg" "$3" "$4"
}
filters=$(
	IFS=,
	parts=(
		"$(line "$bold" 360 560 "JANEn")"
		"$(line "$bold" 360 1010 "Vaikuttamis-")"
		"$(line "$bold" 360 1460 "podcast")"
		"drawbox=x=600:y=2060:w=1800:h=12:color=$fg:t=fill"
		"$(line "$regular" 130 2200 "Pohjois-Karjalan järjestöasiain")"
		"$(line "$regular" 130 2380 "neuvottelukunta")"
	)
	echo "${parts[*]}"
)

mkdir -p feed
tmp=$(mktemp --suffix=.png)
trap 'rm -f "$tmp"' EXIT

ffmpeg -nostdin -hide_banner -loglevel error -y \
	-f lavfi -i "color=c=$bg:s=3000x3000" \
	-frames:v 1 -vf "$filters,format=rgb24" \
	-pix_fmt rgb24 -c:v png -fflags +bitexact -flags +bitexact \
	-f image2 "$tmp"
mv -f "$tmp" feed/cover.png
chmod 644 feed/cover.png

echo "make-cover: wrote feed/cover.png ($(wc -c <feed/cover.png) bytes)"
