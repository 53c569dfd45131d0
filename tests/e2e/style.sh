# The house rules that a compiler does not check (see ../shared/STYLE.md):
# no unsafe string functions, each library behind its one module, and
# modules that neither print nor exit.
. tests/e2e/lib.sh
cd "$REPO" || exit 1

# rule NAME PATTERN ALLOWED_FILES_REGEX: no match of PATTERN in src/*.[ch]
# outside the files ALLOWED_FILES_REGEX matches.
rule() {
	hits=$(grep -nE "$2" src/*.c src/*.h | grep -vE "^($3):" || true)
	if [ -z "$hits" ]; then ok "$1"; else not_ok "$1" "$hits"; fi
}

rule "no sprintf, strcpy, strcat, strtok, atoi or gets" \
	'(^|[^[:alnum:]_])(sprintf|vsprintf|strcpy|strcat|strtok|atoi|gets)[[:space:]]*\(' '^$'
rule "only probe.c includes libav*" '#include <libav' 'src/probe.c'
rule "only feed.c and lint.c include libxml2" '#include <libxml/' 'src/(feed|lint).c'
rule "only yamldoc.c includes libyaml" '#include <yaml.h>' 'src/yamldoc.c'
rule "only notes.c includes cmark" '#include <cmark' 'src/notes.c'
rule "only ident.c includes libuuid and libcrypto" '#include <(uuid|openssl)/' 'src/ident.c'
rule "jansson only in probe, publish and the commands" '#include <jansson.h>' \
	'src/(probe|publish|cmd_[a-z]+).c'
rule "only main decides the exit status" '(^|[^[:alnum:]_])exit[[:space:]]*\(' '^$'
rule "modules do not print; diag and the commands do" \
	'(^|[^[:alnum:]_])(printf|puts|fputs|fprintf|perror)[[:space:]]*\(' \
	'src/(diag|main|cmd_[a-z]+).c'
rule "headers expose no library types" '#include <(libav|libxml|yaml|cmark|jansson|curl|uuid|openssl)' \
	'src/[a-z_]+.c'
