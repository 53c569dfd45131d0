/* fetch.h - plain HTTP(S) reads for the linter: a feed by its url, and many
 * small requests at once to see what a feed links to (`podpub lint URL`,
 * `podpub lint --online`).
 *
 * TLS is always verified (ca_file adds a CA to the system's, nothing turns
 * verification off); only http and https are spoken, redirects included,
 * and at most FETCH_MAX_REDIRECTS of them are followed; every body is
 * capped; a connect and a total timeout bound every request; the
 * User-Agent names podpub. Nothing here judges what came back: lint does. */
#ifndef PODPUB_FETCH_H
#define PODPUB_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "result.h"

#define FETCH_MAX_REDIRECTS 5
/* libcurl's multi interface: connections to one host, and in all. */
#define FETCH_PER_HOST 2
#define FETCH_TOTAL 8

struct fetch_options {
	const char *ca_file; /* an extra CA to trust, or NULL */
	long timeout;        /* seconds for a whole request; 0: FETCH_TIMEOUT_DEFAULT */
};
#define FETCH_TIMEOUT_DEFAULT 60L

/* What one request got. Strings are owned by the reply (caller releases). */
struct fetch_reply {
	bool answered;     /* an HTTP response came; false: `words` say why not */
	long status;       /* the last response's status */
	char words[256];   /* libcurl's words for a failure */
	char *final_url;   /* the url that gave the last response */
	/* fetch_url: each redirect followed, "301 https://where/it/led". */
	char *redirects[FETCH_MAX_REDIRECTS];
	size_t redirect_count;
	/* The last response's headers, NULL when it had none. */
	char *content_type;
	char *accept_ranges;
	char *content_range;
	char *allow_origin; /* Access-Control-Allow-Origin */
	int64_t content_length; /* -1 when not given */
	char *body;             /* NUL-terminated; NULL when empty or HEAD */
	size_t len;
	bool too_large;         /* the body went past its cap and was cut there */
};

void fetch_reply_init(struct fetch_reply *r);
void fetch_reply_release(struct fetch_reply *r);

/* GETs `url` whole, at most `max_bytes` of it, following each redirect
 * itself so the reply lists them. PP_OK when the request ran, whatever it
 * got (the reply says); PP_ENOMEM; PP_EINTR after Ctrl-C. */
enum pp_result fetch_url(const char *url, size_t max_bytes, const struct fetch_options *o,
			 struct fetch_reply *reply) PP_MUST_USE;

/* One request of fetch_all. */
struct fetch_request {
	const char *url;   /* borrowed */
	bool head;         /* HEAD: headers only */
	const char *range; /* "0-1023": a Range header; NULL for none */
	size_t max_bytes;  /* the body's cap */
	struct fetch_reply reply;
};

/* Runs every request in parallel over libcurl's multi interface, at most
 * FETCH_PER_HOST connections to a host and FETCH_TOTAL in all, following
 * redirects. Each reply is initialised here. PP_OK when they ran, whatever
 * they got; PP_ENOMEM; PP_EINTR after Ctrl-C. */
enum pp_result fetch_all(struct fetch_request *reqs, size_t count,
			 const struct fetch_options *o) PP_MUST_USE;

/* `url` is http:// to a loopback host (127.0.0.0/8, ::1, localhost), where
 * plain http carries nothing anyone else can read. */
bool fetch_is_loopback_http(const char *url);

#endif
