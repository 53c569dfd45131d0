/* import_feed.h - another host's feed read into plain structs: the
 * channel's settings and each item as `podpub import` needs them.
 *
 * Only import_feed.c (and import_html.c) of the import family include
 * libxml2. The feed is a stranger's bytes: parsed with no network, no
 * external entities or DTDs, within the limits podpub puts on every feed
 * it reads (util.h). Every string is UTF-8 and caller-owned through
 * import_feed_release. */
#ifndef PODPUB_IMPORT_FEED_H
#define PODPUB_IMPORT_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "result.h"

struct import_person {
	char *name;
	char *role; /* as the feed spells it; NULL: the namespace's default, host */
	char *href, *img;
};

struct import_category {
	char *name; /* as the feed spells it: "Society & Culture" */
	char *sub;  /* NULL or the subcategory */
};

struct import_channel {
	char *title, *description; /* description: HTML or text, as given */
	char *link, *language, *author, *owner_name, *owner_email, *copyright;
	char *image_url;           /* resolved against the feed's URL */
	char *podcast_guid;        /* podcast:guid as given, or NULL */
	char *self_url;            /* atom:link rel="self", or NULL */
	char *new_feed_url;        /* itunes:new-feed-url, or NULL */
	char *type;                /* itunes:type, lowercase, or NULL */
	int explicit_state;        /* -1 not given, 0 clean, 1 explicit */
	bool locked;               /* podcast:locked yes: no other platform may import it */
	struct import_category *categories;
	size_t category_count, category_alloc;
};

/* A podcast:transcript of an item, as the feed gives it. */
struct import_transcript {
	char *url;                 /* resolved against the feed's URL */
	char *type;                /* lowercase, parameters cut: "text/vtt"; NULL: not given */
	char *language;            /* as given, or NULL */
};

struct import_item {
	int line;                  /* of <item> in the feed, for messages */
	char *title;
	char *guid;                /* NULL: the item has none */
	char *enclosure_url;       /* resolved against the feed's URL; NULL: none */
	char *enclosure_raw;       /* the url attribute as written */
	char *enclosure_type;
	int64_t length;            /* the enclosure's length; -1 when not given or 0 */
	char *pubdate;             /* as written */
	char *link;
	double duration;           /* itunes:duration in seconds; -1 when absent or unreadable */
	long number, season;       /* 0 when absent or not a positive whole number */
	char *type;                /* itunes:episodeType, lowercase, or NULL */
	int explicit_state;        /* -1 not given, 0 clean, 1 explicit */
	bool block;                /* itunes:block Yes: hidden from Apple Podcasts */
	char *notes;               /* content:encoded, else description, else itunes:summary */
	struct import_person *persons;
	size_t person_count, person_alloc;
	char *image_url;           /* itunes:image href, resolved; NULL: none */
	char *chapters_url;        /* podcast:chapters url, resolved; NULL: none */
	char *chapters_type;       /* lowercase, or NULL */
	struct import_transcript *transcripts;
	size_t transcript_count, transcript_alloc;
};

struct import_feed {
	struct import_channel channel;
	struct import_item *items;
	size_t count, alloc;
};

void import_feed_init(struct import_feed *f);
void import_feed_release(struct import_feed *f);

/* Parses `len` bytes of RSS. `base` (the URL the feed came from, or NULL
 * for a file) resolves relative URLs; `name` names the feed in messages.
 * PP_EPARSE, after a diag error with libxml2's words and line, when the
 * bytes are no RSS feed or break podpub's limits. */
enum pp_result import_feed_parse(const char *xml, size_t len, const char *base, const char *name,
				 struct import_feed *out, struct diag *diag) PP_MUST_USE;

/* An RFC 2822 date ("Tue, 04 Mar 2025 05:00:00 GMT", "-0500", "EST") as
 * episode.md writes it with the same offset: "2025-03-04 05:00:00+00:00".
 * False when it is no such date. */
#define IMPORT_DATE_SIZE 32
bool import_pubdate(const char *rfc2822, char out[IMPORT_DATE_SIZE]);

/* itunes:duration in seconds: "1421", "1421.5", "23:41", "00:23:41". -1
 * when unreadable. */
double import_duration(const char *text);

#endif
