#!/bin/sh
# The show's check, what `make validate` and CI run:
#   sh scripts/validate.sh PODPUB [SHOW]
# every episode valid (podpub build: errors fail), the site renders, the feed as it would be
# published linted with --strict (warnings fail too), and every enclosure's
# audio file present and, in a git checkout, committed. Quiet on success;
# each failure is one line naming the file and what to run.
#   NOW=TIME     validate as of TIME instead of the clock (podpub --now):
#                CI passes the same NOW to publish, so the feed validated
#                is the feed published
#   FORMAT=github  lint findings as GitHub Actions annotations
set -u

podpub=${1:?usage: validate.sh PODPUB [SHOW]}
show=${2:-.}
feed=$show/feed/feed.xml
# The site is rendered too, as publish would (into a scratch folder): a
# template that fails fails here, not at publish time.
site=$(mktemp -d) || exit 2
trap 'rm -rf "$site"' EXIT
set -- build --repo "$show" --site "$site"
[ -z "${NOW:-}" ] || set -- "$@" --now "$NOW"

# Build notes (a scheduled episode, a draft) are worth seeing; the summary
# line is not.
"$podpub" "$@" >/dev/null || {
	echo "validate: the show does not build: fix the files named above, then run 'make validate'" >&2
	exit 2
}
"$podpub" lint --strict --format "${FORMAT:-text}" "$feed" || {
	echo "validate: lint found problems in $feed: fix them, then run 'make validate'" >&2
	exit 2
}

# Each enclosure, media/<slug>.<ext>, comes from the one audio file in
# episodes/<slug>/; in a git checkout it must be committed, and so must the
# transcripts and art published beside it, or CI's clone (and the next
# producer's) would miss them.
in_git=false
git -C "$show" rev-parse --is-inside-work-tree >/dev/null 2>&1 && in_git=true
status=0
for name in $(sed -n 's|.*<enclosure url="[^"]*/media/\([^"/]*\)\.[A-Za-z0-9]*".*|\1|p' "$feed"); do
	# Replaced audio is published as <slug>-<sha8>.<ext>.
	slug=$name
	[ -d "$show/episodes/$slug" ] || slug=${name%-????????}
	found=
	for f in "$show/episodes/$slug"/*; do
		case $(printf '%s' "$f" | tr 'A-Z' 'a-z') in
		*.mp3 | *.m4a | *.mp4 | *.aac | *.ogg | *.oga | *.opus | *.flac | *.wav) found=$f ;;
		esac
	done
	if [ -z "$found" ] || [ ! -s "$found" ]; then
		echo "validate: $show/episodes/$slug: the enclosure's audio file is missing" >&2
		status=2
		continue
	fi
	$in_git || continue
	# The audio and what is published beside it: transcripts and art.
	for f in "$show/episodes/$slug"/*; do
		case $(printf '%s' "$f" | tr 'A-Z' 'a-z') in
		*.mp3 | *.m4a | *.mp4 | *.aac | *.ogg | *.oga | *.opus | *.flac | *.wav | *.vtt | *.srt | */cover.jpg | */cover.jpeg | */cover.png) ;;
		*) continue ;;
		esac
		if ! git -C "$show" ls-files --error-unmatch -- "${f#"$show"/}" >/dev/null 2>&1; then
			echo "validate: $f is not committed: run 'git add $f'" >&2
			status=2
		fi
	done
done
exit $status
