# docs/podpub.1 describes every command, option and exit status that the
# binary's tables hold (`podpub help --dump`), renders without a warning,
# and `make install` puts it, and the bash completion, where they belong.
. tests/e2e/lib.sh
cd "$REPO" || exit 1

page=docs/podpub.1
"$PODPUB" help --dump >"$work/dump"
expect "help --dump lists commands, options and exit statuses" sh -c \
	"grep -q '^command	' '$work/dump' && grep -q '^option	' '$work/dump' && grep -q '^exit	' '$work/dump'"

groff -man -Tutf8 -ww "$page" >/dev/null 2>"$work/groff.err"
if [ ! -s "$work/groff.err" ]; then ok "groff renders the man page without warnings"; else
	not_ok "groff renders the man page without warnings" "$(head -n 5 "$work/groff.err")"; fi
if command -v man >/dev/null 2>&1; then
	MANWIDTH=80 man -l "$page" >"$work/man.txt" 2>"$work/man.err"
	expect "man -l renders the page without errors" sh -c "[ -s '$work/man.txt' ] && [ ! -s '$work/man.err' ]"
fi

# missing PAGE: one line per table entry that the rendered PAGE lacks. A
# command is a subsection "podpub NAME ...", each option a line of that
# subsection starting "-C, --repo DIR" (or "--json"), each exit status a line
# "N  name" of EXIT STATUS.
missing() {
	groff -man -Tascii -P-cbou "$1" 2>/dev/null >"$work/page.txt"
	# section FIRST_LINE_REGEX: the lines from a heading to the next one.
	section() {
		awk -v head="$1" '
			$0 ~ head { on = 1; print; next }
			on && /^(   )?[^ ]/ { exit }
			on { print }' "$work/page.txt"
	}
	while IFS='	' read -r kind a b c d _; do
		case $kind in
		command)
			section "^   podpub $a( |\$)" | grep -q . || echo "command $a"
			;;
		option)
			spelt=$b
			[ "$c" != - ] && spelt="$c, $b"
			case $d in
			-) ;;
			\[*) spelt="$spelt$(printf '%s' "$d" | sed 's/[][]/\\&/g')" ;; # --online[=N], as a regex
			*) spelt="$spelt $d" ;;
			esac
			section "^   podpub $a( |\$)" | grep -qE -- "^ {7}$spelt( |\$)" ||
				echo "option $a $spelt"
			;;
		exit)
			section '^EXIT STATUS$' | grep -qE "^ {7}$a +$b" || echo "exit status $a ($b)"
			;;
		esac
	done <"$work/dump"
}

missing "$page" >"$work/missing"
if [ ! -s "$work/missing" ]; then ok "the man page describes every command, option and exit status"; else
	not_ok "the man page describes every command, option and exit status" \
		"missing from $page:" "$(cat "$work/missing")"; fi

# The check itself: a page without an option, a command or a status fails it.
grep -v 'allow\\-removal' "$page" >"$work/no-option.1"
missing "$work/no-option.1" >"$work/missing"
expect "a page without --allow-removal is caught" grep -qx 'option publish --allow-removal' "$work/missing"
sed '/^\.SS "podpub lint/,/^\.SS/{/^\.SS "podpub lint/d}' "$page" >"$work/no-command.1"
missing "$work/no-command.1" >"$work/missing"
expect "a page without the lint command is caught" grep -qx 'command lint' "$work/missing"
expect "its options are then missing too" grep -qx 'option lint --json' "$work/missing"
awk '/^\.B 3$/ { skip = 2 } skip { skip--; next } { print }' "$page" >"$work/no-status.1"
missing "$work/no-status.1" >"$work/missing"
expect "a page without exit status 3 is caught" grep -qx 'exit status 3 (target failed)' "$work/missing"
expect "nothing else goes missing with it" [ "$(wc -l <"$work/missing")" -eq 1 ]

for word in podcast.yaml episodes/ feed/feed.xml .podpub-manifest.json media/ PODPUB_DEBUG; do
	expect "the man page mentions $word" grep -qF -- "$word" "$work/page.txt"
done

# make install: the binary, the man page in MANDIR/man1, the completion.
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -n -s install DESTDIR=/dest PREFIX=/pre \
	>"$work/install.txt" 2>&1
expect "make install installs the man page into MANDIR/man1" \
	grep -q "docs/podpub.1 /dest/pre/share/man/man1/podpub.1" "$work/install.txt"
expect "make install installs the bash completion" \
	grep -q "/dest/pre/share/bash-completion/completions/podpub" "$work/install.txt"

done_testing
