/* lint_rss.c - RSS 2.0: the elements every feed reader needs.
 *
 * The RSS 2.0 specification and what readers rely on beyond it (a guid
 * per item, dates that parse). */
#include "lint/lint_int.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "datetime.h"
#include "value.h"

/* Checks, one per rule; each reports under the rule being run */

static void check_rss_root(struct lint_run *run, xmlNode *root, size_t index)
{
	xmlNode *channel, *second;
	xmlChar *version;

	(void)index;
	if (!lint_is_elem(root, NULL, "rss")) {
		lint_add(run, root, "rss", "root element is <%s>, not <rss>", S(root->name));
		return;
	}
	if (!(version = lint_attr_of(run, root, "version")))
		return;
	if (!*version)
		lint_add(run, root, "rss", "<rss> has no version attribute");
	else if (strcmp(S(version), "2.0") != 0)
		lint_add(run, root, "rss", "rss version '%s' is not '2.0'", S(version));
	xmlFree(version);
	channel = lint_child_elem(root, NULL, "channel");
	if (!channel)
		lint_add(run, root, "rss/channel", "missing required element <channel>");
	else if ((second = lint_find_elem(channel->next, NULL, "channel")))
		lint_add(run, second, "rss/channel", "more than one <channel> element");
}

static void check_channel_required(struct lint_run *run, xmlNode *channel, size_t index)
{
	static const char *const names[] = {"title", "link", "description"};
	char path[LINT_PATH_SIZE];

	for (size_t i = 0; i < COUNT(names); i++)
		lint_require_text(run, channel, NULL, names[i],
				  lint_path_of(path, index, names[i]));
}

static void check_item_required(struct lint_run *run, xmlNode *item, size_t index)
{
	char path[LINT_PATH_SIZE];

	lint_require_text(run, item, NULL, "title", lint_path_of(path, index, "title"));
	if (!lint_child_elem(item, NULL, "enclosure"))
		lint_add(run, item, lint_path_of(path, index, "enclosure"),
			 "missing required element <enclosure>");
}

static void check_enclosure_attrs(struct lint_run *run, xmlNode *item, size_t index)
{
	xmlNode *enclosure = lint_child_elem(item, NULL, "enclosure");
	xmlChar *url = NULL, *length = NULL, *type = NULL;
	char path[LINT_PATH_SIZE];

	if (!enclosure)
		return;
	lint_path_of(path, index, "enclosure");
	if (!(url = lint_attr_of(run, enclosure, "url")) ||
	    !(length = lint_attr_of(run, enclosure, "length")) ||
	    !(type = lint_attr_of(run, enclosure, "type")))
		goto out;
	if (!*url)
		lint_add(run, enclosure, path, "enclosure has no url");
	else if (!value_is_http_url(S(url)))
		lint_add(run, enclosure, path,
			 "enclosure url '%s' is not an absolute http or https url", S(url));
	if (!*length)
		lint_add(run, enclosure, path, "enclosure has no length");
	else if (!lint_value_count(S(length)))
		lint_add(run, enclosure, path,
			 "enclosure length '%s' is not a number of bytes (0 when unknown)",
			 S(length));
	if (!*type)
		lint_add(run, enclosure, path, "enclosure has no type");
out:
	xmlFree(url);
	xmlFree(length);
	xmlFree(type);
}

/* A value each item may carry once in a feed (its guid, its enclosure's
 * url): where to find it, and what to say when an item repeats one. */
struct item_value {
	const char *element;  /* the item's child that holds it */
	const char *attr;     /* its attribute, or NULL: the element's text */
	bool empty_counts;    /* empty values are equal too (else skipped) */
	void (*repeated)(struct lint_run *run, xmlNode *n, const char *path, const xmlChar *value,
			 size_t first);
};

/* Walks the items once, remembering the first item of each value; calls
 * v->repeated for every later item that carries one again. */
static void check_repeats(struct lint_run *run, xmlNode *channel, const struct item_value *v)
{
	xmlHashTable *seen = xmlHashCreate(0);
	char path[LINT_PATH_SIZE];
	size_t n = 0;

	if (!seen) {
		run->res = PP_ENOMEM;
		return;
	}
	for (xmlNode *item = lint_next_item(channel, NULL); item && run->res == PP_OK;
	     item = lint_next_item(channel, item)) {
		xmlNode *node = lint_child_elem(item, NULL, v->element);
		xmlChar *value;
		const xmlChar *key;
		void *first;

		n++;
		if (!node || !(value = v->attr ? lint_attr_of(run, node, v->attr)
					       : lint_text_of(run, node)))
			continue;
		/* The hash takes no empty key: " " stands for it. */
		key = *value ? value : X(" ");
		if (!*value && !v->empty_counts)
			;
		else if ((first = xmlHashLookup(seen, key)))
			v->repeated(run, node, lint_path_of(path, n, v->element), value,
				    (size_t)(uintptr_t)first);
		else if (xmlHashAddEntry(seen, key, (void *)(uintptr_t)n) != 0)
			run->res = PP_ENOMEM;
		xmlFree(value);
	}
	xmlHashFree(seen, NULL);
}

static void guid_repeated(struct lint_run *run, xmlNode *guid, const char *path,
			  const xmlChar *text, size_t first)
{
	/* Empty guids are equal too: apps keep one episode of them all. */
	if (!*text)
		lint_add(run, guid, path,
			 "guid is empty, as in item[%zu]: apps keep only one of these episodes",
			 first);
	else
		lint_add(run, guid, path, "guid '%s' is already used by item[%zu]", S(text), first);
}

static void check_guid_unique(struct lint_run *run, xmlNode *channel, size_t index)
{
	static const struct item_value guids = { "guid", NULL, true, guid_repeated };

	(void)index;
	check_repeats(run, channel, &guids);
}

static void check_date(struct lint_run *run, const xmlNode *parent, size_t index, const char *name)
{
	static const char *const weekdays[] = {
	    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	};
	xmlNode *n = lint_child_elem(parent, NULL, name);
	char path[LINT_PATH_SIZE];
	xmlChar *text;
	int weekday = 0;

	if (!n || !(text = lint_text_of(run, n)))
		return;
	lint_path_of(path, index, name);
	switch (lint_value_rfc2822(S(text), &weekday)) {
	case LINT_DATE_OK:
		break;
	case LINT_DATE_SYNTAX:
		lint_add(run, n, path,
			 "%s '%s' is not an rfc 2822 date like 'Tue, 04 Mar 2025 07:00:00 +0000'",
			 name, S(text));
		break;
	case LINT_DATE_NO_SUCH_TIME:
		lint_add(run, n, path, "%s '%s' has a day, time or zone out of range", name,
			 S(text));
		break;
	case LINT_DATE_WRONG_WEEKDAY:
		lint_add(run, n, path, "%s '%s' has the wrong day of the week: that date is a %s",
			 name, S(text), weekdays[weekday]);
		break;
	}
	xmlFree(text);
}

static void check_dates(struct lint_run *run, xmlNode *node, size_t index)
{
	check_date(run, node, index, "pubDate");
	if (index == 0)
		check_date(run, node, index, "lastBuildDate");
}

/* The instant of `parent`'s child `name` when it holds a valid date. */
static bool date_of(struct lint_run *run, const xmlNode *parent, const char *name,
		    long long *seconds, xmlChar **text)
{
	xmlNode *n = lint_child_elem(parent, NULL, name);

	*text = NULL;
	if (!n || !(*text = lint_text_of(run, n)))
		return false;
	if (lint_value_rfc2822_time(S(*text), seconds))
		return true;
	xmlFree(*text);
	*text = NULL;
	return false;
}

/* An item dated after the clock is out before its time: apps list it
 * first, or hide it until then, and a scheduled episode has leaked. */
static void check_pubdate_clock(struct lint_run *run, xmlNode *item, size_t index)
{
	char path[LINT_PATH_SIZE], now[DATETIME_RFC2822_SIZE];
	xmlChar *date = NULL;
	long long dated;

	if (run->now && date_of(run, item, "pubDate", &dated, &date) && dated > run->now) {
		datetime_rfc2822((time_t)run->now, now);
		lint_add(run, lint_child_elem(item, NULL, "pubDate"),
			 lint_path_of(path, index, "pubDate"),
			 "pubDate '%s' is after the clock ('%s'): the episode is out before its "
			 "time, and apps may list it first or hide it until then",
			 S(date), now);
	}
	xmlFree(date);
}

/* An item dated after the feed was built is one the feed leaked early: a
 * scheduled episode published before its time, or a wrong date. */
static void check_pubdate_future(struct lint_run *run, xmlNode *item, size_t index)
{
	const char *built_name = "lastBuildDate";
	xmlChar *built = NULL, *date = NULL;
	long long built_at, dated;
	char path[LINT_PATH_SIZE];

	if (!run->channel)
		return;
	if (!date_of(run, run->channel, built_name, &built_at, &built)) {
		built_name = "pubDate"; /* a feed without lastBuildDate: the channel's date */
		if (!date_of(run, run->channel, built_name, &built_at, &built))
			goto out;
	}
	if (date_of(run, item, "pubDate", &dated, &date) && dated > built_at)
		lint_add(run, lint_child_elem(item, NULL, "pubDate"),
			 lint_path_of(path, index, "pubDate"),
			 "pubDate '%s' is later than the channel's %s '%s': the item is dated in "
			 "the future",
			 S(date), built_name, S(built));
out:
	xmlFree(built);
	xmlFree(date);
}

static void check_enclosure_count(struct lint_run *run, xmlNode *item, size_t index)
{
	xmlNode *first = lint_child_elem(item, NULL, "enclosure");
	xmlNode *second = first ? lint_find_elem(first->next, NULL, "enclosure") : NULL;
	char path[LINT_PATH_SIZE];

	if (second)
		lint_add(run, second, lint_path_of(path, index, "enclosure"),
			 "item has more than one enclosure: apps play only the first");
}

/* The RSS elements that hold a url; enclosure, atom:link and itunes:image
 * have rules of their own. */
static void check_urls(struct lint_run *run, xmlNode *node, size_t index)
{
	static const char *const channel_urls[] = {"link", "docs"};
	static const char *const item_urls[] = {"link", "comments"};
	const char *const *names = index ? item_urls : channel_urls;
	char path[LINT_PATH_SIZE];
	xmlNode *image, *source;

	for (size_t i = 0; i < 2; i++)
		for (xmlNode *n = lint_child_elem(node, NULL, names[i]); n;
		     n = lint_find_elem(n->next, NULL, names[i]))
			lint_check_url_text(run, n, lint_path_of(path, index, names[i]));
	if (index == 0 && (image = lint_child_elem(node, NULL, "image"))) {
		xmlNode *url = lint_child_elem(image, NULL, "url");
		xmlNode *link = lint_child_elem(image, NULL, "link");

		if (url)
			lint_check_url_text(run, url, lint_path_of(path, index, "image/url"));
		if (link)
			lint_check_url_text(run, link, lint_path_of(path, index, "image/link"));
	}
	if (index > 0 && (source = lint_child_elem(node, NULL, "source")))
		lint_check_url_attr(run, source, "url", true, lint_path_of(path, index, "source"));
}

/* isPermaLink, spelt so: readers match the attribute's name exactly and
 * take a guid without it for a permalink. */
static void check_guid_permalink(struct lint_run *run, xmlNode *item, size_t index)
{
	xmlNode *guid = lint_child_elem(item, NULL, "guid");
	char path[LINT_PATH_SIZE];
	xmlChar *value = NULL, *text = NULL;

	if (!guid)
		return;
	lint_path_of(path, index, "guid");
	for (const xmlAttr *a = guid->properties; a; a = a->next)
		if (strcasecmp(S(a->name), "isPermaLink") == 0 && strcmp(S(a->name), "isPermaLink") != 0)
			lint_add(run, guid, path,
				 "attribute '%s' is not 'isPermaLink': readers ignore it and take "
				 "the guid for a url",
				 S(a->name));
	if (!xmlHasNsProp(guid, X("isPermaLink"), NULL))
		return;
	if (!(value = lint_attr_of(run, guid, "isPermaLink")) || !(text = lint_text_of(run, guid)))
		goto out;
	if (strcmp(S(value), "true") != 0 && strcmp(S(value), "false") != 0)
		lint_add(run, guid, path, "isPermaLink '%s' is not 'true' or 'false'", S(value));
	else if (strcmp(S(value), "true") == 0 && *text && !value_is_http_url(S(text)))
		lint_add(run, guid, path,
			 "guid '%s' has isPermaLink=\"true\" but is not a url: say "
			 "isPermaLink=\"false\"",
			 S(text));
out:
	xmlFree(value);
	xmlFree(text);
}

static void check_guid_permalink_implied(struct lint_run *run, xmlNode *item, size_t index)
{
	xmlNode *guid = lint_child_elem(item, NULL, "guid");
	char path[LINT_PATH_SIZE];
	xmlChar *text;

	if (!guid || xmlHasNsProp(guid, X("isPermaLink"), NULL) || !(text = lint_text_of(run, guid)))
		return;
	for (const xmlAttr *a = guid->properties; a; a = a->next)
		if (strcasecmp(S(a->name), "isPermaLink") == 0)
			goto out; /* misspelt: rss-guid-permalink's */
	if (*text && !value_is_http_url(S(text)))
		lint_add(run, guid, lint_path_of(path, index, "guid"),
			 "guid '%s' is not a url, and without isPermaLink=\"false\" it claims "
			 "to be one",
			 S(text));
out:
	xmlFree(text);
}

static void check_guid_empty(struct lint_run *run, xmlNode *item, size_t index)
{
	xmlNode *guid = lint_child_elem(item, NULL, "guid");
	char path[LINT_PATH_SIZE];
	xmlChar *text;

	if (!guid || !(text = lint_text_of(run, guid)))
		return;
	if (!*text)
		lint_add(run, guid, lint_path_of(path, index, "guid"),
			 "guid is empty: apps fall back to the title or enclosure url, or merge "
			 "episodes");
	xmlFree(text);
}

/* An item's pubDate as a time; false when absent or unreadable (another
 * rule's business). */
static bool item_time(struct lint_run *run, const xmlNode *item, long long *epoch)
{
	xmlNode *n = lint_child_elem(item, NULL, "pubDate");
	xmlChar *text;
	bool ok;

	if (!n || !(text = lint_text_of(run, n)))
		return false;
	ok = lint_value_rfc2822_time(S(text), epoch);
	xmlFree(text);
	return ok;
}

/* Newest first, as every host publishes and some apps assume: one finding
 * at the first item out of order. */
static void check_item_order(struct lint_run *run, xmlNode *channel, size_t index)
{
	char path[LINT_PATH_SIZE];
	long long prev_time = 0, t;
	size_t n = 0, prev = 0;

	(void)index;
	for (xmlNode *item = lint_next_item(channel, NULL); item && run->res == PP_OK;
	     item = lint_next_item(channel, item)) {
		n++;
		if (!item_time(run, item, &t))
			continue;
		if (prev && t > prev_time) {
			lint_add(run, lint_child_elem(item, NULL, "pubDate"),
				 lint_path_of(path, n, "pubDate"),
				 "items are not newest first: item[%zu] is newer than item[%zu]", n,
				 prev);
			return;
		}
		prev = n;
		prev_time = t;
	}
}

#define FEED_SIZE_WARN (10 * 1024 * 1024)

static void check_feed_size(struct lint_run *run, xmlNode *root, size_t index)
{
	(void)root;
	(void)index;
	if (run->len > FEED_SIZE_WARN)
		lint_add_line(run, 0, NULL,
			      "feed is %zu bytes, over %d MiB: apps fetch all of it on every "
			      "refresh; drop old items or shorten their notes",
			      run->len, FEED_SIZE_WARN / (1024 * 1024));
}

static void check_atom_self(struct lint_run *run, xmlNode *channel, size_t index)
{
	char path[LINT_PATH_SIZE];

	lint_path_of(path, index, "atom:link");
	for (xmlNode *n = lint_child_elem(channel, NS_ATOM, "link"); n;
	     n = lint_find_elem(n->next, NS_ATOM, "link")) {
		xmlChar *rel = lint_attr_of(run, n, "rel");
		bool self = rel && strcmp(S(rel), "self") == 0;

		xmlFree(rel);
		if (self) {
			lint_check_url_attr(run, n, "href", true, path);
			return;
		}
	}
	lint_add(run, channel, path,
		 "missing atom:link rel=\"self\": apps cannot tell the feed's own url");
}

/* The href of the channel's atom:link rel="self", or NULL when it has none
 * (or out of memory). Caller frees with xmlFree. */
static xmlChar *self_href(struct lint_run *run, const xmlNode *channel, xmlNode **at)
{
	for (xmlNode *n = lint_child_elem(channel, NS_ATOM, "link"); n;
	     n = lint_find_elem(n->next, NS_ATOM, "link")) {
		xmlChar *rel = lint_attr_of(run, n, "rel");
		bool self = rel && strcmp(S(rel), "self") == 0;

		xmlFree(rel);
		if (self) {
			*at = n;
			return lint_attr_of(run, n, "href");
		}
	}
	return NULL;
}

/* A feed fetched from one url that calls itself another: apps that
 * subscribe through the self link end up elsewhere, or on a stale copy.
 * Either end of a redirect chain is the feed's url. */
static void check_self_link_match(struct lint_run *run, xmlNode *channel, size_t index)
{
	const struct lint_source *src = run->source;
	char path[LINT_PATH_SIZE];
	xmlNode *at = NULL;
	xmlChar *href;

	if (!src || !src->url || !(href = self_href(run, channel, &at)))
		return;
	if (*href && strcmp(S(href), src->url) != 0 &&
	    !(src->final_url && strcmp(S(href), src->final_url) == 0))
		lint_add(run, at, lint_path_of(path, index, "atom:link"),
			 "atom:link rel=\"self\" is '%s', not '%s', where the feed was fetched from",
			 S(href), src->final_url ? src->final_url : src->url);
	xmlFree(href);
}

static void enclosure_repeated(struct lint_run *run, xmlNode *enclosure, const char *path,
			       const xmlChar *url, size_t first)
{
	lint_add(run, enclosure, path,
		 "enclosure url '%s' is already item[%zu]'s: apple podcasts skips an episode whose "
		 "media it has seen",
		 S(url), first);
}

static void check_enclosure_duplicate(struct lint_run *run, xmlNode *channel, size_t index)
{
	static const struct item_value urls = { "enclosure", "url", false, enclosure_repeated };

	(void)index;
	check_repeats(run, channel, &urls);
}

static void check_http_one(struct lint_run *run, const xmlNode *n, const char *attr,
			   const char *path)
{
	char qname[LINT_PATH_SIZE];
	xmlChar *url = attr ? lint_attr_of(run, n, attr) : lint_text_of(run, n);

	if (url && strncasecmp(S(url), "http://", 7) == 0)
		lint_add(run, n, path, "%s '%s' is plain http: use https", lint_qname(qname, n),
			 S(url));
	xmlFree(url);
}

static void check_http_media(struct lint_run *run, xmlNode *node, size_t index)
{
	char path[LINT_PATH_SIZE];
	xmlNode *n;

	if ((n = lint_child_elem(node, NULL, "enclosure")))
		check_http_one(run, n, "url", lint_path_of(path, index, "enclosure"));
	if ((n = lint_child_elem(node, NS_ITUNES, "image")))
		check_http_one(run, n, "href", lint_path_of(path, index, "itunes:image"));
	if (index == 0 && (n = lint_child_elem(node, NULL, "image")) &&
	    (n = lint_child_elem(n, NULL, "url")))
		check_http_one(run, n, NULL, lint_path_of(path, index, "image/url"));
}

/* RSS names the W3C's codes (RFC 5646: ISO 639 and subtags); case does not
 * matter there, so "EN-us" passes and "English" or "en_US" do not. */
static void check_language_code(struct lint_run *run, xmlNode *channel, size_t index)
{
	xmlNode *n = lint_child_elem(channel, NULL, "language");
	char path[LINT_PATH_SIZE];
	xmlChar *text, *lower;

	if (!n || !(text = lint_text_of(run, n)))
		return;
	if (!(lower = xmlStrdup(text))) {
		run->res = PP_ENOMEM;
		goto out;
	}
	for (xmlChar *c = lower; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (xmlChar)(*c - 'A' + 'a');
	/* An empty one is apple-channel-language's. */
	if (*lower && !value_is_language_code(S(lower)))
		lint_add(run, n, lint_path_of(path, index, "language"),
			 "language '%s' is not a language code like 'fi' or 'en-US'", S(text));
	xmlFree(lower);
out:
	xmlFree(text);
}

/* Markup written into <description> as elements, not escaped or in CDATA:
 * XML readers see child elements and most apps drop them, or the whole
 * text, so the notes show up empty or garbled. */
static void check_description_html(struct lint_run *run, xmlNode *node, size_t index)
{
	static const struct {
		const char *ns, *name, *leaf;
	} holders[] = {
	    {NULL, "description", "description"},
	    {NS_CONTENT, "encoded", "content:encoded"},
	    {NS_ITUNES, "summary", "itunes:summary"},
	};
	char path[LINT_PATH_SIZE];

	for (size_t i = 0; i < COUNT(holders); i++) {
		xmlNode *n = lint_child_elem(node, holders[i].ns, holders[i].name);

		for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE) {
				lint_add(run, c, lint_path_of(path, index, holders[i].leaf),
					 "%s holds a raw <%s> element: escape the html or wrap it "
					 "in <![CDATA[ ]]>",
					 holders[i].leaf, S(c->name));
				break;
			}
	}
}

const struct lint_rule lint_rules_rss[] = {
    {"rss-root", LINT_ERROR, ON_DOCUMENT, check_rss_root,
     "the root is <rss version=\"2.0\"> with exactly one <channel>",
     "RSS 2.0 (rssboard.org/rss-specification): required elements"},
    {"rss-channel-required", LINT_ERROR, ON_CHANNEL, check_channel_required,
     "the channel has a title, link and description",
     "RSS 2.0 (rssboard.org/rss-specification): required channel elements"},
    {"rss-item-required", LINT_ERROR, ON_ITEMS, check_item_required, "every item has a title",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): episode tags"},
    {"rss-enclosure-attrs", LINT_ERROR, ON_ITEMS, check_enclosure_attrs,
     "every item has an enclosure with an absolute url, a length (0 when unknown) and a type",
     "RSS 2.0 (rssboard.org/rss-specification): <enclosure>"},
    {"rss-guid-unique", LINT_ERROR, ON_CHANNEL, check_guid_unique,
     "every item has a guid, unique within the feed",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): <guid>"},
    {"rss-pubdate-format", LINT_ERROR, ON_CHANNEL | ON_ITEMS, check_dates,
     "dates are RFC 2822 dates with the right day of the week",
     "RSS 2.0 (rssboard.org/rss-specification): dates; RFC 2822 section 3.3"},
    {"rss-pubdate-future", LINT_WARNING, ON_ITEMS, check_pubdate_future,
     "no item is dated after the channel's lastBuildDate (or, without one, its pubDate)",
     "RSS 2.0 (rssboard.org/rss-specification): lastBuildDate, the last time the content "
     "changed"},
    {"rss-pubdate-clock", LINT_WARNING, ON_ITEMS, check_pubdate_clock,
     "no item is dated after the clock (or lint's --now)",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): <pubDate>, "
     "the date and time the episode was released"},
    {"rss-enclosure-count", LINT_ERROR, ON_ITEMS, check_enclosure_count,
     "every item has at most one enclosure",
     "RSS Best Practices Profile (rssboard.org/rss-profile) section 4.7.2: one enclosure"},
    {"rss-url-absolute", LINT_ERROR, ON_CHANNEL | ON_ITEMS, check_urls,
     "link, docs, comments, image and source urls are absolute http or https urls",
     "RSS 2.0 (rssboard.org/rss-specification): <link>, <image>, <comments>, <source>"},
    {"rss-guid-permalink", LINT_ERROR, ON_ITEMS, check_guid_permalink,
     "isPermaLink is spelt so, is true or false, and is true only for a url",
     "RSS 2.0 (rssboard.org/rss-specification): <guid> isPermaLink"},
    {"rss-guid-permalink-implied", LINT_INFO, ON_ITEMS, check_guid_permalink_implied,
     "a guid that is not a url says isPermaLink=\"false\" (true is the default)",
     "RSS 2.0 (rssboard.org/rss-specification): <guid> isPermaLink"},
    {"rss-guid-empty", LINT_WARNING, ON_ITEMS, check_guid_empty, "no guid is empty",
     "RSS Best Practices Profile (rssboard.org/rss-profile) section 4.7.4: <guid>"},
    {"rss-item-order", LINT_WARNING, ON_CHANNEL, check_item_order,
     "items are listed newest first",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): <pubDate>; "
     "every host's practice"},
    {"rss-feed-size", LINT_WARNING, ON_DOCUMENT, check_feed_size,
     "the feed is at most 10 MiB",
     "podpub's threshold: apps fetch the whole feed on every refresh"},
    {"rss-atom-self", LINT_WARNING, ON_CHANNEL, check_atom_self,
     "the channel has atom:link rel=\"self\" with the feed's absolute url",
     "RSS Best Practices Profile (rssboard.org/rss-profile) section 5: atom:link"},
    {"rss-enclosure-duplicate", LINT_ERROR, ON_CHANNEL, check_enclosure_duplicate,
     "no two items share an enclosure url",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): <enclosure>"},
    {"rss-http-media", LINT_WARNING, ON_CHANNEL | ON_ITEMS, check_http_media,
     "enclosures and images are served over https",
     "Apple Podcasts for Creators: hosting requirements (https recommended)"},
    {"rss-language-code", LINT_WARNING, ON_CHANNEL, check_language_code,
     "language is a language code: ISO 639 with optional subtags (fi, en-US)",
     "RSS 2.0 (rssboard.org/rss-specification): <language>, the W3C's codes (RFC 5646)"},
    {"rss-description-html", LINT_ERROR, ON_CHANNEL | ON_ITEMS, check_description_html,
     "description, content:encoded and itunes:summary hold text: html in them is escaped or "
     "in CDATA",
     "RSS Best Practices Profile (rssboard.org/rss-profile) section 4.1.1.2: "
     "entity-encoded or CDATA html"},
    {"rss-self-link-mismatch", LINT_WARNING, ON_CHANNEL, check_self_link_match,
     "when the feed is linted from a url, its atom:link rel=\"self\" names that url",
     "RSS Best Practices Profile (rssboard.org/rss-profile) section 5: atom:link rel=\"self\""},
};
const size_t lint_rules_rss_count = COUNT(lint_rules_rss);
