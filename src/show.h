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
#include "media/transcript.h"
#include "result.h"

struct show_file {
	char *local_path;  /* in the repository */
	char *remote_path; /* relative to the target's root: "media/<slug>.mp3" */
	char *url;         /* base_url + remote_path */
	int64_t size;
	char sha256[IDENT_SHA256_SIZE];
	char *data;        /* the bytes, when podpub generates the file (size long);
			      NULL: they are local_path's */
};

/* A transcript beside the audio: its checked bytes, published as
 * "media/<slug>.<language>.vtt" (or .srt), and its cues for the site. */
struct show_transcript {
	struct show_file file;    /* data: the bytes as read and checked */
	const char *language;     /* borrowed: the file name's, or the show's */
	enum transcript_format format;
	struct transcript cues;
};

struct show_episode {
	struct episode meta;
	struct probe probe;
	struct show_file audio;
	struct show_file chapters; /* the JSON chapters file; remote_path NULL: none */
	struct show_transcript *transcripts; /* by file name */
	size_t transcript_count;
	/* The episode's own art, "media/<slug>-<sha8>.jpg|png": the folder's
	 * cover image, else the audio's embedded picture (data set then).
	 * remote_path NULL: none, the show's art stands for it. */
	struct show_file art;
	char guid[512];    /* the override from front matter (an imported episode's may be
			    * its old enclosure URL: long), or UUIDv5 of slug */
	char *page_url;    /* its page on the show's site, base_url + "<slug>/"; NULL: no site */
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
	time_t as_of;   /* the time schedule_apply held episodes back as of; 0: a
			 * preview, or not scheduled */
};

struct feed_items;

/* Keeps each episode's published audio name, as the `previous` feed (the
 * live one, or the last local build) gives it, while its bytes keep their
 * length; audio that was replaced gets a new name, "media/<slug>-<first
 * 8 hex digits of its SHA-256>.<ext>", so that no feed ever names a file of
 * another length than it says: the new bytes go up under the new name, the
 * feed switches to it, and only then may the old file go (--prune). The
 * episode's guid stays. Adds a note for each renamed episode; *changed
 * tells whether any name differs from before the call. */
enum pp_result show_keep_published_names(struct show *s, const struct feed_items *previous,
					 bool *changed, struct diag *diag) PP_MUST_USE;

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

/* The same, with the show moved to `base_url` (see config_rebase) before
 * any URL is made; NULL keeps podcast.yaml's. */
enum pp_result show_load_at(const char *root, const char *base_url, struct show *out,
			    struct diag *diag) PP_MUST_USE;

#endif
