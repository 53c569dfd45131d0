/* target_s3.h - the inside of the S3 driver, shared by target_s3.c (the
 * driver) and target_s3_multipart.c (a large file in parts). Only those
 * two include it. */
#ifndef PODPUB_TARGET_S3_H
#define PODPUB_TARGET_S3_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "ident.h"
#include "target/target.h"
#include "target/target_curl.h"

#define S3_UNSIGNED_PAYLOAD "UNSIGNED-PAYLOAD"

/* SHA-256 of no bytes: the payload hash of GET, HEAD and DELETE. */
#define EMPTY_SHA256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/* From this size a file goes up in parts (multipart_threshold), each this
 * big (part_size), or bigger to stay within the service's 10000 parts.
 * rclone's upload_cutoff: below it one PUT streams at the link's speed and
 * the service stores the bytes once; the parts' gain, a cut costing one
 * part rather than the file, only counts for files bigger than that. On
 * this machine's S3 server a 199 MiB file took 2.43 s in parts, 1.41 s in
 * one PUT (curl: 1.57 s). */
#define S3_MULTIPART_THRESHOLD (200L << 20)
#define S3_PART_SIZE (16L << 20)
#define S3_MAX_PARTS 10000

struct target {
	struct tcurl *curl;
	char *base;       /* endpoint + bucket (+ prefix), ending in '/' */
	char *bucket;     /* endpoint + bucket: where listings are asked */
	char *prefix;     /* the keys' prefix: "" or "show/" */
	char *sigv4;      /* "aws:amz:REGION:s3" */
	char *keys;       /* "KEY:SECRET": never printed; wiped on close */
	char *token;      /* "x-amz-security-token: ..." or NULL */
	/* Over HTTPS the body is not hashed for the signature (TLS keeps it
	 * whole on the way; the ETag check tells what the service stored):
	 * x-amz-content-sha256 says UNSIGNED-PAYLOAD. Plain HTTP signs it. */
	bool unsigned_payload;
	/* What lanes are opened from (--jobs): borrowed settings, the URL. */
	const struct config_target *settings;
	char *location;
	/* The upload under way (put_begin to put_end). */
	char *put_remote;
	char put_etag[IDENT_MD5_SIZE + 2]; /* "\"<md5 of what is sent>\"" */
	bool put_only_new;
	struct buf put_errors;
	bool put_multipart;        /* the upload went in parts, within put_begin */
	enum pp_result put_result; /* ... and ended so */
	/* A large file's MD5, taken by a thread of its own beside the upload
	 * (put_begin to put_end) rather than in libcurl's read callback. */
	struct s3_md5_job *put_md5;
	/* Handles that send parts side by side, in the pool of `curl` (kept
	 * from file to file, with their connections). */
	struct tcurl **parts;
	size_t part_handles;
};

/* Starts the MD5 of the file `path` in a thread (NULL when it could not
 * start: then the caller hashes as it sends); s3_md5_finish waits for it,
 * frees it and gives the digest, PP_EIO when the file could not be read. */
struct s3_md5_job *s3_md5_start(const char *path);
enum pp_result s3_md5_finish(struct s3_md5_job **job, char out[IDENT_MD5_SIZE]);

/* The headers of a signed request: the payload's hash, the session
 * token, then `extra` (NULL-terminated). headers[0] is the caller's to free. */
enum pp_result s3_headers(const struct target *t, const char *sha256, const char *const *extra,
			  const char *headers[8]) PP_MUST_USE;

/* One signed request on `remote` with an optional query string (sorted and
 * escaped: SigV4 signs it as it is), body (a file or `post` bytes) and
 * response buffer; transient failures are retried unless it uploads. */
enum pp_result s3_request_query(struct target *t, const char *remote, const char *query,
				const char *method, const struct target_source *body,
				const char *sha256, const char *const *extra, struct buf *response,
				struct tcurl_reply *reply, const char *post,
				size_t post_len) PP_MUST_USE;

/* The service's own words from an error reply (<Error><Code/><Message/>). */
void s3_error_words(const struct buf *body, struct tcurl_reply *reply);

/* Writes the file src->path (`size` bytes) to `remote` as a multipart
 * upload: create, the parts (up to the pool's jobs at once, each retried),
 * complete, then the ETag checked against the parts' MD5s. Any failure
 * aborts the upload, so no part stays stored (and billed). */
enum pp_result s3_multipart_put(struct target *t, const struct target_source *src,
				const char *remote, int64_t size, struct diag *diag) PP_MUST_USE;

/* The ETag S3 gives an object put together from parts whose MD5s (hex)
 * are `md5s`: the MD5 of those MD5s as bytes, "-", the number of parts. */
enum pp_result s3_multipart_etag(const char (*md5s)[IDENT_MD5_SIZE], size_t count, char *out,
				 size_t size) PP_MUST_USE;

/* Frees the part handles a multipart upload keeps for the next. */
void s3_multipart_release(struct target *t);

#endif
