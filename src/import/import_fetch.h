/* import_fetch.h - downloads for `podpub import`: the old feed, then its
 * cover and enclosures, several at once.
 *
 * Only import_fetch.c of the import family includes libcurl. http and
 * https only, redirects followed (to http and https only), TLS always
 * verified, sizes capped. A download goes into a `.part` file that a
 * later run continues with a Range request, so an interrupted import
 * fetches only what it lacks. */
#ifndef PODPUB_IMPORT_FETCH_H
#define PODPUB_IMPORT_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "result.h"

/* The largest enclosure or cover podpub downloads. */
#define IMPORT_FILE_MAX ((int64_t)4 << 30)

/* Fetches a feed of at most `max` bytes (caller frees *data, NUL-
 * terminated). *final_url (caller frees) is where the redirects ended, to
 * resolve the feed's relative URLs against. PP_ETARGET (exit 3: a retry may help) after a diag error
 * naming `url` with libcurl's or the server's words. */
enum pp_result import_fetch_feed(const char *url, size_t max, char **data, size_t *len,
				 char **final_url, struct diag *diag) PP_MUST_USE;

/* `ref` (a relative URL such as "media/a.mp3" or "/a.mp3") resolved
 * against `base` as RFC 3986 says, with libcurl's URL parser (*out:
 * caller frees). An absolute `ref` is returned as it is, byte for byte.
 * PP_EPARSE when either is no URL libcurl reads. */
enum pp_result import_resolve_url(const char *base, const char *ref, char **out) PP_MUST_USE;

/* One file to download and, once done, what came of it. */
struct import_download {
	const char *url;       /* borrowed */
	const char *part_path; /* borrowed: where the bytes go; continued when it exists */
	const char *done_path; /* borrowed: the part is renamed here once whole; a file
				* there is taken as downloaded by an earlier run */
	const char *label;     /* borrowed: names it in progress lines */
	int64_t max;           /* the most bytes it may have; 0: IMPORT_FILE_MAX */
	bool ok;               /* the whole file is in done_path */
	bool resumed;          /* an earlier run's bytes were kept */
	int64_t resumed_at;
	int64_t size;          /* bytes downloaded */
	char error[256];       /* why not ok: libcurl's or the server's words */
};

/* Progress, one line at a time, for the command to print ("downloading
 * ...", "resuming ... at N bytes", "done ..."). */
typedef void import_progress_fn(void *ctx, const char *line);

/* Downloads every file, at most `jobs` at a time (libcurl's multi
 * interface). Each one's failure lands in its own struct; the result is
 * PP_OK when all were tried, PP_EINTR when Ctrl-C stopped them (the .part
 * files stay, for the next run), PP_ENOMEM. */
enum pp_result import_fetch_all(struct import_download *list, size_t count, int jobs,
				import_progress_fn *progress, void *ctx) PP_MUST_USE;

#endif
