/* check_feed.c - reads a published feed back with libxml2 and checks every
 * field of the four episodes of the tests' own show (tests/data/show)
 *
 *   check_feed FEED PUBLIC_DIR DURATIONS
 *
 * DURATIONS has "slug seconds" lines: each file's decoded length, measured
 * by ffmpeg outside podpub. Prints "ok - ..." / "not ok - ..." lines. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#define BASE "https://yhdistysyhteistyo.fi/jane/podcast/"
#define HOST "Tomi Pyylampi"

struct expected {
	const char *slug;
	const char *title;
	const char *pub_date;
	long number;
	const char *guests[4];
	const char *notes_phrase; /* from the show notes, Finnish letters included */
};

/* Newest first, as the feed lists them. */
static const struct expected episodes[] = {
	{ "jarjestotyollistaminen-osa-2", "Järjestötyöllistäminen osa 2",
	  "Tue, 25 Mar 2025 09:00:00 +0200", 4,
	  { "Merja Mäkisalo-Ropponen", "Johannes Lasaroff", "Touko Kivi", NULL },
	  "Keskustelua työttömyydestä ja työllistämisestä" },
	{ "jarjestotyollistaminen-osa-1", "Järjestötyöllistäminen osa 1",
	  "Tue, 18 Mar 2025 09:00:00 +0200", 3,
	  { "Hilkka Pirhonen", "Jouni Lehtimäki", "Ville Meriläinen", NULL },
	  "Järjestötyöllistämistä avaamassa" },
	{ "jarjestoavustukset-osa-2", "Järjestöavustukset osa 2",
	  "Tue, 11 Mar 2025 09:00:00 +0200", 2,
	  { "Antero Puhakka", "Krista Mikkonen", "Katja Asikainen", NULL },
	  "Keskustelua järjestöavustuksista" },
	{ "jarjestoavustukset-osa-1", "Järjestöavustukset osa 1",
	  "Tue, 04 Mar 2025 09:00:00 +0200", 1,
	  { "Reetta Partanen", "Maarita Mannelin", NULL, NULL },
	  "Järjestöavustusten haku- ja myöntöperusteista" },
};

struct checker {
	xmlXPathContextPtr ctx;
	int failures;
};

/* The string value of an XPath expression; caller frees. */
static char *str(struct checker *c, const char *expr)
{
	xmlXPathObjectPtr obj = xmlXPathEvalExpression((const xmlChar *)expr, c->ctx);
	char *s = NULL;

	if (obj && obj->type == XPATH_STRING)
		s = strdup((const char *)obj->stringval);
	xmlXPathFreeObject(obj);
	return s ? s : strdup("");
}

static double num(struct checker *c, const char *expr)
{
	xmlXPathObjectPtr obj = xmlXPathEvalExpression((const xmlChar *)expr, c->ctx);
	double v = obj && obj->type == XPATH_NUMBER ? obj->floatval : NAN;

	xmlXPathFreeObject(obj);
	return v;
}

static void report(struct checker *c, int pass, const char *what, const char *detail)
{
	printf("%s - %s\n", pass ? "ok" : "not ok", what);
	if (!pass) {
		c->failures++;
		if (detail)
			printf("#   %s\n", detail);
	}
}

static void expect_eq(struct checker *c, const char *what, const char *expr, const char *want)
{
	char *got = str(c, expr);
	char detail[1024];

	snprintf(detail, sizeof(detail), "%s is '%s', expected '%s'", expr, got, want);
	report(c, strcmp(got, want) == 0, what, detail);
	free(got);
}

static void expect_contains(struct checker *c, const char *what, const char *expr,
			    const char *needle)
{
	char *got = str(c, expr);
	char detail[1024];

	snprintf(detail, sizeof(detail), "%s does not contain '%s'", expr, needle);
	report(c, strstr(got, needle) != NULL, what, detail);
	free(got);
}

static double decoded_duration(const char *durations, const char *slug)
{
	FILE *f = fopen(durations, "r");
	char name[256];
	double secs, found = NAN;

	if (!f)
		return NAN;
	while (fscanf(f, "%255s %lf", name, &secs) == 2)
		if (strcmp(name, slug) == 0)
			found = secs;
	fclose(f);
	return found;
}

static void check_channel(struct checker *c)
{
	expect_eq(c, "channel title", "string(/rss/channel/title)", "JANEn Vaikuttamis-podcast");
	expect_eq(c, "channel link", "string(/rss/channel/link)", "https://yhdistysyhteistyo.fi/jane");
	expect_contains(c, "channel description", "string(/rss/channel/description)",
			"Hei tuleva hyvinvointialueen tai kunnan päättäjä");
	expect_eq(c, "channel language", "string(/rss/channel/language)", "fi");
	expect_eq(c, "channel copyright", "string(/rss/channel/copyright)",
		  "© 2025 Pohjois-Karjalan järjestöasiain neuvottelukunta JANE");
	expect_contains(c, "channel generator", "string(/rss/channel/generator)", "podpub");
	expect_eq(c, "lastBuildDate is the newest episode's date",
		  "string(/rss/channel/lastBuildDate)", episodes[0].pub_date);
	expect_eq(c, "atom:link rel=self", "string(/rss/channel/atom:link[@rel='self']/@href)",
		  BASE "feed.xml");
	expect_eq(c, "itunes:author", "string(/rss/channel/itunes:author)",
		  "Pohjois-Karjalan järjestöasiain neuvottelukunta JANE");
	expect_eq(c, "itunes:owner name", "string(/rss/channel/itunes:owner/itunes:name)",
		  "Sanna Heinonen");
	expect_eq(c, "itunes:owner email", "string(/rss/channel/itunes:owner/itunes:email)",
		  "sanna.heinonen@pksotu.fi");
	expect_eq(c, "itunes:image", "string(/rss/channel/itunes:image/@href)", BASE "cover.png");
	expect_eq(c, "category Government",
		  "string(/rss/channel/itunes:category[1]/@text)", "Government");
	expect_eq(c, "category News > Politics",
		  "string(/rss/channel/itunes:category[@text='News']/itunes:category/@text)",
		  "Politics");
	expect_eq(c, "channel itunes:explicit", "string(/rss/channel/itunes:explicit)", "false");
	expect_eq(c, "itunes:type", "string(/rss/channel/itunes:type)", "episodic");
	expect_eq(c, "podcast:locked", "string(/rss/channel/podcast:locked)", "yes");
	expect_eq(c, "podcast:locked owner", "string(/rss/channel/podcast:locked/@owner)",
		  "sanna.heinonen@pksotu.fi");
	report(c, num(c, "count(/rss/channel/item)") == 4, "four items", NULL);
}

static void check_item(struct checker *c, int index, const struct expected *e,
		       const char *public_dir, const char *durations)
{
	char expr[512], what[512], want[512], path[1024];
	struct stat st;
	double decoded, feed_duration;

#define ITEM(fmt) (snprintf(expr, sizeof(expr), "string(/rss/channel/item[%d]/" fmt ")", index + 1), expr)
#define WHAT(label) (snprintf(what, sizeof(what), "%s: %s", e->slug, label), what)
	expect_eq(c, WHAT("title"), ITEM("title"), e->title);
	expect_eq(c, WHAT("itunes:title"), ITEM("itunes:title"), e->title);
	expect_contains(c, WHAT("description"), ITEM("description"), e->notes_phrase);
	expect_contains(c, WHAT("description is plain text"), ITEM("description"), HOST);
	expect_contains(c, WHAT("content:encoded has the notes as HTML"), ITEM("content:encoded"),
			"<strong>" HOST "</strong>");
	expect_contains(c, WHAT("content:encoded text"), ITEM("content:encoded"), e->notes_phrase);
	snprintf(want, sizeof(want), BASE "media/%s.mp3", e->slug);
	expect_eq(c, WHAT("enclosure url"), ITEM("enclosure/@url"), want);
	expect_eq(c, WHAT("enclosure type"), ITEM("enclosure/@type"), "audio/mpeg");
	snprintf(path, sizeof(path), "%s/media/%s.mp3", public_dir, e->slug);
	snprintf(want, sizeof(want), "%lld", stat(path, &st) == 0 ? (long long)st.st_size : -1LL);
	expect_eq(c, WHAT("enclosure length is the published file's size"),
		  ITEM("enclosure/@length"), want);
	expect_eq(c, WHAT("guid is not a permalink"), ITEM("guid/@isPermaLink"), "false");
	expect_eq(c, WHAT("pubDate"), ITEM("pubDate"), e->pub_date);
	snprintf(want, sizeof(want), "%ld", e->number);
	expect_eq(c, WHAT("itunes:episode"), ITEM("itunes:episode"), want);
	expect_eq(c, WHAT("podcast:episode"), ITEM("podcast:episode"), want);
	expect_eq(c, WHAT("itunes:season"), ITEM("itunes:season"), "1");
	expect_eq(c, WHAT("podcast:season"), ITEM("podcast:season"), "1");
	expect_eq(c, WHAT("itunes:episodeType"), ITEM("itunes:episodeType"), "full");
	expect_eq(c, WHAT("itunes:explicit"), ITEM("itunes:explicit"), "false");
	expect_eq(c, WHAT("host"), ITEM("podcast:person[@role='host']"), HOST);
	for (int g = 0; e->guests[g]; g++) {
		char label[256];

		snprintf(label, sizeof(label), "guest %s", e->guests[g]);
		snprintf(want, sizeof(want), "%s", e->guests[g]);
		snprintf(expr, sizeof(expr),
			 "string(/rss/channel/item[%d]/podcast:person[@role='guest'][. = '%s'])",
			 index + 1, e->guests[g]);
		expect_eq(c, WHAT(label), expr, want);
	}
	/* Whole seconds in the feed: the decoded length, rounded. */
	decoded = decoded_duration(durations, e->slug);
	snprintf(expr, sizeof(expr), "number(/rss/channel/item[%d]/itunes:duration)", index + 1);
	feed_duration = num(c, expr);
	snprintf(want, sizeof(want), "itunes:duration %.0f, decoded %.3f s", feed_duration, decoded);
	report(c, !isnan(decoded) && fabs(feed_duration - decoded) <= 0.5 + 0.05,
	       WHAT("itunes:duration is the decoded length"), want);
#undef ITEM
#undef WHAT
}

int main(int argc, char **argv)
{
	static const char *const ns[][2] = {
		{ "itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd" },
		{ "podcast", "https://podcastindex.org/namespace/1.0" },
		{ "content", "http://purl.org/rss/1.0/modules/content/" },
		{ "atom", "http://www.w3.org/2005/Atom" },
	};
	struct checker c = { 0 };
	xmlDocPtr doc;

	if (argc != 4) {
		fprintf(stderr, "usage: check_feed FEED PUBLIC_DIR DURATIONS\n");
		return 2;
	}
	doc = xmlReadFile(argv[1], NULL, XML_PARSE_NONET);
	report(&c, doc != NULL, "feed parses with libxml2", argv[1]);
	if (!doc)
		return 1;
	c.ctx = xmlXPathNewContext(doc);
	for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
		xmlXPathRegisterNs(c.ctx, (const xmlChar *)ns[i][0], (const xmlChar *)ns[i][1]);
	check_channel(&c);
	for (size_t i = 0; i < sizeof(episodes) / sizeof(episodes[0]); i++)
		check_item(&c, (int)i, &episodes[i], argv[2], argv[3]);
	xmlXPathFreeContext(c.ctx);
	xmlFreeDoc(doc);
	xmlCleanupParser();
	return c.failures ? 1 : 0;
}
