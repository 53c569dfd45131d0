# podpub lint --rules and docs/lint-rules.md: one source, the rule tables.
. tests/e2e/lib.sh

expect_status 0 "lint --rules exits 0" "$PODPUB" lint --rules
"$PODPUB" lint --rules >"$work/rules.tsv"
expect "every rule line has five fields" awk -F '\t' 'NF != 5 { exit 1 }' "$work/rules.tsv"
expect "lint --rules lists the first rule first" grep -q '^xml-well-formed	error	xml	' "$work/rules.tsv"
"$PODPUB" lint --rules --json >"$work/rules.json"
expect "lint --rules --json lists as many rules" /usr/bin/python3 -c '
import json, sys
rules = json.load(open(sys.argv[1]))
lines = open(sys.argv[2]).read().splitlines()
assert len(rules) == len(lines), (len(rules), len(lines))
assert all(r["rule"].startswith(r["namespace"] + "-") for r in rules)
' "$work/rules.json" "$work/rules.tsv"
expect_status 2 "lint with neither a feed nor --rules exits 2" "$PODPUB" lint

# The committed page is what the tables generate: `make docs` rewrites it.
sh "$REPO/scripts/lint-rules-doc.sh" "$PODPUB" >"$work/lint-rules.md"
if cmp -s "$REPO/docs/lint-rules.md" "$work/lint-rules.md"; then
	ok "docs/lint-rules.md is up to date"
else
	not_ok "docs/lint-rules.md is up to date" "docs/lint-rules.md is out of date: run 'make docs' and commit it"
	diff -u "$REPO/docs/lint-rules.md" "$work/lint-rules.md" | sed 's/^/#   /' | head -20
fi

done_testing
