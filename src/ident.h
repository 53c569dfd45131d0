/* ident.h - stable identities: UUIDv5 guids and SHA-256 file digests. */
#ifndef PODPUB_IDENT_H
#define PODPUB_IDENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "result.h"

#define IDENT_UUID_SIZE 37   /* 36 characters and a NUL */
#define IDENT_SHA256_SIZE 65 /* 64 hex digits and a NUL */
#define IDENT_MD5_SIZE 33    /* 32 hex digits and a NUL */

/* The Podcasting 2.0 namespace for podcast:guid. */
#define IDENT_PODCAST_NAMESPACE "ead4c236-bf58-58c6-a2c6-a6b28d128cb6"

/* UUIDv5 (SHA-1) of `name` in namespace `ns` (canonical text form).
 * PP_EPARSE when `ns` is not a UUID. */
enum pp_result ident_uuid5(const char *ns, const char *name, char out[IDENT_UUID_SIZE]) PP_MUST_USE;

/* podcast:guid as the namespace defines it: UUIDv5 of the feed URL with
 * its scheme ("https://") and trailing slashes removed. */
enum pp_result ident_podcast_guid(const char *feed_url, char out[IDENT_UUID_SIZE]) PP_MUST_USE;

/* SHA-256 of a file's bytes in hex, and its size. PP_EIO when unreadable. */
enum pp_result ident_sha256_file(const char *path, char out[IDENT_SHA256_SIZE],
				 int64_t *size) PP_MUST_USE;

/* SHA-256 of a buffer in hex. */
enum pp_result ident_sha256_buffer(const void *data, size_t len,
				   char out[IDENT_SHA256_SIZE]) PP_MUST_USE;

/* MD5 in hex: only to compare with what S3 reports as an object's ETag,
 * never as an identity. */
enum pp_result ident_md5_file(const char *path, char out[IDENT_MD5_SIZE]) PP_MUST_USE;
enum pp_result ident_md5_buffer(const void *data, size_t len, char out[IDENT_MD5_SIZE]) PP_MUST_USE;

/* MD5 of bytes as they come (an upload's, in its read callback): begin,
 * add each piece, end (which frees; out is "" when a step failed). free
 * drops one unended; both take NULL. */
struct ident_md5;
enum pp_result ident_md5_begin(struct ident_md5 **out) PP_MUST_USE;
void ident_md5_add(struct ident_md5 *m, const void *data, size_t len);
void ident_md5_end(struct ident_md5 **m, char out[IDENT_MD5_SIZE]);
void ident_md5_free(struct ident_md5 **m);

/* MD5 and SHA-256 in hex of `length` bytes of a file from `offset` (an S3
 * multipart part: its ETag and its signed payload hash), in one read.
 * PP_EIO when unreadable or shorter. */
enum pp_result ident_digest_range(const char *path, int64_t offset, int64_t length,
				  char md5[IDENT_MD5_SIZE],
				  char sha256[IDENT_SHA256_SIZE]) PP_MUST_USE;

/* `bytes` (at most 32) random bytes from the system's CSPRNG, in hex: for
 * names nobody can guess. `out` has room for 2*bytes+1. */
enum pp_result ident_random_hex(char *out, size_t bytes) PP_MUST_USE;

#endif
