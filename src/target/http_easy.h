/* http_easy.h - a libcurl easy handle set up the podpub way for reading
 * over HTTP(S): what `podpub lint` (target/fetch.c) and `podpub import`
 * (import/import_fetch.c) share, so the two cannot drift apart.
 *
 * The promises: only http and https are spoken, redirects included; TLS is
 * always verified (ca_file adds a CA to the system's, nothing turns
 * verification off); redirects are capped; a connect timeout bounds the
 * start; the User-Agent names podpub and the caller; no signals (libcurl's
 * synchronous resolver would otherwise time out with SIGALRM).
 * Timeouts of the whole transfer, size caps and the callbacks are each
 * caller's own, as what they read differs.
 *
 * The handle is a `void *` (libcurl's CURL is a typedef of void), so this
 * header names no library type (tests/e2e/style.sh). */
#ifndef PODPUB_HTTP_EASY_H
#define PODPUB_HTTP_EASY_H

#include <stdbool.h>

struct http_easy {
	const char *role;     /* the User-Agent's comment: "podpub/VERSION (<role>)" */
	long connect_seconds; /* CURLOPT_CONNECTTIMEOUT */
	bool follow;          /* follow redirects (to http and https only) */
	long max_redirects;   /* at most this many when following */
	const char *ca_file;  /* an extra CA to trust, or NULL */
};

/* Sets `easy` (a CURL *) up as `s` says, with `errbuf` (CURL_ERROR_SIZE
 * bytes, borrowed for the handle's life) as its error buffer, emptied. */
void http_easy_setup(void *easy, char *errbuf, const struct http_easy *s);

#endif
