/* import_write.h - the new show's two kinds of file, podcast.yaml and an
 * episode.md, rendered from what import decided to keep.
 *
 * YAML comes from libyaml's emitter (yamlemit.h), never pasted strings, so
 * any title a stranger wrote reads back as the same text. Only the
 * comments, which the emitter cannot write, are added as lines of their
 * own, and they hold nothing but URLs that were checked to be one line. */
#ifndef PODPUB_IMPORT_WRITE_H
#define PODPUB_IMPORT_WRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "media/chapters.h"
#include "result.h"

struct import_show_settings {
	const char *title, *description, *link, *language, *author;
	const char *owner_name, *owner_email, *copyright;
	const char *const *categories;    /* names, count of them */
	const char *const *subcategories; /* NULL entries: none */
	size_t category_count;
	bool explicit_content;
	bool locked;                /* podcast:locked kept */
	const char *type;           /* "episodic", "serial" */
	const char *timezone;
	const char *image;          /* the cover's path in the show: "feed/cover.jpg" */
	const char *base_url;
	bool base_url_placeholder;  /* no --base-url: say so beside it */
	const char *podcast_guid;   /* NULL: podpub derives it from the new feed_url */
	const char *podcast_guid_note; /* why it is what it is, a comment line; NULL: none */
	const char *old_feed_url;   /* NULL: the feed came from a file with no self link */
	const char *source;         /* what was imported: URL or file */
};

/* podcast.yaml's text (caller frees). */
enum pp_result import_render_config(const struct import_show_settings *s, char **text,
				    size_t *len) PP_MUST_USE;

struct import_person_out {
	const char *name, *role, *href, *img;
};

struct import_episode_out {
	const char *title, *date, *guid, *type, *link;
	long number, season;        /* 0: none */
	int explicit_state;         /* -1: not written */
	bool block;
	const struct import_person_out *persons;
	size_t person_count;
	const char *notes;          /* Markdown */
	const char *note;           /* a comment for the producer, one line; NULL: none */
	const struct chapters *chapters; /* NULL or none: no `chapters:` */
};

/* episode.md's text (caller frees): front matter, then the notes. */
enum pp_result import_render_episode(const struct import_episode_out *e, char **text,
				     size_t *len) PP_MUST_USE;

/* Writes `len` bytes to a new file `path` (never over an existing one). */
enum pp_result import_write_new(const char *path, const char *text, size_t len) PP_MUST_USE;

#endif
