/* target.h - where a show is published, behind one small interface.
 *
 * The local folder is the first driver; SFTP, FTP, WebDAV and S3 (libcurl)
 * plug in the same way. A driver writes a file under a temporary name
 * (`put`), then moves it into place (`commit`), so a reader never sees a
 * partial file under its real name. */
#ifndef PODPUB_TARGET_H
#define PODPUB_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "diag.h"
#include "result.h"

struct target;

/* What to send: a local file, or bytes in memory, and how the web should
 * serve it (HTTP and S3 targets set these headers; folders ignore them). */
struct target_source {
	const char *path;          /* when non-NULL, the file's bytes */
	const char *data;
	size_t len;
	const char *content_type;  /* "audio/mpeg"; NULL: application/octet-stream */
	const char *cache_control; /* NULL: none */
	const char *sha256;        /* hex digest of the bytes, when known (S3 signs it) */
	/* Told the bytes sent so far of the transfer under way (from 0 again
	 * when it is retried), for a progress display; NULL: nobody asks. */
	void (*progress)(void *progress_ctx, int64_t sent);
	void *progress_ctx;
	/* Only this part of `path` (an S3 multipart part); 0: the whole file. */
	int64_t part_offset, part_length;
};

/* Connections to one target whose transfers move together (--jobs): one
 * libcurl multi handle drives them all and shares their connections. */
struct target_pool;
enum pp_result target_pool_new(int jobs, struct target_pool **out) PP_MUST_USE;
void target_pool_free(struct target_pool **pool);
/* The transfers at once the pool was made for (1 for NULL). */
int target_pool_jobs(const struct target_pool *pool);
/* Moves every transfer of the pool on, waiting up to `ms` milliseconds
 * for one to end. A NULL pool returns at once. */
enum pp_result target_pool_wait(struct target_pool *pool, int ms) PP_MUST_USE;

/* One file of a size query: `remote` in, `exists` and `size` out. */
struct target_size {
	const char *remote;
	bool exists;
	int64_t size;
};

/* Temporary files an earlier publish left on the target (a transfer cut
 * with its server, or podpub killed before it tidied up), as the listings
 * read for sizes show them: only names podpub gives a file while it is
 * written, "<name>.<16 hex digits>.podpub-tmp". */
struct target_leftovers {
	char **remote; /* owned: paths below the target's root */
	size_t count, alloc;
};

void target_leftovers_release(struct target_leftovers *l);

/* The size of a remote file; *exists false when there is none. */
typedef enum pp_result target_size_fn(struct target *t, const char *remote, bool *exists,
				      int64_t *size, struct diag *diag);

struct target_ops {
	const char *scheme; /* "file" */
	/* put writes the final name at once, atomically (S3's PUT): no
	 * temporary name and no commit are needed. */
	bool atomic_put;
	/* put itself proves the service stored exactly the bytes sent (S3's
	 * ETag against their MD5): no size query after it. */
	bool put_checked;
	/* Opens `location` (a folder for "file", the URL otherwise) with the
	 * target's settings (keys, CA, region...); creates nothing yet. */
	enum pp_result (*open)(const struct config_target *settings, const char *location,
			       struct target **out, struct diag *diag);
	/* Reads a whole remote file; *data is NULL (and PP_OK) when it does not exist. */
	enum pp_result (*read)(struct target *t, const char *remote, char **data, size_t *len,
			       struct diag *diag);
	/* The size of a remote file; *exists false when there is none. */
	target_size_fn *size;
	/* The sizes of many files at once (a folder's listing instead of a
	 * query per file), as `size` would tell each; NULL: target_sizes
	 * asks `size` file by file. */
	enum pp_result (*sizes)(struct target *t, struct target_size *files, size_t count,
				struct target_leftovers *left, struct diag *diag);
	/* Writes the whole source under `remote_tmp`, creating folders. */
	enum pp_result (*put)(struct target *t, const struct target_source *src,
			      const char *remote_tmp, struct diag *diag);
	/* Atomically replaces `remote` with `remote_tmp`. */
	enum pp_result (*commit)(struct target *t, const char *remote_tmp, const char *remote,
				 struct diag *diag);
	/* Writes `remote` only when no file of that name is there yet, as one
	 * step where the protocol allows (the lock): *existed says whether one
	 * was. FTP cannot refuse an overwrite; its driver checks first. */
	enum pp_result (*put_new)(struct target *t, const struct target_source *src,
				  const char *remote, bool *existed, struct diag *diag);
	/* Removes a remote file; no error when it is already gone. */
	enum pp_result (*remove)(struct target *t, const char *remote, struct diag *diag);
	void (*close)(struct target **t);

	/* Parallel transfers (--jobs); a driver without them (the folder)
	 * sends one file at a time with put. */
	/* Opens one more connection to the target `t` was opened on, whose
	 * requests run in `pool` beside the other lanes'. */
	enum pp_result (*lane)(struct target *t, struct target_pool *pool, struct target **out,
			       struct diag *diag);
	/* Runs `t`'s own requests in `pool` from now on, on the connection it
	 * already has (the first lane, which costs no new login); NULL: alone
	 * again. Only while none of its requests is under way. */
	void (*join)(struct target *t, struct target_pool *pool);
	/* put in two halves: put_begin starts the upload and returns; once
	 * put_busy says false (the pool moved it to its end), put_end tells
	 * what put would have. Outside a pool put_begin does it all. put_busy
	 * tells the same of any request begun in halves (below). */
	enum pp_result (*put_begin)(struct target *t, const struct target_source *src,
				    const char *remote_tmp, struct diag *diag);
	bool (*put_busy)(const struct target *t);
	/* Whether the upload that just ended sent any of its bytes: one that
	 * sent none could not connect or log in. NULL: assume it did. */
	bool (*put_sent)(const struct target *t);
	enum pp_result (*put_end)(struct target *t, struct diag *diag);
	/* The steps after an upload, size check then rename into place, in
	 * two halves each, as put_begin and put_end are, so that one lane's
	 * steps move in the pool beside the others' transfers: done in place,
	 * each held up every lane for its round trips. size_begin asks the
	 * size of the temporary file; `remote` names the file in messages.
	 * NULL: size and commit, in place. (Not after the transfer in the
	 * upload's own request: libcurl 7.88 reads an FTP transfer's end and
	 * its POSTQUOTE replies blocking the whole pool.) */
	enum pp_result (*commit_begin)(struct target *t, const char *remote_tmp, const char *remote,
				       struct diag *diag);
	enum pp_result (*commit_end)(struct target *t, const char *remote, struct diag *diag);
	enum pp_result (*size_begin)(struct target *t, const char *remote, struct diag *diag);
	enum pp_result (*size_end)(struct target *t, const char *remote, bool *exists, int64_t *size,
				   struct diag *diag);
};

extern const struct target_ops target_file_ops;
extern const struct target_ops target_sftp_ops;
extern const struct target_ops target_ftp_ops;
extern const struct target_ops target_ftps_ops;
extern const struct target_ops target_dav_ops;
extern const struct target_ops target_s3_ops;

/* The length of the URL scheme `location` starts with ("sftp" of
 * "sftp://host/x"), or 0 when it is a plain path. The one test of "is this
 * a URL or a folder" that config, publish and the drivers share. */
size_t target_scheme_length(const char *location);

/* The driver for a location, from the registry of drivers by scheme: a
 * plain path, "file:x" and "file:///x" → the local folder. NULL for a
 * scheme podpub has no driver for. `*rest` is what the driver opens: the
 * location without "file:" / "file://"; a URL as it is otherwise. */
const struct target_ops *target_for(const char *location, const char **rest);

/* Called by target_check while its probe file is on the target, named
 * `remote` there and holding `text` (`len` bytes): a look at it from
 * elsewhere. A result other than PP_OK ends the check. */
typedef enum pp_result target_probe_fn(void *ctx, const char *remote, const char *text,
				       size_t len, struct diag *diag);

/* Tries a target without publishing: writes a small probe file there
 * (under a temporary name, renamed into place), reads it back, compares,
 * calls `while_there` (when not NULL), and removes it. What a producer
 * runs when setting up a new host. The probe's name is a plain one, as a
 * media file's is (a host may refuse to serve names that start with a
 * dot). */
enum pp_result target_check(const struct target_ops *ops, struct target *t,
			    target_probe_fn *while_there, void *ctx, struct diag *diag) PP_MUST_USE;

/* How many connections the host takes at once, up to `want`: the target's
 * own (open already), then more opened beside it, each kept open while the
 * next logs in (a size query). *accepted stops at the first refused: a
 * host's limit of connections per address, which publish --jobs meets;
 * 0 for a driver without connections (a folder). */
enum pp_result target_count_connections(const struct target_ops *ops, struct target *t, int want,
					int *accepted) PP_MUST_USE;

/* The sizes of `files` on the target: the driver's `sizes` where it has
 * one, else `size` for each file in turn. The leftovers its listings show
 * are added to `left` (when not NULL). */
enum pp_result target_sizes(const struct target_ops *ops, struct target *t,
			    struct target_size *files, size_t count, struct target_leftovers *left,
			    struct diag *diag) PP_MUST_USE;

/* For a driver's `sizes` that answers a folder at a time (a listing): one
 * file asked about, the length of its folder's part ("a/b/" of
 * "a/b/c.mp3"), and whether it has its answer yet. */
struct target_size_query {
	struct target_size *f;
	size_t folder;
	bool known;
};

size_t target_folder_length(const char *remote);
/* Queries for `files` (their answers reset to "not there"), sorted so that
 * each folder's come together; NULL when out of memory. Caller frees. */
struct target_size_query *target_size_queries(struct target_size *files, size_t count);
/* Where the run of queries in q[i]'s folder ends. */
size_t target_folder_end(const struct target_size_query *q, size_t i, size_t count);
struct listing;
/* Answers the `n` queries of one folder from its listing `l` where it
 * names them; with `whole`, a file it does not name is not there (NULL
 * and whole: a folder that is not there holds none). The leftovers it
 * names go into `left` (when not NULL). PP_ENOMEM only. */
enum pp_result target_size_answer(struct target_size_query *q, size_t n, const struct listing *l,
				  bool whole, struct target_leftovers *left) PP_MUST_USE;
/* Asks `size` about each query no listing answered, one by one. */
enum pp_result target_size_unknown(struct target *t, struct target_size_query *q, size_t count,
				   target_size_fn *size, struct diag *diag) PP_MUST_USE;

/* The suffix of every temporary name podpub writes on a target: a
 * leftover is recognisable, and never a name the feed gives. */
#define TARGET_TMP_SUFFIX ".podpub-tmp"
/* Random bytes in a temporary name, written as twice as many hex digits. */
#define TARGET_TMP_RANDOM_BYTES 8

/* A fresh temporary name for `remote`: "<remote>.<random hex>.podpub-tmp",
 * a new one each attempt (vsftpd keeps a cut upload's file a while).
 * Caller frees *out. */
enum pp_result target_tmp_name(const char *remote, char **out) PP_MUST_USE;

/* Writes `src` to `remote` so that no reader ever sees part of it there:
 * under a fresh, unguessable temporary name ("<remote>.<random>.podpub-tmp")
 * then renamed into place, or straight away where the driver's put is
 * atomic. A failed attempt is removed and retried under a new name
 * (vsftpd keeps a cut upload locked for a minute), `attempts` times in all. */
enum pp_result target_write(const struct target_ops *ops, struct target *t,
			    const struct target_source *src, const char *remote, int attempts,
			    struct diag *diag) PP_MUST_USE;

/* One file of target_send_all. */
struct target_file {
	struct target_source src;
	const char *remote; /* its final name */
	int64_t size;       /* what the target must report once it is there */
	bool done;          /* set once written, renamed into place and checked */
};

/* Sends files as target_write does (temporary name, rename, then its size
 * checked; `attempts` tries, each under a new name), up to `jobs` at once
 * over connections ("lanes") where the driver has them: the target's own
 * connection first, then more, opened when first needed and kept from one
 * target_sender_send to the next (a publish's media, then its pages, then
 * its feed), so that each is logged in to once. */
struct target_sender;
enum pp_result target_sender_new(const struct target_ops *ops, struct target *t, int jobs,
				 int attempts, struct target_sender **out) PP_MUST_USE;
/* Sends `files`, at most `jobs` at once (no more than the sender's). After
 * the first failure no file starts and no retry is made; the files under
 * way end, and the failure is returned. Files not done were never renamed
 * into place. The target's own connection is free again on return. */
enum pp_result target_sender_send(struct target_sender *s, struct target_file *files,
				  size_t count, int jobs, struct diag *diag) PP_MUST_USE;
/* Closes the lanes the sender opened; the target stays open. */
void target_sender_free(struct target_sender **s);

/* One target_sender_send of `files` with a sender made for it. */
enum pp_result target_send_all(const struct target_ops *ops, struct target *t,
			       struct target_file *files, size_t count, int jobs, int attempts,
			       struct diag *diag) PP_MUST_USE;

#endif
