/* limits: time=120 memory=2048 */
#include "lint/lint.h"
#include "lint/lint_value.h"

#include <stdio.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#include "util.h"
#include "testhelp.h"

#define DATA "tests/data/lint/"
#define CORPUS "tests/data/feeds/"

/* A channel of a feed with the itunes and podcast namespaces declared. */
#define ITUNES_CHANNEL                                                                     \
	"<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" "  \
	"xmlns:podcast=\"https://podcastindex.org/namespace/1.0\"><channel>%s</channel></rss>"

/* A feed that fails exactly one rule, and the one finding it must give. */
struct bad_feed {
	const char *file;
	const char *rule;
	enum lint_severity severity;
	int line;
	const char *element; /* NULL: none */
	const char *message;
};

/* Bad feeds whose one defect two rules report: the second one's rule. */
static const struct {
	const char *file, *rule;
} second_findings[] = {
	/* Apple recommends the owner's email, Spotify requires it. */
	{ "bad-missing-owner-email.xml", "spotify-owner-email" },
	/* Apple recommends an author, Spotify takes no show live without one. */
	{ "bad-missing-author.xml", "spotify-author" },
	/* A version 4 guid cannot be the one the feed url gives either. */
	{ "bad-podcast-guid-version.xml", "podcast-guid-feed-url" },
};

static const char *second_rule(const char *file)
{
	for (size_t i = 0; i < sizeof(second_findings) / sizeof(second_findings[0]); i++)
		if (strcmp(second_findings[i].file, file) == 0)
			return second_findings[i].rule;
	return NULL;
}

static const struct bad_feed bad_feeds[] = {
	{ "bad-not-well-formed.xml", "xml-well-formed", LINT_ERROR, 35, NULL,
	  "Opening and ending tag mismatch: title line 35 and titel" },
	{ "bad-encoding.xml", "xml-encoding", LINT_ERROR, 1, NULL,
	  "declared encoding 'ISO-8859-1' is not UTF-8" },
	{ "bad-namespace-undeclared.xml", "xml-namespace-undeclared", LINT_ERROR, 27, NULL,
	  "Namespace prefix content on encoded is not defined" },
	{ "bad-namespace-uri.xml", "xml-namespace-uri", LINT_ERROR, 2, "rss/@xmlns:content",
	  "namespace 'http://purl.org/rss/1.0/modules/content' is not "
	  "'http://purl.org/rss/1.0/modules/content/': apps ignore every content: element under it" },
	{ "bad-control-chars.xml", "xml-control-chars", LINT_WARNING, 36, "description",
	  "text holds the control character U+0092: Windows-1252 text read as Latin-1? "
	  "apps show a box" },
	{ "bad-rss-root.xml", "rss-root", LINT_ERROR, 2, "rss", "rss version '0.92' is not '2.0'" },
	{ "bad-channel-required.xml", "rss-channel-required", LINT_ERROR, 3, "channel/link",
	  "missing required element <link>" },
	{ "bad-item-required.xml", "rss-item-required", LINT_ERROR, 34, "item[2]/title",
	  "missing required element <title>" },
	{ "bad-enclosure-attrs.xml", "rss-enclosure-attrs", LINT_ERROR, 28, "item[1]/enclosure",
	  "enclosure length '-5' is not a number of bytes (0 when unknown)" },
	{ "bad-enclosure-count.xml", "rss-enclosure-count", LINT_ERROR, 38, "item[2]/enclosure",
	  "item has more than one enclosure: apps play only the first" },
	{ "bad-url-absolute.xml", "rss-url-absolute", LINT_ERROR, 5, "channel/link",
	  "link '/podcast/' is not an absolute http or https url" },
	{ "bad-guid-permalink.xml", "rss-guid-permalink", LINT_ERROR, 38, "item[2]/guid",
	  "attribute 'isPermalink' is not 'isPermaLink': readers ignore it and take the guid "
	  "for a url" },
	{ "bad-guid-empty.xml", "rss-guid-empty", LINT_WARNING, 38, "item[2]/guid",
	  "guid is empty: apps fall back to the title or enclosure url, or merge episodes" },
	{ "bad-item-order.xml", "rss-item-order", LINT_WARNING, 39, "item[2]/pubDate",
	  "items are not newest first: item[2] is newer than item[1]" },
	{ "bad-atom-self.xml", "rss-atom-self", LINT_WARNING, 3, "channel/atom:link",
	  "missing atom:link rel=\"self\": apps cannot tell the feed's own url" },
	{ "bad-enclosure-duplicate.xml", "rss-enclosure-duplicate", LINT_ERROR, 37,
	  "item[2]/enclosure",
	  "enclosure url 'https://example.fi/podcast/media/jakso-02.mp3' is already item[1]'s: "
	  "apple podcasts skips an episode whose media it has seen" },
	{ "bad-http-media.xml", "rss-http-media", LINT_WARNING, 13, "channel/itunes:image",
	  "itunes:image 'http://example.fi/podcast/kansi.jpg' is plain http: use https" },
	{ "bad-guid-duplicate.xml", "rss-guid-unique", LINT_ERROR, 38, "item[2]/guid",
	  "guid 'jarjestotyon-aani-002' is already used by item[1]" },
	{ "bad-pubdate.xml", "rss-pubdate-format", LINT_ERROR, 39, "item[2]/pubDate",
	  "pubDate 'Wed, 25 Feb 2025 09:00:00 +0200' has the wrong day of the week: "
	  "that date is a Tuesday" },
	{ "bad-pubdate-future.xml", "rss-pubdate-future", LINT_WARNING, 30, "item[1]/pubDate",
	  "pubDate 'Tue, 11 Mar 2025 07:00:00 +0000' is later than the channel's lastBuildDate "
	  "'Wed, 05 Mar 2025 09:30:00 GMT': the item is dated in the future" },
	{ "bad-pubdate-clock.xml", "rss-pubdate-clock", LINT_WARNING, 30, "item[1]/pubDate",
	  "pubDate 'Tue, 04 Mar 2098 07:00:00 +0000' is after the clock ('Sun, 29 Nov 2026 "
	  "08:00:00 +0000'): the episode is out before its time, and apps may list it first or "
	  "hide it until then" },
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
	{ "bad-category-obsolete.xml", "apple-category-obsolete", LINT_WARNING, 15,
	  "channel/itunes:category",
	  "itunes:category 'Society & Culture > History' is from apple's list before 2019: "
	  "use 'History'" },
	{ "bad-category-unknown.xml", "apple-channel-category", LINT_ERROR, 15,
	  "channel/itunes:category/itunes:category",
	  "itunes:category 'Drama' is not a subcategory of 'Society & Culture'" },
	{ "bad-show-type.xml", "apple-show-type", LINT_ERROR, 18, "channel/itunes:type",
	  "itunes:type 'Episodic show' is not 'episodic' or 'serial'" },
	{ "bad-episode-type.xml", "apple-episode-type", LINT_ERROR, 41,
	  "item[2]/itunes:episodeType", "itunes:episodeType 'teaser' is not 'full', 'trailer' or 'bonus'" },
	{ "bad-episode-number.xml", "apple-episode-number", LINT_ERROR, 41, "item[2]/itunes:episode",
	  "itunes:episode '0' is not a whole number above zero" },
	{ "bad-serial-episode.xml", "apple-serial-episode", LINT_ERROR, 36, "item[2]/itunes:episode",
	  "missing itunes:episode: a serial show numbers every full episode" },
	{ "bad-serial-numbering.xml", "apple-serial-numbering", LINT_WARNING, 33,
	  "item[1]/itunes:episode", "season 1 skips from episode 1 to 3" },
	{ "bad-title-empty.xml", "apple-title-empty", LINT_ERROR, 41, "item[2]/itunes:title",
	  "itunes:title is empty: apple shows it instead of <title>" },
	{ "bad-block-complete.xml", "apple-block-complete", LINT_WARNING, 41, "item[2]/itunes:block",
	  "itunes:block 'true' is not 'Yes' or 'No': only 'Yes' has an effect" },
	{ "bad-new-feed-url.xml", "apple-new-feed-url", LINT_ERROR, 18, "channel/itunes:new-feed-url",
	  "itunes:new-feed-url 'feeds.example.fi/uusi.xml' is not an absolute http or https url: "
	  "apple cannot move the show" },
	{ "bad-enclosure-not-audio.xml", "spotify-enclosure-audio", LINT_WARNING, 37,
	  "item[2]/enclosure", "enclosure type 'application/pdf' is not audio: spotify skips the episode" },
	{ "bad-no-episodes.xml", "spotify-episodes", LINT_WARNING, 3, "channel/item",
	  "the feed has no item: spotify takes a show live with its first episode" },
	{ "bad-item-pubdate.xml", "spotify-item-pubdate", LINT_WARNING, 34, "item[2]/pubDate",
	  "missing pubDate: spotify does not take an episode live without one" },
	{ "bad-podcast-block.xml", "podcast-block", LINT_ERROR, 24, "channel/podcast:block",
	  "podcast:block 'true' is not 'yes' or 'no'" },
	{ "bad-podcast-block-id.xml", "podcast-block-id", LINT_WARNING, 24, "channel/podcast:block",
	  "podcast:block id 'Spotify' is not on the namespace's service slug list (spotify, apple, "
	  "youtube, amazon, ...): no platform knows it as its own" },
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
	{ "bad-podcast-alternate-enclosure.xml", "podcast-alternate-enclosure", LINT_ERROR, 41,
	  "item[2]/podcast:alternateEnclosure",
	  "podcast:alternateEnclosure has no podcast:source: nowhere to fetch it" },
	{ "bad-podcast-chapters.xml", "podcast-chapters", LINT_ERROR, 41,
	  "item[2]/podcast:chapters",
	  "podcast:chapters url 'jakso-01.json' is not an absolute http or https url" },
	{ "bad-podcast-funding.xml", "podcast-funding", LINT_ERROR, 24,
	  "channel/podcast:funding",
	  "podcast:funding has no url" },
	{ "bad-podcast-guid-feed-url.xml", "podcast-guid-feed-url", LINT_INFO, 22,
	  "channel/podcast:guid",
	  "podcast:guid '917393e3-1b1e-5cef-ace4-edaa54e1f810' is not "
	  "'ae02fd62-e165-5587-86fa-3ae80ae041b1', the one the feed url "
	  "'https://example.fi/podcast/feed.xml' gives: right only if the feed has moved since" },
	{ "bad-podcast-guid-version.xml", "podcast-guid-version", LINT_ERROR, 22,
	  "channel/podcast:guid",
	  "podcast:guid 'ae02fd62-e165-4587-86fa-3ae80ae041b1' is a version 4 uuid, not the "
	  "version 5 the namespace derives from the feed url" },
	{ "bad-podcast-itunes-numbers.xml", "podcast-itunes-numbers", LINT_WARNING, 42,
	  "item[2]/podcast:episode",
	  "podcast:episode '2' differs from itunes:episode '1': apps show one or the other" },
	{ "bad-podcast-license.xml", "podcast-license", LINT_ERROR, 24,
	  "channel/podcast:license",
	  "podcast:license url 'cc-by-4.0' is not an absolute http or https url" },
	{ "bad-podcast-location.xml", "podcast-location", LINT_ERROR, 24,
	  "channel/podcast:location",
	  "podcast:location geo 'geo:91,29.76' is not a geo uri like 'geo:62.6,29.76' (rfc "
	  "5870)" },
	{ "bad-podcast-locked-owner.xml", "podcast-locked-owner", LINT_WARNING, 23,
	  "channel/podcast:locked",
	  "podcast:locked says yes but names no owner: a host cannot verify who may move the "
	  "feed" },
	{ "bad-podcast-locked.xml", "podcast-locked", LINT_ERROR, 23,
	  "channel/podcast:locked",
	  "podcast:locked 'true' is not 'yes' or 'no'" },
	{ "bad-podcast-medium.xml", "podcast-medium", LINT_ERROR, 24,
	  "channel/podcast:medium",
	  "podcast:medium 'audio' is not one of podcast, music, video, film, audiobook, "
	  "newsletter, blog, publisher, course, their list forms (musicL) or mixed" },
	{ "bad-podcast-numbers.xml", "podcast-numbers", LINT_ERROR, 41,
	  "item[2]/podcast:episode",
	  "podcast:episode 'yksi' is not a number like '4' or '204.5'" },
	{ "bad-podcast-parent.xml", "podcast-parent", LINT_ERROR, 24,
	  "channel/podcast:season",
	  "podcast:season belongs in <item>, not in <channel>" },
	{ "bad-podcast-person-role.xml", "podcast-person-role", LINT_WARNING, 41,
	  "item[2]/podcast:person",
	  "podcast:person role 'juontaja' is not in the podcast taxonomy (podcasttaxonomy.com):"
	  " host, guest, producer, ..." },
	{ "bad-podcast-person.xml", "podcast-person", LINT_ERROR, 41,
	  "item[2]/podcast:person",
	  "podcast:person href 'www.example.fi/asa' is not an absolute http or https url" },
	{ "bad-podcast-podroll.xml", "podcast-podroll", LINT_ERROR, 25,
	  "channel/podcast:podroll/podcast:remoteItem",
	  "podcast:remoteItem has no feedGuid" },
	{ "bad-podcast-trailer.xml", "podcast-trailer", LINT_ERROR, 24,
	  "channel/podcast:trailer",
	  "podcast:trailer has no pubdate" },
	{ "bad-podcast-transcript.xml", "podcast-transcript", LINT_ERROR, 41,
	  "item[2]/podcast:transcript",
	  "podcast:transcript type 'vtt' is not a media type like 'text/vtt' or "
	  "'application/x-subrip'" },
	{ "bad-podcast-txt.xml", "podcast-txt", LINT_ERROR, 24,
	  "channel/podcast:txt",
	  "podcast:txt is empty" },
	{ "bad-podcast-update-frequency.xml", "podcast-update-frequency", LINT_ERROR, 24,
	  "channel/podcast:updateFrequency",
	  "podcast:updateFrequency rrule 'WEEKLY' is not an rfc 5545 recurrence rule like "
	  "'FREQ=WEEKLY'" },
	{ "bad-podcast-value.xml", "podcast-value", LINT_ERROR, 24,
	  "channel/podcast:value",
	  "podcast:value has no podcast:valueRecipient: nobody to pay" },
	{ "bad-image-format.xml", "apple-image-format", LINT_WARNING, 13, "channel/itunes:image",
	  "itunes:image 'https://example.fi/podcast/kansi.webp?v=2' does not end in .jpg, .jpeg or "
	  ".png" },
	{ "bad-language-code.xml", "rss-language-code", LINT_WARNING, 7, "channel/language",
	  "language 'Finnish' is not a language code like 'fi' or 'en-US'" },
	{ "bad-description-html.xml", "rss-description-html", LINT_ERROR, 26, "item[1]/description",
	  "description holds a raw <b> element: escape the html or wrap it in <![CDATA[ ]]>" },
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
#define CORPUS_NOW 1795939200LL /* Sun, 29 Nov 2026 08:00:00 +0000 */

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
	/* As of a fixed time, so rss-pubdate-clock's message stays the same. */
	res = lint_feed_from(xml, len, NULL, CORPUS_NOW, r);
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

/* The corpus of good feeds shaped like real hosts' (tests/data/feeds): no
 * errors, and exactly the warnings each one's defects call for. Every file
 * there must be listed, so a new feed cannot go untested. */
static const struct {
	const char *file;
	const char *warnings; /* the rules that warn, in report order, space-separated */
} corpus[] = {
	{ "anchor-like.xml", "" },
	{ "buzzsprout-like.xml", "" },
	{ "castopod-like.xml", "" },
	{ "libsyn-like.xml", "rss-http-media rss-http-media rss-http-media apple-explicit-legacy "
			     "apple-category-obsolete apple-category-obsolete apple-category-obsolete" },
	{ "podcastindex-like.xml", "" },
};

static void corpus_of_real_shapes_has_no_errors(struct test_ctx *t)
{
	DIR *dir = opendir(CORPUS);
	struct dirent *entry;
	size_t seen = 0;

	EXPECT(t, dir != NULL);
	while (dir && (entry = readdir(dir))) {
		size_t i = 0, len = strlen(entry->d_name);
		int failures = t->failures;
		struct lint_report r;
		char path[512];
		struct buf got;

		if (len < 4 || strcmp(entry->d_name + len - 4, ".xml") != 0)
			continue;
		while (i < sizeof(corpus) / sizeof(corpus[0]) && strcmp(corpus[i].file, entry->d_name))
			i++;
		if (i == sizeof(corpus) / sizeof(corpus[0])) {
			t->failures++;
			printf("#   %s%s is not in the corpus table\n", CORPUS, entry->d_name);
			continue;
		}
		seen++;
		/* lint_file reads under DATA. */
		snprintf(path, sizeof(path), "../feeds/%s", entry->d_name);
		if (!lint_file(t, path, &r))
			continue;
		buf_init(&got);
		for (size_t j = 0; j < r.count; j++)
			if (r.findings[j].severity == LINT_WARNING)
				EXPECT(t, buf_puts(&got, got.len ? " " : "") == PP_OK &&
					      buf_puts(&got, r.findings[j].rule_id) == PP_OK);
		EXPECT_INT(t, lint_count(&r, LINT_ERROR), 0);
		EXPECT_STR(t, got.len ? got.data : "", corpus[i].warnings);
		if (t->failures != failures) {
			printf("#   in %s%s, which gave:\n", CORPUS, entry->d_name);
			print_findings(&r);
		}
		buf_release(&got);
		lint_report_release(&r);
	}
	if (dir)
		closedir(dir);
	EXPECT_INT(t, seen, sizeof(corpus) / sizeof(corpus[0]));
}

/* rss-pubdate-clock compares with the time it is given, and with none at 0
 * (a build's preview holds scheduled episodes on purpose). */
static void clock_rule_follows_the_time_given(struct test_ctx *t)
{
	char *xml = NULL;
	size_t len = 0;
	struct lint_report r;
	const long long times[] = { 0, 4070908800LL /* 2099 */, CORPUS_NOW };
	const size_t want[] = { 0, 0, 1 };

	EXPECT_INT(t, pp_read_file(DATA "bad-pubdate-clock.xml", &xml, &len), PP_OK);
	for (size_t i = 0; xml && i < sizeof(times) / sizeof(times[0]); i++) {
		lint_report_init(&r);
		EXPECT_INT(t, lint_feed_from(xml, len, NULL, times[i], &r), PP_OK);
		EXPECT_INT(t, count_rule_in(&r, "rss-pubdate-clock"), want[i]);
		lint_report_release(&r);
	}
	free(xml);
}

static void each_bad_feed_fails_only_its_rule(struct test_ctx *t)
{
	for (size_t i = 0; i < sizeof(bad_feeds) / sizeof(bad_feeds[0]); i++) {
		const struct bad_feed *b = &bad_feeds[i];
		int failures = t->failures;
		struct lint_report r;

		const char *also = second_rule(b->file);

		if (lint_file(t, b->file, &r)) {
			EXPECT_INT(t, r.count, also ? 2 : 1);
		}
		if (also && r.count >= 2)
			EXPECT_STR(t, r.findings[1].rule_id, also);
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
	/* An undeclared prefix breaks namespace well-formedness: its own rule. */
	EXPECT_INT(t, count_rule(t, "<rss version=\"2.0\"><channel><itunes:image/></channel></rss>",
				 "xml-namespace-undeclared"),
		   1);
	EXPECT_INT(t, count_rule(t, "<rss version=\"2.0\"><channel><x a:b=\"1\"/></channel></rss>",
				 "xml-namespace-undeclared"),
		   1);
}

#define NS_FEED "<rss version=\"2.0\" %s><channel/></rss>"

static void namespace_uris_are_exact(struct test_ctx *t)
{
	static const struct {
		const char *decl;
		size_t errors;
	} cases[] = {
		{ "xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"", 0 },
		{ "xmlns:podcast=\"https://podcastindex.org/namespace/1.0\"", 0 },
		/* The namespace's second URI, used by its authors' own feeds. */
		{ "xmlns:podcast=\"https://github.com/Podcastindex-org/podcast-namespace/blob/main/"
		  "docs/1.0.md\"",
		  0 },
		{ "xmlns:atom=\"http://www.w3.org/2005/Atom\"", 0 },
		{ "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"", 0 },
		{ "xmlns:media=\"http://search.yahoo.com/mrss/\"", 0 },
		{ "xmlns:googleplay=\"http://www.google.com/schemas/play-podcasts/1.0\"", 0 },
		{ "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"", 0 },
		{ "xmlns:itunes=\"http://www.itunes.com/DTDs/Podcast-1.0.dtd\"", 1 },
		{ "xmlns:itunes=\"https://www.itunes.com/dtds/podcast-1.0.dtd\"", 1 },
		{ "xmlns:itunes=\"http://itunes.com/dtds/podcast-1.0.dtd\"", 1 },
		{ "xmlns:itunes=\"http://www.itunes.com/dtd/podcast-1.0.dtd\"", 1 },
		{ "xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd/\"", 1 },
		{ "xmlns:podcast=\"https://podcastindex.org/namespace/1.0/\"", 1 },
		{ "xmlns:podcast=\"http://podcastindex.org/namespace/1.0\"", 1 },
		{ "xmlns:podcast=\"https://podcastindex.org/Namespace/1.0\"", 1 },
		{ "xmlns:atom=\"http://www.w3.org/2005/Atom/\"", 1 },
		{ "xmlns:atom=\"https://www.w3.org/2005/atom\"", 1 },
		{ "xmlns:content=\"http://purl.org/rss/1.0/modules/content\"", 1 },
		/* A default namespace is checked too. */
		{ "xmlns=\"http://www.w3.org/2005/Atom/\"", 1 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_rule_with(t, NS_FEED, cases[i].decl, "xml-namespace-uri", cases[i].errors);
	/* Declared deeper than the root. */
	EXPECT_INT(t, count_rule(t, "<rss version=\"2.0\"><channel><a:link "
				    "xmlns:a=\"http://www.w3.org/2005/Atom/\"/></channel></rss>",
				 "xml-namespace-uri"),
		   1);
}

static void podcast_namespace_has_two_uris(struct test_ctx *t)
{
	/* Rules see podcast: elements under either URI. */
	static const char feed[] =
	    "<rss version=\"2.0\" xmlns:podcast=\"%s\"><channel>"
	    "<podcast:guid>not a uuid</podcast:guid></channel></rss>";

	expect_rule_with(t, feed, "https://podcastindex.org/namespace/1.0", "podcast-guid-format", 1);
	expect_rule_with(t, feed,
			 "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md",
			 "podcast-guid-format", 1);
	expect_rule_with(t, feed, "https://example.com/other", "podcast-guid-format", 0);
}

#define TEXT_FEED "<rss version=\"2.0\"><channel><title>%s</title></channel></rss>"

static void control_characters(struct test_ctx *t)
{
	static const struct {
		const char *text;
		size_t warnings;
	} cases[] = {
		{ "Ääni \xe2\x80\x99quoted\xe2\x80\x99 \xf0\x9f\x8e\x99", 0 },
		{ "tab\tand\nnewline", 0 },
		{ "&#xA0;&#xFFFD;", 0 },
		{ "it\xc2\x92s", 1 },
		{ "&#x92;", 1 },
		{ "&#x7F;", 1 },
		{ "&#xFFFE;", 0 }, /* not a character at all: the parser refuses it */
		{ "&#xFDD0;", 1 },
		{ "&#x1FFFF;", 1 },
		{ "<![CDATA[\xc2\x80]]>", 1 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_rule_with(t, TEXT_FEED, cases[i].text, "xml-control-chars", cases[i].warnings);
	EXPECT_INT(t, count_rule(t, "<rss version=\"2.0\"><channel><link a=\"&#x85;\"/></channel></rss>",
				 "xml-control-chars"),
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

/* An external DTD or parameter entity is never fetched: were either read,
 * the not-well-formed feed they name would fail the document. */
static void external_dtds_are_not_loaded(struct test_ctx *t)
{
	static const char *const heads[] = {
		"<!DOCTYPE rss SYSTEM \"" DATA "bad-not-well-formed.xml\">",
		"<!DOCTYPE rss [<!ENTITY % p SYSTEM \"" DATA "bad-not-well-formed.xml\"> %p;]>",
		"<!DOCTYPE rss PUBLIC \"-//x//y\" \"http://127.0.0.1:9/none.dtd\">",
	};
	static const char feed[] = "%s\n<rss version=\"2.0\"><channel><title>t</title>"
				   "<link>https://a.example/</link><description>d</description>"
				   "</channel></rss>";

	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		expect_rule_with(t, feed, heads[i], "xml-well-formed", 0);
		expect_rule_with(t, feed, heads[i], "rss-channel-required", 0);
	}
}

static void xinclude_is_not_processed(struct test_ctx *t)
{
	/* Processed, the title would hold the included file. */
	EXPECT_INT(t, count_rule(t, "<rss version=\"2.0\" xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
				    "<channel><title><xi:include parse=\"text\" href=\"" DATA "good.xml\"/>"
				    "</title><link>https://a.example/</link><description>d</description>"
				    "</channel></rss>",
				 "rss-channel-required"),
		   1);
}

/* Entity declarations are refused before parsing and nesting is bounded by
 * the parser: such documents fail quickly, and no rule walks them. */
static void hostile_documents_fail_cleanly(struct test_ctx *t)
{
	struct buf xml;
	char entity[64];
	struct lint_report r;

	buf_init(&xml);
	EXPECT(t, buf_puts(&xml, "<!DOCTYPE rss [<!ENTITY e0 \"lol\">") == PP_OK);
	for (int i = 1; i <= 9; i++) {
		snprintf(entity, sizeof(entity), "<!ENTITY e%d \"", i);
		EXPECT(t, buf_puts(&xml, entity) == PP_OK);
		for (int j = 0; j < 10; j++) {
			snprintf(entity, sizeof(entity), "&e%d;", i - 1);
			EXPECT(t, buf_puts(&xml, entity) == PP_OK);
		}
		EXPECT(t, buf_puts(&xml, "\">") == PP_OK);
	}
	EXPECT(t, buf_puts(&xml, "]><rss version=\"2.0\"><channel><title>&e9;</title></channel></rss>") ==
		      PP_OK);
	lint_report_init(&r);
	EXPECT_INT(t, lint_feed(xml.data, xml.len, &r), PP_OK);
	EXPECT_CMP(t, r.count, >=, 1);
	EXPECT_INT(t, lint_count(&r, LINT_ERROR), r.count);
	/* Refused before libxml2 sees it: entity declarations (hardening). */
	for (size_t i = 0; i < r.count; i++)
		EXPECT_STR(t, r.findings[i].rule_id, "xml-no-entities");
	lint_report_release(&r);
	buf_release(&xml);

	/* Nested far deeper than any feed. */
	buf_init(&xml);
	EXPECT(t, buf_puts(&xml, "<rss version=\"2.0\"><channel>") == PP_OK);
	for (int i = 0; i < 20000; i++)
		EXPECT(t, buf_puts(&xml, "<a>") == PP_OK);
	for (int i = 0; i < 20000; i++)
		EXPECT(t, buf_puts(&xml, "</a>") == PP_OK);
	EXPECT(t, buf_puts(&xml, "</channel></rss>") == PP_OK);
	lint_report_init(&r);
	EXPECT_INT(t, lint_feed(xml.data, xml.len, &r), PP_OK);
	EXPECT_CMP(t, r.count, >=, 1);
	for (size_t i = 0; i < r.count; i++)
		EXPECT_STR(t, r.findings[i].rule_id, "xml-well-formed");
	lint_report_release(&r);
	buf_release(&xml);
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
		/* 0 when the size is unknown (RSS Best Practices Profile; Megaphone). */
		"<enclosure url=\"https://a.example/x.mp3\" length=\"0\" type=\"audio/mpeg\"/>",
	};
	static const char *const bad[] = {
		"<enclosure url=\"/media/x.mp3\" length=\"1\" type=\"audio/mpeg\"/>",
		"<enclosure url=\"ftp://a.example/x.mp3\" length=\"1\" type=\"audio/mpeg\"/>",
		"<enclosure url=\"https:///x.mp3\" length=\"1\" type=\"audio/mpeg\"/>",
		"<enclosure url=\"https://a.example/my file.mp3\" length=\"1\" type=\"audio/mpeg\"/>",
		"<enclosure url=\"https://a.example/x.mp3\" length=\"-1\" type=\"audio/mpeg\"/>",
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

static void one_enclosure_per_item(struct test_ctx *t)
{
	static const char one[] = "<enclosure url=\"https://a.example/1.mp3\" length=\"1\" "
				  "type=\"audio/mpeg\"/>";
	static const char two[] = "<enclosure url=\"https://a.example/1.mp3\" length=\"1\" "
				  "type=\"audio/mpeg\"/><enclosure url=\"https://a.example/1.m4a\" "
				  "length=\"1\" type=\"audio/x-m4a\"/>";

	expect_rule_with(t, ENCLOSURE_FEED, one, "rss-enclosure-count", 0);
	expect_rule_with(t, ENCLOSURE_FEED, two, "rss-enclosure-count", 1);
	expect_rule_with(t, ENCLOSURE_FEED, "", "rss-enclosure-count", 0);
}

static void urls_are_absolute(struct test_ctx *t)
{
	static const struct {
		const char *xml;
		size_t errors;
	} cases[] = {
		{ "<link>https://a.example/</link><docs>https://www.rssboard.org/rss-specification</docs>"
		  "<image><url>https://a.example/i.png</url><link>https://a.example/</link></image>",
		  0 },
		{ "<link></link>", 0 }, /* rss-channel-required's */
		{ "<link>a.example</link>", 1 },
		{ "<docs>rss-specification</docs>", 1 },
		{ "<image><url>i.png</url><link>/</link></image>", 2 },
		{ "<item><link>https://a.example/1</link><comments>https://a.example/1#c</comments>"
		  "<source url=\"https://b.example/feed\">B</source></item>",
		  0 },
		{ "<item><link>1.html</link><comments>#c</comments><source url=\"feed\">B</source>"
		  "</item>",
		  3 },
		{ "<item><link>https://a.example/1</link><link>mailto:x@a.example</link></item>", 1 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_rule_with(t, ITUNES_CHANNEL, cases[i].xml, "rss-url-absolute", cases[i].errors);
}

#define GUID_FEED "<rss version=\"2.0\"><channel><item>%s</item></channel></rss>"

static void guid_permalinks(struct test_ctx *t)
{
	static const struct {
		const char *guid;
		size_t errors, infos;
	} cases[] = {
		{ "<guid isPermaLink=\"false\">Buzzsprout-123</guid>", 0, 0 },
		{ "<guid isPermaLink=\"true\">https://a.example/1</guid>", 0, 0 },
		{ "<guid>https://a.example/1</guid>", 0, 0 },
		{ "<guid>tag:a.example,2025:1</guid>", 0, 1 },
		{ "<guid isPermaLink=\"true\">a-1</guid>", 1, 0 },
		{ "<guid isPermaLink=\"False\">a-1</guid>", 1, 0 },
		{ "<guid isPermaLink=\"no\">a-1</guid>", 1, 0 },
		{ "<guid ispermalink=\"false\">a-1</guid>", 1, 0 },
		{ "<guid IsPermaLink=\"false\">https://a.example/1</guid>", 1, 0 },
		{ "<guid isPermaLink=\"true\"></guid>", 0, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		expect_rule_with(t, GUID_FEED, cases[i].guid, "rss-guid-permalink", cases[i].errors);
		expect_rule_with(t, GUID_FEED, cases[i].guid, "rss-guid-permalink-implied",
				 cases[i].infos);
	}
}

static void empty_guids(struct test_ctx *t)
{
	static const char feed[] = "<rss version=\"2.0\"><channel><item><guid>%s</guid></item>"
				   "<item><guid> </guid></item></channel></rss>";

	/* One empty guid is a warning; two are also duplicates of each other. */
	expect_rule_with(t, feed, "a", "rss-guid-empty", 1);
	expect_rule_with(t, feed, "a", "rss-guid-unique", 0);
	expect_rule_with(t, feed, "", "rss-guid-empty", 2);
	expect_rule_with(t, feed, "", "rss-guid-unique", 1);
	EXPECT_INT(t, count_rule(t, "<rss version=\"2.0\"><channel><item><guid/></item><item/>"
				    "<item><guid/></item><item><guid/></item></channel></rss>",
				 "rss-guid-unique"),
		   2);
}

#define ORDER_FEED                                                                         \
	"<rss version=\"2.0\"><channel><item><pubDate>%s</pubDate></item>"                  \
	"<item/><item><pubDate>bad</pubDate></item>"                                           \
	"<item><pubDate>Tue, 04 Mar 2025 07:00:00 +0000</pubDate></item></channel></rss>"

static void items_newest_first(struct test_ctx *t)
{
	static const struct {
		const char *date;
		size_t warnings;
	} cases[] = {
		{ "Tue, 04 Mar 2025 07:00:01 +0000", 0 },
		{ "Tue, 04 Mar 2025 07:00:00 +0000", 0 }, /* the same time is in order */
		{ "Tue, 04 Mar 2025 08:00:00 +0100", 0 },
		{ "Tue, 04 Mar 2025 02:00:00 EST", 0 },
		{ "Tue, 04 Mar 2025 07:00:00 -0000", 0 },
		{ "Tue, 04 Mar 2025 06:59:59 GMT", 1 },
		{ "Tue, 04 Mar 2025 08:00:00 +0200", 1 },
		{ "Tue, 04 Mar 2025 01:59:59 EST", 1 },
		{ "Mon, 04 Mar 2024 07:00:00 +0000", 1 },
		{ "Wed, 04 Mar 2025 07:00:00 +0000", 0 }, /* wrong weekday: still a time */
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_rule_with(t, ORDER_FEED, cases[i].date, "rss-item-order", cases[i].warnings);
	/* One finding however many items are out of order. */
	EXPECT_INT(t, count_rule(t, "<rss version=\"2.0\"><channel>"
				    "<item><pubDate>01 Jan 2020 00:00 GMT</pubDate></item>"
				    "<item><pubDate>01 Jan 2021 00:00 GMT</pubDate></item>"
				    "<item><pubDate>01 Jan 2022 00:00 GMT</pubDate></item>"
				    "</channel></rss>",
				 "rss-item-order"),
		   1);
}

static void feed_size(struct test_ctx *t)
{
	/* 10 MiB and a little of small elements, each of them well within
	 * the parser's limits. */
	static const char head[] = "<rss version=\"2.0\"><channel>";
	static const char tail[] = "</channel></rss>";
	const size_t element = 1000, count = 10 * 1049 + 100;
	size_t len = strlen(head) + count * element + strlen(tail);
	char *xml = malloc(len + 1), *p = xml;

	EXPECT(t, xml != NULL);
	if (!xml)
		return;
	memcpy(p, head, strlen(head));
	p += strlen(head);
	for (size_t i = 0; i < count; i++, p += element) {
		memset(p, 'a', element);
		memcpy(p, "<x>", 3);
		memcpy(p + element - 4, "</x>", 4);
	}
	memcpy(p, tail, strlen(tail) + 1);
	EXPECT_CMP(t, strlen(xml), >, 10 * 1024 * 1024);
	EXPECT_INT(t, count_rule(t, xml, "rss-feed-size"), 1);
	EXPECT_INT(t, count_rule(t, head, "rss-feed-size"), 0);
	free(xml);
}

#define SELF_FEED                                                                          \
	"<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>%s</channel></rss>"

static void atom_self_link(struct test_ctx *t)
{
	static const struct {
		const char *xml;
		size_t warnings;
	} cases[] = {
		{ "<atom:link href=\"https://a.example/feed.xml\" rel=\"self\" "
		  "type=\"application/rss+xml\"/>",
		  0 },
		{ "<atom:link rel=\"hub\" href=\"https://pubsubhubbub.appspot.com/\"/>"
		  "<atom:link rel=\"self\" href=\"https://a.example/feed.xml\"/>",
		  0 },
		{ "", 1 },
		{ "<atom:link rel=\"alternate\" href=\"https://a.example/\"/>", 1 },
		{ "<atom:link rel=\"self\"/>", 1 },
		{ "<atom:link rel=\"self\" href=\"feed.xml\"/>", 1 },
		{ "<link rel=\"self\" href=\"https://a.example/feed.xml\"/>", 1 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_rule_with(t, SELF_FEED, cases[i].xml, "rss-atom-self", cases[i].warnings);
}

static void enclosure_urls_are_unique(struct test_ctx *t)
{
	static const char feed[] =
	    "<rss version=\"2.0\"><channel>"
	    "<item><enclosure url=\"https://a.example/1.mp3\"/></item><item/>"
	    "<item><enclosure url=\"%s\"/></item></channel></rss>";

	expect_rule_with(t, feed, "https://a.example/2.mp3", "rss-enclosure-duplicate", 0);
	expect_rule_with(t, feed, "https://a.example/1.mp3", "rss-enclosure-duplicate", 1);
	expect_rule_with(t, feed, " https://a.example/1.mp3 ", "rss-enclosure-duplicate", 1);
	expect_rule_with(t, feed, "", "rss-enclosure-duplicate", 0);
}

static void media_over_https(struct test_ctx *t)
{
	static const struct {
		const char *xml;
		size_t warnings;
	} cases[] = {
		{ "<itunes:image href=\"https://a.example/i.jpg\"/><image><url>https://a.example/i.jpg"
		  "</url></image><item><enclosure url=\"https://a.example/1.mp3\"/>"
		  "<itunes:image href=\"https://a.example/1.jpg\"/></item>",
		  0 },
		{ "<itunes:image href=\"HTTP://a.example/i.jpg\"/>", 1 },
		{ "<image><url>http://a.example/i.jpg</url></image>", 1 },
		{ "<item><enclosure url=\"http://a.example/1.mp3\"/>"
		  "<itunes:image href=\"http://a.example/1.jpg\"/></item>",
		  2 },
		{ "<link>http://a.example/</link>", 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_rule_with(t, ITUNES_CHANNEL, cases[i].xml, "rss-http-media", cases[i].warnings);
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
		EXPECT(t, lint_value_rfc2822_time(cases[i].date, &got));
		EXPECT_INT(t, got, cases[i].seconds);
	}
	EXPECT(t, lint_value_rfc2822_time("Wed, 04 Mar 2025 07:00:00 +0000", &got)); /* a wrong weekday is forgiven */
	EXPECT(t, !lint_value_rfc2822_time("2025-03-04", &got));
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

static void categories_from_apples_list(struct test_ctx *t)
{
	static const struct {
		const char *xml;
		size_t errors, obsolete;
	} cases[] = {
		{ "<itunes:category text=\"Technology\"/>", 0, 0 },
		{ "<itunes:category text=\"News\"><itunes:category text=\"Tech News\"/>"
		  "<itunes:category text=\"Politics\"/></itunes:category>"
		  "<itunes:category text=\"Leisure\"/>",
		  0, 0 },
		{ "<itunes:category text=\"Tecnology\"/>", 1, 0 },
		{ "<itunes:category text=\"technology\"/>", 1, 0 },
		{ "<itunes:category text=\"Politics\"/>", 1, 0 },
		{ "<itunes:category text=\"Arts\"><itunes:category text=\"Politics\"/>"
		  "</itunes:category>",
		  1, 0 },
		/* Pre-2019 names: Apple maps them, so a warning, not an error. */
		{ "<itunes:category text=\"Games &amp; Hobbies\"/>", 0, 1 },
		{ "<itunes:category text=\"Games &amp; Hobbies\"><itunes:category "
		  "text=\"Video Games\"/></itunes:category>",
		  0, 2 },
		{ "<itunes:category text=\"Science &amp; Medicine\"/>", 0, 1 },
		{ "<itunes:category text=\"Technology\"><itunes:category text=\"Software How-To\"/>"
		  "</itunes:category>",
		  0, 1 },
		{ "<itunes:category text=\"Technology\"><itunes:category text=\"Podcasting\"/>"
		  "</itunes:category>",
		  0, 1 },
		{ "<itunes:category text=\"Business\"><itunes:category text=\"Management &amp; "
		  "Marketing\"/></itunes:category>",
		  0, 1 },
		{ "<itunes:category text=\"Science &amp; Medicine\"><itunes:category "
		  "text=\"Quantum\"/></itunes:category>",
		  0, 1 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		expect_rule_with(t, ITUNES_CHANNEL, cases[i].xml, "apple-channel-category",
				 cases[i].errors);
		expect_rule_with(t, ITUNES_CHANNEL, cases[i].xml, "apple-category-obsolete",
				 cases[i].obsolete);
	}
}

#define ITEM_FEED                                                                          \
	"<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">"  \
	"<channel><item>%s</item></channel></rss>"

static void itunes_values(struct test_ctx *t)
{
	static const struct {
		const char *xml, *rule;
		size_t count;
	} cases[] = {
		{ "<itunes:episodeType>full</itunes:episodeType>", "apple-episode-type", 0 },
		{ "<itunes:episodeType>trailer</itunes:episodeType>", "apple-episode-type", 0 },
		{ "<itunes:episodeType>Bonus</itunes:episodeType>", "apple-episode-type", 0 },
		{ "<itunes:episodeType></itunes:episodeType>", "apple-episode-type", 1 },
		{ "<itunes:episodeType>episode</itunes:episodeType>", "apple-episode-type", 1 },
		{ "<itunes:episode>12</itunes:episode><itunes:season>3</itunes:season>",
		  "apple-episode-number", 0 },
		{ "<itunes:episode>0</itunes:episode><itunes:season>0</itunes:season>",
		  "apple-episode-number", 2 },
		{ "<itunes:episode>1.5</itunes:episode>", "apple-episode-number", 1 },
		{ "<itunes:episode>#1</itunes:episode>", "apple-episode-number", 1 },
		{ "<itunes:season>-1</itunes:season>", "apple-episode-number", 1 },
		{ "<itunes:title>Jakso 1</itunes:title>", "apple-title-empty", 0 },
		{ "<itunes:title/>", "apple-title-empty", 1 },
		{ "", "apple-title-empty", 0 },
		{ "<itunes:block>Yes</itunes:block>", "apple-block-complete", 0 },
		{ "<itunes:block>yes</itunes:block>", "apple-block-complete", 0 },
		{ "<itunes:block>No</itunes:block>", "apple-block-complete", 0 },
		{ "<itunes:block>true</itunes:block>", "apple-block-complete", 1 },
		{ "<itunes:block></itunes:block>", "apple-block-complete", 1 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_rule_with(t, ITEM_FEED, cases[i].xml, cases[i].rule, cases[i].count);
	expect_rule_with(t, ITUNES_CHANNEL, "<itunes:type>serial</itunes:type>", "apple-show-type", 0);
	expect_rule_with(t, ITUNES_CHANNEL, "<itunes:type>Episodic</itunes:type>", "apple-show-type",
			 0);
	expect_rule_with(t, ITUNES_CHANNEL, "<itunes:type>series</itunes:type>", "apple-show-type",
			 1);
	expect_rule_with(t, ITUNES_CHANNEL, "<itunes:complete>Yes</itunes:complete>",
			 "apple-block-complete", 0);
	expect_rule_with(t, ITUNES_CHANNEL, "<itunes:complete>1</itunes:complete>",
			 "apple-block-complete", 1);
	expect_rule_with(t, ITUNES_CHANNEL, "<itunes:title></itunes:title>", "apple-title-empty", 1);
	expect_rule_with(t, ITUNES_CHANNEL,
			 "<itunes:new-feed-url>https://a.example/new.xml</itunes:new-feed-url>",
			 "apple-new-feed-url", 0);
	expect_rule_with(t, ITUNES_CHANNEL, "<itunes:new-feed-url>new.xml</itunes:new-feed-url>",
			 "apple-new-feed-url", 1);
	expect_rule_with(t, ITUNES_CHANNEL, "<itunes:new-feed-url/>", "apple-new-feed-url", 1);
}

#define SERIAL_FEED                                                                        \
	"<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">"  \
	"<channel><itunes:type>serial</itunes:type>%s</channel></rss>"
#define EP(season, episode)                                                                \
	"<item><itunes:season>" #season "</itunes:season><itunes:episode>" #episode            \
	"</itunes:episode></item>"

static void serial_numbering(struct test_ctx *t)
{
	static const struct {
		const char *items;
		size_t missing, warnings;
	} cases[] = {
		{ EP(1, 3) EP(1, 2) EP(1, 1), 0, 0 },
		/* Each season counts on its own; order in the feed does not matter. */
		{ EP(2, 2) EP(1, 2) EP(2, 1) EP(1, 1), 0, 0 },
		{ "<item><itunes:episode>2</itunes:episode></item>"
		  "<item><itunes:episode>1</itunes:episode></item>",
		  0, 0 },
		{ EP(1, 4) EP(1, 2) EP(1, 1), 0, 1 },
		{ EP(1, 2) EP(1, 2) EP(1, 1), 0, 1 },
		{ EP(1, 5) EP(1, 2) EP(1, 2), 0, 2 },
		/* Trailers and bonus episodes need no number and break no count. */
		{ "<item><itunes:episodeType>trailer</itunes:episodeType></item>"
		  "<item><itunes:episodeType>bonus</itunes:episodeType><itunes:episode>1"
		  "</itunes:episode></item>" EP(1, 1),
		  0, 0 },
		{ "<item/>" EP(1, 1), 1, 0 },
		{ "<item><itunes:episodeType>full</itunes:episodeType></item>", 1, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		expect_rule_with(t, SERIAL_FEED, cases[i].items, "apple-serial-episode",
				 cases[i].missing);
		expect_rule_with(t, SERIAL_FEED, cases[i].items, "apple-serial-numbering",
				 cases[i].warnings);
	}
	/* An episodic show may number as it likes. */
	expect_rule_with(t, ITUNES_CHANNEL, "<itunes:type>episodic</itunes:type><item/>" EP(1, 5),
			 "apple-serial-episode", 0);
	expect_rule_with(t, ITUNES_CHANNEL, "<itunes:type>episodic</itunes:type><item/>" EP(1, 5),
			 "apple-serial-numbering", 0);
}

static void spotify_takes_audio(struct test_ctx *t)
{
	static const struct {
		const char *type;
		size_t warnings;
	} cases[] = {
		{ "audio/mpeg", 0 }, { "audio/x-m4a", 0 }, { "audio/ogg", 0 },
		{ "video/mp4", 1 },  { "application/pdf", 1 }, { "text/html", 0 },
	};
	char enclosure[128];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(enclosure, sizeof(enclosure),
			 "<enclosure url=\"https://a.example/x\" length=\"1\" type=\"%s\"/>",
			 cases[i].type);
		expect_rule_with(t, ENCLOSURE_FEED, enclosure, "spotify-enclosure-audio",
				 cases[i].warnings);
	}
}

static void owner_email(struct test_ctx *t)
{
	/* Spotify requires what Apple recommends: the same cases, as an error. */
	expect_rule_with(t, ITUNES_CHANNEL, "", "spotify-owner-email", 1);
	expect_rule_with(t, ITUNES_CHANNEL, "<itunes:owner/>", "spotify-owner-email", 1);
	expect_rule_with(t, ITUNES_CHANNEL,
			 "<itunes:owner><itunes:email>a@b.fi</itunes:email></itunes:owner>",
			 "spotify-owner-email", 0);
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

#define P20_FEED                                                                           \
	"<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" "  \
	"xmlns:podcast=\"https://podcastindex.org/namespace/1.0\" "                          \
	"xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>%s</channel></rss>"

/* Each Podcasting 2.0 tag: uses that pass and uses that fail, in a channel
 * or an item as the tag wants. */
static void podcast_tags(struct test_ctx *t)
{
	static const struct {
		const char *xml, *rule;
		size_t count;
	} cases[] = {
		{ "<podcast:guid>ead4c236-bf58-58c6-a2c6-a6b28d128cb6</podcast:guid>",
		  "podcast-guid-version", 0 },
		{ "<podcast:guid>c9a7dfd0-6b1e-4fa4-9ec6-4b6ab6a1f7d1</podcast:guid>",
		  "podcast-guid-version", 1 },
		{ "<podcast:guid>ead4c236-bf58-58c6-c2c6-a6b28d128cb6</podcast:guid>",
		  "podcast-guid-version", 1 },
		/* Made from the feed url without its scheme and trailing slash. */
		{ "<atom:link rel=\"self\" href=\"https://example.fi/podcast/feed.xml/\"/>"
		  "<podcast:guid>ae02fd62-e165-5587-86fa-3ae80ae041b1</podcast:guid>",
		  "podcast-guid-feed-url", 0 },
		{ "<atom:link rel=\"self\" href=\"https://example.fi/toinen.xml\"/>"
		  "<podcast:guid>ae02fd62-e165-5587-86fa-3ae80ae041b1</podcast:guid>",
		  "podcast-guid-feed-url", 1 },
		{ "<podcast:guid>ae02fd62-e165-5587-86fa-3ae80ae041b1</podcast:guid>",
		  "podcast-guid-feed-url", 0 },
		{ "<podcast:locked owner=\"a@b.fi\">yes</podcast:locked>", "podcast-locked", 0 },
		{ "<podcast:locked>No</podcast:locked>", "podcast-locked", 0 },
		{ "<podcast:locked owner=\"Aino\">yes</podcast:locked>", "podcast-locked", 1 },
		{ "<podcast:locked/>", "podcast-locked", 1 },
		{ "<podcast:locked owner=\"a@b.fi\">yes</podcast:locked>", "podcast-locked-owner", 0 },
		{ "<podcast:locked>no</podcast:locked>", "podcast-locked-owner", 0 },
		{ "<podcast:locked>yes</podcast:locked>", "podcast-locked-owner", 1 },
		{ "<podcast:person>Aino</podcast:person>", "podcast-person", 0 },
		{ "<item><podcast:person role=\"Guest\" href=\"https://a.example/aino\" "
		  "img=\"https://a.example/aino.jpg\">Aino</podcast:person></item>",
		  "podcast-person", 0 },
		{ "<podcast:person> </podcast:person>", "podcast-person", 1 },
		{ "<podcast:person img=\"aino.jpg\">Aino</podcast:person>", "podcast-person", 1 },
		{ "<podcast:person>"
		  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
		  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</podcast:person>",
		  "podcast-person", 1 },
		{ "<podcast:person role=\"Cover Art Designer\" group=\"Visuals\">A</podcast:person>",
		  "podcast-person-role", 0 },
		/* The namespace's own example: a guest in the writing group. */
		{ "<podcast:person group=\"writing\" role=\"guest\">A</podcast:person>",
		  "podcast-person-role", 0 },
		{ "<podcast:person role=\"juontaja\" group=\"crew\">A</podcast:person>",
		  "podcast-person-role", 2 },
		{ "<item><podcast:transcript url=\"https://a.example/1.srt\" "
		  "type=\"application/x-subrip\" rel=\"captions\"/></item>",
		  "podcast-transcript", 0 },
		{ "<item><podcast:transcript url=\"https://a.example/1.vtt\"/></item>",
		  "podcast-transcript", 1 },
		{ "<item><podcast:transcript type=\"text/vtt\"/></item>", "podcast-transcript", 1 },
		{ "<item><podcast:chapters url=\"https://a.example/1.json\" "
		  "type=\"application/json+chapters\"/></item>",
		  "podcast-chapters", 0 },
		{ "<item><podcast:chapters url=\"https://a.example/1.json\" type=\"json\"/></item>",
		  "podcast-chapters", 1 },
		{ "<item><podcast:season name=\"Kevät\">2</podcast:season>"
		  "<podcast:episode display=\"Ch. 3\">204.5</podcast:episode></item>",
		  "podcast-numbers", 0 },
		{ "<item><podcast:season>2.5</podcast:season><podcast:episode>-1</podcast:episode>"
		  "</item>",
		  "podcast-numbers", 2 },
		{ "<item><podcast:episode display=\"an episode whose display text is far too "
		  "long\">1</podcast:episode></item>",
		  "podcast-numbers", 1 },
		{ "<item><itunes:season>2</itunes:season><podcast:season>02</podcast:season>"
		  "<itunes:episode>4</itunes:episode><podcast:episode>4.0</podcast:episode></item>",
		  "podcast-itunes-numbers", 0 },
		{ "<item><itunes:episode>4</itunes:episode><podcast:episode>4.5</podcast:episode>"
		  "</item>",
		  "podcast-itunes-numbers", 1 },
		{ "<item><itunes:season>1</itunes:season><podcast:season>2</podcast:season></item>",
		  "podcast-itunes-numbers", 1 },
		{ "<item><podcast:episode>4</podcast:episode></item>", "podcast-itunes-numbers", 0 },
		{ "<podcast:funding url=\"https://a.example/tue\">Tue meitä</podcast:funding>",
		  "podcast-funding", 0 },
		{ "<podcast:funding url=\"https://a.example/tue\"/>", "podcast-funding", 0 },
		{ "<podcast:funding url=\"tue\">Tue</podcast:funding>", "podcast-funding", 1 },
		{ "<podcast:license>cc-by-4.0</podcast:license>", "podcast-license", 0 },
		{ "<podcast:license url=\"https://a.example/l\">my-license</podcast:license>",
		  "podcast-license", 0 },
		{ "<podcast:license/>", "podcast-license", 1 },
		{ "<podcast:location geo=\"geo:62.6,29.76;u=350\" osm=\"R113314\">Joensuu"
		  "</podcast:location>",
		  "podcast-location", 0 },
		{ "<podcast:location geo=\"62.6,29.76\" osm=\"113314\">Joensuu</podcast:location>",
		  "podcast-location", 2 },
		{ "<podcast:location></podcast:location>", "podcast-location", 1 },
		{ "<podcast:value type=\"lightning\" method=\"keysend\" suggested=\"0.00000005000\">"
		  "<podcast:valueRecipient name=\"Aino\" type=\"node\" address=\"02d5c1bf\" "
		  "split=\"99\"/><podcast:valueRecipient type=\"node\" address=\"03ae9f91\" split=\"1\" "
		  "fee=\"true\"/></podcast:value>",
		  "podcast-value", 0 },
		{ "<podcast:value type=\"lightning\"><podcast:valueRecipient type=\"node\" "
		  "address=\"02d5c1bf\" split=\"ten\" fee=\"yes\"/></podcast:value>",
		  "podcast-value", 3 },
		{ "<item><podcast:alternateEnclosure type=\"audio/opus\" length=\"100\" bitrate=\"64000\" "
		  "default=\"true\"><podcast:source uri=\"https://a.example/1.opus\"/>"
		  "<podcast:source uri=\"ipfs://QmdwGq\" contentType=\"audio/opus\"/>"
		  "</podcast:alternateEnclosure></item>",
		  "podcast-alternate-enclosure", 0 },
		{ "<item><podcast:alternateEnclosure type=\"audio/opus\" default=\"1\">"
		  "<podcast:source uri=\"1.opus\"/></podcast:alternateEnclosure></item>",
		  "podcast-alternate-enclosure", 2 },
		{ "<podcast:medium>podcast</podcast:medium>", "podcast-medium", 0 },
		{ "<podcast:medium>musicL</podcast:medium>", "podcast-medium", 0 },
		{ "<podcast:medium>mixed</podcast:medium>", "podcast-medium", 0 },
		{ "<podcast:medium>Podcast</podcast:medium>", "podcast-medium", 1 },
		{ "<podcast:medium>mixedL</podcast:medium>", "podcast-medium", 1 },
		{ "<podcast:txt purpose=\"applepodcastsverify\">d9e4</podcast:txt>", "podcast-txt", 0 },
		{ "<podcast:txt/>", "podcast-txt", 1 },
		{ "<podcast:trailer pubdate=\"Tue, 04 Mar 2025 07:00:00 GMT\" "
		  "url=\"https://a.example/t.mp3\" length=\"1\" type=\"audio/mpeg\" season=\"2\">"
		  "Traileri</podcast:trailer>",
		  "podcast-trailer", 0 },
		{ "<podcast:trailer pubdate=\"2025-03-04\" url=\"t.mp3\" season=\"x\"></podcast:trailer>",
		  "podcast-trailer", 4 },
		{ "<podcast:podroll><podcast:remoteItem feedGuid=\"917393e3-1b1e-5cef-ace4-edaa54e1f810\" "
		  "feedUrl=\"https://a.example/feed.xml\" medium=\"podcast\"/></podcast:podroll>",
		  "podcast-podroll", 0 },
		{ "<podcast:podroll/>", "podcast-podroll", 1 },
		{ "<podcast:podroll><podcast:remoteItem feedGuid=\"x\" feedUrl=\"feed.xml\" "
		  "medium=\"radio\"/></podcast:podroll>",
		  "podcast-podroll", 3 },
		{ "<podcast:updateFrequency complete=\"false\" dtstart=\"2023-04-12T11:00:00Z\" "
		  "rrule=\"FREQ=WEEKLY;BYDAY=TU\">Tuesdays</podcast:updateFrequency>",
		  "podcast-update-frequency", 0 },
		{ "<podcast:updateFrequency complete=\"no\" dtstart=\"12.4.2023\"></podcast:updateFrequency>",
		  "podcast-update-frequency", 3 },
		{ "<podcast:guid>a</podcast:guid><item><podcast:season>1</podcast:season>"
		  "<podcast:person>A</podcast:person></item><podcast:person>A</podcast:person>"
		  "<podcast:liveItem><podcast:chat server=\"s\" protocol=\"irc\"/></podcast:liveItem>"
		  "<podcast:value><podcast:valueRecipient/></podcast:value><podcast:futureTag/>",
		  "podcast-parent", 0 },
		{ "<item><podcast:guid>a</podcast:guid><podcast:funding url=\"u\"/></item>",
		  "podcast-parent", 2 },
		{ "<podcast:valueRecipient/><item><podcast:source uri=\"a:b\"/></item>", "podcast-parent",
		  2 },
		{ "<podcast:locked>no</podcast:locked><podcast:locked>yes</podcast:locked>",
		  "podcast-parent", 1 },
		{ "<item><podcast:chapters url=\"u\" type=\"t\"/><podcast:chapters url=\"v\" type=\"t\"/>"
		  "</item>",
		  "podcast-parent", 1 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_rule_with(t, P20_FEED, cases[i].xml, cases[i].rule, cases[i].count);
	/* A tag outside the channel is misplaced too. */
	EXPECT_INT(t, count_rule(t, "<rss version=\"2.0\" xmlns:podcast=\"https://podcastindex.org/"
				    "namespace/1.0\"><podcast:guid>a</podcast:guid><channel/></rss>",
				 "podcast-parent"),
		   1);
}

static void ignoring_rules(struct test_ctx *t)
{
	const char *empty = "<rss version=\"2.0\"><channel/></rss>";
	struct lint_report r;
	size_t len = 99;

	EXPECT_NULL(t, lint_unknown_rule("rss-atom-self", &len));
	EXPECT_NULL(t, lint_unknown_rule("rss-atom-self,apple-owner-email", &len));
	EXPECT_STR(t, lint_unknown_rule("rss-atom-self,nope,x", &len), "nope,x");
	EXPECT_INT(t, len, 4);
	EXPECT_STR(t, lint_unknown_rule("rss-atom-sel", &len), "rss-atom-sel");
	EXPECT_STR(t, lint_unknown_rule("", &len), "");
	EXPECT_INT(t, len, 0);
	EXPECT_STR(t, lint_unknown_rule("rss-atom-self,", &len), "");

	lint_report_init(&r);
	EXPECT_INT(t, lint_feed(empty, strlen(empty), &r), PP_OK);
	EXPECT_INT(t, lint_count(&r, LINT_WARNING), 5);
	lint_report_ignore(&r, "rss-atom-self,apple-channel-author");
	EXPECT_INT(t, lint_count(&r, LINT_WARNING), 3);
	EXPECT_INT(t, lint_count(&r, LINT_ERROR), 8);
	lint_report_ignore(&r, "apple-owner-email,spotify-author,spotify-episodes");
	lint_report_ignore(&r, "rss-channel-required");
	EXPECT_INT(t, lint_count(&r, LINT_WARNING), 0);
	EXPECT_INT(t, lint_count(&r, LINT_ERROR), 5);
	EXPECT_INT(t, r.count, 5);
	for (size_t i = 0; i < r.count; i++)
		EXPECT_STR_NE(t, r.findings[i].rule_id, "rss-channel-required");
	lint_report_release(&r);
}

static void report_counts_and_frees(struct test_ctx *t)
{
	struct lint_report r;

	/* An empty channel fails errors and warnings alike; a second run appends. */
	if (lint_file(t, "bad-rss-root.xml", &r)) {
		const char *empty = "<rss version=\"2.0\"><channel/></rss>";

		EXPECT_INT(t, lint_feed(empty, strlen(empty), &r), PP_OK);
		EXPECT_INT(t, lint_count(&r, LINT_ERROR), 9);
		/* author (apple's and spotify's), owner, atom:link, no item */
		EXPECT_INT(t, lint_count(&r, LINT_WARNING), 5);
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

/* A feed linted from a url: its self link must name that url, or where the
 * redirects ended; a file has no url to compare with. */
static void self_link_matches_the_fetched_url(struct test_ctx *t)
{
	static const char feed[] =
	    "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>"
	    "<atom:link rel=\"self\" href=\"https://example.fi/feed.xml\"/></channel></rss>";
	static const struct {
		struct lint_source src;
		size_t want;
	} cases[] = {
		{ { "https://example.fi/feed.xml", NULL }, 0 },
		{ { "http://old.example.fi/feed", "https://example.fi/feed.xml" }, 0 },
		{ { "https://example.fi/other.xml", NULL }, 1 },
		{ { "https://example.fi/feed.xml?x=1", "https://cdn.example.fi/feed.xml" }, 1 },
	};
	struct lint_report r;

	EXPECT_INT(t, count_rule(t, feed, "rss-self-link-mismatch"), 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		lint_report_init(&r);
		EXPECT_INT(t, lint_feed_from(feed, strlen(feed), &cases[i].src, 0, &r), PP_OK);
		EXPECT_INT(t, count_rule_in(&r, "rss-self-link-mismatch"), cases[i].want);
		lint_report_release(&r);
	}
}

/* Markup as elements in any of the three text holders; escaped or CDATA
 * markup and plain text pass. */
static void description_html(struct test_ctx *t)
{
	static const char *const bad[] = {
		"<description>a <p>b</p></description>",
		"<content:encoded><p>b</p></content:encoded>",
		"<itunes:summary>x<br/>y</itunes:summary>",
	};
	static const char *const good[] = {
		"<description>a &lt;p&gt;b&lt;/p&gt;</description>",
		"<content:encoded><![CDATA[<p>b</p>]]></content:encoded>",
		"<itunes:summary>plain</itunes:summary>",
	};
	static const char fmt[] =
	    "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" "
	    "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><item>%s</item>"
	    "</channel></rss>";

	for (size_t i = 0; i < 3; i++) {
		expect_rule_with(t, fmt, bad[i], "rss-description-html", 1);
		expect_rule_with(t, fmt, good[i], "rss-description-html", 0);
	}
}

/* What Spotify needs before a show goes live, where Apple asks less: an
 * author that is not blank, an episode, a date on every episode. */
static void spotify_show_requirements(struct test_ctx *t)
{
	static const char channel[] =
	    "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">"
	    "<channel>%s</channel></rss>";

	expect_rule_with(t, channel, "<itunes:author>A</itunes:author>", "spotify-author", 0);
	expect_rule_with(t, channel, "<itunes:author> </itunes:author>", "spotify-author", 1);
	expect_rule_with(t, channel, "<author>a@example.com</author>", "spotify-author", 1);
	expect_rule_with(t, channel, "", "spotify-episodes", 1);
	expect_rule_with(t, channel, "<item><title>a</title></item>", "spotify-episodes", 0);
	expect_rule_with(t, channel, "<item/><item><pubDate>x</pubDate></item><item/>",
			 "spotify-item-pubdate", 2);
	/* An item's date in another namespace is not RSS's pubDate. */
	expect_rule_with(t, channel, "<item><itunes:pubDate>x</itunes:pubDate></item>",
			 "spotify-item-pubdate", 1);
}

/* podcast:block: yes or no, an id from the service slug list. */
static void podcast_block(struct test_ctx *t)
{
	static const struct {
		const char *tag;
		size_t block, id;
	} cases[] = {
		{ "<podcast:block>yes</podcast:block>", 0, 0 },
		{ "<podcast:block>no</podcast:block>", 0, 0 },
		{ "<podcast:block id=\"youtube\">yes</podcast:block>", 0, 0 },
		{ "<podcast:block id=\"spotify\">no</podcast:block>", 0, 0 },
		{ "<podcast:block id=\"amazon\"> yes </podcast:block>", 0, 0 },
		{ "<podcast:block>1</podcast:block>", 1, 0 },
		{ "<podcast:block id=\"apple\"></podcast:block>", 1, 0 },
		{ "<podcast:block id=\"\">yes</podcast:block>", 1, 0 },
		{ "<podcast:block id=\"spotify.com\">yes</podcast:block>", 0, 1 },
		{ "<podcast:block id=\"YouTube\">yes</podcast:block>", 0, 1 },
		{ "<podcast:block id=\"youtube,spotify\">yes</podcast:block>", 0, 1 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		expect_rule_with(t, ITUNES_CHANNEL, cases[i].tag, "podcast-block", cases[i].block);
		expect_rule_with(t, ITUNES_CHANNEL, cases[i].tag, "podcast-block-id", cases[i].id);
	}
}

static void language_codes_and_image_names(struct test_ctx *t)
{
	static const char *const languages_ok[] = { "fi", "en-US", "EN-us", "sv-FI", "fil" };
	static const char *const languages_bad[] = { "Finnish", "en_US", "f", "fi-" };
	static const char *const images_ok[] = { "https://a.example/c.jpg", "https://a.example/c.PNG",
						 "https://a.example/c.jpeg?size=3000#x" };
	static const char *const images_bad[] = { "https://a.example/c.webp", "https://a.example/c",
						  "https://a.example/c.gif?x.jpg" };
	static const char language[] = "<rss version=\"2.0\"><channel><language>%s</language>"
				       "</channel></rss>";
	static const char image[] =
	    "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">"
	    "<channel><item><itunes:image href=\"%s\"/></item></channel></rss>";

	for (size_t i = 0; i < sizeof(languages_ok) / sizeof(*languages_ok); i++)
		expect_rule_with(t, language, languages_ok[i], "rss-language-code", 0);
	for (size_t i = 0; i < sizeof(languages_bad) / sizeof(*languages_bad); i++)
		expect_rule_with(t, language, languages_bad[i], "rss-language-code", 1);
	for (size_t i = 0; i < sizeof(images_ok) / sizeof(*images_ok); i++)
		expect_rule_with(t, image, images_ok[i], "apple-image-format", 0);
	for (size_t i = 0; i < sizeof(images_bad) / sizeof(*images_bad); i++)
		expect_rule_with(t, image, images_bad[i], "apple-image-format", 1);
}

TEST_MAIN(TEST_CASE(good_feed_is_clean), TEST_CASE(corpus_of_real_shapes_has_no_errors), TEST_CASE(namespace_uris_are_exact),
	  TEST_CASE(podcast_namespace_has_two_uris), TEST_CASE(control_characters), TEST_CASE(each_bad_feed_fails_only_its_rule),
	  TEST_CASE(clock_rule_follows_the_time_given),
	  TEST_CASE(not_well_formed_stops_other_rules), TEST_CASE(parser_messages_are_one_line),
	  TEST_CASE(empty_input_is_not_well_formed), TEST_CASE(external_entities_are_not_loaded),
	  TEST_CASE(hostile_feeds_are_refused),
	  TEST_CASE(external_dtds_are_not_loaded), TEST_CASE(xinclude_is_not_processed),
	  TEST_CASE(hostile_documents_fail_cleanly),
	  TEST_CASE(encoding_undeclared_utf16_is_reported), TEST_CASE(rss_root_variants),
	  TEST_CASE(required_text_must_not_be_blank), TEST_CASE(enclosure_attributes),
	  TEST_CASE(enclosure_types), TEST_CASE(one_enclosure_per_item),
	  TEST_CASE(urls_are_absolute), TEST_CASE(guid_permalinks), TEST_CASE(empty_guids),
	  TEST_CASE(items_newest_first), TEST_CASE(feed_size), TEST_CASE(atom_self_link),
	  TEST_CASE(enclosure_urls_are_unique), TEST_CASE(media_over_https),
	  TEST_CASE(guids_compare_trimmed_text),
	  TEST_CASE(pubdate_accepts_rfc2822), TEST_CASE(pubdate_rejects_others),
	  TEST_CASE(pubdate_seconds), TEST_CASE(pubdate_future_of_the_build),
	  TEST_CASE(durations), TEST_CASE(explicit_values), TEST_CASE(image_and_categories),
	  TEST_CASE(categories_from_apples_list), TEST_CASE(itunes_values),
	  TEST_CASE(serial_numbering), TEST_CASE(spotify_takes_audio), TEST_CASE(owner_email), TEST_CASE(description_length_counts_characters),
	  TEST_CASE(podcast_guid_forms), TEST_CASE(podcast_tags), TEST_CASE(ignoring_rules), TEST_CASE(report_counts_and_frees),
	  TEST_CASE(self_link_matches_the_fetched_url), TEST_CASE(description_html),
	  TEST_CASE(language_codes_and_image_names), TEST_CASE(spotify_show_requirements),
	  TEST_CASE(podcast_block))
