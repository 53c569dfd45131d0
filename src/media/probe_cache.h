/* probe_cache.h - the probe and SHA-256 of each audio and art file, kept
 * between builds so that a rebuild reads only new or changed files.
 *
 * An entry is used only when the file's path, size, modification time (ns),
 * inode and change time (ns) are all what they were when it was written; any
 * change to the file, even one that keeps its size and mtime (a replaced
 * file has a new inode or ctime), makes it probed and hashed again. The
 * cache file is JSON at ROOT/.podpub-cache/probe.json; one that is missing,
 * damaged, truncated or not podpub's is ignored and rewritten, never
 * trusted in part. */
#ifndef PODPUB_PROBE_CACHE_H
#define PODPUB_PROBE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "ident.h"
#include "media/probe.h"
#include "result.h"

/* Where the cache lives under a show's folder (git-ignored). */
#define PROBE_CACHE_DIR ".podpub-cache"
#define PROBE_CACHE_FILE "probe.json"

struct probe_cache_key {
	int64_t size;
	int64_t mtime_sec, mtime_nsec;
	int64_t ctime_sec, ctime_nsec;
	uint64_t inode;
};

struct probe_cache_entry {
	char *path;
	struct probe_cache_key key;
	bool is_image;             /* art: `image` holds its facts, `probe` is empty */
	struct probe_image image;
	struct probe probe;
	char sha256[IDENT_SHA256_SIZE];
	bool used;   /* looked up or added this run: saved */
	/* Audio: the embedded picture kept in PROBE_CACHE_DIR/art (none when
	 * picture_format is NULL). */
	const char *picture_format; /* static: "png" or "jpeg" */
	char picture_sha256[IDENT_SHA256_SIZE];
	struct probe_cache_key picture_key; /* of the kept file: trusted while it holds */
};

struct probe_cache {
	struct probe_cache_entry *entries;
	size_t count;
	size_t alloc;
	size_t hits;    /* files answered from the cache this run */
	size_t misses;  /* files probed and hashed (or measured) this run */
	bool loudness;  /* measure each file's loudness too (slow: once per file) */
	char *root;     /* the show's folder, from probe_cache_load: where art is kept */
	size_t next;    /* where the next lookup starts: a build asks in the order
			 * the cache was written, so it is found at once */
};

void probe_cache_init(struct probe_cache *c);
void probe_cache_release(struct probe_cache *c);

/* Replaces the entries with those of the cache text `data` (`len` bytes, not
 * NUL-terminated). Text that is not a whole, well-formed cache of this
 * version leaves the cache empty and gives PP_EPARSE (PP_ENOMEM when memory
 * ran out); nothing of it is kept. */
enum pp_result probe_cache_parse(struct probe_cache *c, const char *data, size_t len) PP_MUST_USE;

/* Reads ROOT/.podpub-cache/probe.json. A missing or unusable file is no
 * error: the cache is empty. PP_ENOMEM only. */
enum pp_result probe_cache_load(struct probe_cache *c, const char *root) PP_MUST_USE;

/* Probes `path` into `out` and hashes it into `sha256` and `size`, or takes
 * all three from the cache when the file is unchanged. With c->loudness,
 * out->loudness is measured too, unless the cache has it. Errors as
 * probe_file(); an unreadable file for hashing is PP_EIO with a diag
 * error. */
enum pp_result probe_cache_file(struct probe_cache *c, const char *path, struct probe *out,
				char sha256[IDENT_SHA256_SIZE], int64_t *size,
				struct diag *diag) PP_MUST_USE;

/* As probe_cache_file for an image (the show's art): its facts, SHA-256
 * and size, from the cache when the file is unchanged (decoding a
 * 3000-pixel PNG took a third of a cached rebuild). Errors as
 * probe_image(); an unreadable file is PP_EIO with a diag error. */
enum pp_result probe_cache_image(struct probe_cache *c, const char *path, struct probe_image *out,
				 char sha256[IDENT_SHA256_SIZE], int64_t *size,
				 struct diag *diag) PP_MUST_USE;

/* An audio file's embedded picture, kept out of the audio in
 * ROOT/.podpub-cache/art/<sha256>.<png|jpg>: a rebuild then neither opens the
 * audio to decode its picture again (half a second for a 1000-episode show
 * with art in every file) nor holds its bytes in memory. */
struct probe_cache_picture {
	char sha256[IDENT_SHA256_SIZE];
	const char *format; /* static: "png" or "jpeg" */
	int64_t size;
	char *path;         /* the kept file; the caller frees it */
};

/* The picture kept for the audio file `path`, when its entry was found
 * unchanged by probe_cache_file in this run and the kept file is still
 * there whole: true, with *out filled. False otherwise (out of memory too:
 * the caller decodes the picture again). */
/* Whether a build of a show with `episodes` episode folders will read
 * media: the cache knows fewer audio files than that (a new episode, or a
 * cold cache), or a file it knows changed since. A guess, for the probe
 * warm-up: a draft's folder counts as new, and a changed file is found
 * again by probe_cache_file. One stat a file. */
bool probe_cache_stale(const struct probe_cache *c, size_t episodes);

bool probe_cache_picture(const struct probe_cache *c, const char *path,
			 struct probe_cache_picture *out);

/* Keeps `len` bytes of `path`'s embedded picture (`format` "png" or "jpeg",
 * `sha256` their hash): writes the file (a temporary name renamed into
 * place) and records it in `path`'s entry. PP_EIO when it cannot be
 * written (no cache folder: the caller keeps the bytes in memory). */
enum pp_result probe_cache_keep_picture(struct probe_cache *c, const char *path, const char *data,
					size_t len, const char *format,
					const char sha256[IDENT_SHA256_SIZE],
					struct probe_cache_picture *out) PP_MUST_USE;

/* Writes the entries used this run to ROOT/.podpub-cache/probe.json
 * (a temporary file renamed into place). PP_EIO when it cannot. */
enum pp_result probe_cache_save(const struct probe_cache *c, const char *root) PP_MUST_USE;

#endif
