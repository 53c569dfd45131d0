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
	else if (!lint_value_positive_integer(S(length)))
		lint_add(run, enclosure, path, "enclosure length '%s' is not a positive integer",
			 S(length));
	if (!*type)
		lint_add(run, enclosure, path, "enclosure has no type");
out:
	xmlFree(url);
	xmlFree(length);
	xmlFree(type);
}

static void check_guid_unique(struct lint_run *run, xmlNode *channel, size_t index)
{
	xmlHashTable *seen = xmlHashCreate(0);
	char path[LINT_PATH_SIZE];
	size_t n = 0;

	(void)index;
	if (!seen) {
		run->res = PP_ENOMEM;
		return;
	}
	for (xmlNode *item = lint_next_item(channel, NULL); item && run->res == PP_OK;
	     item = lint_next_item(channel, item)) {
		xmlNode *guid = lint_child_elem(item, NULL, "guid");
		xmlChar *text;
		void *first;

		n++;
		if (!guid || !(text = lint_text_of(run, guid)))
			continue;
		/* An empty guid is not a duplicate: that is another rule's business. */
		if (!*text)
			;
		else if ((first = xmlHashLookup(seen, text)))
			lint_add(run, guid, lint_path_of(path, n, "guid"),
				 "guid '%s' is already used by item[%zu]", S(text),
				 (size_t)(uintptr_t)first);
		else if (xmlHashAddEntry(seen, text, (void *)(uintptr_t)n) != 0)
			run->res = PP_ENOMEM;
		xmlFree(text);
	}
	xmlHashFree(seen, NULL);
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
	if (lint_value_rfc2822_seconds(S(*text), seconds))
		return true;
	xmlFree(*text);
	*text = NULL;
	return false;
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
     "every item has an enclosure with an absolute url, a length and a type",
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
};
const size_t lint_rules_rss_count = COUNT(lint_rules_rss);
