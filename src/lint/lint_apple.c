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

static void check_category_text(struct lint_run *run, const xmlNode *category, const char *path)
{
	xmlChar *text = lint_attr_of(run, category, "text");

	if (text && !*text)
		lint_add(run, category, path, "itunes:category has no text attribute");
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
		count++;
		check_category_text(run, cat, path);
		for (xmlNode *sub = lint_child_elem(cat, NS_ITUNES, "category"); sub;
		     sub = lint_find_elem(sub->next, NS_ITUNES, "category"))
			check_category_text(run, sub, sub_path);
	}
	if (count == 0)
		lint_add(run, channel, path, "missing required element <itunes:category>");
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
};
const size_t lint_rules_apple_count = COUNT(lint_rules_apple);
