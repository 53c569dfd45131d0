/* limits: time=120 memory=2048 */
#include "lint/lint.h"
#include "lint/lint_value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#include "util.h"
#include "testhelp.h"

#define DATA "tests/data/lint/"

/* A feed that fails exactly one rule, and the one finding it must give. */
struct bad_feed {
	const char *file;
	const char *rule;
	enum lint_severity severity;
	int line;
	const char *element; /* NULL: none */
	const char *message;
};

static const struct bad_feed bad_feeds[] = {
	{ "bad-not-well-formed.xml", "xml-well-formed", LINT_ERROR, 35, NULL,
	  "Opening and ending tag mismatch: title line 35 and titel" },
	{ "bad-encoding.xml", "xml-encoding", LINT_ERROR, 1, NULL,
	  "declared encoding 'ISO-8859-1' is not UTF-8" },
	{ "bad-rss-root.xml", "rss-root", LINT_ERROR, 2, "rss", "rss version '0.92' is not '2.0'" },
	{ "bad-channel-required.xml", "rss-channel-required", LINT_ERROR, 3, "channel/link",
	  "missing required element <link>" },
	{ "bad-item-required.xml", "rss-item-required", LINT_ERROR, 34, "item[2]/title",
	  "missing required element <title>" },
	{ "bad-enclosure-attrs.xml", "rss-enclosure-attrs", LINT_ERROR, 28, "item[1]/enclosure",
	  "enclosure length '-5' is not a positive integer" },
	{ "bad-guid-duplicate.xml", "rss-guid-unique", LINT_ERROR, 38, "item[2]/guid",
	  "guid 'jarjestotyon-aani-002' is already used by item[1]" },
	{ "bad-pubdate.xml", "rss-pubdate-format", LINT_ERROR, 39, "item[2]/pubDate",
	  "pubDate 'Wed, 25 Feb 2025 09:00:00 +0200' has the wrong day of the week: "
	  "that date is a Tuesday" },
	{ "bad-pubdate-future.xml", "rss-pubdate-future", LINT_WARNING, 30, "item[1]/pubDate",
	  "pubDate 'Tue, 11 Mar 2025 07:00:00 +0000' is later than the channel's lastBuildDate "
	  "'Wed, 05 Mar 2025 09:30:00 GMT': the item is dated in the future" },
	{ "bad-missing-image.xml", "apple-channel-image", LINT_ERROR, 3, "channel/itunes:image",
	  "missing required element <itunes:image>" },
	{ "bad-missing-category.xml", "apple-channel-category", LINT_ERROR, 3,
	  "channel/itunes:category", "missing required element <itunes:category>" },
	{ "bad-explicit.xml", "apple-channel-explicit", LINT_ERROR, 17, "channel/itunes:explicit",
	  "itunes:explicit 'maybe' is not 'true' or 'false'" },
	{ "bad-explicit-legacy.xml", "apple-explicit-legacy", LINT_WARNING, 17,
	  "channel/itunes:explicit", "itunes:explicit 'clean' is a legacy value: use 'false'" },
	{ "bad-missing-language.xml", "apple-channel-language", LINT_ERROR, 3, "channel/language",
	  "missing required element <language>" },
	{ "bad-missing-author.xml", "apple-channel-author", LINT_WARNING, 3, "channel/itunes:author",
	  "missing recommended element <itunes:author>" },
	{ "bad-missing-owner-email.xml", "apple-owner-email", LINT_WARNING, 18,
	  "channel/itunes:owner/itunes:email", "missing recommended element <itunes:email>" },
	{ "bad-enclosure-type.xml", "apple-enclosure-type", LINT_ERROR, 28, "item[1]/enclosure",
	  "enclosure type 'text/html' is not a type apple podcasts accepts" },
	{ "bad-enclosure-type-unsupported.xml", "apple-enclosure-type-unsupported", LINT_WARNING, 37,
	  "item[2]/enclosure",
	  "enclosure type 'audio/ogg' is not on apple podcasts' list: "
	  "prefer audio/mpeg or audio/x-m4a" },
	{ "bad-duration.xml", "apple-item-duration", LINT_WARNING, 31, "item[1]/itunes:duration",
	  "itunes:duration '52 min' is not seconds or [[hh:]mm:]ss" },
	{ "bad-long-description.xml", "apple-description-length", LINT_WARNING, 26,
	  "item[1]/description",
	  "description is 4001 characters long, over the 4000 apple podcasts shows" },
	{ "bad-podcast-guid.xml", "podcast-guid-format", LINT_ERROR, 22, "channel/podcast:guid",
	  "podcast:guid '917393E3-1B1E-5CEF-ACE4-EDAA54E1F810' is not a lowercase uuid like "
	  "'917393e3-1b1e-5cef-ace4-edaa54e1f810'" },
};

static void print_findings(const struct lint_report *r)
{
	for (size_t i = 0; i < r->count; i++) {
		const struct lint_finding *f = &r->findings[i];

		printf("#     %d: %s: %s [%s] (%s)\n", f->line, lint_severity_name(f->severity),
		       f->message, f->rule_id, f->element ? f->element : "no element");
	}
}

/* Lints a file under tests/data/lint into `r`; false (and a failure) when
 * the file cannot be read or the linter cannot run. */
static bool lint_file(struct test_ctx *t, const char *name, struct lint_report *r)
{
	char path[256];
	char *xml = NULL;
	size_t len = 0;
	enum pp_result res;

	snprintf(path, sizeof(path), DATA "%s", name);
	lint_report_init(r);
	res = pp_read_file(path, &xml, &len);
	EXPECT_INT(t, res, PP_OK);
	if (res != PP_OK)
		return false;
	res = lint_feed(xml, len, r);
	free(xml);
	EXPECT_INT(t, res, PP_OK);
	return res == PP_OK;
}

/* How many findings of `rule` the in-memory feed `xml` gives. */
static size_t count_rule_in(const struct lint_report *r, const char *rule)
{
	size_t n = 0;

	for (size_t i = 0; i < r->count; i++)
		n += strcmp(r->findings[i].rule_id, rule) == 0;
	return n;
}

static size_t count_rule(struct test_ctx *t, const char *xml, const char *rule)
{
	struct lint_report r;
	size_t n = 0;

	lint_report_init(&r);
	EXPECT_INT(t, lint_feed(xml, strlen(xml), &r), PP_OK);
	for (size_t i = 0; i < r.count; i++)
		n += strcmp(r.findings[i].rule_id, rule) == 0;
	lint_report_release(&r);
	return n;
}

/* Expects `want` findings of `rule` in the feed `fmt` with `value` put in
 * for its one %s; names the value when the count differs, as the callers
 * loop over values. */
static void expect_rule_with(struct test_ctx *t, const char *fmt, const char *value,
			     const char *rule, size_t want)
{
	char *xml = pp_asprintf(fmt, value);
	size_t n;

	EXPECT(t, xml != NULL);
	if (!xml)
		return;
	n = count_rule(t, xml, rule);
	EXPECT_INT(t, n, want);
	if (n != want)
		printf("#   with '%.100s'\n", value);
	free(xml);
}

static void good_feed_is_clean(struct test_ctx *t)
{
	struct lint_report r;

	if (lint_file(t, "good.xml", &r)) {
		EXPECT_INT(t, lint_count(&r, LINT_ERROR), 0);
		EXPECT_INT(t, lint_count(&r, LINT_WARNING), 0);
		EXPECT_INT(t, r.count, 0);
		if (r.count)
			print_findings(&r);
	}
	lint_report_release(&r);
}

static void each_bad_feed_fails_only_its_rule(struct test_ctx *t)
{
	for (size_t i = 0; i < sizeof(bad_feeds) / sizeof(bad_feeds[0]); i++) {
		const struct bad_feed *b = &bad_feeds[i];
		int failures = t->failures;
		struct lint_report r;

		if (lint_file(t, b->file, &r)) {
			EXPECT_INT(t, r.count, 1);
		}
		if (r.count >= 1) {
			const struct lint_finding *f = &r.findings[0];

			EXPECT_STR(t, f->rule_id, b->rule);
			EXPECT_INT(t, f->severity, b->severity);
			EXPECT_INT(t, f->line, b->line);
			if (b->element)
				EXPECT_STR(t, f->element, b->element);
			else
				EXPECT_NULL(t, f->element);
			EXPECT_STR(t, f->message, b->message);
		}
		if (t->failures != failures) {
			printf("#   in %s%s, which gave:\n", DATA, b->file);
			print_findings(&r);
		}
		lint_report_release(&r);
	}
}

static void not_well_formed_stops_other_rules(struct test_ctx *t)
{
	/* Without the stop, the empty channel would fail a dozen rules. */
	const char *xml = "<rss version=\"2.0\">\n<channel>\n</rss>\n";
	struct lint_report r;

	lint_report_init(&r);
	EXPECT_INT(t, lint_feed(xml, strlen(xml), &r), PP_OK);
	/* One finding per parser error, each with libxml2's words and line. */
	EXPECT_INT(t, r.count, 2);
	EXPECT_INT(t, lint_count(&r, LINT_ERROR), r.count);
	if (r.count == 2) {
		EXPECT_STR(t, r.findings[0].rule_id, "xml-well-formed");
		EXPECT_INT(t, r.findings[0].line, 3);
		EXPECT_STR(t, r.findings[0].message,
			   "Opening and ending tag mismatch: channel line 2 and rss");
		EXPECT_STR(t, r.findings[1].rule_id, "xml-well-formed");
		EXPECT_INT(t, r.findings[1].line, 4);
		EXPECT_STR(t, r.findings[1].message, "Premature end of data in tag rss line 1");
	}
	lint_report_release(&r);
}

static void parser_messages_are_one_line(struct test_ctx *t)
{
	/* A Latin-1 'ä' in a UTF-8 document: libxml2's message spans two lines. */
	const char *xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			  "<rss version=\"2.0\"><channel><title>\xe4</title></channel></rss>\n";
	struct lint_report r;

	lint_report_init(&r);
	EXPECT_INT(t, lint_feed(xml, strlen(xml), &r), PP_OK);
	EXPECT_INT(t, r.count, 1);
	if (r.count >= 1) {
		EXPECT_STR(t, r.findings[0].rule_id, "xml-well-formed");
		EXPECT_INT(t, r.findings[0].line, 2);
		EXPECT_STR(t, r.findings[0].message,
			   "Input is not proper UTF-8, indicate encoding ! Bytes: 0xE4 0x3C 0x2F 0x74");
	}
	lint_report_release(&r);
}

static void empty_input_is_not_well_formed(struct test_ctx *t)
{
	EXPECT_INT(t, count_rule(t, "", "xml-well-formed"), 1);
	EXPECT_INT(t, count_rule(t, "<rss version=\"2.0\"><channel/></rss>&nbsp;", "xml-well-formed"),
		   1);
	/* An undeclared prefix breaks namespace well-formedness. */
	EXPECT_INT(t, count_rule(t, "<rss version=\"2.0\"><channel><itunes:image/></channel></rss>",
				 "xml-well-formed"),
		   1);
}

static void external_entities_are_not_loaded(struct test_ctx *t)
{
	/* A feed that declares an entity is refused before libxml2 sees it:
	 * nothing of good.xml is read, no other rule runs. */
	const char *xml = "<!DOCTYPE rss [<!ENTITY e SYSTEM \"" DATA "good.xml\">]>\n"
			  "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">"
			  "<channel><item><itunes:duration>&e;</itunes:duration></item></channel></rss>";
	struct lint_report r;

	lint_report_init(&r);
	EXPECT_INT(t, lint_feed(xml, strlen(xml), &r), PP_OK);
	EXPECT_INT(t, r.count, 1);
	if (r.count == 1) {
		EXPECT_STR(t, r.findings[0].rule_id, "xml-no-entities");
		EXPECT_INT(t, r.findings[0].line, 1);
		EXPECT_INT(t, r.findings[0].severity, LINT_ERROR);
	}
	lint_report_release(&r);
}

/* What libxml2 2.9 would expand or spend unbounded time and memory on is
 * refused, each under its rule and with its line; what it bounds itself
 * (nesting, text nodes) is a well-formedness error. Inputs are made here. */
static void hostile_feeds_are_refused(struct test_ctx *t)
{
	static const char lol[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n<!ENTITY a \"aaaaaaaaaa\">\n"
		"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n<rss><channel><title>&b;</title>"
		"</channel></rss>";
	/* Markup in comments, CDATA, PIs and attribute values is not counted. */
	static const char innocent[] =
		"<!-- <!ENTITY x 'y'> --><rss version=\"2.0\" a=\"= > '=\"><channel>"
		"<![CDATA[<!ENTITY z 'w'> <a b=c d=e>]]><?pi <!ENTITY?></channel></rss>";
	static const char bom[] = "\xff\xfe<\0?\0x\0m\0l\0 \0v\0e\0r\0s\0i\0o\0n\0=\0\"\0"
				  "1\0.\0\x30\0\"\0 \0e\0n\0c\0o\0d\0i\0n\0g\0=\0\"\0U\0T\0F\0"
				  "-\0\x38\0\"\0?\0>\0<\0r\0s\0s\0/\0>\0";
	struct buf b;
	struct lint_report r;

	lint_report_init(&r);
	EXPECT_INT(t, lint_feed(lol, strlen(lol), &r), PP_OK);
	EXPECT_INT(t, r.count, 1);
	if (r.count >= 1) {
		EXPECT_STR(t, r.findings[0].rule_id, "xml-no-entities");
		EXPECT_INT(t, r.findings[0].line, 3);
	}
	lint_report_release(&r);

	EXPECT_INT(t, lint_feed(innocent, strlen(innocent), &r), PP_OK);
	EXPECT_INT(t, count_rule_in(&r, "xml-no-entities") + count_rule_in(&r, "xml-limits") +
			      count_rule_in(&r, "xml-well-formed"),
		   0);
	lint_report_release(&r);

	/* A byte order mark says UTF-16, the declaration UTF-8. */
	EXPECT_INT(t, lint_feed(bom, sizeof(bom) - 1, &r), PP_OK);
	EXPECT_INT(t, count_rule_in(&r, "xml-encoding"), 1);
	lint_report_release(&r);

	/* 257 attributes: over the limit, refused at once (100000 took 10 s). */
	buf_init(&b);
	EXPECT_INT(t, buf_puts(&b, "<rss version=\"2.0\">\n<channel><a"), PP_OK);
	for (int i = 0; i < PP_XML_MAX_ATTRIBUTES; i++) {
		char attr[32];

		snprintf(attr, sizeof(attr), " a%d=''", i);
		EXPECT_INT(t, buf_puts(&b, attr), PP_OK);
	}
	EXPECT_INT(t, buf_puts(&b, "/></channel></rss>"), PP_OK);
	EXPECT_INT(t, lint_feed(b.data, b.len, &r), PP_OK);
	EXPECT_INT(t, count_rule_in(&r, "xml-limits"), 0); /* 256 is fine */
	lint_report_release(&r);
	b.len -= strlen("/></channel></rss>");
	EXPECT_INT(t, buf_puts(&b, " last=''/></channel></rss>"), PP_OK);
	EXPECT_INT(t, lint_feed(b.data, b.len, &r), PP_OK);
	EXPECT_INT(t, r.count, 1);
	if (r.count == 1) {
		EXPECT_STR(t, r.findings[0].rule_id, "xml-limits");
		EXPECT_INT(t, r.findings[0].line, 2);
		EXPECT_STR(t, r.findings[0].message,
			   "an element has 257 attributes, more than the 256 podpub reads");
	}
	lint_report_release(&r);

	/* One element too many. */
	b.len = 0;
	EXPECT_INT(t, buf_puts(&b, "<rss version=\"2.0\"><channel>"), PP_OK);
	for (int i = 0; i < PP_XML_MAX_ELEMENTS - 1; i++)
		EXPECT_INT(t, buf_add(&b, "<a/>", 4), PP_OK);
	EXPECT_INT(t, buf_puts(&b, "</channel></rss>"), PP_OK);
	EXPECT_INT(t, lint_feed(b.data, b.len, &r), PP_OK);
	EXPECT_INT(t, count_rule_in(&r, "xml-limits"), 1);
	EXPECT_STR(t, r.count ? r.findings[0].message : "",
		   "feed has 500001 elements, more than the 500000 podpub reads");
	lint_report_release(&r);

	/* Nesting 300 deep is libxml2's to refuse (256), a text node of 11 MB
	 * podpub's: libxml2 would drop it silently. */
	b.len = 0;
	for (int i = 0; i < 300; i++)
		EXPECT_INT(t, buf_add(&b, "<a>", 3), PP_OK);
	EXPECT_INT(t, lint_feed(b.data, b.len, &r), PP_OK);
	EXPECT_CONTAINS(t, r.count ? r.findings[0].message : "", "Excessive depth");
	lint_report_release(&r);
	b.len = 0;
	EXPECT_INT(t, buf_puts(&b, "<rss><channel><title>"), PP_OK);
	EXPECT_INT(t, buf_reserve(&b, 11000000), PP_OK);
	if (b.data) {
		memset(b.data + b.len, 'x', 11000000);
		b.len += 11000000;
		b.data[b.len] = '\0';
	}
	EXPECT_INT(t, buf_puts(&b, "</title></channel></rss>"), PP_OK);
	EXPECT_INT(t, lint_feed(b.data, b.len, &r), PP_OK);
	EXPECT_INT(t, count_rule_in(&r, "xml-limits"), 1);
	EXPECT_STR(t, r.count ? r.findings[0].message : "",
		   "a text node of 11000000 bytes, more than the 8 MiB podpub reads");
	lint_report_release(&r);
	buf_release(&b);
}

static void encoding_undeclared_utf16_is_reported(struct test_ctx *t)
{
	/* "<rss/>" in UTF-16LE with a byte order mark, no declaration. */
	static const char xml[] = "\xff\xfe<\0r\0s\0s\0/\0>\0";
	struct lint_report r;

	lint_report_init(&r);
	EXPECT_INT(t, lint_feed(xml, sizeof(xml) - 1, &r), PP_OK);
	EXPECT_CMP(t, r.count, >=, 1);
	if (r.count >= 1) {
		EXPECT_STR(t, r.findings[0].rule_id, "xml-encoding");
		EXPECT_STR(t, r.findings[0].message, "document is encoded in UTF-16, not UTF-8");
	}
	lint_report_release(&r);
	EXPECT_INT(t, count_rule(t, "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss/>", "xml-encoding"),
		   0);
}

static void rss_root_variants(struct test_ctx *t)
{
	EXPECT_INT(t, count_rule(t, "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", "rss-root"), 1);
	EXPECT_INT(t, count_rule(t, "<rss version=\"2.0\"/>", "rss-root"), 1);
	EXPECT_INT(t, count_rule(t, "<rss><channel/></rss>", "rss-root"), 1);
	EXPECT_INT(t, count_rule(t, "<rss version=\"2.0\"><channel/><channel/></rss>", "rss-root"),
		   1);
	EXPECT_INT(t, count_rule(t, "<rss version=\"2.0\"><channel/></rss>", "rss-root"), 0);
	/* Without a channel no channel rule runs. */
	EXPECT_INT(t, count_rule(t, "<rss version=\"2.0\"/>", "rss-channel-required"), 0);
}

static void required_text_must_not_be_blank(struct test_ctx *t)
{
	static const char feed[] = "<rss version=\"2.0\"><channel><title>%s</title></channel></rss>";

	expect_rule_with(t, feed, " \n\t ", "rss-channel-required", 3);
	expect_rule_with(t, feed, "Ääni", "rss-channel-required", 2);
}

#define ENCLOSURE_FEED                                                                     \
	"<rss version=\"2.0\"><channel><item><title>t</title>%s</item></channel></rss>"

static void enclosure_attributes(struct test_ctx *t)
{
	static const char *const good[] = {
		"<enclosure url=\"https://a.example/x.mp3\" length=\"1\" type=\"audio/mpeg\"/>",
		"<enclosure url=\"HTTP://a.example\" length=\"0123\" type=\"audio/mpeg\"/>",
	};
	static const char *const bad[] = {
		"<enclosure url=\"/media/x.mp3\" length=\"1\" type=\"audio/mpeg\"/>",
		"<enclosure url=\"ftp://a.example/x.mp3\" length=\"1\" type=\"audio/mpeg\"/>",
		"<enclosure url=\"https:///x.mp3\" length=\"1\" type=\"audio/mpeg\"/>",
		"<enclosure url=\"https://a.example/my file.mp3\" length=\"1\" type=\"audio/mpeg\"/>",
		"<enclosure url=\"https://a.example/x.mp3\" length=\"0\" type=\"audio/mpeg\"/>",
		"<enclosure url=\"https://a.example/x.mp3\" length=\"12.5\" type=\"audio/mpeg\"/>",
		"<enclosure url=\"https://a.example/x.mp3\" type=\"audio/mpeg\"/>",
		"<enclosure url=\"https://a.example/x.mp3\" length=\"1\"/>",
	};

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		expect_rule_with(t, ENCLOSURE_FEED, good[i], "rss-enclosure-attrs", 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect_rule_with(t, ENCLOSURE_FEED, bad[i], "rss-enclosure-attrs", 1);
	expect_rule_with(t, ENCLOSURE_FEED, "<enclosure/>", "rss-enclosure-attrs", 3);
	expect_rule_with(t, ENCLOSURE_FEED, "", "rss-item-required", 1);
}

static void enclosure_types(struct test_ctx *t)
{
	static const struct {
		const char *type;
		size_t errors, warnings;
	} cases[] = {
		{ "audio/mpeg", 0, 0 },      { "audio/x-m4a", 0, 0 },     { "AUDIO/MPEG", 0, 0 },
		{ "video/mp4", 0, 0 },       { "application/pdf", 0, 0 }, { "audio/ogg", 0, 1 },
		{ "audio/opus", 0, 1 },      { "audio/flac", 0, 1 },      { "audio/wav", 0, 1 },
		{ "video/webm", 1, 0 },      { "text/html", 1, 0 },       { "audio/mpegx", 0, 1 },
		{ "audio/mpeg; x=1", 0, 0 },
	};
	char enclosure[128];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(enclosure, sizeof(enclosure),
			 "<enclosure url=\"https://a.example/x\" length=\"1\" type=\"%s\"/>",
			 cases[i].type);
		expect_rule_with(t, ENCLOSURE_FEED, enclosure, "apple-enclosure-type",
				 cases[i].errors);
		expect_rule_with(t, ENCLOSURE_FEED, enclosure, "apple-enclosure-type-unsupported",
				 cases[i].warnings);
	}
}

static void guids_compare_trimmed_text(struct test_ctx *t)
{
	static const char feed[] = "<rss version=\"2.0\"><channel>"
				   "<item><guid>a</guid></item><item><guid>b</guid></item>"
				   "<item><guid>%s</guid></item><item/></channel></rss>";

	expect_rule_with(t, feed, "c", "rss-guid-unique", 0);
	expect_rule_with(t, feed, " a\n", "rss-guid-unique", 1);
	expect_rule_with(t, feed, "A", "rss-guid-unique", 0);
}

#define DATE_FEED "<rss version=\"2.0\"><channel><lastBuildDate>%s</lastBuildDate></channel></rss>"

static void pubdate_accepts_rfc2822(struct test_ctx *t)
{
	static const char *const dates[] = {
		"Tue, 04 Mar 2025 07:00:00 +0000",
		"Tue, 4 Mar 2025 07:00:00 +0000",
		"04 Mar 2025 07:00:00 +0000",
		"Tue, 04 Mar 2025 07:00 GMT",
		"tue, 04 mar 2025 07:00:00 gmt",
		"Tue,04 Mar 2025 07:00:00 -0500",
		"Tue, 04 Mar 2025 07:00:00 UT",
		"Tue, 04 Mar 2025 07:00:00 EST",
		"Tue, 04 Mar 2025 07:00:00 PDT",
		"Tue, 04 Mar 2025 07:00:00 Z",
		"Tue, 04 Mar 25 07:00:00 +0000",
		"Thu, 29 Feb 2024 23:59:60 +1400",
		"Tue, 04 Mar 2025 07:00:00 +0000 (UTC)",
		"Tue, 04 Mar 2025 07:00:00 +0000 (Coordinated Universal Time)",
		"  Tue, 04 Mar 2025 07:00:00 +0000\n",
	};

	for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++)
		expect_rule_with(t, DATE_FEED, dates[i], "rss-pubdate-format", 0);
}

/* The instant behind a date: zones, named zones and the calendar. */
static void pubdate_seconds(struct test_ctx *t)
{
	static const struct {
		const char *date;
		long long seconds;
	} cases[] = {
		{ "Thu, 01 Jan 1970 00:00:00 +0000", 0 },
		{ "Tue, 04 Mar 2025 07:00:00 +0000", 1741071600 },
		{ "Tue, 04 Mar 2025 09:00:00 +0200", 1741071600 },
		{ "Tue, 04 Mar 2025 02:00:00 EST", 1741071600 },
		{ "Mon, 03 Mar 2025 23:00:00 PST", 1741071600 },
		{ "Thu, 29 Feb 2024 12:00:00 GMT", 1709208000 },
		{ "Mon, 03 Mar 2025 20:30:00 -1030", 1741071600 },
	};
	long long got;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = -1;
		EXPECT(t, lint_value_rfc2822_seconds(cases[i].date, &got));
		EXPECT_INT(t, got, cases[i].seconds);
	}
	EXPECT(t, !lint_value_rfc2822_seconds("Wed, 04 Mar 2025 07:00:00 +0000", &got));
	EXPECT(t, !lint_value_rfc2822_seconds("2025-03-04", &got));
}

#define FUTURE_FEED                                                                                \
	"<rss version=\"2.0\"><channel><lastBuildDate>Tue, 04 Mar 2025 07:00:00 +0000"           \
	"</lastBuildDate><item><pubDate>%s</pubDate></item></channel></rss>"

static void pubdate_future_of_the_build(struct test_ctx *t)
{
	expect_rule_with(t, FUTURE_FEED, "Tue, 04 Mar 2025 07:00:00 +0000", "rss-pubdate-future", 0);
	expect_rule_with(t, FUTURE_FEED, "Tue, 04 Mar 2025 09:00:00 +0200", "rss-pubdate-future", 0);
	expect_rule_with(t, FUTURE_FEED, "Tue, 04 Mar 2025 07:00:01 +0000", "rss-pubdate-future", 1);
	expect_rule_with(t, FUTURE_FEED, "Tue, 04 Mar 2031 07:00:00 +0000", "rss-pubdate-future", 1);
	/* A date the format rule refuses is not compared. */
	expect_rule_with(t, FUTURE_FEED, "2031-03-04", "rss-pubdate-future", 0);
}

static void pubdate_rejects_others(struct test_ctx *t)
{
	static const char *const dates[] = {
		"",
		"2025-03-04T07:00:00Z",
		"Wed, 04 Mar 2025 07:00:00 +0000", /* a Tuesday */
		"Tuesday, 04 Mar 2025 07:00:00 +0000",
		"Tue, 04 March 2025 07:00:00 +0000",
		"Tue, 04 Mar 2025 07:00:00",
		"Tue, 04 Mar 2025 07:00:00 CET",
		"Tue, 04 Mar 2025 07:00:00 +00",
		"Tue, 04 Mar 2025 07:00:00 +00000",
		"Tue, 04 Mar 2025 7:00:00 +0000",
		"Tue, 04 Mar 025 07:00:00 +0000",
		"Sat, 29 Feb 2025 07:00:00 +0000", /* not a leap year */
		"Tue, 04 Mar 2025 24:00:00 +0000",
		"Tue, 04 Mar 2025 07:60:00 +0000",
		"Tue, 04 Mar 2025 07:00:00 +0060",
		"Tue, 04 Mar 2025 07:00:00 +0000 extra",
		"Tue 04 Mar 2025 07:00:00 +0000",
		"Tue, 04 Mar 2025 07:00:00 +0000 (UTC",
		"Tue, 04 Mar 2025 07:00:00 +0000 (UTC) x",
	};

	for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++)
		expect_rule_with(t, DATE_FEED, dates[i], "rss-pubdate-format", 1);
}

#define ITUNES_CHANNEL                                                                     \
	"<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" "  \
	"xmlns:podcast=\"https://podcastindex.org/namespace/1.0\"><channel>%s</channel></rss>"

static void durations(struct test_ctx *t)
{
	static const struct {
		const char *value;
		size_t warnings;
	} cases[] = {
		{ "2712", 0 },   { "0", 0 },       { "45:12", 0 },    { "5:07", 0 },
		{ "75:00", 0 },  { "1:05:09", 0 }, { "01:05:09", 0 }, { "", 1 },
		{ "1:5", 1 },    { "1:60", 1 },    { "1:2:03", 1 },   { "1:02:03:04", 1 },
		{ "12.5", 1 },   { "-5", 1 },      { "52 min", 1 },   { "PT52M", 1 },
	};
	char channel[128];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(channel, sizeof(channel), "<item><itunes:duration>%s</itunes:duration></item>",
			 cases[i].value);
		expect_rule_with(t, ITUNES_CHANNEL, channel, "apple-item-duration",
				 cases[i].warnings);
	}
}

static void explicit_values(struct test_ctx *t)
{
	static const struct {
		const char *value;
		size_t errors, warnings;
	} cases[] = {
		{ "true", 0, 0 }, { "false", 0, 0 }, { "yes", 0, 1 }, { "no", 0, 1 },
		{ "clean", 0, 1 }, { "", 1, 0 },     { "0", 1, 0 },
	};
	char channel[128];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(channel, sizeof(channel), "<itunes:explicit>%s</itunes:explicit>",
			 cases[i].value);
		expect_rule_with(t, ITUNES_CHANNEL, channel, "apple-channel-explicit",
				 cases[i].errors);
		expect_rule_with(t, ITUNES_CHANNEL, channel, "apple-explicit-legacy",
				 cases[i].warnings);
	}
	expect_rule_with(t, ITUNES_CHANNEL, "", "apple-channel-explicit", 1);
	expect_rule_with(t, ITUNES_CHANNEL, "", "apple-explicit-legacy", 0);
}

static void image_and_categories(struct test_ctx *t)
{
	expect_rule_with(t, ITUNES_CHANNEL, "<itunes:image/>", "apple-channel-image", 1);
	expect_rule_with(t, ITUNES_CHANNEL, "<itunes:image href=\"kansi.jpg\"/>",
			 "apple-channel-image", 1);
	expect_rule_with(t, ITUNES_CHANNEL, "<itunes:image href=\"http://a.example/k.png\"/>",
			 "apple-channel-image", 0);
	expect_rule_with(t, ITUNES_CHANNEL, "<itunes:category/>", "apple-channel-category", 1);
	expect_rule_with(t, ITUNES_CHANNEL,
			 "<itunes:category text=\"Arts\"><itunes:category/></itunes:category>",
			 "apple-channel-category", 1);
	expect_rule_with(t, ITUNES_CHANNEL, "<itunes:category text=\"Arts\"/>",
			 "apple-channel-category", 0);
}

static void owner_email(struct test_ctx *t)
{
	expect_rule_with(t, ITUNES_CHANNEL, "", "apple-owner-email", 1);
	expect_rule_with(t, ITUNES_CHANNEL, "<itunes:owner/>", "apple-owner-email", 1);
	expect_rule_with(t, ITUNES_CHANNEL,
			 "<itunes:owner><itunes:email>a@b.fi</itunes:email></itunes:owner>",
			 "apple-owner-email", 0);
	/* An email outside itunes:owner does not count. */
	expect_rule_with(t, ITUNES_CHANNEL, "<itunes:owner/><itunes:email>a@b.fi</itunes:email>",
			 "apple-owner-email", 1);
}

static void description_length_counts_characters(struct test_ctx *t)
{
	/* 4000 'ä' are 8000 bytes but only 4000 characters. */
	size_t n = 4001;
	char *text = malloc(2 * n + 1);
	char *channel = NULL;

	EXPECT(t, text != NULL);
	if (!text)
		return;
	for (size_t i = 0; i < n; i++)
		memcpy(text + 2 * i, "\xc3\xa4", 2);
	text[2 * (n - 1)] = '\0';
	channel = pp_asprintf("<description>%s</description>", text);
	expect_rule_with(t, ITUNES_CHANNEL, channel, "apple-description-length", 0);
	free(channel);
	text[2 * (n - 1)] = '\xc3';
	text[2 * n] = '\0';
	channel = pp_asprintf("<itunes:summary>%s</itunes:summary>", text);
	expect_rule_with(t, ITUNES_CHANNEL, channel, "apple-description-length", 1);
	free(channel);
	channel = pp_asprintf("<item><description>%s</description></item>", text);
	expect_rule_with(t, ITUNES_CHANNEL, channel, "apple-description-length", 1);
	free(channel);
	free(text);
}

static void podcast_guid_forms(struct test_ctx *t)
{
	static const struct {
		const char *value;
		size_t errors;
	} cases[] = {
		{ "917393e3-1b1e-5cef-ace4-edaa54e1f810", 0 },
		{ " 917393e3-1b1e-5cef-ace4-edaa54e1f810\n", 0 },
		{ "917393E3-1b1e-5cef-ace4-edaa54e1f810", 1 },
		{ "{917393e3-1b1e-5cef-ace4-edaa54e1f810}", 1 },
		{ "917393e31b1e5ceface4edaa54e1f810", 1 },
		{ "917393e3-1b1e-5cef-ace4-edaa54e1f81", 1 },
		{ "917393e3-1b1e-5cef-ace4-edaa54e1f8100", 1 },
		{ "917393e3-1b1e-5cef-ace4-edaa54e1f81g", 1 },
		{ "", 1 },
	};
	char channel[128];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(channel, sizeof(channel), "<podcast:guid>%s</podcast:guid>", cases[i].value);
		expect_rule_with(t, ITUNES_CHANNEL, channel, "podcast-guid-format",
				 cases[i].errors);
	}
}

static void report_counts_and_frees(struct test_ctx *t)
{
	struct lint_report r;

	/* An empty channel fails errors and warnings alike; a second run appends. */
	if (lint_file(t, "bad-rss-root.xml", &r)) {
		const char *empty = "<rss version=\"2.0\"><channel/></rss>";

		EXPECT_INT(t, lint_feed(empty, strlen(empty), &r), PP_OK);
		EXPECT_INT(t, lint_count(&r, LINT_ERROR), 8);
		EXPECT_INT(t, lint_count(&r, LINT_WARNING), 2);
		EXPECT_INT(t, lint_count(&r, LINT_INFO), 0);
		EXPECT_STR(t, r.findings[0].rule_id, "rss-root");
	}
	lint_report_release(&r);
	EXPECT_NULL(t, r.findings);
	EXPECT_INT(t, r.count, 0);
	EXPECT_INT(t, r.alloc, 0);
	lint_report_release(&r);
	EXPECT_STR(t, lint_severity_name(LINT_ERROR), "error");
	EXPECT_STR(t, lint_severity_name(LINT_WARNING), "warning");
	EXPECT_STR(t, lint_severity_name(LINT_INFO), "info");
}

TEST_MAIN(TEST_CASE(good_feed_is_clean), TEST_CASE(each_bad_feed_fails_only_its_rule),
	  TEST_CASE(not_well_formed_stops_other_rules), TEST_CASE(parser_messages_are_one_line),
	  TEST_CASE(empty_input_is_not_well_formed), TEST_CASE(external_entities_are_not_loaded),
	  TEST_CASE(hostile_feeds_are_refused),
	  TEST_CASE(encoding_undeclared_utf16_is_reported), TEST_CASE(rss_root_variants),
	  TEST_CASE(required_text_must_not_be_blank), TEST_CASE(enclosure_attributes),
	  TEST_CASE(enclosure_types), TEST_CASE(guids_compare_trimmed_text),
	  TEST_CASE(pubdate_accepts_rfc2822), TEST_CASE(pubdate_rejects_others),
	  TEST_CASE(pubdate_seconds), TEST_CASE(pubdate_future_of_the_build),
	  TEST_CASE(durations), TEST_CASE(explicit_values), TEST_CASE(image_and_categories),
	  TEST_CASE(owner_email), TEST_CASE(description_length_counts_characters),
	  TEST_CASE(podcast_guid_forms), TEST_CASE(report_counts_and_frees))
