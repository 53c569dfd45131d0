/* lint_podcast.c - the Podcasting 2.0 namespace (podcast:).
 *
 * Each tag of the namespace: its required attributes, allowed values,
 * length limits and parent elements, as podcastindex.org/namespace/1.0
 * and its tag pages define them. Elements are found under either of the
 * namespace's two URIs (lint_in_ns). Most tags may sit in a channel, an
 * item or a podcast:liveItem, so each check walks the channel for its tag
 * rather than looking at one level. */
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

/* Calls `check` on every podcast:<name> in the channel. */
static void each(struct lint_run *run, xmlNode *channel, const char *name,
		 void (*check)(struct lint_run *run, const xmlNode *n, const char *path))
{
	char path[LINT_PATH_SIZE];

	for (xmlNode *n = channel; n && run->res == PP_OK; n = lint_walk_next(channel, n))
		if (is_podcast(n, name))
			check(run, n, podcast_path(n, path));
}

/* Values */

/* The element's text, reported when empty (if `required`) or over `max`
 * characters. NULL only when out of memory. Caller frees with xmlFree. */
static xmlChar *text_within(struct lint_run *run, const xmlNode *n, const char *path, int max,
			    bool required)
{
	char name[LINT_PATH_SIZE];
	xmlChar *text = lint_text_of(run, n);
	int chars;

	if (!text)
		return NULL;
	if (!*text && required)
		lint_add(run, n, path, "%s is empty", lint_qname(name, n));
	else if ((chars = xmlUTF8Strlen(text)) > max)
		lint_add(run, n, path, "%s is %d characters long, over the %d the namespace allows",
			 lint_qname(name, n), chars, max);
	return text;
}

static void check_text(struct lint_run *run, const xmlNode *n, const char *path, int max,
		       bool required)
{
	xmlFree(text_within(run, n, path, max, required));
}

/* Attribute `attr`: reported when absent or empty if `required`, and when
 * present but failing `valid` (whose expectation `what` names). */
static void check_attr(struct lint_run *run, const xmlNode *n, const char *path, const char *attr,
		       bool required, bool (*valid)(const char *), const char *what)
{
	char name[LINT_PATH_SIZE];
	xmlChar *value = lint_attr_of(run, n, attr);

	if (!value)
		return;
	if (!*value && required)
		lint_add(run, n, path, "%s has no %s", lint_qname(name, n), attr);
	else if (*value && valid && !valid(S(value)))
		lint_add(run, n, path, "%s %s '%s' is not %s", lint_qname(name, n), attr, S(value),
			 what);
	xmlFree(value);
}

static bool is_true_false(const char *s)
{
	return strcmp(s, "true") == 0 || strcmp(s, "false") == 0;
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

/* Checks, one per rule; each reports under the rule being run */

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

static void check_locked_one(struct lint_run *run, const xmlNode *n, const char *path)
{
	static const char *const values[] = {"yes", "no"};
	xmlChar *text = lint_text_of(run, n);

	if (!text)
		return;
	if (!lint_is_one_of(S(text), values, COUNT(values)))
		lint_add(run, n, path, "podcast:locked '%s' is not 'yes' or 'no'", S(text));
	xmlFree(text);
	check_attr(run, n, path, "owner", false, lint_value_email, "an email address");
}

static void check_locked(struct lint_run *run, xmlNode *channel, size_t index)
{
	(void)index;
	each(run, channel, "locked", check_locked_one);
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

static void check_person_one(struct lint_run *run, const xmlNode *n, const char *path)
{
	check_text(run, n, path, SHORT_TEXT_MAX, true);
	check_attr(run, n, path, "href", false, value_is_http_url, "an absolute http or https url");
	check_attr(run, n, path, "img", false, value_is_http_url, "an absolute http or https url");
}

static void check_person(struct lint_run *run, xmlNode *channel, size_t index)
{
	(void)index;
	each(run, channel, "person", check_person_one);
}

static void check_person_role_one(struct lint_run *run, const xmlNode *n, const char *path)
{
	xmlChar *role = lint_attr_of(run, n, "role"), *group = NULL;

	if (!role || !(group = lint_attr_of(run, n, "group")))
		goto out;
	if (*role && !podcast_role_group(S(role), true))
		lint_add(run, n, path,
			 "podcast:person role '%s' is not in the podcast taxonomy "
			 "(podcasttaxonomy.com): host, guest, producer, ...",
			 S(role));
	if (*group && !podcast_group_known(S(group)))
		lint_add(run, n, path,
			 "podcast:person group '%s' is not in the podcast taxonomy "
			 "(podcasttaxonomy.com): cast, writing, audio production, ...",
			 S(group));
out:
	xmlFree(role);
	xmlFree(group);
}

static void check_person_role(struct lint_run *run, xmlNode *channel, size_t index)
{
	(void)index;
	each(run, channel, "person", check_person_role_one);
}

static void check_transcript_one(struct lint_run *run, const xmlNode *n, const char *path)
{
	lint_check_url_attr(run, n, "url", true, path);
	check_attr(run, n, path, "type", true, lint_value_mime_type,
		   "a media type like 'text/vtt' or 'application/x-subrip'");
}

static void check_transcript(struct lint_run *run, xmlNode *channel, size_t index)
{
	(void)index;
	each(run, channel, "transcript", check_transcript_one);
}

static void check_chapters_one(struct lint_run *run, const xmlNode *n, const char *path)
{
	lint_check_url_attr(run, n, "url", true, path);
	check_attr(run, n, path, "type", true, lint_value_mime_type,
		   "a media type like 'application/json+chapters'");
}

static void check_chapters(struct lint_run *run, xmlNode *channel, size_t index)
{
	(void)index;
	each(run, channel, "chapters", check_chapters_one);
}

static void check_number_one(struct lint_run *run, const xmlNode *n, const char *path,
			     bool (*valid)(const char *), const char *what, const char *attr,
			     size_t attr_max)
{
	char name[LINT_PATH_SIZE];
	xmlChar *text = lint_text_of(run, n), *label = NULL;

	if (!text)
		return;
	if (!valid(S(text)))
		lint_add(run, n, path, "%s '%s' is not %s", lint_qname(name, n), S(text), what);
	if ((label = lint_attr_of(run, n, attr)) && (size_t)xmlUTF8Strlen(label) > attr_max)
		lint_add(run, n, path, "%s %s is %d characters long, over the %zu the namespace allows",
			 lint_qname(name, n), attr, xmlUTF8Strlen(label), attr_max);
	xmlFree(label);
	xmlFree(text);
}

static void check_season_one(struct lint_run *run, const xmlNode *n, const char *path)
{
	check_number_one(run, n, path, lint_value_count, "a whole number", "name", SHORT_TEXT_MAX);
}

static void check_episode_one(struct lint_run *run, const xmlNode *n, const char *path)
{
	check_number_one(run, n, path, lint_value_decimal, "a number like '4' or '204.5'",
			 "display", 32);
}

static void check_numbers(struct lint_run *run, xmlNode *channel, size_t index)
{
	(void)index;
	each(run, channel, "season", check_season_one);
	each(run, channel, "episode", check_episode_one);
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

static void check_funding_one(struct lint_run *run, const xmlNode *n, const char *path)
{
	lint_check_url_attr(run, n, "url", true, path);
	check_text(run, n, path, SHORT_TEXT_MAX, false);
}

static void check_funding(struct lint_run *run, xmlNode *channel, size_t index)
{
	(void)index;
	each(run, channel, "funding", check_funding_one);
}

static void check_license_one(struct lint_run *run, const xmlNode *n, const char *path)
{
	check_text(run, n, path, SHORT_TEXT_MAX, true);
	lint_check_url_attr(run, n, "url", false, path);
}

static void check_license(struct lint_run *run, xmlNode *channel, size_t index)
{
	(void)index;
	each(run, channel, "license", check_license_one);
}

static void check_location_one(struct lint_run *run, const xmlNode *n, const char *path)
{
	check_text(run, n, path, SHORT_TEXT_MAX, true);
	check_attr(run, n, path, "geo", false, lint_value_geo_uri,
		   "a geo uri like 'geo:62.6,29.76' (rfc 5870)");
	check_attr(run, n, path, "osm", false, lint_value_osm,
		   "an openstreetmap object like 'R113314' or 'W5013364#2'");
}

static void check_location(struct lint_run *run, xmlNode *channel, size_t index)
{
	(void)index;
	each(run, channel, "location", check_location_one);
}

static void check_recipient_one(struct lint_run *run, const xmlNode *n, const char *path)
{
	check_attr(run, n, path, "name", false, is_short, "at most 128 characters");
	check_attr(run, n, path, "type", true, NULL, NULL);
	check_attr(run, n, path, "address", true, NULL, NULL);
	check_attr(run, n, path, "split", true, lint_value_count, "a whole number");
	check_attr(run, n, path, "fee", false, is_true_false, "'true' or 'false'");
}

static void check_value_one(struct lint_run *run, const xmlNode *n, const char *path)
{
	bool recipients = false;

	check_attr(run, n, path, "type", true, NULL, NULL);
	check_attr(run, n, path, "method", true, NULL, NULL);
	check_attr(run, n, path, "suggested", false, lint_value_decimal,
		   "a number like '0.00000005000'");
	for (const xmlNode *c = n->children; c && !recipients; c = c->next)
		recipients = is_podcast(c, "valueRecipient");
	if (!recipients)
		lint_add(run, n, path, "podcast:value has no podcast:valueRecipient: nobody to pay");
}

static void check_value(struct lint_run *run, xmlNode *channel, size_t index)
{
	(void)index;
	each(run, channel, "value", check_value_one);
	each(run, channel, "valueRecipient", check_recipient_one);
}

static void check_source_one(struct lint_run *run, const xmlNode *n, const char *path)
{
	check_attr(run, n, path, "uri", true, is_any_uri, "a uri (https:, ipfs:, magnet:, ...)");
	check_attr(run, n, path, "contentType", false, lint_value_mime_type, "a media type");
}

static void check_alternate_one(struct lint_run *run, const xmlNode *n, const char *path)
{
	bool sources = false;

	check_attr(run, n, path, "type", true, lint_value_mime_type, "a media type");
	check_attr(run, n, path, "length", false, lint_value_count, "a number of bytes");
	check_attr(run, n, path, "bitrate", false, lint_value_decimal, "a number of bits a second");
	check_attr(run, n, path, "height", false, lint_value_count, "a number of pixels");
	check_attr(run, n, path, "default", false, is_true_false, "'true' or 'false'");
	check_attr(run, n, path, "title", false, is_short, "at most 128 characters");
	for (const xmlNode *c = n->children; c && !sources; c = c->next)
		sources = is_podcast(c, "source");
	if (!sources)
		lint_add(run, n, path,
			 "podcast:alternateEnclosure has no podcast:source: nowhere to fetch it");
}

static void check_alternate_enclosure(struct lint_run *run, xmlNode *channel, size_t index)
{
	(void)index;
	each(run, channel, "alternateEnclosure", check_alternate_one);
	each(run, channel, "source", check_source_one);
}

static void check_medium_one(struct lint_run *run, const xmlNode *n, const char *path)
{
	xmlChar *text = lint_text_of(run, n);

	if (text && !is_medium(S(text)))
		lint_add(run, n, path,
			 "podcast:medium '%s' is not one of podcast, music, video, film, audiobook, "
			 "newsletter, blog, publisher, course, their list forms (musicL) or mixed",
			 S(text));
	xmlFree(text);
}

static void check_medium(struct lint_run *run, xmlNode *channel, size_t index)
{
	(void)index;
	each(run, channel, "medium", check_medium_one);
}

static void check_txt_one(struct lint_run *run, const xmlNode *n, const char *path)
{
	check_text(run, n, path, TXT_MAX, true);
	check_attr(run, n, path, "purpose", false, is_short, "at most 128 characters");
}

static void check_txt(struct lint_run *run, xmlNode *channel, size_t index)
{
	(void)index;
	each(run, channel, "txt", check_txt_one);
}

static bool is_rfc2822(const char *s)
{
	int weekday;

	return lint_value_rfc2822(s, &weekday) == LINT_DATE_OK;
}

static void check_trailer_one(struct lint_run *run, const xmlNode *n, const char *path)
{
	check_text(run, n, path, SHORT_TEXT_MAX, true);
	lint_check_url_attr(run, n, "url", true, path);
	check_attr(run, n, path, "pubdate", true, is_rfc2822,
		   "an rfc 2822 date like 'Tue, 04 Mar 2025 07:00:00 +0000'");
	check_attr(run, n, path, "length", false, lint_value_count, "a number of bytes");
	check_attr(run, n, path, "type", false, lint_value_mime_type, "a media type");
	check_attr(run, n, path, "season", false, lint_value_count, "a whole number");
}

static void check_trailer(struct lint_run *run, xmlNode *channel, size_t index)
{
	(void)index;
	each(run, channel, "trailer", check_trailer_one);
}

static void check_remote_item_one(struct lint_run *run, const xmlNode *n, const char *path)
{
	check_attr(run, n, path, "feedGuid", true, is_uuid_any_case,
		   "a uuid: the remote feed's podcast:guid");
	lint_check_url_attr(run, n, "feedUrl", false, path);
	check_attr(run, n, path, "medium", false, is_medium, "a podcast:medium value");
}

static void check_podroll_one(struct lint_run *run, const xmlNode *n, const char *path)
{
	bool items = false;

	for (const xmlNode *c = n->children; c && !items; c = c->next)
		items = is_podcast(c, "remoteItem");
	if (!items)
		lint_add(run, n, path, "podcast:podroll has no podcast:remoteItem");
}

static void check_podroll(struct lint_run *run, xmlNode *channel, size_t index)
{
	(void)index;
	each(run, channel, "podroll", check_podroll_one);
	each(run, channel, "remoteItem", check_remote_item_one);
}

static bool has_freq(const char *s)
{
	return strstr(s, "FREQ=") != NULL;
}

static void check_update_frequency_one(struct lint_run *run, const xmlNode *n, const char *path)
{
	check_text(run, n, path, SHORT_TEXT_MAX, true);
	check_attr(run, n, path, "complete", false, is_true_false, "'true' or 'false'");
	check_attr(run, n, path, "dtstart", false, lint_value_iso8601,
		   "an iso 8601 date like '2023-04-12T11:00:00Z'");
	check_attr(run, n, path, "rrule", false, has_freq,
		   "an rfc 5545 recurrence rule like 'FREQ=WEEKLY'");
}

static void check_update_frequency(struct lint_run *run, xmlNode *channel, size_t index)
{
	(void)index;
	each(run, channel, "updateFrequency", check_update_frequency_one);
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

/* A platform reads only "yes" and "no": anything else blocks nothing, which
 * a producer who meant to block would not notice. */
static void check_block_one(struct lint_run *run, const xmlNode *n, const char *path)
{
	static const char *const values[] = {"yes", "no"};
	xmlChar *text = lint_text_of(run, n), *id;

	if (!text)
		return;
	if (!lint_is_one_of(S(text), values, COUNT(values)))
		lint_add(run, n, path, "podcast:block '%s' is not 'yes' or 'no'", S(text));
	xmlFree(text);
	/* id is optional, but present and empty it names no platform, and
	 * readers differ on whether such a tag speaks for every one. */
	if ((id = lint_attr_of(run, n, "id")) && !*id && xmlHasNsProp(n, X("id"), NULL))
		lint_add(run, n, path, "podcast:block has an empty id: name a service or leave it out");
	xmlFree(id);
}

static void check_block(struct lint_run *run, xmlNode *channel, size_t index)
{
	(void)index;
	each(run, channel, "block", check_block_one);
}

/* Platforms match their own slug exactly: "Spotify" or "spotify.com"
 * blocks (or allows) no one. */
static void check_block_id_one(struct lint_run *run, const xmlNode *n, const char *path)
{
	xmlChar *id = lint_attr_of(run, n, "id");
	bool known = false;

	if (!id || !*id) {
		xmlFree(id);
		return;
	}
	for (size_t i = 0; i < COUNT(service_slugs) && !known; i++)
		known = strcmp(S(id), service_slugs[i]) == 0;
	if (!known)
		lint_add(run, n, path,
			 "podcast:block id '%s' is not on the namespace's service slug list "
			 "(spotify, apple, youtube, amazon, ...): no platform knows it as its own",
			 S(id));
	xmlFree(id);
}

static void check_block_id(struct lint_run *run, xmlNode *channel, size_t index)
{
	(void)index;
	each(run, channel, "block", check_block_id_one);
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
    {"podcast-locked", LINT_ERROR, ON_CHANNEL, check_locked,
     "podcast:locked is yes or no, its owner an email address", SPEC "<podcast:locked>"},
    {"podcast-locked-owner", LINT_WARNING, ON_CHANNEL, check_locked_owner,
     "a feed locked with podcast:locked names its owner", SPEC "<podcast:locked>"},
    {"podcast-person", LINT_ERROR, ON_CHANNEL, check_person,
     "podcast:person has a name of at most 128 characters, absolute href and img urls",
     SPEC "<podcast:person>"},
    {"podcast-person-role", LINT_WARNING, ON_CHANNEL, check_person_role,
     "podcast:person's role and group are from the podcast taxonomy",
     SPEC "<podcast:person>; podcasttaxonomy.com"},
    {"podcast-transcript", LINT_ERROR, ON_CHANNEL, check_transcript,
     "podcast:transcript has an absolute url and a media type", SPEC "<podcast:transcript>"},
    {"podcast-chapters", LINT_ERROR, ON_CHANNEL, check_chapters,
     "podcast:chapters has an absolute url and a media type", SPEC "<podcast:chapters>"},
    {"podcast-numbers", LINT_ERROR, ON_CHANNEL, check_numbers,
     "podcast:season is a whole number, podcast:episode a decimal number",
     SPEC "<podcast:season>, <podcast:episode>"},
    {"podcast-itunes-numbers", LINT_WARNING, ON_ITEMS, check_itunes_numbers,
     "podcast:season and podcast:episode agree with itunes:season and itunes:episode",
     SPEC "<podcast:season>, <podcast:episode>"},
    {"podcast-funding", LINT_ERROR, ON_CHANNEL, check_funding,
     "podcast:funding has an absolute url and at most 128 characters of text",
     SPEC "<podcast:funding>"},
    {"podcast-license", LINT_ERROR, ON_CHANNEL, check_license,
     "podcast:license names a license in at most 128 characters, its url absolute",
     SPEC "<podcast:license>"},
    {"podcast-location", LINT_ERROR, ON_CHANNEL, check_location,
     "podcast:location names a place in at most 128 characters, with a valid geo uri and osm id",
     SPEC "<podcast:location>"},
    {"podcast-value", LINT_ERROR, ON_CHANNEL, check_value,
     "podcast:value has a type, a method and recipients, each with a type, address and split",
     SPEC "<podcast:value>, <podcast:valueRecipient>"},
    {"podcast-alternate-enclosure", LINT_ERROR, ON_CHANNEL, check_alternate_enclosure,
     "podcast:alternateEnclosure has a media type and sources, each with a uri",
     SPEC "<podcast:alternateEnclosure>, <podcast:source>"},
    {"podcast-medium", LINT_ERROR, ON_CHANNEL, check_medium,
     "podcast:medium is one of the namespace's mediums", SPEC "<podcast:medium>"},
    {"podcast-txt", LINT_ERROR, ON_CHANNEL, check_txt,
     "podcast:txt holds at most 4000 characters, its purpose at most 128", SPEC "<podcast:txt>"},
    {"podcast-trailer", LINT_ERROR, ON_CHANNEL, check_trailer,
     "podcast:trailer has a title, an absolute url and an RFC 2822 pubdate",
     SPEC "<podcast:trailer>"},
    {"podcast-podroll", LINT_ERROR, ON_CHANNEL, check_podroll,
     "podcast:podroll holds remote items, each naming a feed by its guid",
     SPEC "<podcast:podroll>, <podcast:remoteItem>"},
    {"podcast-update-frequency", LINT_ERROR, ON_CHANNEL, check_update_frequency,
     "podcast:updateFrequency has text, and a valid complete, dtstart and rrule when given",
     SPEC "<podcast:updateFrequency>"},
    {"podcast-block", LINT_ERROR, ON_CHANNEL, check_block,
     "podcast:block says yes or no, its id (when given) not empty", SPEC "<podcast:block>"},
    {"podcast-block-id", LINT_WARNING, ON_CHANNEL, check_block_id,
     "podcast:block's id is a slug from the namespace's service list (spotify, youtube, ...)",
     SPEC "<podcast:block>; serviceslugs.txt"},
    {"podcast-parent", LINT_ERROR, ON_DOCUMENT, check_placement,
     "podcast: tags stand in the parent the namespace gives them, single ones once",
     SPEC "each tag's Parent and Count"},
};
const size_t lint_rules_podcast_count = COUNT(lint_rules_podcast);
