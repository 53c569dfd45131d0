# The show's web site: published with the feed (pages after media and art,
# before the feed), only what changed, byte-identical from the same inputs,
# escaped by the templates' library, overridable, and off with `site: false`.
. tests/e2e/lib.sh

show=$work/show
pub=$show/public
copy_show "$show"
# Subscribe links, and a title that markup must not break out of.
cat >>"$show/podcast.yaml" <<'YAML'
subscribe:
  apple: https://podcasts.apple.com/fi/podcast/id1234567890
  antennapod: https://antennapod.org/deeplink/subscribe?url=https://yhdistysyhteistyo.fi/jane/podcast/feed.xml&title=JANE
YAML
ep=$show/episodes/jarjestoavustukset-osa-1/episode.md
sed -i 's/^title: Järjestöavustukset osa 1$/title: Järjestöavustukset <b>osa 1<\/b> \& "muut"/' "$ep"
sed -i '1a chapters:\n  - start: 0\n    title: Avaus\n  - start: 8\n    title: Hakemus ja päätös' "$ep"

expect_status 0 "publish exits 0" "$PODPUB" publish --repo "$show"
expect "publish prints no warnings or errors" test_cmp /dev/null "$work/stderr"
cp "$work/stdout" "$work/plan"
slugs=$(cd "$show/episodes" && ls)
expect "index.html published" [ -s "$pub/index.html" ]
expect "style.css published" cmp -s site/style.css "$pub/style.css"
for slug in $slugs; do
	expect "$slug: its page published" [ -s "$pub/$slug/index.html" ]
	expect "$slug: the index links to its page" grep -q "href=\"$slug/\"" "$pub/index.html"
	expect "$slug: the feed's item links to its page" \
		grep -q "<link>https://yhdistysyhteistyo.fi/jane/podcast/$slug/</link>" "$pub/feed.xml"
done
# The order: media, art, pages, then the feed last.
sed -n 's/^sent *\([a-z]*\) .*/\1/p' "$work/plan" | uniq >"$work/kinds"
printf 'media\nsidecar\nart\npage\nfeed\n' >"$work/kinds.want"
expect "sent in the order media, sidecars, art, pages, feed" test_cmp "$work/kinds.want" "$work/kinds"

# Chapters: links into the audio at their time (media fragments: they
# play from there with scripting off too).
page=$pub/jarjestoavustukset-osa-1/index.html
expect "the chapters are listed" grep -q '<h2 id="chapters">Luvut</h2>' "$page"
expect "a chapter links into the audio at its time" \
	grep -q 'href="../media/jarjestoavustukset-osa-1.mp3#t=8" data-start="8"><time datetime="PT8S">0:08</time></a> Hakemus ja päätös' "$page"
expect "an episode without chapters has no list" sh -c "! grep -q 'id=\"chapters\"' '$pub/jarjestoavustukset-osa-2/index.html'"

# Newest first, dated in Finnish and the show's time zone.
grep -o 'href="[a-z0-9-]*/"' "$pub/index.html" | uniq >"$work/order"
printf 'href="%s/"\n' jarjestotyollistaminen-osa-2 jarjestotyollistaminen-osa-1 \
	jarjestoavustukset-osa-2 jarjestoavustukset-osa-1 >"$work/order.want"
expect "episodes newest first" test_cmp "$work/order.want" "$work/order"
expect "dates in Finnish" grep -q '<time datetime="2025-03-04">4. maaliskuuta 2025</time>' "$pub/index.html"
expect "Finnish text intact on the index" grep -q 'Järjestötyöllistäminen osa 1' "$pub/index.html"
for slug in $slugs; do
	expect "$slug: Finnish text intact (ä, ö)" grep -q 'Järjestö' "$pub/$slug/index.html"
	expect "$slug: valid UTF-8" iconv -f UTF-8 -t UTF-8 "$pub/$slug/index.html" -o /dev/null
done
expect "å intact" grep -q '© 2025' "$pub/index.html"
expect "the player loads nothing until played" grep -q '<audio controls="" preload="none" src="media/' "$pub/index.html"
expect "the feed is discoverable" grep -q '<link rel="alternate" type="application/rss+xml" title="JANEn Vaikuttamis-podcast" href="https://yhdistysyhteistyo.fi/jane/podcast/feed.xml">' "$pub/index.html"
expect "subscribe links listed" grep -q '<a href="https://podcasts.apple.com/fi/podcast/id1234567890">Apple Podcasts</a>' "$pub/index.html"
expect "an ampersand in a link is escaped" grep -q 'feed.xml&amp;title=JANE">AntennaPod</a>' "$pub/index.html"
expect "markup in a title is text" grep -q 'Järjestöavustukset &lt;b&gt;osa 1&lt;/b&gt; &amp; "muut"' "$pub/index.html"
page=$pub/jarjestoavustukset-osa-1/index.html
expect "the notes are the feed's HTML" grep -q '<li><strong>Reetta Partanen</strong>, vapaa-aikapäällikkö, Liperin kunta</li>' "$page"
expect "persons with roles" grep -q '<li>Reetta Partanen, <span class="role">vieras</span></li>' "$page"
expect "Open Graph tags" grep -q '<meta property="og:audio" content="https://yhdistysyhteistyo.fi/jane/podcast/media/jarjestoavustukset-osa-1.mp3">' "$page"
expect "a card for shared links" grep -q '<meta name="twitter:card" content="summary">' "$page"
expect "no external script, font or style" sh -c "! grep -Eq '<script [^>]*src=|@import|<link rel=\"stylesheet\" href=\"http' '$pub/index.html' '$page'"

# Again, unchanged: nothing is sent, pages included.
cp -R "$pub" "$work/first"
expect_status 0 "publish again exits 0" "$PODPUB" publish --repo "$show"
expect "nothing sent again" sh -c "! grep -q '^sent' '$work/stdout'"
expect "the same inputs give byte-identical pages" diff -r "$work/first" "$pub"
# One episode's notes change: its page and the index go, the others stay.
echo "Lisäys." >>"$ep"
expect_status 0 "publish after an edit exits 0" "$PODPUB" publish --repo "$show"
grep '^sent' "$work/stdout" | awk '{print $3}' >"$work/sent"
printf '%s\n' jarjestoavustukset-osa-1/index.html feed.xml >"$work/sent.want"
expect "only the changed page and the feed are sent" test_cmp "$work/sent.want" "$work/sent"

# The producer's own templates win over the built-in ones.
mkdir -p "$show/site"
printf 'body { color: #000; }\n' >"$show/site/style.css"
expect_status 0 "publish with the show's own style.css" "$PODPUB" publish --repo "$show"
expect "the show's style.css is published" cmp -s "$show/site/style.css" "$pub/style.css"
printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n<xsl:template match="/"><xsl:value-of select="document('"'"'/etc/passwd'"'"')"/></xsl:template>\n</xsl:stylesheet>\n' >"$show/site/site.xsl"
expect_status 2 "a template that reads other files is refused" "$PODPUB" publish --repo "$show"
expect "the refusal names the template" grep -q "site/site.xsl" "$work/stderr"
expect "nothing of /etc/passwd is published" sh -c "! grep -rq 'root:' '$pub'"
printf '<xsl:stylesheet version="1.0"' >"$show/site/site.xsl"
expect_status 2 "a broken template is bad input" "$PODPUB" publish --repo "$show"
expect "the message names the template" grep -q "site/site.xsl: not a usable XSLT stylesheet" "$work/stderr"
expect_status 2 "build --site refuses it too" "$PODPUB" build --repo "$show" --site "$work/preview"
expect "and names the template" grep -q "site/site.xsl: not a usable XSLT stylesheet" "$work/stderr"
expect_status 0 "a build of the feed alone does not render the site" "$PODPUB" build --repo "$show"
rm -r "$show/site"

# build --site: the pages publish sends, written into a folder.
expect_status 0 "build --site exits 0" "$PODPUB" build --repo "$show" --site "$work/preview"
for slug in $slugs; do
	expect "$slug: build --site writes the page publish sent" \
		cmp -s "$pub/$slug/index.html" "$work/preview/$slug/index.html"
done
expect "build --site writes the index publish sent" cmp -s "$pub/index.html" "$work/preview/index.html"
expect "and the stylesheet" cmp -s site/style.css "$work/preview/style.css"

# site: false: no pages, and the feed's items have no page to link to.
off=$work/off
copy_show "$off"
echo "site: false" >>"$off/podcast.yaml"
expect_status 0 "publish with site: false exits 0" "$PODPUB" publish --repo "$off"
expect "no index.html with site: false" [ ! -e "$off/public/index.html" ]
expect "no page in the plan" sh -c "! grep -q ' page ' '$work/stdout'"
expect "no page link in the feed" sh -c "! grep -q '<link>https://yhdistysyhteistyo.fi/jane/podcast/jarjesto' '$off/public/feed.xml'"

done_testing
