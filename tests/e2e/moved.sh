# A show that moves to a new host (moved_from): after each publish to the
# new target, the feed at the old address becomes the same feed with
# <itunes:new-feed-url>, so apps that still ask there move on; it is sent
# only when it changed, never before the new host is whole, and a
# moved_from that names the new target itself, a path outside the old
# target, or no target at all is refused before anything is sent.
. tests/e2e/lib.sh

show=$work/show
old=$work/old
new=$work/new
copy_show "$show"
new_base=https://cdn.example.fi/vaikuttamis/

expect_status 0 "the show is first published at its old address" \
	"$PODPUB" publish -C "$show" --target "$old"
cp "$old/feed.xml" "$work/old-feed-before.xml"

# The move: a new base_url and target; the old host named as a target.
sed -i "s|^base_url: .*|base_url: $new_base|" "$show/podcast.yaml"
cat >>"$show/podcast.yaml" <<EOF
targets:
  webhotel:
    url: $old
moved_from:
  target: webhotel
EOF
"$PODPUB" publish -C "$show" --target "$new" >"$work/out" 2>"$work/err"
expect "the publish to the new host exits 0" [ $? -eq 0 ]
expect "it says where the old feed now sends apps" \
	grep -q "^podpub: the feed at the show's old address (feed.xml on $old) now sends apps to ${new_base}feed.xml$" "$work/out"
expect "the old feed names the new one" \
	grep -q "<itunes:new-feed-url>${new_base}feed.xml</itunes:new-feed-url>" "$old/feed.xml"
expect "the new feed does not name itself" sh -c "! grep -q 'new-feed-url' '$new/feed.xml'"
sed '/<itunes:new-feed-url>/d' "$old/feed.xml" >"$work/old-less-tag.xml"
expect "the old feed is the new one and the tag" test_cmp "$new/feed.xml" "$work/old-less-tag.xml"
expect "its episodes are the new host's files" \
	grep -q "<enclosure url=\"${new_base}media/" "$old/feed.xml"
expect "the old host's media stay for apps mid-download" \
	[ "$(ls "$old/media" | wc -l)" -eq "$(ls "$new/media" | wc -l)" ]
expect "no temporary file is left at the old address" [ -z "$(find "$old" -name '*podpub-tmp*')" ]
expect "no lock is left at the old address" [ ! -e "$old/.podpub-lock" ]
expect "the kept podcast:guid is no lint finding once the show says it moved" \
	sh -c "! grep -q 'podcast-guid-feed-url' '$work/err'"
expect_status 0 "the old feed passes lint --strict" "$PODPUB" lint --strict "$old/feed.xml"
expect "the old feed was rewritten" sh -c "! cmp -s '$work/old-feed-before.xml' '$old/feed.xml'"

# Unchanged: nothing sent, the old feed left alone.
touch -d '2020-01-01' "$old/feed.xml"
"$PODPUB" publish -C "$show" --target "$new" --json >"$work/out.json" 2>"$work/err"
expect "an unchanged publish exits 0" [ $? -eq 0 ]
expect "--json lists the old address's feed, unchanged" /usr/bin/python3 -c '
import json, sys
items = [i for i in json.load(open(sys.argv[1])) if i["kind"] == "moved"]
assert items == [{"kind": "moved", "remote_path": "feed.xml", "target": sys.argv[2],
                  "size": items[0]["size"], "action": "unchanged"}], items
' "$work/out.json" "$old"
expect "the old feed was not written again" [ "$(stat -c %Y "$old/feed.xml")" = "$(date -d 2020-01-01 +%s)" ]

# A changed feed: a dry run says what it would do, and does nothing.
sed -i 's/^title: Järjestöavustukset osa 1$/title: Järjestöavustukset osa 1 (korjattu)/' \
	"$show/episodes/jarjestoavustukset-osa-1/episode.md"
"$PODPUB" publish -C "$show" --target "$new" --dry-run >"$work/out" 2>"$work/err"
expect "a dry run exits 0" [ $? -eq 0 ]
expect "a dry run says it would rewrite the old feed" \
	grep -q "^podpub: would make the feed at the show's old address (feed.xml on $old) send apps to" "$work/out"
expect "a dry run leaves the old feed" [ "$(stat -c %Y "$old/feed.xml")" = "$(date -d 2020-01-01 +%s)" ]
"$PODPUB" publish -C "$show" --target "$new" >"$work/out" 2>"$work/err"
expect "the changed feed goes to both addresses" grep -q 'korjattu' "$old/feed.xml"
expect "... the new one too" grep -q 'korjattu' "$new/feed.xml"

# Refused before anything is sent: each with podcast.yaml's line.
cp "$show/podcast.yaml" "$work/podcast.yaml.good"
tree_before=$(tree_digest "$new")
sed -i "s|^  target: webhotel$|  target: $new|" "$show/podcast.yaml"
"$PODPUB" publish -C "$show" --target "$new" >"$work/out" 2>"$work/err"
expect "moved_from naming the new target itself exits 2" [ $? -eq 2 ]
expect "... and says so with the line" grep -q "podcast.yaml:[0-9]*: 'moved_from' names '$new', the target this publish goes to" "$work/err"
cp "$work/podcast.yaml.good" "$show/podcast.yaml"
printf '  feed: ../feed.xml\n' >>"$show/podcast.yaml"
"$PODPUB" publish -C "$show" --target "$new" >"$work/out" 2>"$work/err"
expect "a feed path outside the old target exits 2" [ $? -eq 2 ]
expect "... naming moved_from's feed" grep -q "podcast.yaml:[0-9]*: 'moved_from' feed '../feed.xml'" "$work/err"
cp "$work/podcast.yaml.good" "$show/podcast.yaml"
sed -i "s|^  target: webhotel$|  target: webhotell|" "$show/podcast.yaml"
"$PODPUB" publish -C "$show" --target "$new" >"$work/out" 2>"$work/err"
expect "a mistyped moved_from target exits 2" [ $? -eq 2 ]
expect "... and says which was meant" grep -q "no target named 'webhotell': did you mean 'webhotel'?" "$work/err"
expect "... and makes no folder" [ ! -e "$show/webhotell" ]
expect "nothing reached the new target meanwhile" [ "$(tree_digest "$new")" = "$tree_before" ]
cp "$work/podcast.yaml.good" "$show/podcast.yaml"

# The old host a real one: WebDAV on the test servers.
use_test_servers "moved_from on a WebDAV host"
dav_host=${DAV_URL#https://}
sed -i '/^moved_from:/,$d' "$show/podcast.yaml"
cat >>"$show/podcast.yaml" <<EOF
  olddav:
    url: https://$DAV_USER@${dav_host}$run_id/
    ca_file: $CA_FILE
moved_from:
  target: olddav
EOF
PODPUB_PASSWORD=$DAV_PASSWORD "$PODPUB" publish -C "$show" --target "$new" >"$work/out" 2>"$work/err"
expect "dav: the publish exits 0" [ $? -eq 0 ]
expect "dav: the old feed on the host names the new one" \
	grep -q "<itunes:new-feed-url>${new_base}feed.xml</itunes:new-feed-url>" "$DAV_ROOT/$run_id/feed.xml"
expect "dav: ... and is the new feed and the tag" sh -c \
	"sed '/<itunes:new-feed-url>/d' '$DAV_ROOT/$run_id/feed.xml' | cmp -s - '$new/feed.xml'"
expect "dav: no lock or temporary file is left there" \
	[ -z "$(find "$DAV_ROOT/$run_id" -name '.podpub-lock' -o -name '*podpub-tmp*')" ]
PODPUB_PASSWORD=$DAV_PASSWORD "$PODPUB" publish -C "$show" --target "$new" --json >"$work/out.json" 2>"$work/err"
expect "dav: an unchanged publish leaves it" grep -q '"action": "unchanged"' "$work/out.json"
PODPUB_PASSWORD=wrong "$PODPUB" publish -C "$show" --target "$new" >"$work/out" 2>"$work/err"
expect "dav: a refused login at the old host exits 3 (the new feed is live)" [ $? -eq 3 ]
expect "dav: ... naming it" grep -q "target 'olddav': the host refused the login" "$work/err"

done_testing
