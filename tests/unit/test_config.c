/* Unit tests of config: reading podcast.yaml, its defaults and its errors.
 * Each case writes a podcast.yaml into a fresh folder under /tmp. */
#include "config.h"

#include <stdlib.h>

#include "testfs.h"
#include "util.h"
#include "testhelp.h"

/* Line numbers below refer to this text. */
static const char good_yaml[] =
	"title: \"Testi & <show>\"\n"                       /* 1 */
	"description: \"Kuvaus, jossa ääkkösiä: äöå\"\n"   /* 2 */
	"link: https://example.com/show\n"                  /* 3 */
	"language: fi\n"                                    /* 4 */
	"author: Tekijä\n"                                  /* 5 */
	"owner:\n"                                          /* 6 */
	"  name: Omistaja\n"                                /* 7 */
	"  email: owner@example.com\n"                      /* 8 */
	"categories:\n"                                     /* 9 */
	"  - Government\n"                                  /* 10 */
	"  - News: [Politics]\n"                            /* 11 */
	"timezone: Europe/Helsinki\n"                       /* 12 */
	"image: feed/cover.png\n"                           /* 13 */
	"base_url: https://example.com/podcast\n";          /* 14 */

/* Loads `text` as podcast.yaml; the config and diag are the caller's to
 * release. `path_out` receives the file's name (for checks). */
static enum pp_result load_text(struct test_ctx *t, const char *text, size_t len,
				struct config *c, struct diag *d, char *path_out, size_t path_size)
{
	struct testfs fs;
	char path[96];
	enum pp_result r = PP_EINTERNAL;

	config_init(c);
	diag_init(d);
	if (testfs_init(&fs, "config") && testfs_put(&fs, "podcast.yaml", text, len)) {
		snprintf(path, sizeof(path), "%s/podcast.yaml", fs.root);
		r = config_load(path, c, d);
		snprintf(path_out, path_size, "%s", path);
	} else {
		t->failures++;
		printf("#   cannot write the fixture\n");
	}
	testfs_release(&fs);
	return r;
}

/* Loads the good config with `extra` (whole lines) after it. */
static enum pp_result load_appending(struct test_ctx *t, const char *extra, struct config *c,
				     struct diag *d)
{
	size_t n = sizeof(good_yaml) + strlen(extra);
	char *text = malloc(n);
	char path[96];
	enum pp_result r;

	if (!text) {
		config_init(c);
		diag_init(d);
		t->failures++;
		return PP_ENOMEM;
	}
	snprintf(text, n, "%s%s", good_yaml, extra);
	r = load_text(t, text, strlen(text), c, d, path, sizeof(path));
	free(text);
	return r;
}

/* The good config with line `line` replaced; checks that loading fails
 * with one error on `want_line` whose message holds `want`. */
static void expect_error(struct test_ctx *t, const char *text, size_t len, int want_line,
			 const char *want)
{
	struct config c;
	struct diag d;
	char path[96] = "";
	enum pp_result r = load_text(t, text, len, &c, &d, path, sizeof(path));
	bool found = false;

	EXPECT_INT(t, r, PP_EPARSE);
	EXPECT_CMP(t, diag_count(&d, DIAG_ERROR), >=, 1);
	for (size_t i = 0; i < d.count; i++) {
		const struct diag_entry *e = &d.entries[i];

		if (e->level == DIAG_ERROR && strstr(e->message, want)) {
			found = true;
			EXPECT_STR(t, e->path, path);
			EXPECT_INT(t, e->line, want_line);
		}
	}
	if (!found) {
		t->failures++;
		printf("#   no error saying \"%s\"; got:\n", want);
		diag_print(&d, stdout);
	}
	config_release(&c);
	diag_release(&d);
}

static void expect_error_with_line(struct test_ctx *t, int line, const char *with, int want_line,
				   const char *want)
{
	char *text = testfs_replace_line(good_yaml, line, with);

	EXPECT(t, text != NULL);
	if (text)
		expect_error(t, text, strlen(text), want_line, want);
	free(text);
}

/* The good config with `line` added at its end (as line 15). */
static void expect_error_appending(struct test_ctx *t, const char *line, const char *want)
{
	size_t n = sizeof(good_yaml) + strlen(line) + 1;
	char *text = malloc(n);

	EXPECT(t, text != NULL);
	if (!text)
		return;
	snprintf(text, n, "%s%s\n", good_yaml, line);
	expect_error(t, text, strlen(text), 15, want);
	free(text);
}

static void good_config_loads_with_defaults(struct test_ctx *t)
{
	struct config c;
	struct diag d;
	char path[96];

	EXPECT_INT(t, load_text(t, good_yaml, strlen(good_yaml), &c, &d, path, sizeof(path)), PP_OK);
	EXPECT_INT(t, d.count, 0);
	EXPECT_STR(t, c.path, path);
	EXPECT_STR(t, c.title, "Testi & <show>");
	EXPECT_STR(t, c.description, "Kuvaus, jossa ääkkösiä: äöå");
	EXPECT_STR(t, c.link, "https://example.com/show");
	EXPECT_STR(t, c.language, "fi");
	EXPECT_STR(t, c.author, "Tekijä");
	EXPECT_STR(t, c.owner_name, "Omistaja");
	EXPECT_STR(t, c.owner_email, "owner@example.com");
	EXPECT_NULL(t, c.copyright);
	EXPECT_INT(t, c.category_count, 2);
	if (c.category_count == 2) {
		EXPECT_STR(t, c.categories[0].name, "Government");
		EXPECT_NULL(t, c.categories[0].subcategory);
		EXPECT_STR(t, c.categories[1].name, "News");
		EXPECT_STR(t, c.categories[1].subcategory, "Politics");
	}
	EXPECT(t, !c.explicit_content);
	EXPECT_STR(t, c.timezone, "Europe/Helsinki");
	EXPECT_STR(t, c.image, "feed/cover.png");
	/* Defaults. */
	EXPECT_STR(t, c.base_url, "https://example.com/podcast/");
	EXPECT_STR(t, c.feed_url, "https://example.com/podcast/feed.xml");
	/* uuid5(podcast namespace, "example.com/podcast/feed.xml") */
	EXPECT_STR(t, c.podcast_guid, "6c967fe4-ab76-51b1-aec1-bde9677f87cb");
	EXPECT_STR(t, c.type, "episodic");
	EXPECT_STR(t, c.target, "public");
	EXPECT(t, !c.locked);
	config_release(&c);
	diag_release(&d);
}

static void every_optional_key_is_read(struct test_ctx *t)
{
	static const char extra[] = "copyright: © 2025 Tekijä\n"
				    "explicit: yes\n"
				    "type: serial\n"
				    "feed_url: https://example.com/podcast/rss\n"
				    "podcast_guid: 917393e3-1b1e-5cef-ace4-edaa54e1f810\n"
				    "locked: true\n"
				    "target: out/site\n";
	/* A category with two subcategories in place of "News: [Politics]". */
	char *swapped =
	    testfs_replace_line(good_yaml, 11, "  - Society & Culture: [Documentary, Philosophy]");
	size_t n = (swapped ? strlen(swapped) : 0) + sizeof(extra);
	char *text = swapped ? malloc(n) : NULL;
	struct config c;
	struct diag d;
	char path[96];

	EXPECT(t, text != NULL);
	if (!text) {
		free(swapped);
		return;
	}
	snprintf(text, n, "%s%s", swapped, extra);
	free(swapped);
	EXPECT_INT(t, load_text(t, text, strlen(text), &c, &d, path, sizeof(path)), PP_OK);
	EXPECT_INT(t, d.count, 0);
	EXPECT_STR(t, c.copyright, "© 2025 Tekijä");
	EXPECT(t, c.explicit_content);
	EXPECT_STR(t, c.type, "serial");
	EXPECT_STR(t, c.feed_url, "https://example.com/podcast/rss");
	EXPECT_STR(t, c.podcast_guid, "917393e3-1b1e-5cef-ace4-edaa54e1f810");
	EXPECT(t, c.locked);
	EXPECT_STR(t, c.target, "out/site");
	EXPECT_INT(t, c.category_count, 3);
	if (c.category_count == 3) {
		EXPECT_STR(t, c.categories[1].name, "Society & Culture");
		EXPECT_STR(t, c.categories[1].subcategory, "Documentary");
		EXPECT_STR(t, c.categories[2].name, "Society & Culture");
		EXPECT_STR(t, c.categories[2].subcategory, "Philosophy");
	}
	config_release(&c);
	diag_release(&d);
	free(text);
}

static void guid_follows_a_given_feed_url(struct test_ctx *t)
{
	struct config c;
	struct diag d;

	EXPECT_INT(t, load_appending(t, "feed_url: https://example.com/podcast/rss\n", &c, &d), PP_OK);
	EXPECT_STR(t, c.feed_url, "https://example.com/podcast/rss");
	/* uuid5(podcast namespace, "example.com/podcast/rss") */
	EXPECT_STR(t, c.podcast_guid, "2ad806e9-651f-5c90-8190-5177e2f0bd15");
	config_release(&c);
	diag_release(&d);
}

/* YAML 1.1 would read these as booleans or numbers; podcast.yaml keeps text. */
static void scalars_stay_text(struct test_ctx *t)
{
	char *a = testfs_replace_line(good_yaml, 4, "language: no");
	char *b = a ? testfs_replace_line(a, 1, "title: 2025") : NULL;
	struct config c;
	struct diag d;
	char path[96];

	EXPECT(t, b != NULL);
	if (b) {
		EXPECT_INT(t, load_text(t, b, strlen(b), &c, &d, path, sizeof(path)), PP_OK);
		EXPECT_STR(t, c.language, "no");
		EXPECT_STR(t, c.title, "2025");
		config_release(&c);
		diag_release(&d);
	}
	free(a);
	free(b);
}

static void missing_title_names_file_key_and_line(struct test_ctx *t)
{
	/* The error is on the line where the mapping that lacks it starts. */
	expect_error_with_line(t, 1, "# no title", 2, "missing required key 'title'");
}

static void missing_owner_email_is_an_error(struct test_ctx *t)
{
	expect_error_with_line(t, 8, "  mail: owner@example.com", 8, "unknown key 'mail'");
	/* The typo's suggestion says what is missing; no second message. */
	expect_error_with_line(t, 8, "  mail: owner@example.com", 8,
			       "unknown key 'mail' in 'owner': did you mean 'email'?");
	expect_error_with_line(t, 8, "  address: owner@example.com", 7, "missing required key 'email'");
}

static void unknown_key_has_its_line(struct test_ctx *t)
{
	expect_error_with_line(t, 4, "langauge: fi", 4, "unknown key 'langauge'");
	expect_error_appending(t, "feed: https://example.com/rss", "unknown key 'feed'");
}

static void duplicate_key_has_its_line(struct test_ctx *t)
{
	expect_error_appending(t, "title: Toinen", "duplicate key 'title'");
}

static void bad_values_have_their_lines(struct test_ctx *t)
{
	expect_error_with_line(t, 8, "  email: owner.example.com", 8, "'email' must be an email");
	expect_error_with_line(t, 8, "  email: a@b@example.com", 8, "'email' must be an email");
	expect_error_with_line(t, 3, "link: example.com/show", 3, "'link' must be an absolute");
	expect_error_with_line(t, 3, "link: ftp://example.com/", 3, "'link' must be an absolute");
	expect_error_with_line(t, 14, "base_url: https://", 14, "'base_url' must be an absolute");
	expect_error_with_line(t, 3, "link: \"https://example.com/a b\"", 3,
			       "'link' must be an absolute");
	expect_error_appending(t, "explicit: maybe", "'explicit' must be true or false");
	expect_error_appending(t, "locked: 1", "'locked' must be true or false");
	expect_error_with_line(t, 4, "language:", 4, "'language' is empty");
	expect_error_appending(t, "type: daily", "'type' must be one of episodic or serial");
	expect_error_appending(t, "feed_url: /feed.xml", "'feed_url' must be an absolute");
	expect_error_appending(t, "podcast_guid: 917393E3-1B1E-5CEF-ACE4-EDAA54E1F810",
			       "'podcast_guid' must be a lowercase UUID");
	{
		/* "categories: Government" on line 9, the list's two lines emptied. */
		char *a = testfs_replace_line(good_yaml, 9, "categories: Government");
		char *b = a ? testfs_replace_line(a, 10, "#") : NULL;
		char *c = b ? testfs_replace_line(b, 11, "#") : NULL;

		EXPECT(t, c != NULL);
		if (c)
			expect_error(t, c, strlen(c), 9, "'categories' must be a list");
		free(a);
		free(b);
		free(c);
	}
	expect_error_with_line(t, 10, "  - [Government]", 10, "a category is a name");
	expect_error_appending(t, "moved_from: webhotel", "'moved_from' is a mapping");
	expect_error_appending(t, "moved_from: {feed: feed.xml}", "missing required key 'target' in 'moved_from'");
	expect_error_appending(t, "moved_from: {target: 'ftp://x.example/old/'}",
			       "sends the password in clear");
	expect_error_appending(t, "moved_from: {target: old, feed: .hidden.xml}",
			       "'moved_from' feed '.hidden.xml' cannot be the old feed's path");
}

/* moved_from: the old feed's target and path (default feed.xml). */
static void moved_from_is_read(struct test_ctx *t)
{
	struct config c;
	struct diag d;

	EXPECT_INT(t, load_appending(t, "moved_from:\n  target: /srv/old-podcast\n", &c, &d), PP_OK);
	EXPECT_INT(t, d.count, 0);
	EXPECT_STR(t, c.moved_from_target, "/srv/old-podcast");
	EXPECT_STR(t, c.moved_from_feed, "feed.xml");
	EXPECT_INT(t, c.moved_from_line, 16); /* the mapping's first key */
	config_release(&c);
	diag_release(&d);
}

/* The feed is published as its URL below base_url: it must lie there and
 * take no name another published file has. */
static void feed_url_stays_inside_base_url(struct test_ctx *t)
{
	static const struct {
		const char *line, *message;
	} cases[] = {
		{ "feed_url: https://cdn.example.net/rss", "'feed_url' must lie inside 'base_url'" },
		{ "feed_url: https://example.com/podcast/", "names the folder base_url itself" },
		{ "feed_url: https://example.com/podcast/cover.png", "cover.* is the show's art" },
		{ "feed_url: https://example.com/podcast/.podpub-manifest.json",
		  "no part of it may start with '.'" },
		{ "feed_url: https://example.com/podcast/media/feed.xml", "media/ holds the episodes' audio" },
		{ "feed_url: https://example.com/podcast/a/../cover.png", "no part of it may start with '.'" },
		{ "feed_url: https://example.com/podcast/a//feed.xml", "an empty path segment" },
		{ "feed_url: https://example.com/podcast/feed.xml?x=1", "only letters, digits" },
		{ "feed_url: https://example.com/podcast/feed.xml.podpub-tmp", "temporary files" },
	};

	for (size_t i = 0; i < COUNT(cases); i++)
		expect_error_appending(t, cases[i].line, cases[i].message);
}

static void unknown_timezone_has_its_line(struct test_ctx *t)
{
	expect_error_with_line(t, 12, "timezone: Europe/Tampere", 12,
			       "unknown time zone 'Europe/Tampere'");
	expect_error_with_line(t, 12, "timezone: Helsinki", 12, "unknown time zone 'Helsinki'");
}

static void invalid_utf8_has_its_line(struct test_ctx *t)
{
	/* 'ä' in Latin-1 on line 5. */
	expect_error_with_line(t, 5, "author: Tekij\xe4", 5, "not valid UTF-8");
}

static void yaml_syntax_error_has_its_line(struct test_ctx *t)
{
	expect_error_with_line(t, 4, "language: fi: sv", 4,
			       "a ':' inside the value of 'language': put the language in quotes, like "
			       "language: \"fi: sv\"");
	expect_error_with_line(t, 7, "  name: [Omistaja", 8, "invalid YAML");
	expect_error_with_line(t, 11, "\t- News: [Politics]", 11,
			       "a tab in the indentation: indent with spaces, not tabs");
}

/* Was a bug: for a quoted value left open, libyaml's problem
 * mark is the end of the file (line 15 of this 14-line file), and yamldoc
 * reports only that; the line where the quote opens (its context mark, 12)
 * is nowhere in the message. */
static void unclosed_quote_names_the_line_it_opens_on(struct test_ctx *t)
{
	char *text = testfs_replace_line(good_yaml, 12, "timezone: \"Europe/Helsinki");
	struct config c;
	struct diag d;
	char path[96];
	bool found = false;

	EXPECT(t, text != NULL);
	if (!text)
		return;
	EXPECT_INT(t, load_text(t, text, strlen(text), &c, &d, path, sizeof(path)), PP_EPARSE);
	for (size_t i = 0; i < d.count; i++)
		found |= d.entries[i].line == 12 || strstr(d.entries[i].message, "line 12") != NULL;
	if (!found) {
		t->failures++;
		printf("#   no message points at line 12; got:\n");
		diag_print(&d, stdout);
	}
	config_release(&c);
	diag_release(&d);
	free(text);
}

static void not_a_mapping_is_an_error(struct test_ctx *t)
{
	static const char list[] = "- title\n- link\n";

	expect_error(t, list, strlen(list), 1, "must be a mapping");
	expect_error(t, "", 0, 1, "must be a mapping");
}

static void missing_file_is_io_error(struct test_ctx *t)
{
	const char *path = "/tmp/podpub-test-config-no-such-dir/podcast.yaml";
	struct config c;
	struct diag d;

	config_init(&c);
	diag_init(&d);
	EXPECT_INT(t, config_load(path, &c, &d), PP_EIO);
	EXPECT_INT(t, diag_count(&d, DIAG_ERROR), 1);
	if (d.count == 1) {
		EXPECT_STR(t, d.entries[0].path, path);
		EXPECT_CONTAINS(t, d.entries[0].message, "cannot read");
	}
	config_release(&c);
	diag_release(&d);
}

/* `lint: ignore:` keeps known rule ids; anything else is an error on the
 * line at fault (line 15 is the first appended). */
static void lint_ignore_names_known_rules(struct test_ctx *t)
{
	static const char lint[] = "lint:\n  ignore: [rss-atom-self, apple-owner-email]\n";
	char text[sizeof(good_yaml) + sizeof(lint)];
	char path[96];
	struct config c;
	struct diag d;

	snprintf(text, sizeof(text), "%s%s", good_yaml, lint);
	EXPECT_INT(t, load_text(t, text, strlen(text), &c, &d, path, sizeof(path)), PP_OK);
	EXPECT_INT(t, c.lint_ignore_count, 2);
	if (c.lint_ignore_count == 2) {
		EXPECT_STR(t, c.lint_ignore[0], "rss-atom-self");
		EXPECT_STR(t, c.lint_ignore[1], "apple-owner-email");
	}
	config_release(&c);
	diag_release(&d);
	expect_error_appending(t, "lint: {ignore: [rss-atom-slef]}",
			       "names no rule 'rss-atom-slef': did you mean 'rss-atom-self'?");
	expect_error_appending(t, "lint: {ignore: [no-such-thing-at-all]}",
			       "names no rule 'no-such-thing-at-all' (see 'podpub lint --rules')");
	expect_error_appending(t, "lint: {ignore: [\"rss-atom-self,rss-http-media\"]}",
			       "one an item");
	expect_error_appending(t, "lint: {ignore: rss-atom-self}", "must be a list of rule ids");
	expect_error_appending(t, "lint: {skip: [rss-atom-self]}", "unknown key 'skip' in lint");
	expect_error_appending(t, "lint: [rss-atom-self]", "'lint' must be a mapping");
}

TEST_MAIN(TEST_CASE(good_config_loads_with_defaults), TEST_CASE(lint_ignore_names_known_rules), TEST_CASE(every_optional_key_is_read),
	  TEST_CASE(guid_follows_a_given_feed_url), TEST_CASE(scalars_stay_text),
	  TEST_CASE(missing_title_names_file_key_and_line),
	  TEST_CASE(missing_owner_email_is_an_error), TEST_CASE(unknown_key_has_its_line),
	  TEST_CASE(duplicate_key_has_its_line), TEST_CASE(bad_values_have_their_lines),
	  TEST_CASE(feed_url_stays_inside_base_url), TEST_CASE(unknown_timezone_has_its_line), TEST_CASE(invalid_utf8_has_its_line),
	  TEST_CASE(yaml_syntax_error_has_its_line),
	  TEST_CASE(unclosed_quote_names_the_line_it_opens_on), TEST_CASE(not_a_mapping_is_an_error),
	  TEST_CASE(missing_file_is_io_error), TEST_CASE(moved_from_is_read))
