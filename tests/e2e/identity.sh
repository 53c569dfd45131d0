# Identity is forever: renaming an episode folder would give the episode a
# new guid, and apps would list it as a new episode. publish refuses to drop
# a live episode unless told to; build warns early.
. tests/e2e/lib.sh

show=$work/show
pub=$show/public
copy_show "$show"
expect_status 0 "baseline publish" "$PODPUB" publish --repo "$show"
old_guid=$(sed -n 's|.*<guid isPermaLink="false">\(.*\)</guid>.*|\1|p' "$pub/feed.xml" | sed -n 3p)
expect "the third live item has a guid" [ -n "$old_guid" ]

mv "$show/episodes/jarjestoavustukset-osa-2" "$show/episodes/avustukset-2"

# build compares with the last local build, here the one before the rename.
cp "$show/feed/feed.xml" "$work/local.xml"
"$PODPUB" build --repo "$show" --output "$work/local.xml" >/dev/null 2>"$work/err"
expect "build after a rename still succeeds" [ $? -eq 0 ]
expect "build warns that an episode drops out" \
	grep -q "warning: episode 'Järjestöavustukset osa 2' (guid $old_guid) would drop out of the feed" "$work/err"

before=$(tree_digest "$pub")
"$PODPUB" publish --repo "$show" >/dev/null 2>"$work/err"
expect "publish after a rename exits 2" [ $? -eq 2 ]
expect "publish names the live episode and its guid" \
	grep -q "public/feed.xml: episode 'Järjestöavustukset osa 2' (guid $old_guid) would drop out" "$work/err"
expect "publish names the line to add" grep -q "add 'guid: $old_guid' to its episode.md" "$work/err"
expect "publish says nothing was published" grep -q "nothing was published" "$work/err"
expect "the target is untouched" [ "$before" = "$(tree_digest "$pub")" ]

# The producer pins the guid: the episode keeps its identity.
sed -i "s/^episode: 2$/episode: 2\nguid: $old_guid/" "$show/episodes/avustukset-2/episode.md"
"$PODPUB" publish --repo "$show" >/dev/null 2>"$work/err"
expect "with the guid pinned publish exits 0" [ $? -eq 0 ]
expect "with the guid pinned publish is quiet" [ ! -s "$work/err" ]
expect "the live feed keeps the old guid" grep -q "<guid isPermaLink=\"false\">$old_guid</guid>" "$pub/feed.xml"

# Dropping an episode on purpose takes --allow-removal.
rm -r "$show/episodes/jarjestotyollistaminen-osa-2"
"$PODPUB" publish --repo "$show" >/dev/null 2>&1
expect "removing an episode without --allow-removal exits 2" [ $? -eq 2 ]
"$PODPUB" publish --allow-removal --repo "$show" >/dev/null 2>"$work/err"
expect "with --allow-removal it publishes" [ $? -eq 0 ]
expect "with --allow-removal it still warns" grep -q "warning: episode 'Järjestötyöllistäminen osa 2'" "$work/err"
expect "the live feed has three items" [ "$(grep -c '<item>' "$pub/feed.xml")" -eq 3 ]

done_testing
