# The house rules that a compiler does not check (see ../shared/STYLE.md and
# docs/HACKING.md): no unsafe string functions, each library behind its one
# module or layer, modules that neither print nor exit, and the layer rules.
. tests/e2e/lib.sh
cd "$REPO" || exit 1

sources=$(find src -name '*.[ch]' | sort)

# rule NAME PATTERN ALLOWED_FILES_REGEX: no match of PATTERN in src/ (every
# folder) outside the files ALLOWED_FILES_REGEX matches.
rule() {
	# shellcheck disable=SC2086 # one word per file
	hits=$(grep -nE "$2" $sources | grep -vE "^($3):" || true)
	if [ -z "$hits" ]; then ok "$1"; else not_ok "$1" "$hits"; fi
}

rule "no sprintf, strcpy, strcat, strtok, atoi or gets" \
	'(^|[^[:alnum:]_])(sprintf|vsprintf|strcpy|strcat|strtok|atoi|gets)[[:space:]]*\(' '^$'

# Layers: each family owns its library, and the folders say who may use whom.
rule "only src/media/ includes libav*" '#include <libav' 'src/media/[a-z0-9_]+\.c|src/media/libav\.h'
rule "only src/target/ and import's downloads include curl" '#include <curl/' \
	'src/target/[a-z0-9_]+\.c|src/import/import_fetch\.c'
rule "nothing in src/lint/ includes show.h" '#include "(\.\./)?show\.h"' 'src/[a-z0-9_]+\.[ch]|src/(cli|media|target|site|import)/[a-z0-9_]+\.[ch]'
rule "nothing outside src/cli/ includes cmd.h" '#include "(cli/)?cmd\.h"' 'src/cli/[a-z0-9_]+\.[ch]|src/main\.c'
rule "only feed.c, src/lint/, src/site/, the S3 driver, the XML listings and import's readers include libxml2" '#include <libxml/' \
	'src/feed\.c|src/target/target_s3(_multipart)?\.c|src/target/(listing_(s3|dav)|xml_reply)\.c|src/lint/[a-z0-9_]+\.[ch]|src/site/[a-z0-9_]+\.c|src/import/import_(feed|html)\.c'
rule "only src/site/ includes libxslt" '#include <libxslt/' 'src/site/[a-z0-9_]+\.c'
rule "only serve.c includes libmicrohttpd" '#include <microhttpd\.h>' 'src/serve\.c'
rule "only yamldoc.c and yamlemit.c include libyaml" '#include <yaml.h>' 'src/yaml(doc|emit)\.c'
rule "only notes.c includes cmark" '#include <cmark' 'src/notes\.c'
rule "only ident.c includes libuuid and libcrypto" '#include <(uuid|openssl)/' 'src/ident\.c'
rule "jansson only in probe, the probe cache, manifest, lock and the commands" '#include <jansson.h>' \
	'src/media/(probe|probe_cache|chapters)\.c|src/(manifest|lock)\.c|src/cli/cmd_[a-z0-9_]+\.c'
rule "project headers are included by folder" '#include "\.\./' '^$'
rule "only main decides the exit status" '(^|[^[:alnum:]_])exit[[:space:]]*\(' '^$'
rule "modules do not print; diag, the commands and their progress display do" \
	'(^|[^[:alnum:]_])(printf|puts|fputs|fprintf|perror)[[:space:]]*\(' \
	'src/diag\.c|src/main\.c|src/cli/cmd_[a-z0-9_]+\.c|src/cli/progress\.c'
# lint_int.h is the linter's inside, included only from src/lint/;
# media/libav.h, the loaded libav* functions, only from src/media/.
rule "headers expose no library types" '#include <(libav|libxml|libxslt|microhttpd|yaml|cmark|jansson|curl|uuid|openssl)' \
	'src/([a-z]+/)?[a-z0-9_]+\.c|src/lint/lint_int\.h|src/media/libav\.h'
rule "only src/lint/ includes lint_int.h" '#include "lint/lint_int\.h"' 'src/lint/[a-z0-9_]+\.c'
rule "only src/media/ includes media/libav.h" '#include "media/libav\.h"' 'src/media/[a-z0-9_]+\.c'

# A comparison in a test script is a check only inside expect: alone, its
# diff was printed as a comment and the test passed (a wrong expectation
# in targets.sh went unseen so).
bare=$(awk '/^[[:space:]]*test_cmp / && prev !~ /\\$/ { print FILENAME ":" FNR ": " $0 } { prev = $0 }' \
	tests/e2e/*.sh)
if [ -z "$bare" ]; then ok "tests compare only inside expect"; else not_ok "tests compare only inside expect" "$bare"; fi

done_testing
