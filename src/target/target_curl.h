/* target_curl.h - one libcurl handle set up for a target, shared by the
 * network drivers (sftp, ftp, dav, s3).
 *
 * TLS is always verified (a target's ca_file adds a CA, nothing turns
 * verification off); SSH host keys are always checked (libcurl would
 * accept any key unless told); credentials come from the environment or
 * ~/.netrc, never from the repository, and are never printed. The handle is
 * reused for every request, so its connection is too. */
#ifndef PODPUB_TARGET_CURL_H
#define PODPUB_TARGET_CURL_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "config.h"
#include "diag.h"
#include "result.h"
#include "target/target.h"

struct tcurl;

enum tcurl_proto { TCURL_SFTP, TCURL_FTP, TCURL_FTPS, TCURL_HTTP, TCURL_S3 };

/* Sets up a handle for the target `s` (its name and line for messages).
 * PP_EPARSE after a diag when a setting is unusable (a key file that is not
 * there, no known_hosts and no pinned host key). */
enum pp_result tcurl_open(const struct config_target *s, enum tcurl_proto proto,
			  struct tcurl **out, struct diag *diag) PP_MUST_USE;
void tcurl_free(struct tcurl **c);

struct tcurl_request {
	const char *method;                /* "HEAD", "DELETE", "MOVE", "MKCOL"...; NULL: GET, or
					    * an upload when there is a body */
	const char *url;                   /* the whole URL */
	const struct target_source *body;  /* what to upload, or NULL */
	const char *const *headers;        /* extra HTTP headers, NULL-terminated */
	const char *const *quote;          /* FTP/SFTP commands, NULL-terminated */
	const char *aws_sigv4;             /* "aws:amz:REGION:s3" to sign, or NULL */
	const char *user_password;         /* "KEY:SECRET" for SigV4 (never printed) */
	bool no_body;                      /* no transfer: a size query or commands only */
	bool create_dirs;                  /* FTP/SFTP: create missing folders */
	const char *post;                  /* a POST body in memory, or NULL */
	size_t post_len;
	struct buf *response;              /* the reply's body, or NULL to drop it */
	size_t response_max;               /* a longer body stops the transfer (a
					    * CURLE_WRITE_ERROR); 0: no bound */
	bool md5;                          /* the MD5 of the body as sent: reply.md5 */
	struct buf *lines;                 /* every header or FTP reply line, in
					    * order (bounded by response_max too), or NULL */
};

struct tcurl_reply {
	int code;          /* the CURLcode */
	long status;       /* HTTP status, or the last FTP/SFTP response code */
	int64_t length;    /* Content-Length or remote file size; -1 when unknown */
	char etag[96];     /* the ETag header, quotes kept */
	char words[256];   /* the server's or libcurl's words for a failure */
	bool connected;    /* a new connection was made for the request */
	char md5[33];      /* with request.md5: the body's bytes as read and sent,
			    * hex; "" when not asked or not whole */
};

/* Performs one request. Transient failures (reset, timeout, a cut
 * connection, HTTP 5xx, FTP 421/426) are retried with exponential backoff,
 * except uploads: the caller retries those under a fresh temporary name.
 * PP_OK when the server answered (check reply->status / reply->code);
 * PP_ENOMEM; PP_ETARGET when no answer came after the retries. */
enum pp_result tcurl_perform(struct tcurl *c, const struct tcurl_request *r,
			     struct tcurl_reply *reply) PP_MUST_USE;

/* The same request in steps, so that several move at once (--jobs): start
 * it, let the pool move it (target_pool_wait, or tcurl_wait for this one),
 * then collect the reply. `r` and what it points to (body, response) must
 * live until tcurl_finish; no retries here. A handle with no pool runs the
 * whole request inside tcurl_start. */
enum pp_result tcurl_start(struct tcurl *c, const struct tcurl_request *r) PP_MUST_USE;
/* tcurl_start, with the request ended at once when it cannot start, so
 * that the handle is free again: for a step whose caller only reports
 * the failure (no tcurl_finish after it). */
enum pp_result tcurl_start_or_end(struct tcurl *c, const struct tcurl_request *r) PP_MUST_USE;
bool tcurl_busy(const struct tcurl *c);
enum pp_result tcurl_wait(struct tcurl *c) PP_MUST_USE;
/* PP_EINTR after Ctrl-C stopped the transfer; PP_OK otherwise (check the
 * reply). Always ends the request, also when tcurl_start failed. */
enum pp_result tcurl_finish(struct tcurl *c, struct tcurl_reply *reply) PP_MUST_USE;

/* From now on the handle's requests run in `pool` (borrowed: detach the
 * handle, or free it, before the pool), and while one waits, every other
 * transfer there moves; NULL: alone again. Only between requests. The
 * handle keeps connections of its own, reused request after request,
 * across the change too. */
void tcurl_attach(struct tcurl *c, struct target_pool *pool);
/* The pool the handle runs in, or NULL. Borrowed. */
struct target_pool *tcurl_pool(const struct tcurl *c);

/* True when the reply means "no such file" for the protocol. */
bool tcurl_not_found(const struct tcurl *c, const struct tcurl_reply *reply);
/* Whether a request on this handle has passed the server's log-in (HTTP:
 * an answer other than 401): libcurl then sends the credentials with the
 * next request at once. Before that (CURLAUTH_ANY), it asks without them
 * first, and an upload sent whole without "Expect: 100-continue" would
 * get the 401 with nothing to send again. */
bool tcurl_logged_in(const struct tcurl *c);
/* True when the request succeeded (2xx, or no libcurl error). */
bool tcurl_ok(const struct tcurl *c, const struct tcurl_reply *reply);

/* Adds a diag error "target NAME: REMOTE: ACTION: <the server's words>". */
void tcurl_fail(const struct tcurl *c, const char *remote, const char *action,
		const struct tcurl_reply *reply, struct diag *diag);

/* Ends an upload started with tcurl_start: PP_ETARGET, with a diag naming
 * `*remote`, when the server refused it. Frees *remote and sets it NULL,
 * for a driver's put_end. */
enum pp_result tcurl_finish_upload(struct tcurl *c, char **remote,
				   struct diag *diag) PP_MUST_USE;

/* Reads the file `remote` below `base` whole (caller frees *data); *data
 * is NULL, with PP_OK, when there is no such file. PP_ETARGET after a diag
 * naming the target, the file and the server's words. */
enum pp_result tcurl_read_file(struct tcurl *c, const char *base, const char *remote,
			       char **data, size_t *len, struct diag *diag) PP_MUST_USE;

/* The size of the file `remote` below `base` (a HEAD, or the FTP/SFTP
 * size query); *exists false when there is none. */
enum pp_result tcurl_file_size(struct tcurl *c, const char *base, const char *remote,
			       bool *exists, int64_t *size, struct diag *diag) PP_MUST_USE;

/* tcurl_file_size in two halves (tcurl_start_or_end, tcurl_finish), so
 * that it moves in the pool beside other transfers; no retries here. */
enum pp_result tcurl_size_start(struct tcurl *c, const char *base, const char *remote) PP_MUST_USE;
enum pp_result tcurl_size_finish(struct tcurl *c, const char *remote, bool *exists, int64_t *size,
				 struct diag *diag) PP_MUST_USE;

/* `base` (which ends in '/') followed by `remote` with each path segment
 * URL-escaped. Caller frees; NULL when out of memory. */
char *tcurl_url(struct tcurl *c, const char *base, const char *remote);

/* A path segment's worth of `s` escaped, for quote commands and headers.
 * Caller frees. */
char *tcurl_escape(struct tcurl *c, const char *s);

/* Whether the last request handed libcurl any of its body to send: an
 * upload that ended without doing so never got past connect or login. */
bool tcurl_sent_any(const struct tcurl *c);

/* The parts of a URL, decoded (libcurl's URL parser): caller frees each;
 * NULL for a part the URL lacks. PP_EPARSE when it is no URL. */
struct tcurl_url_parts {
	char *scheme, *user, *host, *port, *path;
};
enum pp_result tcurl_parse_url(const char *url, struct tcurl_url_parts *out) PP_MUST_USE;
void tcurl_url_parts_release(struct tcurl_url_parts *p);

/* `url` without its user name (a Destination header must name the same
 * host the request went to). Caller frees; NULL when out of memory or not
 * a URL. */
char *tcurl_url_without_user(const char *url);

/* The folder the server put the session in at login (FTP's PWD, SFTP's
 * home), once a request has run; NULL before. Borrowed. */
const char *tcurl_entry_path(const struct tcurl *c);

/* How messages name the target: "target 'webhotel'", or the location. */
const char *tcurl_name(const struct tcurl *c);

#endif
