/* podpub import's pure parts: dates and durations as hosts write them, the
 * notes' HTML into Markdown that renders back to the same text, YAML that
 * reads back as written, and the feed reader's URL resolution and limits. */
#include "import/import_feed.h"
#include "import/import_html.h"
#include "import/import_write.h"

#include <stdlib.h>
#include <string.h>

#include "notes.h"
#include "testhelp.h"
#include "util.h"
#include "yamldoc.h"
#include "yamlemit.h"

static void pubdates_keep_their_offset(struct test_ctx *t)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "Tue, 04 Mar 2025 05:00:00 GMT", "2025-03-04 05:00:00+00:00" },
		{ "Mon, 03 Mar 2025 07:00:00 EST", "2025-03-03 07:00:00-05:00" },
		{ "Mon, 03 Feb 2025 07:00:00 -0500", "2025-02-03 07:00:00-05:00" },
		{ "Mon, 17 Feb 2025 10:00:00 -0000", "2025-02-17 10:00:00+00:00" },
		{ "Fri, 07 Mar 2025 08:30:00 +0200", "2025-03-07 08:30:00+02:00" },
		{ "7 Mar 2025 08:30 +0530", "2025-03-07 08:30:00+05:30" },
		{ "Fri, 07 mar 2025 08:30:00 PDT", "2025-03-07 08:30:00-07:00" },
	};
	static const char *const bad[] = { "", "2025-03-04", "Tue, 04 Foo 2025 05:00:00 GMT",
					   "Tue, 04 Mar 2025 25:00:00 GMT",
					   "Tue, 04 Mar 2025 05:00:00 XYZ", "Tue, 04 Mar 2025" };
	char out[IMPORT_DATE_SIZE];

	for (size_t i = 0; i < COUNT(cases); i++) {
		EXPECT(t, import_pubdate(cases[i].in, out));
		EXPECT_STR(t, out, cases[i].out);
	}
	for (size_t i = 0; i < COUNT(bad); i++)
		EXPECT(t, !import_pubdate(bad[i], out));
}

static void durations_in_every_form(struct test_ctx *t)
{
	EXPECT_NEAR(t, import_duration("1421"), 1421.0, 1e-9);
	EXPECT_NEAR(t, import_duration("23:41"), 1421.0, 1e-9);
	EXPECT_NEAR(t, import_duration("00:23:41"), 1421.0, 1e-9);
	EXPECT_NEAR(t, import_duration("1:00:00"), 3600.0, 1e-9);
	EXPECT_NEAR(t, import_duration("12.5"), 12.5, 1e-9);
	EXPECT_NEAR(t, import_duration("abc"), -1.0, 1e-9);
	EXPECT_NEAR(t, import_duration("1:75"), -1.0, 1e-9);
	EXPECT_NEAR(t, import_duration(""), -1.0, 1e-9);
	EXPECT_NEAR(t, import_duration("1:2:3:4"), -1.0, 1e-9);
}

static char *markdown(const char *html)
{
	char *md = NULL;

	return import_html_markdown(html, strlen(html), &md) == PP_OK ? md : NULL;
}

static void html_into_markdown(struct test_ctx *t)
{
	static const struct {
		const char *html, *md;
	} cases[] = {
		{ "<p>Yksi</p><p>Kaksi <b>lihava</b> ja <i>vino</i></p>",
		  "Yksi\n\nKaksi **lihava** ja *vino*\n" },
		{ "<p>a<br>b<br/></p>", "a\\\nb\n" },
		{ "<ul><li>x</li><li>y<ul><li>z</li></ul></li></ul>", "- x\n- y\n  - z\n" },
		{ "<ol><li>yksi</li><li>kaksi</li></ol>", "1. yksi\n2. kaksi\n" },
		{ "<h2>Otsikko</h2><p>teksti</p>", "## Otsikko\n\nteksti\n" },
		{ "<blockquote><p>a</p><p>b</p></blockquote>", "> a\n>\n> b\n" },
		{ "<p><a href=\"https://x.example/a b(c)\">linkki</a></p>",
		  "[linkki](https://x.example/a%20b%28c%29)\n" },
		{ "<p><a href=\"javascript:alert(1)\">ei</a><script>alert(2)</script></p>", "ei\n" },
		{ "<p><b> väli </b>x</p>", "**väli** x\n" },
		{ "<p><b></b>tyhjä</p>", "tyhjä\n" },
		{ "<p>*t* _a_ [b] &lt;c&gt; &amp;d; `e` \\f</p>",
		  "\\*t\\* \\_a\\_ \\[b\\] \\<c\\> \\&d; \\`e\\` \\\\f\n" },
		{ "<p># ei otsikko</p><p>1. ei lista</p><p>- ei luettelo</p>",
		  "\\# ei otsikko\n\n1\\. ei lista\n\n\\- ei luettelo\n" },
		{ "Rivi yksi\nrivi kaksi\n\nKappale", "Rivi yksi\\\nrivi kaksi\n\nKappale\n" },
		{ "<li>irrallinen</li>", "irrallinen\n" }, /* no list around it: a paragraph */
		{ "", "" },
	};

	for (size_t i = 0; i < COUNT(cases); i++) {
		char *md = markdown(cases[i].html);

		EXPECT(t, md != NULL);
		if (md)
			EXPECT_STR(t, md, cases[i].md);
		free(md);
	}
}

/* What the feed shows after the round trip HTML -> Markdown -> cmark. */
static void markdown_renders_back_to_the_text(struct test_ctx *t)
{
	const char *html = "<p>Ääni *ei* _korostus_ [ei linkki](x) &lt;b&gt;ei tagi&lt;/b&gt; "
			   "&amp;copy; 1) ei lista</p><p>#5 <a href=\"https://a.example/\">linkki</a></p>";
	char *md = markdown(html), *out = NULL, *text = NULL;
	int raw = -1;

	EXPECT(t, md != NULL);
	if (!md)
		return;
	EXPECT_INT(t, notes_render(md, strlen(md), &out, &text, &raw), PP_OK);
	EXPECT_INT(t, raw, 0);
	if (out)
		EXPECT_STR(t, out,
			   "<p>Ääni *ei* _korostus_ [ei linkki](x) &lt;b&gt;ei tagi&lt;/b&gt; &amp;copy; "
			   "1) ei lista</p>\n<p>#5 <a href=\"https://a.example/\">linkki</a></p>");
	free(md);
	free(out);
	free(text);
}

static void html_into_text(struct test_ctx *t)
{
	char *text = NULL;
	const char *html = "<p>Luontoa <strong>korvin</strong>.</p><p>Kuukausittain &amp; *aina*.</p>";

	EXPECT_INT(t, import_html_text(html, strlen(html), &text), PP_OK);
	if (text)
		EXPECT_STR(t, text, "Luontoa korvin.\n\nKuukausittain & *aina*.");
	free(text);
}

/* Every awkward string reads back through yamldoc as it was written. */
static void yaml_reads_back(struct test_ctx *t)
{
	static const char *const values[] = {
		"yes", "no", "true", "12", "1e3", "null", "~", "a: b", "# ei kommentti", "- ei lista",
		"'lainaus'", "\"lainaus\"", "Äänekoski – öisin", "rivi\ntoinen", " väli ", "", "[x]",
		"{y}", "a #b", "tab\there", "\x01ohjaus", "*alias", "&ankkuri", "!tagi", "%pros",
		"@at", "`back`", "---", "...", "1:30", "0x1F",
	};
	struct yamlemit *y = NULL;
	struct yamldoc *doc = NULL;
	char *text = NULL, key[16];
	size_t len = 0;
	struct diag d;

	diag_init(&d);
	EXPECT_INT(t, yamlemit_new(&y), PP_OK);
	for (size_t i = 0; i < COUNT(values); i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		yamlemit_pair(y, key, values[i]);
	}
	yamlemit_plain(y, "list");
	yamlemit_seq_begin(y, true);
	yamlemit_string(y, "News");
	yamlemit_seq_end(y);
	EXPECT_INT(t, yamlemit_finish(y, &text, &len), PP_OK);
	EXPECT(t, text != NULL);
	if (text) {
		EXPECT_INT(t, yamldoc_load(text, len, "test.yaml", 1, &doc, &d), PP_OK);
		EXPECT_CONTAINS(t, text, "k12: Äänekoski – öisin\n");
		EXPECT_CONTAINS(t, text, "list: [News]\n");
		EXPECT_CONTAINS(t, text, "k0: \"yes\"\n");
		EXPECT_CONTAINS(t, text, "k29: \"1:30\"\n");
	}
	for (size_t i = 0; doc && i < COUNT(values); i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		EXPECT_STR(t, yamldoc_scalar(doc, yamldoc_get(doc, yamldoc_root(doc), key)), values[i]);
	}
	yamldoc_free(&doc);
	yamlemit_free(&y);
	free(text);
	diag_release(&d);
}

/* Chapters in episode.md as `chapters:` reads them: start as M:SS or
 * H:MM:SS with the fraction it has, url and img only when given. */
static void chapters_render_as_front_matter(struct test_ctx *t)
{
	struct chapters c;
	struct import_episode_out e = { .title = "T", .date = "2025-03-04 05:00:00+00:00",
					.guid = "g", .explicit_state = -1, .chapters = &c };
	char *text = NULL;
	size_t len = 0;

	chapters_init(&c);
	EXPECT_INT(t, chapters_add(&c, 0.0, "Alku", NULL, NULL, 0), PP_OK);
	EXPECT_INT(t, chapters_add(&c, 90.5, "Kaksi: kolme", "https://a.example/", NULL, 0), PP_OK);
	EXPECT_INT(t, chapters_add(&c, 3723.25, "Loppu", NULL, "https://a.example/i.jpg", 0), PP_OK);
	EXPECT_INT(t, import_render_episode(&e, &text, &len), PP_OK);
	if (text) {
		EXPECT_CONTAINS(t, text, "chapters:\n- start: \"0:00\"\n  title: Alku\n");
		EXPECT_CONTAINS(t, text, "- start: \"1:30.5\"\n  title: 'Kaksi: kolme'\n  url: https://a.example/\n");
		EXPECT_CONTAINS(t, text, "- start: \"1:02:03.25\"\n  title: Loppu\n  img: https://a.example/i.jpg\n---\n");
	}
	free(text);
	chapters_release(&c);
}

static void feed_urls_resolve_and_limits_hold(struct test_ctx *t)
{
	const char *xml =
		"<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""
		" xmlns:podcast=\"https://podcastindex.org/namespace/1.0\">"
		"<channel><title> Nimi </title><itunes:image href=\"/art.png\"/>"
		"<itunes:category text=\"News\"><itunes:category text=\"Politics\"/></itunes:category>"
		"<item><title>A</title><enclosure url=\"m/a.mp3\" length=\"0\" type=\"audio/mpeg\"/>"
		"<itunes:episode>3.0</itunes:episode><itunes:explicit>clean</itunes:explicit>"
		"<itunes:image href=\"a.png\"/>"
		"<podcast:transcript url=\"a.vtt\" type=\"Text/VTT; charset=utf-8\" language=\"fi\"/>"
		"<podcast:transcript type=\"text/vtt\"/>"
		"<podcast:transcript url=\"https://t.example/a.srt\"/>"
		"<podcast:chapters url=\"a.json\" type=\"application/json+chapters\"/></item>"
		"</channel></rss>";
	const char *entity = "<!DOCTYPE rss [<!ENTITY a \"aaaa\">]><rss><channel/></rss>";
	struct import_feed f;
	struct diag d;

	diag_init(&d);
	import_feed_init(&f);
	EXPECT_INT(t, import_feed_parse(xml, strlen(xml), "https://host.example/feeds/rss.xml",
					"feed", &f, &d),
		   PP_OK);
	EXPECT_STR(t, f.channel.title, "Nimi");
	EXPECT_STR(t, f.channel.image_url, "https://host.example/art.png");
	EXPECT_INT(t, f.channel.category_count, 1);
	if (f.channel.category_count)
		EXPECT_STR(t, f.channel.categories[0].sub, "Politics");
	EXPECT_INT(t, f.count, 1);
	if (f.count) {
		EXPECT_STR(t, f.items[0].enclosure_url, "https://host.example/feeds/m/a.mp3");
		EXPECT_STR(t, f.items[0].enclosure_raw, "m/a.mp3");
		EXPECT_INT(t, f.items[0].length, -1);
		EXPECT_INT(t, f.items[0].number, 3);
		EXPECT_INT(t, f.items[0].explicit_state, 0);
		EXPECT_NULL(t, f.items[0].guid);
		EXPECT_STR(t, f.items[0].image_url, "https://host.example/feeds/a.png");
		EXPECT_STR(t, f.items[0].chapters_url, "https://host.example/feeds/a.json");
		EXPECT_STR(t, f.items[0].chapters_type, "application/json+chapters");
		/* The one without a url is no transcript. */
		EXPECT_INT(t, f.items[0].transcript_count, 2);
	}
	if (f.count && f.items[0].transcript_count == 2) {
		EXPECT_STR(t, f.items[0].transcripts[0].url, "https://host.example/feeds/a.vtt");
		EXPECT_STR(t, f.items[0].transcripts[0].type, "text/vtt");
		EXPECT_STR(t, f.items[0].transcripts[0].language, "fi");
		EXPECT_STR(t, f.items[0].transcripts[1].url, "https://t.example/a.srt");
		EXPECT_NULL(t, f.items[0].transcripts[1].type);
		EXPECT_NULL(t, f.items[0].transcripts[1].language);
	}
	import_feed_release(&f);
	EXPECT_INT(t, import_feed_parse(entity, strlen(entity), NULL, "feed", &f, &d), PP_EPARSE);
	EXPECT_INT(t, import_feed_parse("<rss>", 5, NULL, "feed", &f, &d), PP_EPARSE);
	EXPECT_INT(t, import_feed_parse("<feed/>", 7, NULL, "feed", &f, &d), PP_EPARSE);
	EXPECT_INT(t, diag_count(&d, DIAG_ERROR), 3);
	import_feed_release(&f);
	diag_release(&d);
}

TEST_MAIN(TEST_CASE(pubdates_keep_their_offset), TEST_CASE(durations_in_every_form),
	  TEST_CASE(html_into_markdown), TEST_CASE(markdown_renders_back_to_the_text),
	  TEST_CASE(html_into_text), TEST_CASE(yaml_reads_back),
	  TEST_CASE(feed_urls_resolve_and_limits_hold), TEST_CASE(chapters_render_as_front_matter))
