/* limits: time=120 memory=2048 */
/* Unit tests of feed: a show built by hand in memory, its feed read back
 * with libxml2 and XPath. */
#include "feed.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "testhelp.h"
#include "util.h"

#define SHOW_TITLE "Testi & <show> \"lainattu\" > muut"
#define EP1_TITLE "Järjestötyöllistäminen & <osa> \"1\""
#define EP1_HTML "<p>Koodi: <code>a[b[0]]&gt;c</code> ja ]]> kahdesti ]]></p>"
#define EP1_TEXT "Koodi: a[b[0]]>c & <x> ]]> \"Järjestö\""
#define EP2_TITLE "Toinen jakso"

/* Every string member is malloc'd, as show_release frees them. */
static char *str_dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void set_file(struct show_file *f, const char *local, const char *remote, const char *url,
		     int64_t size)
{
	f->local_path = str_dup(local);
	f->remote_path = str_dup(remote);
	f->url = str_dup(url);
	f->size = size;
	memset(f->sha256, 'a', IDENT_SHA256_SIZE - 1);
	f->sha256[IDENT_SHA256_SIZE - 1] = '\0';
}

static void add_category(struct config *c, const char *name, const char *sub)
{
	struct config_category *grown =
		realloc(c->categories, (c->category_count + 1) * sizeof(*grown));

	if (!grown)
		return;
	c->categories = grown;
	grown[c->category_count].name = str_dup(name);
	grown[c->category_count].subcategory = str_dup(sub);
	c->category_count++;
}

/* Starts an episode kept in the folder episodes/<slug> with its audio file
 * `audio`: the paths episode_load would give it. */
static void start_episode(struct show_episode *ep, const char *slug, const char *audio)
{
	episode_init(&ep->meta);
	probe_init(&ep->probe);
	ep->meta.slug = str_dup(slug);
	ep->meta.dir = pp_asprintf("episodes/%s", slug);
	ep->meta.md_path = pp_asprintf("episodes/%s/episode.md", slug);
	ep->meta.audio_path = pp_asprintf("episodes/%s/%s", slug, audio);
}

static void build_show(struct show *s)
{
	struct config *c = &s->config;
	struct show_episode *ep;

	show_init(s);
	c->path = str_dup("podcast.yaml");
	c->title = str_dup(SHOW_TITLE);
	c->description = str_dup("Kuvaus: äöå & <b>ei tagi</b>");
	c->link = str_dup("https://example.com/show?a=1&b=2");
	c->language = str_dup("fi");
	c->author = str_dup("Tekijä & kumppanit");
	c->owner_name = str_dup("Omistaja");
	c->owner_email = str_dup("owner@example.com");
	c->copyright = str_dup("© 2025 Tekijä");
	add_category(c, "Government", NULL);
	add_category(c, "News", "Politics");
	add_category(c, "News", "Daily News");
	add_category(c, "Society & Culture", NULL);
	c->explicit_content = false;
	c->type = str_dup("episodic");
	c->timezone = str_dup("Europe/Helsinki");
	c->image = str_dup("feed/cover.png");
	c->base_url = str_dup("https://example.com/podcast/");
	c->feed_url = str_dup("https://example.com/podcast/feed.xml");
	c->podcast_guid = str_dup("6c967fe4-ab76-51b1-aec1-bde9677f87cb");
	c->locked = true;
	c->target = str_dup("public");
	set_file(&s->image, "feed/cover.png", "cover.png", "https://example.com/podcast/cover.png",
		 1000);

	s->episodes = calloc(2, sizeof(*s->episodes));
	if (!s->episodes)
		return;
	s->episode_count = 2;

	/* Newest first. */
	ep = &s->episodes[0];
	start_episode(ep, "osa-1", "x.mp3");
	ep->meta.title = str_dup(EP1_TITLE);
	ep->meta.date_text = str_dup("2025-03-04 09:00");
	ep->meta.date = 1741071600;
	ep->meta.number = 3;
	ep->meta.season = 2;
	ep->meta.type = str_dup("full");
	ep->meta.explicit_given = true;
	ep->meta.explicit_content = true;
	ep->meta.block = true;
	ep->meta.link = str_dup("https://example.com/jaksot/1?a=1&b=2");
	ep->meta.persons = calloc(2, sizeof(*ep->meta.persons));
	if (ep->meta.persons) {
		ep->meta.person_count = 2;
		ep->meta.persons[0].name = str_dup("Tomi & <Pyylampi>");
		ep->meta.persons[0].role = str_dup("host");
		ep->meta.persons[0].group = "cast";
		ep->meta.persons[0].href = str_dup("https://example.com/tomi?x=1&y=2");
		ep->meta.persons[1].name = str_dup("Tuottaja");
		ep->meta.persons[1].role = str_dup("producer");
		ep->meta.persons[1].group = "creative direction";
	}
	ep->meta.notes_html = str_dup(EP1_HTML);
	ep->meta.notes_text = str_dup(EP1_TEXT);
	ep->probe.mime_type = "audio/mpeg";
	ep->probe.extension = "mp3";
	ep->probe.duration = 61.6;
	set_file(&ep->audio, ep->meta.audio_path, "media/osa-1.mp3",
		 "https://example.com/podcast/media/osa-1.mp3", 123456);
	snprintf(ep->guid, sizeof(ep->guid), "%s", "0a3d9b0e-1b1e-5cef-ace4-edaa54e1f810");

	ep = &s->episodes[1];
	start_episode(ep, "osa-0", "y.m4a");
	ep->meta.title = str_dup(EP2_TITLE);
	ep->meta.date_text = str_dup("2025-02-01");
	ep->meta.date = 1738360800; /* 2025-01-31 22:00 UTC */
	ep->meta.type = str_dup("trailer");
	ep->meta.notes_html = str_dup("<p>Traileri.</p>");
	ep->meta.notes_text = str_dup("Traileri.");
	ep->probe.mime_type = "audio/x-m4a";
	ep->probe.extension = "m4a";
	ep->probe.duration = 3599.5;
	set_file(&ep->audio, ep->meta.audio_path, "media/osa-0.m4a",
		 "https://example.com/podcast/media/osa-0.m4a", 42);
	snprintf(ep->guid, sizeof(ep->guid), "%s", "https://example.com/old-guid?id=1&x=2");

	s->newest = s->episodes[0].meta.date;
}

/* A show from build_show, its feed, and the feed parsed with an XPath
 * context that knows the feed's prefixes. */
struct parsed {
	struct show show;
	char *xml;
	size_t len;
	xmlDocPtr doc;
	xmlXPathContextPtr xp;
};

/* The parser's first error, kept instead of printed. */
static char first_error[256];

static void keep_first_error(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	if (!first_error[0] && err)
		snprintf(first_error, sizeof(first_error), "line %d: %s", err->line,
			 err->message ? err->message : "?\n");
}

static bool parse_feed(struct test_ctx *t, struct parsed *p)
{
	first_error[0] = '\0';
	xmlSetStructuredErrorFunc(NULL, keep_first_error);
	p->doc = xmlReadMemory(p->xml, (int)p->len, "feed.xml", NULL, XML_PARSE_NONET);
	p->xp = p->doc ? xmlXPathNewContext(p->doc) : NULL;
	if (!p->xp) {
		t->failures++;
		printf("#   the feed is not well-formed XML: %s", first_error);
		return false;
	}
	xmlXPathRegisterNs(p->xp, BAD_CAST "itunes", BAD_CAST "http://www.itunes.com/dtds/podcast-1.0.dtd");
	xmlXPathRegisterNs(p->xp, BAD_CAST "podcast", BAD_CAST "https://podcastindex.org/namespace/1.0");
	xmlXPathRegisterNs(p->xp, BAD_CAST "content", BAD_CAST "http://purl.org/rss/1.0/modules/content/");
	xmlXPathRegisterNs(p->xp, BAD_CAST "atom", BAD_CAST "http://www.w3.org/2005/Atom");
	return true;
}

static void parsed_release(struct parsed *p)
{
	if (p->xp)
		xmlXPathFreeContext(p->xp);
	if (p->doc)
		xmlFreeDoc(p->doc);
	p->xp = NULL;
	p->doc = NULL;
	free(p->xml);
	p->xml = NULL;
	show_release(&p->show);
}

/* The string value of an XPath expression, into a static-size buffer. */
static const char *xstr(struct parsed *p, const char *expr)
{
	static char buf[4096];
	xmlXPathObjectPtr obj = xmlXPathEvalExpression(BAD_CAST expr, p->xp);
	xmlChar *s = obj ? xmlXPathCastToString(obj) : NULL;

	snprintf(buf, sizeof(buf), "%s", s ? (const char *)s : "(xpath failed)");
	xmlFree(s);
	xmlXPathFreeObject(obj);
	return buf;
}

static long xcount(struct parsed *p, const char *expr)
{
	char wrapped[512];
	xmlXPathObjectPtr obj;
	long n;

	snprintf(wrapped, sizeof(wrapped), "count(%s)", expr);
	obj = xmlXPathEvalExpression(BAD_CAST wrapped, p->xp);
	n = obj ? (long)xmlXPathCastToNumber(obj) : -1;
	xmlXPathFreeObject(obj);
	return n;
}

#define EXPECT_X(t, p, expr, want) EXPECT_STR(t, xstr(p, expr), want)

/* Builds the show's feed and parses it; false (after a failure) when that
 * could not be done. Release p in either case. */
static bool build_and_parse(struct test_ctx *t, struct parsed *p)
{
	memset(p, 0, sizeof(*p));
	build_show(&p->show);
	EXPECT_INT(t, feed_build(&p->show, &p->xml, &p->len), PP_OK);
	if (!p->xml)
		return false;
	EXPECT_INT(t, strlen(p->xml), p->len);
	return parse_feed(t, p);
}

static void channel_head(struct test_ctx *t)
{
	struct parsed p;

	if (build_and_parse(t, &p)) {
		EXPECT_STARTS(t, p.xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
		EXPECT_X(t, &p, "string(/rss/@version)", "2.0");
		EXPECT_INT(t, xcount(&p, "/rss/channel"), 1);
		EXPECT_X(t, &p, "string(/rss/channel/title)", SHOW_TITLE);
		EXPECT_X(t, &p, "string(/rss/channel/link)", "https://example.com/show?a=1&b=2");
		EXPECT_X(t, &p, "string(/rss/channel/description)", "Kuvaus: äöå & <b>ei tagi</b>");
		EXPECT_X(t, &p, "string(/rss/channel/language)", "fi");
		EXPECT_X(t, &p, "string(/rss/channel/copyright)", "© 2025 Tekijä");
		EXPECT_X(t, &p, "string(/rss/channel/pubDate)", "Tue, 04 Mar 2025 09:00:00 +0200");
		EXPECT_X(t, &p, "string(/rss/channel/lastBuildDate)", "Tue, 04 Mar 2025 09:00:00 +0200");
		EXPECT_X(t, &p, "string(/rss/channel/atom:link[@rel='self']/@href)",
			 "https://example.com/podcast/feed.xml");
		EXPECT_X(t, &p, "string(/rss/channel/atom:link/@type)", "application/rss+xml");
		EXPECT_X(t, &p, "string(/rss/channel/image/url)", "https://example.com/podcast/cover.png");
		EXPECT_X(t, &p, "string(/rss/channel/itunes:image/@href)",
			 "https://example.com/podcast/cover.png");
		EXPECT_X(t, &p, "string(/rss/channel/itunes:author)", "Tekijä & kumppanit");
		EXPECT_X(t, &p, "string(/rss/channel/itunes:owner/itunes:name)", "Omistaja");
		EXPECT_X(t, &p, "string(/rss/channel/itunes:owner/itunes:email)", "owner@example.com");
		EXPECT_X(t, &p, "string(/rss/channel/itunes:explicit)", "false");
		EXPECT_X(t, &p, "string(/rss/channel/itunes:type)", "episodic");
		EXPECT_X(t, &p, "string(/rss/channel/podcast:guid)", "6c967fe4-ab76-51b1-aec1-bde9677f87cb");
		EXPECT_X(t, &p, "string(/rss/channel/podcast:locked)", "yes");
		EXPECT_X(t, &p, "string(/rss/channel/podcast:locked/@owner)", "owner@example.com");
		/* The escaping is the writer's, not a raw copy. */
		EXPECT_CONTAINS(t, p.xml, "<title>Testi &amp; &lt;show&gt; ");
	}
	parsed_release(&p);
}

static void categories_nest(struct test_ctx *t)
{
	struct parsed p;

	if (build_and_parse(t, &p)) {
		EXPECT_INT(t, xcount(&p, "/rss/channel/itunes:category"), 3);
		EXPECT_X(t, &p, "string(/rss/channel/itunes:category[1]/@text)", "Government");
		EXPECT_INT(t, xcount(&p, "/rss/channel/itunes:category[1]/*"), 0);
		EXPECT_X(t, &p, "string(/rss/channel/itunes:category[2]/@text)", "News");
		EXPECT_INT(t, xcount(&p, "/rss/channel/itunes:category[2]/itunes:category"), 2);
		EXPECT_X(t, &p, "string(/rss/channel/itunes:category[2]/itunes:category[1]/@text)",
			 "Politics");
		EXPECT_X(t, &p, "string(/rss/channel/itunes:category[2]/itunes:category[2]/@text)",
			 "Daily News");
		EXPECT_X(t, &p, "string(/rss/channel/itunes:category[3]/@text)", "Society & Culture");
		EXPECT_INT(t, xcount(&p, "//itunes:category/itunes:category/itunes:category"), 0);
	}
	parsed_release(&p);
}

static void items(struct test_ctx *t)
{
	struct parsed p;

	if (build_and_parse(t, &p)) {
		EXPECT_INT(t, xcount(&p, "/rss/channel/item"), 2);
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/title)", EP1_TITLE);
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/itunes:title)", EP1_TITLE);
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/enclosure/@url)",
			 "https://example.com/podcast/media/osa-1.mp3");
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/enclosure/@length)", "123456");
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/enclosure/@type)", "audio/mpeg");
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/itunes:duration)", "62");
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/pubDate)", "Tue, 04 Mar 2025 09:00:00 +0200");
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/guid)", "0a3d9b0e-1b1e-5cef-ace4-edaa54e1f810");
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/guid/@isPermaLink)", "false");
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/itunes:episode)", "3");
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/itunes:season)", "2");
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/podcast:episode)", "3");
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/podcast:season)", "2");
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/itunes:episodeType)", "full");
		/* The episode's own setting wins over the show's. */
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/itunes:explicit)", "true");
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/itunes:block)", "Yes");
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/link)",
			 "https://example.com/jaksot/1?a=1&b=2");
		EXPECT_INT(t, xcount(&p, "/rss/channel/item[1]/podcast:person"), 2);
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/podcast:person[1])", "Tomi & <Pyylampi>");
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/podcast:person[1]/@role)", "host");
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/podcast:person[1]/@group)", "cast");
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/podcast:person[1]/@href)",
			 "https://example.com/tomi?x=1&y=2");
		EXPECT_INT(t, xcount(&p, "/rss/channel/item[1]/podcast:person[1]/@img"), 0);
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/podcast:person[2]/@group)",
			 "creative direction");

		EXPECT_X(t, &p, "string(/rss/channel/item[2]/title)", EP2_TITLE);
		EXPECT_X(t, &p, "string(/rss/channel/item[2]/enclosure/@length)", "42");
		EXPECT_X(t, &p, "string(/rss/channel/item[2]/enclosure/@type)", "audio/x-m4a");
		EXPECT_X(t, &p, "string(/rss/channel/item[2]/itunes:duration)", "3600");
		EXPECT_X(t, &p, "string(/rss/channel/item[2]/pubDate)", "Sat, 01 Feb 2025 00:00:00 +0200");
		EXPECT_X(t, &p, "string(/rss/channel/item[2]/guid)", "https://example.com/old-guid?id=1&x=2");
		EXPECT_X(t, &p, "string(/rss/channel/item[2]/itunes:episodeType)", "trailer");
		/* No number, season, block or persons: no elements for them. */
		EXPECT_INT(t, xcount(&p, "/rss/channel/item[2]/itunes:episode"), 0);
		EXPECT_INT(t, xcount(&p, "/rss/channel/item[2]/itunes:season"), 0);
		EXPECT_INT(t, xcount(&p, "/rss/channel/item[2]/podcast:episode"), 0);
		EXPECT_INT(t, xcount(&p, "/rss/channel/item[2]/itunes:block"), 0);
		EXPECT_INT(t, xcount(&p, "/rss/channel/item[2]/link"), 0);
		EXPECT_INT(t, xcount(&p, "/rss/channel/item[2]/podcast:person"), 0);
		/* The show's setting applies. */
		EXPECT_X(t, &p, "string(/rss/channel/item[2]/itunes:explicit)", "false");
	}
	parsed_release(&p);
}

static void notes_survive_cdata_and_escaping(struct test_ctx *t)
{
	struct parsed p;

	if (build_and_parse(t, &p)) {
		/* "]]>" cannot stay in one CDATA section; the reader joins the parts. */
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/content:encoded)", EP1_HTML);
		EXPECT_CONTAINS(t, p.xml, "<![CDATA[");
		EXPECT_X(t, &p, "string(/rss/channel/item[1]/description)", EP1_TEXT);
		EXPECT_X(t, &p, "string(/rss/channel/item[2]/content:encoded)", "<p>Traileri.</p>");
		EXPECT_X(t, &p, "string(/rss/channel/item[2]/description)", "Traileri.");
	}
	parsed_release(&p);
}

static void builds_are_byte_identical(struct test_ctx *t)
{
	struct show s;
	char *a = NULL, *b = NULL;
	size_t alen = 0, blen = 0;

	build_show(&s);
	EXPECT_INT(t, feed_build(&s, &a, &alen), PP_OK);
	EXPECT_INT(t, feed_build(&s, &b, &blen), PP_OK);
	EXPECT_MEM(t, b, blen, a, alen);
	free(a);
	free(b);
	show_release(&s);

	/* A show built again from scratch gives the same bytes too. */
	build_show(&s);
	EXPECT_INT(t, feed_build(&s, &a, &alen), PP_OK);
	show_release(&s);
	build_show(&s);
	EXPECT_INT(t, feed_build(&s, &b, &blen), PP_OK);
	EXPECT_MEM(t, b, blen, a, alen);
	free(a);
	free(b);
	show_release(&s);
}

/* A C0 control character (legal in YAML as "\x01" in a double-quoted
 * string, and in Markdown) cannot be carried by XML 1.0. config and episode
 * refuse such input with its line; should one reach the feed writer anyway,
 * it refuses to write a malformed feed. */
static void control_characters_never_make_a_malformed_feed(struct test_ctx *t)
{
	struct show s;
	char *xml = NULL;
	size_t len = 0;

	build_show(&s);
	free(s.episodes[0].meta.title);
	s.episodes[0].meta.title = str_dup("Bell\x07 and escape\x1b");
	free(s.episodes[1].meta.notes_html);
	s.episodes[1].meta.notes_html = str_dup("<p>form\x0c" "feed</p>");
	EXPECT_CMP(t, feed_build(&s, &xml, &len), !=, PP_OK);
	EXPECT_NULL(t, xml);
	free(xml);
	show_release(&s);
}

/* Reading a feed back gives each item's guid and title, in feed order,
 * with escaped characters restored. */
static void items_read_back(struct test_ctx *t)
{
	struct show s;
	struct feed_items items = { 0 };
	char *xml = NULL;
	size_t len = 0;

	build_show(&s);
	EXPECT_INT(t, feed_build(&s, &xml, &len), PP_OK);
	EXPECT_INT(t, feed_read_items(xml, len, &items), PP_OK);
	EXPECT_INT(t, items.count, s.episode_count);
	for (size_t i = 0; i < items.count && i < s.episode_count; i++) {
		EXPECT_STR(t, items.items[i].guid, s.episodes[i].guid);
		EXPECT_STR(t, items.items[i].title, s.episodes[i].meta.title);
	}
	feed_items_release(&items);
	EXPECT_INT(t, feed_read_items("<html><body/></html>", 20, &items), PP_EPARSE);
	EXPECT_INT(t, feed_read_items("<rss><channel>", 14, &items), PP_EPARSE);
	EXPECT_INT(t, items.count, 0);
	free(xml);
	show_release(&s);
}

/* The live feed comes back from a target others can write to: what
 * podpub never writes is refused, not parsed (made here, not committed). */
static void hostile_feeds_are_not_read(struct test_ctx *t)
{
	static const char *const refused[] = {
		/* an entity declaration (a billion laughs would follow) */
		"<!DOCTYPE rss [<!ENTITY a \"aaaa\">]><rss><channel><item><guid>&a;</guid>"
		"</item></channel></rss>",
		/* bytes that are not the UTF-8 declared */
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel><item><title>J\xe4"
		"</title></item></channel></rss>",
		/* a declaration podpub never writes */
		"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><guid>x"
		"</guid></item></channel></rss>",
	};
	struct feed_items items;
	char *big;
	size_t n = (size_t)PP_XML_MAX_ELEMENTS + 1, len;

	for (size_t i = 0; i < COUNT(refused); i++)
		EXPECT_INT(t, feed_read_items(refused[i], strlen(refused[i]), &items), PP_EPARSE);
	/* More elements than podpub reads. */
	big = malloc(n * 4 + 64);
	EXPECT(t, big != NULL);
	if (!big)
		return;
	memcpy(big, "<rss><channel>", 14);
	len = 14;
	for (size_t i = 0; i < n; i++, len += 4)
		memcpy(big + len, "<a/>", 4);
	memcpy(big + len, "</channel></rss>", 16);
	len += 16;
	EXPECT_INT(t, feed_read_items(big, len, &items), PP_EPARSE);
	free(big);
}

TEST_MAIN(TEST_CASE(channel_head), TEST_CASE(categories_nest), TEST_CASE(items),
	  TEST_CASE(notes_survive_cdata_and_escaping), TEST_CASE(builds_are_byte_identical),
	  TEST_CASE(control_characters_never_make_a_malformed_feed), TEST_CASE(items_read_back),
	  TEST_CASE(hostile_feeds_are_not_read))
