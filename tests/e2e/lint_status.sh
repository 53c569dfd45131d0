# lint's exit status is the verdict a CI step reads: 0 for a clean feed, 1
# for warnings only, 2 as soon as there is one error (errors win over
# warnings), and the same with --json.
. tests/e2e/lib.sh

feeds=$REPO/tests/data/lint

expect_status 0 "a clean feed exits 0" "$PODPUB" lint "$feeds/good.xml"
expect "a clean feed gets no findings" test_cmp /dev/null "$work/stdout"

for f in bad-missing-author bad-explicit-legacy bad-duration; do
	expect_status 1 "$f: warnings only exit 1" "$PODPUB" lint "$feeds/$f.xml"
	expect "$f: the finding is a warning" grep -q "^podpub: .*$f.xml:[0-9]*: warning: " "$work/stdout"
	expect "$f: no finding is an error" sh -c "! grep -q ': error: ' '$work/stdout'"
	expect_status 1 "$f: warnings only exit 1 with --json" "$PODPUB" lint --json "$feeds/$f.xml"
done

expect_status 2 "an error exits 2" "$PODPUB" lint "$feeds/bad-missing-image.xml"

# A warning (a legacy itunes:explicit) and an error (no itunes:image) in one
# feed. (No author is two warnings, apple's and spotify's.)
sed 's/<itunes:image [^>]*>//' "$feeds/bad-explicit-legacy.xml" >"$work/both.xml"
expect_status 2 "a warning and an error exit 2" "$PODPUB" lint "$work/both.xml"
expect "both findings are reported" sh -c "grep -q ': warning: ' '$work/stdout' && grep -q ': error: ' '$work/stdout'"
expect_status 2 "a warning and an error exit 2 with --json" "$PODPUB" lint --json "$work/both.xml"

# --strict: warnings fail as errors do, what `make validate` and CI want.
expect_status 2 "--strict: a warning exits 2" "$PODPUB" lint --strict "$feeds/bad-missing-author.xml"
expect_status 0 "--strict: a clean feed still exits 0" "$PODPUB" lint --strict "$feeds/good.xml"

# --format github: one workflow command per finding, escaped as GitHub wants.
expect_status 2 "--format github keeps the exit status" \
	"$PODPUB" lint --format github "$work/both.xml"
expect "an error is an ::error command with file, line and rule" grep -qx \
	"::error file=$work/both.xml,line=3,title=apple-channel-image::missing required element <itunes:image> (channel/itunes:image)" \
	"$work/stdout"
expect "a warning is a ::warning command" grep -q "^::warning file=$work/both.xml,line=17,title=apple-explicit-legacy::" \
	"$work/stdout"
expect "nothing else is printed" [ "$(wc -l <"$work/stdout")" -eq 2 ]
printf '%s' "$(cat "$feeds/bad-missing-author.xml")" >"$work/a,b:c.xml"
expect_status 1 "a file name with ',' and ':'" "$PODPUB" lint --format github "$work/a,b:c.xml"
expect "is escaped in the property" grep -q "file=$work/a%2Cb%3Ac.xml,line=3," "$work/stdout"
expect_status 1 "--format json is --json" "$PODPUB" lint --format json "$feeds/bad-missing-author.xml"
expect "and prints JSON" grep -q '"rule": "apple-channel-author"' "$work/stdout"
expect_status 2 "an unknown format is a usage error" "$PODPUB" lint --format xml "$feeds/good.xml"

# The feed from standard input: the same findings, named <stdin>.
expect_status 1 "a feed from standard input" sh -c "'$PODPUB' lint - <'$feeds/bad-missing-author.xml'"
expect "findings from standard input name it" grep -q "^podpub: <stdin>:3: warning: .*\[apple-channel-author\]" "$work/stdout"
expect_status 0 "a clean feed from standard input" sh -c "'$PODPUB' lint - <'$feeds/good.xml'"

# --ignore leaves a rule's findings out, and the status follows what is left.
expect_status 0 "--ignore of the only warning exits 0" "$PODPUB" lint --ignore apple-explicit-legacy "$feeds/bad-explicit-legacy.xml"
expect "--ignore leaves nothing to print" test_cmp /dev/null "$work/stdout"
expect_status 1 "--ignore of the error leaves the warning" "$PODPUB" lint --ignore apple-channel-image "$work/both.xml"
expect_status 0 "--ignore given twice" "$PODPUB" lint --ignore apple-channel-image --ignore apple-explicit-legacy "$work/both.xml"
expect_status 0 "--ignore with a comma-separated list" "$PODPUB" lint --ignore apple-channel-image,apple-explicit-legacy "$work/both.xml"
expect_status 0 "--ignore with --json" "$PODPUB" lint --json --ignore apple-channel-image,apple-explicit-legacy "$work/both.xml"
expect "--ignore with --json prints an empty array" grep -qx '\[\]' "$work/stdout"
expect_status 2 "--ignore of an unknown rule is a usage error" "$PODPUB" lint --ignore apple-channel-image,no-such-rule "$work/both.xml"
expect "the unknown rule is named" grep -q "no rule 'no-such-rule'" "$work/stderr"
expect_status 2 "--ignore needs a value" "$PODPUB" lint "$work/both.xml" --ignore

done_testing
