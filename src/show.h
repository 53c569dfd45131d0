/* show.h - the in-memory model every later stage reads: the channel's
 * settings and its episodes, newest first, each with its probe result,
 * file facts and stable identity. */
#ifndef PODPUB_SHOW_H
#define PODPUB_SHOW_H

#include <stdint.h>
#include <time.h>

#include "config.h"
#include "diag.h"
#include "episode.h"
#include "ident.h"
#include "media/probe.h"
#include "result.h"

struct show_file {
	char *local_path;  /* in the repository */
	char *remote_path; /* relative to the target's root: "media/<slug>.mp3" */
	char *url;         /* base_url + remote_path */
	int64_t size;
	char sha256[IDENT_SHA256_SIZE];
};

struct show_episode {
	struct episode meta;
	struct probe probe;
	struct show_file audio;
	char guid[128];    /* the override from front matter, or UUIDv5 of slug */
};

struct show {
	struct config config;
	struct show_file image;
	struct show_episode *episodes; /* newest first */
	size_t episode_count;
	time_t newest;                 /* the newest live episode's date: lastBuildDate */
	/* Scheduled episodes held back by schedule_apply, oldest first: loaded
	 * and checked like the others, but in no feed and on no target yet. */
	struct show_episode *waiting;
	size_t waiting_count;
};

void show_init(struct show *s);
void show_release(struct show *s);

/* The show's folder, into *root (caller frees): `given` (--repo) as it is;
 * without it, the current folder or the nearest one above it that holds
 * podcast.yaml, as a relative path (".", "..", "../.."), as git finds its
 * repository. PP_EPARSE, with a diag saying what to do, when there is none. */
enum pp_result show_find_root(const char *given, char **root, struct diag *diag) PP_MUST_USE;

/* Reads podcast.yaml and episodes/ under `root`, probes and hashes every
 * audio file. Every problem found in any file is a diag error; then the
 * result is PP_EPARSE or PP_EMEDIA and the show must not be published. */
enum pp_result show_load(const char *root, struct show *out, struct diag *diag) PP_MUST_USE;

#endif
