/* serve.h - `podpub serve`: the show built in memory with base_url set to
 * the server's own address, and served (feed, media, art, site) over HTTP
 * with libmicrohttpd, rebuilt when podcast.yaml, episodes/ or site/ change.
 *
 * Only the show's published files are served, each from the table the build
 * gives: nothing else on the disk is reachable, whatever the path says.
 * GET and HEAD only; byte ranges (206), ETag and If-None-Match (304).
 * feed/feed.xml and podcast.yaml's base_url are never touched. */
#ifndef PODPUB_SERVE_H
#define PODPUB_SERVE_H

#include <stdbool.h>

#include "build.h"
#include "diag.h"
#include "result.h"

struct serve_options {
	const char *root;  /* the show's folder */
	const char *bind;  /* an IPv4 or IPv6 address; NULL: 127.0.0.1 */
	unsigned port;     /* 0: any free port */
	const struct schedule_options *schedule; /* which episodes are out; NULL: the clock's */
	/* Called once listening, with the show's address ("http://127.0.0.1:8080/"). */
	void (*listening)(void *ctx, const char *url);
	/* Called after each build, the first and every rebuild: its result and
	 * messages (the command prints them and empties `diag`). A failed
	 * rebuild leaves the last good build served. */
	void (*built)(void *ctx, enum pp_result res, const struct build *b, struct diag *diag);
	void *ctx;
};

/* Serves until SIGINT or SIGTERM, then stops cleanly: PP_OK. PP_EPARSE for
 * a bad address, PP_EIO when it cannot listen; the first build's failure
 * is returned as it is (a show that does not build is not served). */
enum pp_result serve_show(const struct serve_options *opt, struct diag *diag) PP_MUST_USE;

/* A Range header's single byte range for a body of `size` bytes, as RFC
 * 9110 reads it: 1 with [*first, *last] when satisfiable, 0 when the header
 * asks for no range podpub serves (none, several, or not bytes: send it
 * all), -1 when unsatisfiable (416). */
int serve_parse_range(const char *header, long long size, long long *first, long long *last);

/* True when an If-None-Match header's list holds `etag` (or is "*"). */
bool serve_etag_matches(const char *header, const char *etag);

#endif
