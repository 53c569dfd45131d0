/* lint_apple.c - Apple Podcasts' requirements for a show's feed.
 *
 * What Apple's directory checks before it lists a show or an episode. */
#include "lint/lint_int.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "apple.h"
#include "buf.h"
#include "value.h"

/* Checks, one per rule; each reports under the rule being run */

static void check_image(struct lint_run *run, xmlNode *channel, size_t index)
{
	xmlNode *image = lint_child_elem(channel, NS_ITUNES, "image");
	char path[LINT_PATH_SIZE];
	xmlChar *href;

	lint_path_of(path, index, "itunes:image");
	if (!image) {
		lint_add(run, channel, path, "missing required element <itunes:image>");
		return;
	}
	if (!(href = lint_attr_of(run, image, "href")))
		return;
	if (!*href)
		lint_add(run, image, path, "itunes:image has no href");
	else if (!value_is_http_url(S(href)))
		lint_add(run, image, path,
			 "itunes:image href '%s' is not an absolute http or https url", S(href));
	xmlFree(href);
}

/* A category's text; NULL when absent or empty (reported) or out of memory. */
static xmlChar *category_text(struct lint_run *run, const xmlNode *category, const char *path)
{
	xmlChar *text = lint_attr_of(run, category, "text");

	if (text && !*text) {
		lint_add(run, category, path, "itunes:category has no text attribute");
		xmlFree(text);
		return NULL;
	}
	return text;
}

static void check_subcategory(struct lint_run *run, const xmlNode *sub, const char *name,
			      const char *path)
{
	xmlChar *text = category_text(run, sub, path);

	if (!text)
		return;
	/* A retired name is apple-category-obsolete's. */
	if (!apple_subcategory_known(name, S(text)) && !apple_category_obsolete(name, S(text)))
		lint_add(run, sub, path, "itunes:category '%s' is not a subcategory of '%s'",
			 S(text), name);
	xmlFree(text);
}

static void check_category(struct lint_run *run, xmlNode *channel, size_t index)
{
	char path[LINT_PATH_SIZE], sub_path[LINT_PATH_SIZE];
	size_t count = 0;

	lint_path_of(path, index, "itunes:category");
	lint_path_of(sub_path, index, "itunes:category/itunes:category");
	for (xmlNode *cat = lint_child_elem(channel, NS_ITUNES, "category"); cat;
	     cat = lint_find_elem(cat->next, NS_ITUNES, "category")) {
		xmlChar *name = category_text(run, cat, path);
		bool known = name && apple_category_known(S(name));
		const char *parent;

		count++;
		if (name && !known && !apple_category_obsolete(S(name), NULL)) {
			if ((parent = apple_category_parent(S(name))))
				lint_add(run, cat, path,
					 "itunes:category '%s' is a subcategory: nest it in "
					 "'%s'",
					 S(name), parent);
			else
				lint_add(run, cat, path,
					 "itunes:category '%s' is not one of apple's categories",
					 S(name));
		}
		for (xmlNode *sub = lint_child_elem(cat, NS_ITUNES, "category"); sub;
		     sub = lint_find_elem(sub->next, NS_ITUNES, "category")) {
			if (known)
				check_subcategory(run, sub, S(name), sub_path);
			else if (!name)
				xmlFree(category_text(run, sub, sub_path));
		}
		xmlFree(name);
	}
	if (count == 0)
		lint_add(run, channel, path, "missing required element <itunes:category>");
}

static void check_category_obsolete(struct lint_run *run, xmlNode *channel, size_t index)
{
	char path[LINT_PATH_SIZE];

	lint_path_of(path, index, "itunes:category");
	for (xmlNode *cat = lint_child_elem(channel, NS_ITUNES, "category"); cat;
	     cat = lint_find_elem(cat->next, NS_ITUNES, "category")) {
		xmlChar *name = lint_attr_of(run, cat, "text");
		const char *instead;

		if (!name)
			return;
		if ((instead = apple_category_obsolete(S(name), NULL)))
			lint_add(run, cat, path,
				 "itunes:category '%s' is from apple's list before 2019: use '%s'",
				 S(name), instead);
		for (xmlNode *sub = lint_child_elem(cat, NS_ITUNES, "category"); sub;
		     sub = lint_find_elem(sub->next, NS_ITUNES, "category")) {
			xmlChar *text = lint_attr_of(run, sub, "text");

			if (text && (instead = apple_category_obsolete(S(name), S(text))))
				lint_add(run, sub, path,
					 "itunes:category '%s > %s' is from apple's list before 2019: "
					 "use '%s'",
					 S(name), S(text), instead);
			xmlFree(text);
		}
		xmlFree(name);
	}
}

static const char *const explicit_values[] = {"true", "false"};

static const char *const explicit_legacy_values[] = {"yes", "no", "clean"};

static void check_explicit(struct lint_run *run, xmlNode *channel, size_t index)
{
	xmlNode *n = lint_child_elem(channel, NS_ITUNES, "explicit");
	char path[LINT_PATH_SIZE];
	xmlChar *text;

	lint_path_of(path, index, "itunes:explicit");
	if (!n) {
		lint_add(run, channel, path, "missing required element <itunes:explicit>");
		return;
	}
	if (!(text = lint_text_of(run, n)))
		return;
	/* Legacy values are apple-explicit-legacy's to report. */
	if (!lint_is_one_of(S(text), explicit_values, COUNT(explicit_values)) &&
	    !lint_is_one_of(S(text), explicit_legacy_values, COUNT(explicit_legacy_values)))
		lint_add(run, n, path, "itunes:explicit '%s' is not 'true' or 'false'", S(text));
	xmlFree(text);
}

static void check_explicit_legacy(struct lint_run *run, xmlNode *channel, size_t index)
{
	xmlNode *n = lint_child_elem(channel, NS_ITUNES, "explicit");
	char path[LINT_PATH_SIZE];
	xmlChar *text;

	if (!n || !(text = lint_text_of(run, n)))
		return;
	if (lint_is_one_of(S(text), explicit_legacy_values, COUNT(explicit_legacy_values)))
		lint_add(run, n, lint_path_of(path, index, "itunes:explicit"),
			 "itunes:explicit '%s' is a legacy value: use '%s'", S(text),
			 strcasecmp(S(text), "yes") == 0 ? "true" : "false");
	xmlFree(text);
}

static void check_language(struct lint_run *run, xmlNode *channel, size_t index)
{
	char path[LINT_PATH_SIZE];

	lint_require_text(run, channel, NULL, "language", lint_path_of(path, index, "language"));
}

static void check_author(struct lint_run *run, xmlNode *channel, size_t index)
{
	char path[LINT_PATH_SIZE];

	lint_require_text(run, channel, NS_ITUNES, "author",
			  lint_path_of(path, index, "itunes:author"));
}

static void check_owner_email(struct lint_run *run, xmlNode *channel, size_t index)
{
	xmlNode *owner = lint_child_elem(channel, NS_ITUNES, "owner");
	char path[LINT_PATH_SIZE];

	if (!owner) {
		lint_add(run, channel, lint_path_of(path, index, "itunes:owner"),
			 "missing %s element <itunes:owner>", lint_need_word(run));
		return;
	}
	lint_require_text(run, owner, NS_ITUNES, "email",
			  lint_path_of(path, index, "itunes:owner/itunes:email"));
}

/* Reports the item's enclosure type when it is of `kind`, ending the
 * message with `why`. An absent type is rss-enclosure-attrs' to report. */

static void check_enclosure_kind(struct lint_run *run, xmlNode *item, size_t index,
				 enum lint_media_kind kind, const char *why)
{
	xmlNode *enclosure = lint_child_elem(item, NULL, "enclosure");
	char path[LINT_PATH_SIZE];
	xmlChar *type;

	if (!enclosure || !(type = lint_attr_of(run, enclosure, "type")))
		return;
	if (*type && lint_value_media_kind(S(type)) == kind)
		lint_add(run, enclosure, lint_path_of(path, index, "enclosure"),
			 "enclosure type '%s' %s", S(type), why);
	xmlFree(type);
}

static void check_enclosure_type(struct lint_run *run, xmlNode *item, size_t index)
{
	check_enclosure_kind(run, item, index, LINT_MEDIA_UNSUPPORTED,
			     "is not a type apple podcasts accepts");
}

static void check_enclosure_type_unsupported(struct lint_run *run, xmlNode *item, size_t index)
{
	check_enclosure_kind(run, item, index, LINT_MEDIA_OTHER_AUDIO,
			     "is not on apple podcasts' list: prefer audio/mpeg or audio/x-m4a");
}

static void check_duration(struct lint_run *run, xmlNode *item, size_t index)
{
	xmlNode *n = lint_child_elem(item, NS_ITUNES, "duration");
	char path[LINT_PATH_SIZE];
	xmlChar *text;

	if (!n || !(text = lint_text_of(run, n)))
		return;
	if (!lint_value_duration(S(text)))
		lint_add(run, n, lint_path_of(path, index, "itunes:duration"),
			 "itunes:duration '%s' is not seconds or [[hh:]mm:]ss", S(text));
	xmlFree(text);
}

/* `leaf` is the name as paths and messages show it: "itunes:summary". */

static void check_length(struct lint_run *run, const xmlNode *parent, size_t index, const char *ns,
			 const char *name, const char *leaf)
{
	xmlNode *n = lint_child_elem(parent, ns, name);
	char path[LINT_PATH_SIZE];
	xmlChar *text;
	int chars;

	if (!n || !(text = lint_text_of(run, n)))
		return;
	chars = xmlUTF8Strlen(text);
	if (chars > APPLE_DESCRIPTION_MAX)
		lint_add(run, n, lint_path_of(path, index, leaf),
			 "%s is %d characters long, over the %d apple podcasts shows", leaf, chars,
			 APPLE_DESCRIPTION_MAX);
	xmlFree(text);
}

static void check_description_length(struct lint_run *run, xmlNode *node, size_t index)
{
	check_length(run, node, index, NULL, "description", "description");
	if (index == 0)
		check_length(run, node, index, NS_ITUNES, "summary", "itunes:summary");
}

/* The text of {NS_ITUNES}name under `parent` when the element is there;
 * NULL otherwise (or out of memory). Caller frees with xmlFree. */
static xmlChar *itunes_text(struct lint_run *run, const xmlNode *parent, const char *name,
			    xmlNode **at)
{
	xmlNode *n = lint_child_elem(parent, NS_ITUNES, name);

	*at = n;
	return n ? lint_text_of(run, n) : NULL;
}

/* Reports itunes:<name> when its text is not one of `values`. */
static void check_itunes_value(struct lint_run *run, const xmlNode *parent, size_t index,
			       const char *name, const char *const *values, size_t count,
			       const char *expected)
{
	char path[LINT_PATH_SIZE], leaf[64];
	xmlNode *n;
	xmlChar *text = itunes_text(run, parent, name, &n);

	if (!text)
		return;
	snprintf(leaf, sizeof(leaf), "itunes:%s", name);
	if (!lint_is_one_of(S(text), values, count))
		lint_add(run, n, lint_path_of(path, index, leaf), "%s '%s' is not %s", leaf,
			 S(text), expected);
	xmlFree(text);
}

static const char *const show_types[] = {"episodic", "serial"};
static const char *const episode_types[] = {"full", "trailer", "bonus"};

static void check_show_type(struct lint_run *run, xmlNode *channel, size_t index)
{
	check_itunes_value(run, channel, index, "type", show_types, COUNT(show_types),
			   "'episodic' or 'serial'");
}

static void check_episode_type(struct lint_run *run, xmlNode *item, size_t index)
{
	check_itunes_value(run, item, index, "episodeType", episode_types, COUNT(episode_types),
			   "'full', 'trailer' or 'bonus'");
}

static void check_number(struct lint_run *run, const xmlNode *item, size_t index, const char *name)
{
	char path[LINT_PATH_SIZE], leaf[64];
	xmlNode *n;
	xmlChar *text = itunes_text(run, item, name, &n);

	if (!text)
		return;
	snprintf(leaf, sizeof(leaf), "itunes:%s", name);
	if (!lint_value_positive_integer(S(text)))
		lint_add(run, n, lint_path_of(path, index, leaf),
			 "%s '%s' is not a whole number above zero", leaf, S(text));
	xmlFree(text);
}

static void check_episode_numbers(struct lint_run *run, xmlNode *item, size_t index)
{
	check_number(run, item, index, "episode");
	check_number(run, item, index, "season");
}

/* True when the channel says itunes:type serial. */
static bool is_serial(struct lint_run *run, const xmlNode *channel)
{
	xmlNode *n;
	xmlChar *type = itunes_text(run, channel, "type", &n);
	bool serial = type && strcasecmp(S(type), "serial") == 0;

	xmlFree(type);
	return serial;
}

/* Trailers and bonus episodes may go unnumbered; full ones (the default)
 * may not. */
static bool is_full_episode(struct lint_run *run, const xmlNode *item)
{
	xmlNode *n;
	xmlChar *type = itunes_text(run, item, "episodeType", &n);
	bool full = !type || strcasecmp(S(type), "full") == 0;

	xmlFree(type);
	return full;
}

static void check_serial_numbers(struct lint_run *run, xmlNode *item, size_t index)
{
	char path[LINT_PATH_SIZE];

	if (!is_serial(run, item->parent) || !is_full_episode(run, item) ||
	    lint_child_elem(item, NS_ITUNES, "episode"))
		return;
	lint_add(run, item, lint_path_of(path, index, "itunes:episode"),
		 "missing itunes:episode: a serial show numbers every full episode");
}

/* One numbered full episode of a serial show. */
struct numbered {
	unsigned long season, episode;
	size_t item;
	const xmlNode *at;
};

static int compare_numbered(const void *a, const void *b)
{
	const struct numbered *x = a, *y = b;

	if (x->season != y->season)
		return x->season < y->season ? -1 : 1;
	if (x->episode != y->episode)
		return x->episode < y->episode ? -1 : 1;
	return x->item < y->item ? -1 : x->item > y->item;
}

/* A positive number of at most 9 digits from an itunes element, or 0. */
static unsigned long itunes_number(struct lint_run *run, const xmlNode *item, const char *name)
{
	xmlNode *n;
	xmlChar *text = itunes_text(run, item, name, &n);
	unsigned long v = 0;

	if (text && lint_value_positive_integer(S(text)) && strlen(S(text)) <= 9)
		for (const char *p = S(text); *p; p++)
			v = v * 10 + (unsigned long)(*p - '0');
	xmlFree(text);
	return v;
}

static void check_serial_numbering(struct lint_run *run, xmlNode *channel, size_t index)
{
	struct numbered *list = NULL;
	size_t count = 0, alloc = 0, n = 0;
	char path[LINT_PATH_SIZE];

	(void)index;
	if (!is_serial(run, channel))
		return;
	for (xmlNode *item = lint_next_item(channel, NULL); item && run->res == PP_OK;
	     item = lint_next_item(channel, item)) {
		struct numbered *grown, one = {itunes_number(run, item, "season"),
					       itunes_number(run, item, "episode"), ++n,
					       lint_child_elem(item, NS_ITUNES, "episode")};

		if (!one.episode || !is_full_episode(run, item))
			continue;
		if (!(grown = pp_grow(list, &alloc, count + 1, sizeof(*list)))) {
			run->res = PP_ENOMEM;
			break;
		}
		list = grown;
		list[count++] = one;
	}
	if (count)
		qsort(list, count, sizeof(*list), compare_numbered);
	for (size_t i = 1; i < count && run->res == PP_OK; i++) {
		const struct numbered *a = &list[i - 1], *b = &list[i];

		if (a->season != b->season)
			continue;
		if (a->episode == b->episode)
			lint_add(run, b->at, lint_path_of(path, b->item, "itunes:episode"),
				 "episode %lu of season %lu is also item[%zu]", b->episode,
				 b->season ? b->season : 1, a->item);
		else if (b->episode > a->episode + 1)
			lint_add(run, b->at, lint_path_of(path, b->item, "itunes:episode"),
				 "season %lu skips from episode %lu to %lu", b->season ? b->season : 1,
				 a->episode, b->episode);
	}
	free(list);
}

static void check_title_empty(struct lint_run *run, xmlNode *node, size_t index)
{
	char path[LINT_PATH_SIZE];
	xmlNode *n;
	xmlChar *text = itunes_text(run, node, "title", &n);

	if (text && !*text)
		lint_add(run, n, lint_path_of(path, index, "itunes:title"),
			 "itunes:title is empty: apple shows it instead of <title>");
	xmlFree(text);
}

static const char *const yes_no[] = {"yes", "no"};

static void check_block_complete(struct lint_run *run, xmlNode *node, size_t index)
{
	check_itunes_value(run, node, index, "block", yes_no, COUNT(yes_no),
			   "'Yes' or 'No': only 'Yes' has an effect");
	if (index == 0)
		check_itunes_value(run, node, index, "complete", yes_no, COUNT(yes_no),
				   "'Yes' or 'No': only 'Yes' has an effect");
}

static void check_new_feed_url(struct lint_run *run, xmlNode *channel, size_t index)
{
	char path[LINT_PATH_SIZE];
	xmlNode *n = lint_child_elem(channel, NS_ITUNES, "new-feed-url");
	xmlChar *text;

	if (!n || !(text = lint_text_of(run, n)))
		return;
	if (!value_is_http_url(S(text)))
		lint_add(run, n, lint_path_of(path, index, "itunes:new-feed-url"),
			 "itunes:new-feed-url '%s' is not an absolute http or https url: apple "
			 "cannot move the show",
			 S(text));
	xmlFree(text);
}

/* Apple reads the art's format from its name: a url ending in anything but
 * .jpg, .jpeg or .png (a query or fragment aside) may be refused even when
 * the bytes are a JPEG. */
static void check_image_format(struct lint_run *run, xmlNode *node, size_t index)
{
	static const char *const endings[] = {".jpg", ".jpeg", ".png"};
	xmlNode *image = lint_child_elem(node, NS_ITUNES, "image");
	char path[LINT_PATH_SIZE];
	xmlChar *href;
	size_t len;
	bool known = false;

	if (!image || !(href = lint_attr_of(run, image, "href")))
		return;
	len = strcspn(S(href), "?#");
	for (size_t i = 0; i < COUNT(endings); i++) {
		size_t n = strlen(endings[i]);

		known = known || (len >= n && strncasecmp(S(href) + len - n, endings[i], n) == 0);
	}
	if (*href && !known)
		lint_add(run, image, lint_path_of(path, index, "itunes:image"),
			 "itunes:image '%s' does not end in .jpg, .jpeg or .png", S(href));
	xmlFree(href);
}

const struct lint_rule lint_rules_apple[] = {
    {"apple-channel-image", LINT_ERROR, ON_CHANNEL, check_image,
     "the show has itunes:image with an absolute JPEG or PNG url",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): <itunes:image>"},
    {"apple-channel-category", LINT_ERROR, ON_CHANNEL, check_category,
     "the show has categories from Apple's list, subcategories under their own",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): <itunes:category>; "
     "Apple Podcasts categories (2019)"},
    {"apple-channel-explicit", LINT_ERROR, ON_CHANNEL, check_explicit,
     "the show has itunes:explicit, true or false",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): <itunes:explicit>"},
    {"apple-explicit-legacy", LINT_WARNING, ON_CHANNEL, check_explicit_legacy,
     "itunes:explicit uses the legacy yes, no or clean",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): <itunes:explicit>"},
    {"apple-channel-language", LINT_ERROR, ON_CHANNEL, check_language, "the show has a language",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): <language>"},
    {"apple-channel-author", LINT_WARNING, ON_CHANNEL, check_author, "the show has itunes:author",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): <itunes:author>"},
    {"apple-owner-email", LINT_WARNING, ON_CHANNEL, check_owner_email,
     "the show has itunes:owner with an email",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): <itunes:owner>"},
    {"apple-enclosure-type", LINT_ERROR, ON_ITEMS, check_enclosure_type,
     "enclosures are audio or one of the video and document types Apple takes",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): <enclosure>"},
    {"apple-enclosure-type-unsupported", LINT_WARNING, ON_ITEMS, check_enclosure_type_unsupported,
     "audio enclosures are of a type on Apple's list (audio/mpeg, audio/x-m4a)",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): <enclosure>"},
    {"apple-item-duration", LINT_WARNING, ON_ITEMS, check_duration,
     "itunes:duration is seconds or [H:]MM:SS",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): <itunes:duration>"},
    {"apple-description-length", LINT_WARNING, ON_CHANNEL | ON_ITEMS, check_description_length,
     "descriptions fit in 4000 characters",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): <description>"},
    {"apple-category-obsolete", LINT_WARNING, ON_CHANNEL, check_category_obsolete,
     "no category uses a name Apple retired in 2019 (it maps them, for now)",
     "Apple Podcasts categories (podcasters.apple.com/support/1691): the 2019 revision"},
    {"apple-show-type", LINT_ERROR, ON_CHANNEL, check_show_type,
     "itunes:type is episodic or serial",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): <itunes:type>"},
    {"apple-episode-type", LINT_ERROR, ON_ITEMS, check_episode_type,
     "itunes:episodeType is full, trailer or bonus",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): "
     "<itunes:episodeType>"},
    {"apple-episode-number", LINT_ERROR, ON_ITEMS, check_episode_numbers,
     "itunes:episode and itunes:season are whole numbers above zero",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): "
     "<itunes:episode>, <itunes:season>"},
    {"apple-serial-episode", LINT_ERROR, ON_ITEMS, check_serial_numbers,
     "in a serial show every full episode has itunes:episode",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): "
     "<itunes:episode> is mandatory for serial shows"},
    {"apple-serial-numbering", LINT_WARNING, ON_CHANNEL, check_serial_numbering,
     "a serial show's full episodes are numbered without gaps or repeats in each season",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): <itunes:type> "
     "serial"},
    {"apple-title-empty", LINT_ERROR, ON_CHANNEL | ON_ITEMS, check_title_empty,
     "itunes:title, when present, is not empty",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): <itunes:title>"},
    {"apple-block-complete", LINT_WARNING, ON_CHANNEL | ON_ITEMS, check_block_complete,
     "itunes:block and itunes:complete say Yes or No",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): <itunes:block>, "
     "<itunes:complete>"},
    {"apple-new-feed-url", LINT_ERROR, ON_CHANNEL, check_new_feed_url,
     "itunes:new-feed-url is an absolute http or https url",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): "
     "<itunes:new-feed-url>"},
    {"apple-image-format", LINT_WARNING, ON_CHANNEL | ON_ITEMS, check_image_format,
     "itunes:image urls end in .jpg, .jpeg or .png",
     "Apple Podcasts RSS feed requirements (podcasters.apple.com/support/823): <itunes:image>, "
     "JPEG or PNG with the matching file extension"},
};
const size_t lint_rules_apple_count = COUNT(lint_rules_apple);
