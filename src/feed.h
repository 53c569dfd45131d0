/* feed.h - the podcast RSS feed of a show, written with libxml2.
 *
 * RSS 2.0 with the itunes, podcast (Podcasting 2.0), content and atom
 * namespaces. The same show gives byte-identical output: no clock is read. */
#ifndef PODPUB_FEED_H
#define PODPUB_FEED_H

#include <stddef.h>

#include "result.h"
#include "show.h"


/* Writes the feed of `show` into a new buffer (caller frees *xml). */
enum pp_result feed_build(const struct show *show, char **xml, size_t *len) PP_MUST_USE;

/* The same feed for the show's old address (podcast.yaml's moved_from):
 * with <itunes:new-feed-url> naming feed_url, where apps go on to. */
enum pp_result feed_build_moved(const struct show *show, char **xml,
				size_t *len) PP_MUST_USE;

/* An item of a feed read back: what identifies it to podcast apps. */
struct feed_item {
	char *guid;
	char *title;
	char *enclosure_url;        /* "" when the item has none */
	long long enclosure_length; /* -1 when absent or not a number */
};

struct feed_items {
	struct feed_item *items;
	size_t count;
};

void feed_items_release(struct feed_items *items);

/* Reads the guid and title of every item of a feed (a previous build, or
 * the live feed on the target). PP_EPARSE when the bytes are not a feed,
 * are not UTF-8, declare entities, or pass podpub's limits (PP_FEED_MAX,
 * PP_XML_MAX_ELEMENTS, PP_XML_MAX_ATTRIBUTES). */
enum pp_result feed_read_items(const char *xml, size_t len,
			       struct feed_items *out) PP_MUST_USE;

#endif
