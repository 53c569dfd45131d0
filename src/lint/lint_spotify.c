/* lint_spotify.c - where Spotify's requirements for a show's feed go
 * beyond Apple's.
 *
 * Spotify reads the same RSS and itunes: tags; only the rules where it
 * asks for more (or accepts less) than Apple live here. */
#include "lint/lint_int.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Spotify's list of what a show needs before it goes live. */
#define SHOW_REQUIREMENTS                                                                      \
	"Spotify [PODCAST] Show Metadata Requirements (content-ops.atspotify.com/hc/en-us/"     \
	"articles/360050808931): "

/* Checks, one per rule; each reports under the rule being run */

/* Apple only recommends the owner's email; Spotify sends the code that
 * proves the show is yours to it and will not list a show without one. */
static void check_owner_email(struct lint_run *run, xmlNode *channel, size_t index)
{
	xmlNode *owner = lint_child_elem(channel, NS_ITUNES, "owner");
	char path[LINT_PATH_SIZE];

	if (!owner) {
		lint_add(run, channel, lint_path_of(path, index, "itunes:owner"),
			 "missing itunes:owner: spotify sends its verification code to its email");
		return;
	}
	lint_require_text(run, owner, NS_ITUNES, "email",
			  lint_path_of(path, index, "itunes:owner/itunes:email"));
}

/* Spotify plays audio from a feed; Apple's video and PDF types are not
 * taken from RSS. An absent or unknown type is other rules' business. */
static void check_enclosure_audio(struct lint_run *run, xmlNode *item, size_t index)
{
	xmlNode *enclosure = lint_child_elem(item, NULL, "enclosure");
	char path[LINT_PATH_SIZE];
	xmlChar *type;

	if (!enclosure || !(type = lint_attr_of(run, enclosure, "type")))
		return;
	if (lint_value_media_kind(S(type)) == LINT_MEDIA_APPLE && strncasecmp(S(type), "audio/", 6))
		lint_add(run, enclosure, lint_path_of(path, index, "enclosure"),
			 "enclosure type '%s' is not audio: spotify skips the episode", S(type));
	xmlFree(type);
}

/* Spotify's show metadata requirements list what a show needs "to go
 * live": Apple only recommends an author and asks nothing of a feed with no
 * episode yet, so a feed Apple takes may still wait at Spotify. */
static void check_author(struct lint_run *run, xmlNode *channel, size_t index)
{
	xmlNode *author = lint_child_elem(channel, NS_ITUNES, "author");
	char path[LINT_PATH_SIZE];
	xmlChar *text;

	lint_path_of(path, index, "itunes:author");
	if (!author) {
		lint_add(run, channel, path,
			 "missing itunes:author: spotify does not take a show live without one");
		return;
	}
	if ((text = lint_text_of(run, author)) && !*text)
		lint_add(run, author, path,
			 "itunes:author is empty: spotify does not take a show live without one");
	xmlFree(text);
}

static void check_episodes(struct lint_run *run, xmlNode *channel, size_t index)
{
	char path[LINT_PATH_SIZE];

	if (!lint_next_item(channel, NULL))
		lint_add(run, channel, lint_path_of(path, index, "item"),
			 "the feed has no item: spotify takes a show live with its first episode");
}

/* RSS makes an item's pubDate optional; Spotify wants it to place the
 * episode (its own guid rule is rss-guid-unique's). */
static void check_item_pubdate(struct lint_run *run, xmlNode *item, size_t index)
{
	char path[LINT_PATH_SIZE];

	if (!lint_child_elem(item, NULL, "pubDate"))
		lint_add(run, item, lint_path_of(path, index, "pubDate"),
			 "missing pubDate: spotify does not take an episode live without one");
}

/* To add a rule: write its check above and a row here (docs/HACKING.md).
 * Ids are stable once released. */
const struct lint_rule lint_rules_spotify[] = {
    {"spotify-owner-email", LINT_ERROR, ON_CHANNEL, check_owner_email,
     "the show has itunes:owner with an email",
     "Spotify podcast delivery specification (support.spotify.com/podcasters): "
     "<itunes:owner> <itunes:email>, required for verification"},
    {"spotify-enclosure-audio", LINT_WARNING, ON_ITEMS, check_enclosure_audio,
     "enclosures are audio (Spotify takes no video or PDF from a feed)",
     "Spotify podcast delivery specification (support.spotify.com/podcasters): audio files"},
    {"spotify-author", LINT_WARNING, ON_CHANNEL, check_author, "the show has itunes:author",
     SHOW_REQUIREMENTS "'Author' tag/information is present in feed"},
    {"spotify-episodes", LINT_WARNING, ON_CHANNEL, check_episodes,
     "the feed has at least one item", SHOW_REQUIREMENTS "at least 1 live episode"},
    {"spotify-item-pubdate", LINT_WARNING, ON_ITEMS, check_item_pubdate,
     "every item has a pubDate", SHOW_REQUIREMENTS "PubDate tag is present in the feed"},
};
const size_t lint_rules_spotify_count = COUNT(lint_rules_spotify);
