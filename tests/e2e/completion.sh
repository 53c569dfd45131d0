# Bash completion, generated from the command and option tables: source the
# script in bash and ask it what a <TAB> would offer.
. tests/e2e/lib.sh

"$PODPUB" completion bash >"$work/podpub.bash"
expect "completion bash exits 0" [ $? -eq 0 ]
expect "the script is valid bash" bash -n "$work/podpub.bash"

# complete WORD...: COMPREPLY, one per line, for a <TAB> after the last word.
complete_words() {
	bash -c '
		. "$1"
		shift
		cd "$1" || exit 1
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_podpub
		printf "%s\n" "${COMPREPLY[@]}"
	' complete "$work/podpub.bash" "$work/tree" "$@" >"$work/reply" 2>"$work/reply.err"
}
mkdir -p "$work/tree/show-dir" && : >"$work/tree/feed.xml"

complete_words podpub pu
expect "podpub pu<TAB> offers publish" grep -qx publish "$work/reply"
expect "podpub pu<TAB> offers nothing else" [ "$(wc -l <"$work/reply")" -eq 1 ]
expect "completion prints no errors" [ ! -s "$work/reply.err" ]
complete_words podpub ''
expect "podpub <TAB> offers every command" sh -c \
	"for c in probe build lint publish new help version completion; do grep -qx \$c '$work/reply' || exit 1; done"
complete_words podpub publish --dr
expect "podpub publish --dr<TAB> offers --dry-run" grep -qx -- --dry-run "$work/reply"
expect "podpub publish --dr<TAB> offers only --dry-run" [ "$(wc -l <"$work/reply")" -eq 1 ]
complete_words podpub publish --
expect "podpub publish --<TAB> offers --allow-removal" grep -qx -- --allow-removal "$work/reply"
expect "podpub publish --<TAB> offers --help" grep -qx -- --help "$work/reply"
complete_words podpub build --repo ''
expect "--repo DIR completes folders" grep -qx show-dir "$work/reply"
expect "--repo DIR offers no plain files" sh -c "! grep -qx feed.xml '$work/reply'"
complete_words podpub lint fe
expect "lint FEED completes files" grep -qx feed.xml "$work/reply"
complete_words podpub help pr
expect "help COMMAND completes command names" grep -qx probe "$work/reply"
complete_words podpub completion ''
expect "completion SHELL offers bash" grep -qx bash "$work/reply"

# Every option of the tables is in the script.
"$PODPUB" help --dump | awk -F '\t' '$1 == "option" { print $3 }' | sort -u >"$work/options"
missing=$(while read -r o; do grep -q -- "$o" "$work/podpub.bash" || echo "$o"; done <"$work/options")
if [ -n "$(cat "$work/options")" ] && [ -z "$missing" ]; then
	ok "every option of the tables is completed"
else
	not_ok "every option of the tables is completed" "missing: $missing"
fi

done_testing
