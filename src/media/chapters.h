/* chapters.h - an episode's chapters: from the audio (ID3v2 CHAP, MP4
 * chapters, read by probe.c) or from episode.md's `chapters:` list, checked
 * and written as a Podcasting 2.0 JSON chapters file.
 * https://github.com/Podcastindex-org/podcast-namespace/blob/main/chapters/jsonChapters.md */
#ifndef PODPUB_CHAPTERS_H
#define PODPUB_CHAPTERS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "result.h"

/* The type podcast:chapters names, and the published file's ending. */
#define CHAPTERS_TYPE "application/json+chapters"
#define CHAPTERS_SUFFIX ".chapters.json"

struct chapter {
	double start;  /* seconds from the start of the audio */
	char *title;   /* NULL or "" when the source had none: chapters_check says so */
	char *url;     /* optional */
	char *img;     /* optional */
	int line;      /* its line in episode.md; 0 when it came from the audio */
};

struct chapters {
	struct chapter *items;
	size_t count;
	size_t alloc;
};

void chapters_init(struct chapters *c);
void chapters_release(struct chapters *c);

/* Appends a chapter; the strings are copied (NULL stays NULL). */
enum pp_result chapters_add(struct chapters *c, double start, const char *title, const char *url,
			    const char *img, int line) PP_MUST_USE;

/* Replaces `dst`'s chapters with copies of `src`'s. */
enum pp_result chapters_copy(struct chapters *dst, const struct chapters *src) PP_MUST_USE;

/* Reads a start time: seconds ("90", "90.5"), "MM:SS" or "HH:MM:SS", each
 * with optional fractional seconds. False when `s` is none of these. */
bool chapters_parse_time(const char *s, double *out);

/* Checks that every chapter has a title, starts inside [0, duration) and
 * after the one before. Each problem is a diag error naming `path` (and
 * the chapter's line, when it has one); false when any was found. */
bool chapters_check(const struct chapters *c, double duration, const char *path,
		    struct diag *diag);

/* The JSON chapters file (version 1.2.0) of `c`, with jansson: caller frees
 * *json; PP_ENOMEM only. */
enum pp_result chapters_to_json(const struct chapters *c, char **json, size_t *len) PP_MUST_USE;

/* Checks a published chapters file as apps read it: JSON, an object with
 * a "version" string and a "chapters" array whose items have a numeric
 * "startTime". False with the reason (jansson's words and line for bad
 * JSON) in `why`. */
bool chapters_check_json(const char *json, size_t len, char *why, size_t why_size);

/* Reads a Podcasting 2.0 JSON chapters file (another host's, for `podpub
 * import`) into `out` (released by the caller even on failure): each
 * chapter's "startTime", "title", "url" and "img", in the file's order,
 * with line 0. PP_EPARSE with the reason in `why` (jansson's words and
 * line for bad JSON; a chapter without a numeric "startTime", a string
 * field that is no string) when the file is no JSON chapters; the checks
 * of chapters_check are the caller's. */
enum pp_result chapters_parse_json(const char *json, size_t len, struct chapters *out, char *why,
				  size_t why_size) PP_MUST_USE;

#endif
