/* scaffold.h - a new episode's folder and episode.md, made from a title:
 * `podpub new`. The folder's name comes from the title, the numbers, date
 * and persons follow the show's newest episode. */
#ifndef PODPUB_SCAFFOLD_H
#define PODPUB_SCAFFOLD_H

#include <stddef.h>

#include "diag.h"
#include "result.h"

/* What `podpub new` asks for. */
struct scaffold_request {
	const char *root;  /* the show's folder */
	const char *title; /* UTF-8 */
	const char *date;  /* episode.md's syntax; NULL: a week after the newest */
};

/* What was made, for the command to report. */
struct scaffold {
	char *slug;    /* "jarjestoavustukset-osa-3" */
	char *dir;     /* root/episodes/<slug> */
	char *md_path; /* dir/episode.md */
	char *date;    /* as written: "2025-04-01 09:00" */
	long season;   /* 0: none written */
	long number;
	size_t person_count; /* persons copied from the newest episode: not its guests */
};

void scaffold_init(struct scaffold *s);
void scaffold_release(struct scaffold *s);

/* The folder name for a title, or NULL when out of memory (caller frees):
 * lowercase a-z and 0-9, the Finnish and Swedish letters ä, ö and å (and
 * a few other accented letters) as their base letter, every other run of
 * characters as one '-', none at either end. "" when nothing is left. */
char *scaffold_slug(const char *title);

/* Makes root/episodes/<slug>/episode.md for req->title: the next episode
 * number in the newest episode's season, req->date or a week after the
 * newest episode at the same weekday and time, the newest episode's
 * persons but its guests, 'draft: true' and a notes template. Refuses (PP_EPARSE, with a
 * diag naming the folder) when the folder exists: nothing is overwritten. */
enum pp_result scaffold_episode(const struct scaffold_request *req, struct scaffold *out,
				struct diag *diag) PP_MUST_USE;

#endif
