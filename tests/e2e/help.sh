# The command line's words: help in every form users try, the version, and
# usage errors that name podpub, the command and what was wrong.
. tests/e2e/lib.sh

# status_of CMD...: runs it with its output in $work/out and $work/err.
status_of() {
	"$@" >"$work/out" 2>"$work/err"
	echo $?
}

for form in help --help -h; do
	expect "podpub $form exits 0" [ "$(status_of "$PODPUB" $form)" -eq 0 ]
	expect "podpub $form lists every command" sh -c \
		"for c in probe build lint publish new import serve check-target help version completion; do grep -q \"^  \$c  \" '$work/out' || exit 1; done"
	expect "podpub $form lists the exit statuses" grep -q '^  4  internal error' "$work/out"
done
expect "podpub alone shows the help on stderr and exits 2" [ "$(status_of "$PODPUB")" -eq 2 ]
expect "podpub alone lists the commands" grep -q '^  publish ' "$work/err"

for form in version --version -V; do
	expect "podpub $form exits 0" [ "$(status_of "$PODPUB" $form)" -eq 0 ]
	expect "podpub $form prints the version" grep -qx 'podpub [0-9][0-9.]*' "$work/out"
done

# One usage, however it is asked for, built from the option table.
"$PODPUB" publish --help >"$work/publish-help"
for form in "help publish" "publish -h" "--help publish" "-h publish"; do
	# shellcheck disable=SC2086 # the words of the form
	"$PODPUB" $form >"$work/form" 2>&1
	expect "podpub $form is the publish usage" cmp -s "$work/publish-help" "$work/form"
done
expect "the usage starts with the synopsis" grep -q '^usage: podpub publish \[--dry-run\]' "$work/publish-help"
expect "the synopsis wraps under the command" grep -q '^  *\[--' "$work/publish-help"
expect "each option has its line, letter, value name and help" \
	grep -q "^  -C, --repo DIR  *the show's folder (default: found from here up)$" "$work/publish-help"
expect "a flag without a letter lines up" grep -q '^      --json  *print each file of the plan and its action as JSON$' "$work/publish-help"
expect "--help is listed too" grep -q '^  -h, --help  *show this help$' "$work/publish-help"
expect "probe's usage names its operand" sh -c "'$PODPUB' probe --help | grep -q '^usage: podpub probe \[--json\] \[--loudness\] FILE\.\.\.$'"

# Usage errors: exit 2, "podpub: COMMAND: ...", then where to read more.
expect "an unknown long option exits 2" [ "$(status_of "$PODPUB" publish --frob)" -eq 2 ]
expect "an unknown long option is named" grep -qx "podpub: publish: unknown option '--frob'" "$work/err"
expect "the error points to the command's help" grep -qx "see 'podpub publish --help'" "$work/err"
expect "a usage error prints nothing on stdout" [ ! -s "$work/out" ]
expect "an unknown short option exits 2" [ "$(status_of "$PODPUB" build -x)" -eq 2 ]
expect "an unknown short option is named" grep -qx "podpub: build: unknown option '-x'" "$work/err"
expect "a missing value exits 2" [ "$(status_of "$PODPUB" build --repo)" -eq 2 ]
expect "a missing value names the option and its value" \
	grep -qx "podpub: build: option '--repo' needs a value (DIR)" "$work/err"
status_of "$PODPUB" build -C >/dev/null
expect "a missing value of a short option names it as given" \
	grep -qx "podpub: build: option '-C' needs a value (DIR)" "$work/err"
expect "a value given to a flag exits 2" [ "$(status_of "$PODPUB" lint --json=yes x.xml)" -eq 2 ]
expect "a value given to a flag is named" grep -qx "podpub: lint: option '--json' takes no value" "$work/err"
expect "a missing operand exits 2" [ "$(status_of "$PODPUB" lint)" -eq 2 ]
expect "a missing operand is named" grep -qx "podpub: lint: missing FEED" "$work/err"
expect "an extra operand exits 2" [ "$(status_of "$PODPUB" build extra)" -eq 2 ]
expect "an extra operand is named" grep -qx "podpub: build: unexpected argument 'extra'" "$work/err"
expect "an unknown option of podpub itself exits 2" [ "$(status_of "$PODPUB" --frob)" -eq 2 ]
expect "an unknown option of podpub itself is named" grep -qx "podpub: unknown option '--frob'" "$work/err"

expect "an unknown command exits 2" [ "$(status_of "$PODPUB" frobnicate)" -eq 2 ]
expect "an unknown command is named" grep -qx "podpub: unknown command 'frobnicate'" "$work/err"
expect "a far-off command gets no suggestion" sh -c "! grep -q 'did you mean' '$work/err'"
expect "a typo exits 2" [ "$(status_of "$PODPUB" pubish)" -eq 2 ]
expect "a typo gets the command it was close to" grep -qx "did you mean 'publish'?" "$work/err"
status_of "$PODPUB" lnit >/dev/null
expect "a swapped letter gets a suggestion too" grep -qx "did you mean 'lint'?" "$work/err"
expect "help for an unknown command exits 2" [ "$(status_of "$PODPUB" help frobnicate)" -eq 2 ]
expect "help for an unknown command names it" grep -q "^podpub: help: no command 'frobnicate'" "$work/err"

# The table dump the man page test reads: every command and exit status.
expect "help --dump exits 0" [ "$(status_of "$PODPUB" help --dump)" -eq 0 ]
expect "help --dump lists the commands" sh -c "[ \$(grep -c '^command	' '$work/out') -eq 11 ]"
expect "help --dump lists publish's options" grep -q '^option	publish	--target	-t	TARGET	' "$work/out"
expect "help --dump lists the exit statuses" sh -c "[ \$(grep -c '^exit	[0-4]	' '$work/out') -eq 5 ]"

done_testing
