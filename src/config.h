/* config.h - the show's settings, read from podcast.yaml. */
#ifndef PODPUB_CONFIG_H
#define PODPUB_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "result.h"

struct config_category {
	char *name;           /* an Apple Podcasts category, "News" */
	char *subcategory;    /* NULL or one of its subcategories, "Politics" */
};

struct config {
	char *path;           /* the file read, for messages */
	char *title;
	char *description;
	char *link;           /* the show's web site */
	char *language;       /* "fi" */
	char *author;
	char *owner_name;
	char *owner_email;
	char *copyright;      /* optional */
	struct config_category *categories;
	size_t category_count;
	size_t category_alloc;
	bool explicit_content;
	char *type;           /* "episodic" or "serial" */
	char *timezone;       /* IANA name; episode dates without offset use it */
	char *image;          /* show cover art, a path relative to the repository */
	char *base_url;       /* where the target's root is served; ends with '/' */
	char *feed_url;       /* default: base_url + "feed.xml" */
	char *podcast_guid;   /* default: UUIDv5 of feed_url (Podcasting 2.0) */
	bool podcast_guid_derived; /* not in the file: it would change with feed_url */
	bool locked;          /* podcast:locked: other hosts may not import the show */
	char *target;         /* the default publish target: a local folder */
};

void config_init(struct config *c);
void config_release(struct config *c);

/* Reads and checks `path`. Every problem found is a diag error with the
 * file and line; the result is PP_EPARSE when any was found, PP_EIO when
 * the file cannot be read. Fills defaults (feed_url, podcast_guid, target). */
enum pp_result config_load(const char *path, struct config *out, struct diag *diag) PP_MUST_USE;

#endif
