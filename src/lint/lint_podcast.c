/* lint_podcast.c - the Podcasting 2.0 namespace (podcast:).
 *
 * Each tag of the namespace: its required attributes, allowed values,
 * length limits and parent elements, as podcastindex.org/namespace/1.0
 * and its tag pages define them. Elements are found under either of the
 * namespace's two URIs (lint_in_ns). Most tags may sit in a channel, an
 * item or a podcast:liveItem, so each check walks the channel for its tag
 * rather than looking at one level. What most rules ask of a tag is data,
 * a row of tags[]; the rest are functions of their own. */
#include "lint/lint_int.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ident.h"
#include "podcast_taxonomy.h"
#include "value.h"

#define SPEC "Podcasting 2.0 namespace (podcastindex.org/namespace/1.0): "

/* The namespace's usual limit on a short text ("Please do not exceed 128
 * characters") and podcast:txt's. */
#define SHORT_TEXT_MAX 128
#define TXT_MAX 4000

/* Walking the channel */

static bool is_podcast(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && lint_in_ns(n, NS_PODCAST) && xmlStrEqual(n->name, X(name));
}

/* "item[2]/podcast:alternateEnclosure/podcast:source": the path from the
 * item or channel the element is in. */
static const char *podcast_path(const xmlNode *n, char buf[LINT_PATH_SIZE])
{
	const xmlNode *chain[6];
	char name[LINT_PATH_SIZE];
	size_t depth = 0, len;
	const xmlNode *p = n;

	for (; p && p->type == XML_ELEMENT_NODE && depth < COUNT(chain); p = p->parent) {
		if (lint_is_elem(p, NULL, "item") || lint_is_elem(p, NULL, "channel"))
			break;
		chain[depth++] = p;
	}
	if (p && lint_is_elem(p, NULL, "item")) {
		size_t index = 1;

		for (const xmlNode *q = p->prev; q; q = q->prev)
			index += lint_is_elem(q, NULL, "item");
		snprintf(buf, LINT_PATH_SIZE, "item[%zu]", index);
	} else {
		snprintf(buf, LINT_PATH_SIZE, "channel");
	}
	while (depth > 0 && (len = strlen(buf)) < LINT_PATH_SIZE - 1)
		snprintf(buf + len, LINT_PATH_SIZE - len, "/%s", lint_qname(name, chain[--depth]));
	return buf;
}

static bool has_child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is_podcast(c, name))
			return true;
	return false;
}

/* Values: what the tags' attributes and text must be */

static bool is_true_false(const char *s)
{
	return strcmp(s, "true") == 0 || strcmp(s, "false") == 0;
}

/* podcast:locked's and podcast:block's text, in any case (lint_is_one_of). */
static bool is_yes_no(const char *s)
{
	static const char *const values[] = {"yes", "no"};

	return lint_is_one_of(s, values, COUNT(values));
}

static bool is_short(const char *s)
{
	return xmlUTF8Strlen(X(s)) <= SHORT_TEXT_MAX;
}

static bool is_any_uri(const char *s)
{
	/* A scheme and something after it: https, ipfs, magnet, ... */
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

	return n > 0 && s[n] == ':' && s[n + 1] != '\0' && !strpbrk(s, " \t\r\n");
}

static bool is_uuid_any_case(const char *s)
{
	char lower[IDENT_UUID_SIZE];
	size_t i = 0;

	for (; s[i] && i < sizeof(lower) - 1; i++)
		lower[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
	lower[i] = '\0';
	return !s[i] && value_is_uuid(lower);
}

static const char *const mediums[] = {
    "podcast", "music", "video", "film", "audiobook", "newsletter", "blog", "publisher", "course",
};

/* podcast:medium's values: a medium, its list variant ("musicL"), or "mixed". */
static bool is_medium(const char *s)
{
	size_t n = strlen(s);

	if (strcmp(s, "mixed") == 0)
		return true;
	if (n > 1 && s[n - 1] == 'L')
		n--;
	for (size_t i = 0; i < COUNT(mediums); i++)
		if (strlen(mediums[i]) == n && strncmp(mediums[i], s, n) == 0)
			return true;
	return false;
}

static bool is_rfc2822(const char *s)
{
	int weekday;

	return lint_value_rfc2822(s, &weekday) == LINT_DATE_OK;
}

static bool has_freq(const char *s)
{
	return strstr(s, "FREQ=") != NULL;
}

/* podcast:person's role, in any case, as podcast_role_group(s, true) reads it. */
static bool is_role(const char *s)
{
	return podcast_role_group(s, true) != NULL;
}

/* The namespace's service slugs (serviceslugs.txt in its repository, as
 * of May 2026): the platforms podcast:block's id may name. The list grows;
 * an id not on it is a warning only, as a newer list may hold it. */
static const char *const service_slugs[] = {
    "acast",        "amazon",      "anchor",       "apple",        "audible",
    "audioboom",    "backtracks",  "bitcoin",      "blubrry",      "buzzsprout",
    "captivate",    "castopod",    "castos",       "facebook",     "fireside",
    "fyyd",         "google",      "gpodder",      "hypercatcher", "kasts",
    "libsyn",       "mastodon",    "megafono",     "megaphone",    "omnystudio",
    "overcast",     "paypal",      "pinecast",     "podbean",      "podcastaddict",
    "podcastguru",  "podcastindex", "podcasts",    "podchaser",    "podcloud",
    "podfriend",    "podiant",     "podigee",      "podnews",      "podomatic",
    "podserve",     "podverse",    "redcircle",    "relay",        "resonaterecordings",
    "rss",          "shoutengine", "simplecast",   "slack",        "soundcloud",
    "spotify",      "spreaker",    "tiktok",       "transistor",   "twitter",
    "whooshkaa",    "youtube",     "zencast",
};

/* Platforms match their own slug exactly: "Spotify" or "spotify.com"
 * blocks (or allows) no one. */
static bool is_service_slug(const char *s)
{
	for (size_t i = 0; i < COUNT(service_slugs); i++)
		if (strcmp(s, service_slugs[i]) == 0)
			return true;
	return false;
}

/* The tags as data
 *
 * Most rules ask the same of a tag: its text or an attribute present, a
 * url, a media type, a number, at most so many characters. Those rules
 * are rows of tags[], run by check_tags; a rule with logic of its own (the
 * guid's version and feed url, a lock's owner, numbers against itunes:'s,
 * placement) keeps its function below. */

/* What one check of a tag asks. */
enum tag_test {
	TAG_END, /* no more checks: the rest of a row's checks[] */
	VALID,	 /* passes `valid` (NULL: anything); an attribute only when given */
	WITHIN,	 /* at most `max` characters */
	WRITTEN, /* an attribute, when written, is not empty */
};

/* How a message names the tag. The rules whose messages said "podcast:"
 * before they were rows keep saying it, whatever prefix the feed binds. */
enum tag_naming {
	AS_WRITTEN, /* the feed's own prefix: "p:season" */
	AS_PODCAST, /* "podcast:locked" */
};

enum { OPTIONAL = false, REQUIRED = true };

struct tag_check {
	enum tag_test test;
	const char *attr; /* NULL: the tag's text */
	bool required;	  /* reported when empty (an absent attribute is empty) */
	bool (*valid)(const char *s);
	int max;
	const char *what; /* VALID: what `valid` wants; WRITTEN: what to do instead */
	enum tag_naming naming;
};

/* A row's checks. VALID judges an attribute only when given (empty is
 * absent), but the text even when empty ("podcast:medium '' is not ..."). */
#define TEXT_IS(v, w, n)    {.test = VALID, .valid = (v), .what = (w), .naming = (n)}
#define TEXT_WITHIN(m, r)   {.test = WITHIN, .max = (m), .required = (r)}
#define ATTR_IS(a, r, v, w) {.test = VALID, .attr = (a), .required = (r), .valid = (v), .what = (w)}
#define ATTR_AS_PODCAST(a, v, w)                                                                   \
	{.test = VALID, .attr = (a), .valid = (v), .what = (w), .naming = AS_PODCAST}
#define ATTR_WITHIN(a, m)   {.test = WITHIN, .attr = (a), .max = (m)}
#define URL(a, r)           ATTR_IS(a, r, value_is_http_url, "an absolute http or https url")
#define MEDIA_TYPE(a, r, w) ATTR_IS(a, r, lint_value_mime_type, w)
#define TRUE_FALSE(a)       ATTR_IS(a, OPTIONAL, is_true_false, "'true' or 'false'")
#define SHORT(a)            ATTR_IS(a, OPTIONAL, is_short, "at most 128 characters")

/* One tag a rule checks wherever it stands: in the channel, an item or a
 * podcast:liveItem. */
struct podcast_tag {
	const char *rule;	    /* the id of the rule it reports under */
	const char *name;	    /* podcast:<name> */
	struct tag_check checks[6]; /* in the order they report; six: the most a tag has */
	const char *child;	    /* a podcast: tag it must hold, or NULL */
	const char *child_lack;	    /* after "has no podcast:<child>": what that means */
};

/* In the order the rules report: a rule with two rows reports every tag
 * of the first, then every tag of the second. */
static const struct podcast_tag tags[] = {
    {"podcast-locked", "locked",
     .checks = {TEXT_IS(is_yes_no, "'yes' or 'no'", AS_PODCAST),
		ATTR_IS("owner", OPTIONAL, lint_value_email, "an email address")}},
    {"podcast-person", "person",
     .checks = {TEXT_WITHIN(SHORT_TEXT_MAX, REQUIRED), URL("href", OPTIONAL),
		URL("img", OPTIONAL)}},
    {"podcast-person-role", "person",
     .checks = {ATTR_AS_PODCAST("role", is_role,
				"in the podcast taxonomy (podcasttaxonomy.com): host, guest, "
				"producer, ..."),
		ATTR_AS_PODCAST("group", podcast_group_known,
				"in the podcast taxonomy (podcasttaxonomy.com): cast, writing, "
				"audio production, ...")}},
    {"podcast-transcript", "transcript",
     .checks = {URL("url", REQUIRED),
		MEDIA_TYPE("type", REQUIRED,
			   "a media type like 'text/vtt' or 'application/x-subrip'")}},
    {"podcast-chapters", "chapters",
     .checks = {URL("url", REQUIRED),
		MEDIA_TYPE("type", REQUIRED, "a media type like 'application/json+chapters'")}},
    {"podcast-numbers", "season",
     .checks = {TEXT_IS(lint_value_count, "a whole number", AS_WRITTEN),
		ATTR_WITHIN("name", SHORT_TEXT_MAX)}},
    {"podcast-numbers", "episode",
     .checks = {TEXT_IS(lint_value_decimal, "a number like '4' or '204.5'", AS_WRITTEN),
		ATTR_WITHIN("display", 32)}},
    {"podcast-funding", "funding",
     .checks = {URL("url", REQUIRED), TEXT_WITHIN(SHORT_TEXT_MAX, OPTIONAL)}},
    {"podcast-license", "license",
     .checks = {TEXT_WITHIN(SHORT_TEXT_MAX, REQUIRED), URL("url", OPTIONAL)}},
    {"podcast-location", "location",
     .checks = {TEXT_WITHIN(SHORT_TEXT_MAX, REQUIRED),
		ATTR_IS("geo", OPTIONAL, lint_value_geo_uri,
			"a geo uri like 'geo:62.6,29.76' (rfc 5870)"),
		ATTR_IS("osm", OPTIONAL, lint_value_osm,
			"an openstreetmap object like 'R113314' or 'W5013364#2'")}},
    {"podcast-value", "value",
     .checks = {ATTR_IS("type", REQUIRED, NULL, NULL), ATTR_IS("method", REQUIRED, NULL, NULL),
		ATTR_IS("suggested", OPTIONAL, lint_value_decimal,
			"a number like '0.00000005000'")},
     .child = "valueRecipient", .child_lack = ": nobody to pay"},
    {"podcast-value", "valueRecipient",
     .checks = {SHORT("name"), ATTR_IS("type", REQUIRED, NULL, NULL),
		ATTR_IS("address", REQUIRED, NULL, NULL),
		ATTR_IS("split", REQUIRED, lint_value_count, "a whole number"), TRUE_FALSE("fee")}},
    {"podcast-alternate-enclosure", "alternateEnclosure",
     .checks = {MEDIA_TYPE("type", REQUIRED, "a media type"),
		ATTR_IS("length", OPTIONAL, lint_value_count, "a number of bytes"),
		ATTR_IS("bitrate", OPTIONAL, lint_value_decimal, "a number of bits a second"),
		ATTR_IS("height", OPTIONAL, lint_value_count, "a number of pixels"),
		TRUE_FALSE("default"), SHORT("title")},
     .child = "source", .child_lack = ": nowhere to fetch it"},
    {"podcast-alternate-enclosure", "source",
     .checks = {ATTR_IS("uri", REQUIRED, is_any_uri, "a uri (https:, ipfs:, magnet:, ...)"),
		MEDIA_TYPE("contentType", OPTIONAL, "a media type")}},
    {"podcast-medium", "medium",
     .checks = {TEXT_IS(is_medium,
			"one of podcast, music, video, film, audiobook, newsletter, blog, "
			"publisher, course, their list forms (musicL) or mixed",
			AS_PODCAST)}},
    {"podcast-txt", "txt", .checks = {TEXT_WITHIN(TXT_MAX, REQUIRED), SHORT("purpose")}},
    {"podcast-trailer", "trailer",
     .checks = {TEXT_WITHIN(SHORT_TEXT_MAX, REQUIRED), URL("url", REQUIRED),
		ATTR_IS("pubdate", REQUIRED, is_rfc2822,
			"an rfc 2822 date like 'Tue, 04 Mar 2025 07:00:00 +0000'"),
		ATTR_IS("length", OPTIONAL, lint_value_count, "a number of bytes"),
		MEDIA_TYPE("type", OPTIONAL, "a media type"),
		ATTR_IS("season", OPTIONAL, lint_value_count, "a whole number")}},
    {"podcast-podroll", "podroll", .child = "remoteItem", .child_lack = ""},
    {"podcast-podroll", "remoteItem",
     .checks = {ATTR_IS("feedGuid", REQUIRED, is_uuid_any_case,
			"a uuid: the remote feed's podcast:guid"),
		URL("feedUrl", OPTIONAL),
		ATTR_IS("medium", OPTIONAL, is_medium, "a podcast:medium value")}},
    {"podcast-update-frequency", "updateFrequency",
     .checks = {TEXT_WITHIN(SHORT_TEXT_MAX, REQUIRED), TRUE_FALSE("complete"),
		ATTR_IS("dtstart", OPTIONAL, lint_value_iso8601,
			"an iso 8601 date like '2023-04-12T11:00:00Z'"),
		ATTR_IS("rrule", OPTIONAL, has_freq,
			"an rfc 5545 recurrence rule like 'FREQ=WEEKLY'")}},
    /* A platform reads only "yes" and "no": anything else blocks nothing,
     * which a producer who meant to block would not notice. id is
     * optional, but written and empty it names no platform, and readers
     * differ on whether such a tag speaks for every one. */
    {"podcast-block", "block",
     .checks = {TEXT_IS(is_yes_no, "'yes' or 'no'", AS_PODCAST),
		{.test = WRITTEN, .attr = "id", .what = "name a service or leave it out",
		 .naming = AS_PODCAST}}},
    {"podcast-block-id", "block",
     .checks = {ATTR_AS_PODCAST("id", is_service_slug,
				"on the namespace's service slug list (spotify, apple, youtube, "
				"amazon, ...): no platform knows it as its own")}},
};

/* One check of tag `n`. */
static void check_one(struct lint_run *run, const xmlNode *n, const char *path,
		      const struct tag_check *c)
{
	char name[LINT_PATH_SIZE];
	xmlChar *s = c->attr ? lint_attr_of(run, n, c->attr) : lint_text_of(run, n);
	/* "podcast:trailer url" or "podcast:trailer": what the value is */
	const char *sep = c->attr ? " " : "", *attr = c->attr ? c->attr : "";
	int chars;

	if (!s)
		return;
	if (c->naming == AS_PODCAST)
		snprintf(name, sizeof(name), "podcast:%s", S(n->name));
	else
		lint_qname(name, n);
	if (!*s && c->required) {
		if (c->attr)
			lint_add(run, n, path, "%s has no %s", name, attr);
		else
			lint_add(run, n, path, "%s is empty", name);
	} else if (c->test == VALID) {
		if ((*s || !c->attr) && c->valid && !c->valid(S(s)))
			lint_add(run, n, path, "%s%s%s '%s' is not %s", name, sep, attr, S(s),
				 c->what);
	} else if (c->test == WITHIN) {
		/* Never -1 (not UTF-8): the parser refuses such a feed. */
		if ((chars = xmlUTF8Strlen(s)) > c->max)
			lint_add(run, n, path,
				 "%s%s%s is %d characters long, over the %d the namespace allows",
				 name, sep, attr, chars, c->max);
	} else if (c->test == WRITTEN) {
		/* lint_attr_of gives "" for an absent attribute too. */
		if (!*s && xmlHasNsProp(n, X(attr), NULL))
			lint_add(run, n, path, "%s has an empty %s: %s", name, attr, c->what);
	}
	xmlFree(s);
}

/* The rules that are rows of tags[]: each of the rule's rows in turn, on
 * every such tag in the channel. */
static void check_tags(struct lint_run *run, xmlNode *channel, size_t index)
{
	char path[LINT_PATH_SIZE];

	(void)index;
	for (const struct podcast_tag *t = tags; t < tags + COUNT(tags); t++) {
		if (strcmp(t->rule, run->rule->id) != 0)
			continue;
		for (xmlNode *n = channel; n && run->res == PP_OK; n = lint_walk_next(channel, n)) {
			if (!is_podcast(n, t->name))
				continue;
			podcast_path(n, path);
			for (size_t i = 0; i < COUNT(t->checks) && t->checks[i].test != TAG_END;
			     i++)
				check_one(run, n, path, &t->checks[i]);
			if (t->child && !has_child(n, t->child))
				lint_add(run, n, path, "podcast:%s has no podcast:%s%s", t->name,
					 t->child, t->child_lack);
		}
	}
}

/* Checks with logic of their own; each reports under the rule being run */

static void check_podcast_guid(struct lint_run *run, xmlNode *channel, size_t index)
{
	xmlNode *n = lint_child_elem(channel, NS_PODCAST, "guid");
	char path[LINT_PATH_SIZE];
	xmlChar *text;

	if (!n || !(text = lint_text_of(run, n)))
		return;
	if (!value_is_uuid(S(text)))
		lint_add(run, n, lint_path_of(path, index, "podcast:guid"),
			 "podcast:guid '%s' is not a lowercase uuid like "
			 "'917393e3-1b1e-5cef-ace4-edaa54e1f810'",
			 S(text));
	xmlFree(text);
}

/* The version nibble: a version 4 (random) uuid is the common mistake. */
static void check_guid_version(struct lint_run *run, xmlNode *channel, size_t index)
{
	xmlNode *n = lint_child_elem(channel, NS_PODCAST, "guid");
	char path[LINT_PATH_SIZE];
	xmlChar *text;

	if (!n || !(text = lint_text_of(run, n)))
		return;
	if (value_is_uuid(S(text)) && (text[14] != '5' || !strchr("89ab", text[19])))
		lint_add(run, n, lint_path_of(path, index, "podcast:guid"),
			 "podcast:guid '%s' is a version %c uuid, not the version 5 the namespace "
			 "derives from the feed url",
			 S(text), text[14]);
	xmlFree(text);
}

/* The feed's own url, from atom:link rel="self": "" when not given, NULL
 * only when out of memory. Caller frees with xmlFree. */
static xmlChar *self_url(struct lint_run *run, const xmlNode *channel)
{
	xmlChar *empty;

	for (xmlNode *n = lint_child_elem(channel, NS_ATOM, "link"); n;
	     n = lint_find_elem(n->next, NS_ATOM, "link")) {
		xmlChar *rel = lint_attr_of(run, n, "rel");
		bool self = rel && strcmp(S(rel), "self") == 0;

		xmlFree(rel);
		if (self)
			return lint_attr_of(run, n, "href");
	}
	empty = xmlStrdup(X(""));
	if (!empty)
		run->res = PP_ENOMEM;
	return empty;
}

/* The guid must never change, even when the feed moves: a guid made from
 * an older url is right, so this is only information. */
static void check_guid_feed_url(struct lint_run *run, xmlNode *channel, size_t index)
{
	xmlNode *n = lint_child_elem(channel, NS_PODCAST, "guid");
	char path[LINT_PATH_SIZE], want[IDENT_UUID_SIZE];
	xmlChar *text = NULL, *url = NULL;
	enum pp_result res;

	if (!n || !(text = lint_text_of(run, n)) || !value_is_uuid(S(text)) ||
	    !(url = self_url(run, channel)) || !value_is_http_url(S(url)))
		goto out;
	res = ident_podcast_guid(S(url), want);
	if (res != PP_OK) {
		run->res = res == PP_ENOMEM ? PP_ENOMEM : PP_EINTERNAL;
		goto out;
	}
	if (strcmp(S(text), want) != 0)
		lint_add(run, n, lint_path_of(path, index, "podcast:guid"),
			 "podcast:guid '%s' is not '%s', the one the feed url '%s' gives: right "
			 "only if the feed has moved since",
			 S(text), want, S(url));
out:
	xmlFree(text);
	xmlFree(url);
}

static void check_locked_owner(struct lint_run *run, xmlNode *channel, size_t index)
{
	xmlNode *n = lint_child_elem(channel, NS_PODCAST, "locked");
	char path[LINT_PATH_SIZE];
	xmlChar *text, *owner = NULL;

	if (!n || !(text = lint_text_of(run, n)))
		return;
	if (strcasecmp(S(text), "yes") == 0 && (owner = lint_attr_of(run, n, "owner")) && !*owner)
		lint_add(run, n, lint_path_of(path, index, "podcast:locked"),
			 "podcast:locked says yes but names no owner: a host cannot verify who "
			 "may move the feed");
	xmlFree(owner);
	xmlFree(text);
}

/* Two decimal numbers equal in value: "04" and "4", "4.0" and "4". */
static bool same_number(const char *a, const char *b)
{
	size_t aw, bw, af, bf;
	const char *afrac, *bfrac;

	while (*a == '0' && a[1] >= '0' && a[1] <= '9')
		a++;
	while (*b == '0' && b[1] >= '0' && b[1] <= '9')
		b++;
	aw = strcspn(a, ".");
	bw = strcspn(b, ".");
	if (aw != bw || strncmp(a, b, aw) != 0)
		return false;
	afrac = a[aw] ? a + aw + 1 : "";
	bfrac = b[bw] ? b + bw + 1 : "";
	af = strlen(afrac);
	bf = strlen(bfrac);
	while (af > 0 && afrac[af - 1] == '0')
		af--;
	while (bf > 0 && bfrac[bf - 1] == '0')
		bf--;
	return af == bf && strncmp(afrac, bfrac, af) == 0;
}

static void compare_numbers(struct lint_run *run, const xmlNode *item, size_t index,
			    const char *name, bool (*valid)(const char *))
{
	xmlNode *p = lint_child_elem(item, NS_PODCAST, name);
	xmlNode *i = lint_child_elem(item, NS_ITUNES, name);
	xmlChar *pv = NULL, *iv = NULL;
	char path[LINT_PATH_SIZE], leaf[64];

	if (!p || !i || !(pv = lint_text_of(run, p)) || !(iv = lint_text_of(run, i)))
		goto out;
	snprintf(leaf, sizeof(leaf), "podcast:%s", name);
	/* Unreadable numbers are other rules' business. */
	if (valid(S(pv)) && lint_value_count(S(iv)) && !same_number(S(pv), S(iv)))
		lint_add(run, p, lint_path_of(path, index, leaf),
			 "podcast:%s '%s' differs from itunes:%s '%s': apps show one or the other",
			 name, S(pv), name, S(iv));
out:
	xmlFree(pv);
	xmlFree(iv);
}

static void check_itunes_numbers(struct lint_run *run, xmlNode *item, size_t index)
{
	compare_numbers(run, item, index, "season", lint_value_count);
	compare_numbers(run, item, index, "episode", lint_value_decimal);
}

/* Where each tag may stand, and whether once only there. "item" covers
 * podcast:liveItem, which takes an item's tags. Tags not listed (new ones,
 * proposals) are not judged. */
static const struct {
	const char *name;
	const char *parents; /* space-separated: channel, item, or a podcast: tag */
	bool single;
} placements[] = {
    {"guid", "channel", true},
    {"locked", "channel", true},
    {"funding", "channel", false},
    {"medium", "channel", true},
    {"updateFrequency", "channel", true},
    {"podroll", "channel", true},
    {"trailer", "channel", false},
    {"block", "channel", false},
    {"publisher", "channel", true},
    {"podping", "channel", true},
    {"liveItem", "channel", false},
    {"person", "channel item", false},
    {"location", "channel item", false}, /* rel="subject" and rel="creator" */
    {"license", "channel item", true},
    {"value", "channel item", false},
    {"images", "channel item", true},
    {"image", "channel item", false},
    {"txt", "channel item", false},
    {"season", "item", true},
    {"episode", "item", true},
    {"transcript", "item", false},
    {"chapters", "item", true},
    {"soundbite", "item", false},
    {"alternateEnclosure", "item", false},
    {"socialInteract", "item", false},
    {"chat", "item", true},
    {"contentLink", "item", false},
    {"source", "alternateEnclosure", false},
    {"integrity", "alternateEnclosure", true},
    {"valueRecipient", "value", false},
    {"valueTimeSplit", "value", false},
    {"remoteItem", "channel podroll valueTimeSplit publisher", false},
};

/* "channel", "item" or the podcast: tag a parent is; NULL for anything else. */
static const char *parent_kind(const xmlNode *p)
{
	if (!p || p->type != XML_ELEMENT_NODE)
		return NULL;
	if (lint_is_elem(p, NULL, "channel"))
		return "channel";
	if (lint_is_elem(p, NULL, "item") || is_podcast(p, "liveItem"))
		return "item";
	if (lint_in_ns(p, NS_PODCAST))
		return S(p->name);
	return NULL;
}

static bool word_in(const char *word, const char *list)
{
	size_t n = strlen(word);

	for (const char *p = list; (p = strstr(p, word)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

/* "<item>", "<channel> or <item>", "<podcast:value>": a placement's parents. */
static const char *parents_words(const char *parents, char buf[LINT_PATH_SIZE])
{
	size_t len = 0;

	buf[0] = '\0';
	while (*parents && len < LINT_PATH_SIZE - 1) {
		size_t n = strcspn(parents, " ");
		bool ours = strncmp(parents, "channel", n) == 0 || strncmp(parents, "item", n) == 0;

		snprintf(buf + len, LINT_PATH_SIZE - len, "%s<%s%.*s>", len ? " or " : "",
			 ours ? "" : "podcast:", (int)n, parents);
		len = strlen(buf);
		parents += n;
		parents += *parents == ' ';
	}
	return buf;
}

/* From the root: a tag outside the channel is misplaced too. */
static void check_placement(struct lint_run *run, xmlNode *root, size_t index)
{
	char words[LINT_PATH_SIZE];
	char path[LINT_PATH_SIZE], parent_name[LINT_PATH_SIZE];

	(void)index;
	for (xmlNode *n = root; n && run->res == PP_OK; n = lint_walk_next(root, n)) {
		const char *kind;

		if (n->type != XML_ELEMENT_NODE || !lint_in_ns(n, NS_PODCAST))
			continue;
		for (size_t i = 0; i < COUNT(placements); i++) {
			if (!xmlStrEqual(n->name, X(placements[i].name)))
				continue;
			kind = parent_kind(n->parent);
			if (!kind || !word_in(kind, placements[i].parents)) {
				lint_add(run, n, podcast_path(n, path),
					 "podcast:%s belongs in %s, not in <%s>", placements[i].name,
					 parents_words(placements[i].parents, words),
					 lint_qname(parent_name, n->parent));
			} else if (placements[i].single) {
				for (const xmlNode *s = n->prev; s; s = s->prev)
					if (is_podcast(s, placements[i].name)) {
						lint_add(run, n, podcast_path(n, path),
							 "podcast:%s appears more than once in "
							 "<%s>: apps read one",
							 placements[i].name,
							 lint_qname(parent_name, n->parent));
						break;
					}
			}
			break;
		}
	}
}

const struct lint_rule lint_rules_podcast[] = {
    {"podcast-guid-format", LINT_ERROR, ON_CHANNEL, check_podcast_guid,
     "podcast:guid is a lowercase UUID", SPEC "<podcast:guid>"},
    {"podcast-guid-version", LINT_ERROR, ON_CHANNEL, check_guid_version,
     "podcast:guid is a version 5 UUID", SPEC "<podcast:guid>"},
    {"podcast-guid-feed-url", LINT_INFO, ON_CHANNEL, check_guid_feed_url,
     "podcast:guid is the UUIDv5 of the atom:link rel=\"self\" url (unless the feed moved)",
     SPEC "<podcast:guid>"},
    {"podcast-locked", LINT_ERROR, ON_CHANNEL, check_tags,
     "podcast:locked is yes or no, its owner an email address", SPEC "<podcast:locked>"},
    {"podcast-locked-owner", LINT_WARNING, ON_CHANNEL, check_locked_owner,
     "a feed locked with podcast:locked names its owner", SPEC "<podcast:locked>"},
    {"podcast-person", LINT_ERROR, ON_CHANNEL, check_tags,
     "podcast:person has a name of at most 128 characters, absolute href and img urls",
     SPEC "<podcast:person>"},
    {"podcast-person-role", LINT_WARNING, ON_CHANNEL, check_tags,
     "podcast:person's role and group are from the podcast taxonomy",
     SPEC "<podcast:person>; podcasttaxonomy.com"},
    {"podcast-transcript", LINT_ERROR, ON_CHANNEL, check_tags,
     "podcast:transcript has an absolute url and a media type", SPEC "<podcast:transcript>"},
    {"podcast-chapters", LINT_ERROR, ON_CHANNEL, check_tags,
     "podcast:chapters has an absolute url and a media type", SPEC "<podcast:chapters>"},
    {"podcast-numbers", LINT_ERROR, ON_CHANNEL, check_tags,
     "podcast:season is a whole number, podcast:episode a decimal number",
     SPEC "<podcast:season>, <podcast:episode>"},
    {"podcast-itunes-numbers", LINT_WARNING, ON_ITEMS, check_itunes_numbers,
     "podcast:season and podcast:episode agree with itunes:season and itunes:episode",
     SPEC "<podcast:season>, <podcast:episode>"},
    {"podcast-funding", LINT_ERROR, ON_CHANNEL, check_tags,
     "podcast:funding has an absolute url and at most 128 characters of text",
     SPEC "<podcast:funding>"},
    {"podcast-license", LINT_ERROR, ON_CHANNEL, check_tags,
     "podcast:license names a license in at most 128 characters, its url absolute",
     SPEC "<podcast:license>"},
    {"podcast-location", LINT_ERROR, ON_CHANNEL, check_tags,
     "podcast:location names a place in at most 128 characters, with a valid geo uri and osm id",
     SPEC "<podcast:location>"},
    {"podcast-value", LINT_ERROR, ON_CHANNEL, check_tags,
     "podcast:value has a type, a method and recipients, each with a type, address and split",
     SPEC "<podcast:value>, <podcast:valueRecipient>"},
    {"podcast-alternate-enclosure", LINT_ERROR, ON_CHANNEL, check_tags,
     "podcast:alternateEnclosure has a media type and sources, each with a uri",
     SPEC "<podcast:alternateEnclosure>, <podcast:source>"},
    {"podcast-medium", LINT_ERROR, ON_CHANNEL, check_tags,
     "podcast:medium is one of the namespace's mediums", SPEC "<podcast:medium>"},
    {"podcast-txt", LINT_ERROR, ON_CHANNEL, check_tags,
     "podcast:txt holds at most 4000 characters, its purpose at most 128", SPEC "<podcast:txt>"},
    {"podcast-trailer", LINT_ERROR, ON_CHANNEL, check_tags,
     "podcast:trailer has a title, an absolute url and an RFC 2822 pubdate",
     SPEC "<podcast:trailer>"},
    {"podcast-podroll", LINT_ERROR, ON_CHANNEL, check_tags,
     "podcast:podroll holds remote items, each naming a feed by its guid",
     SPEC "<podcast:podroll>, <podcast:remoteItem>"},
    {"podcast-update-frequency", LINT_ERROR, ON_CHANNEL, check_tags,
     "podcast:updateFrequency has text, and a valid complete, dtstart and rrule when given",
     SPEC "<podcast:updateFrequency>"},
    {"podcast-block", LINT_ERROR, ON_CHANNEL, check_tags,
     "podcast:block says yes or no, its id (when given) not empty", SPEC "<podcast:block>"},
    {"podcast-block-id", LINT_WARNING, ON_CHANNEL, check_tags,
     "podcast:block's id is a slug from the namespace's service list (spotify, youtube, ...)",
     SPEC "<podcast:block>; serviceslugs.txt"},
    {"podcast-parent", LINT_ERROR, ON_DOCUMENT, check_placement,
     "podcast: tags stand in the parent the namespace gives them, single ones once",
     SPEC "each tag's Parent and Count"},
};
const size_t lint_rules_podcast_count = COUNT(lint_rules_podcast);
