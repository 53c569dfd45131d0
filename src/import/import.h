/* import.h - `podpub import`: a show on another host, moved into a new
 * podpub show folder.
 *
 * The old feed (a URL or a file) gives podcast.yaml and one episode folder
 * per item, each with its audio downloaded and probed and its guid kept,
 * so apps see the same episodes after the move, and with its own art,
 * transcripts and chapters when the old feed gave them. Everything is made under
 * DIR/.podpub-import/ and moved into place at the end: an interrupted run
 * leaves no half-made show, and the next run continues its downloads. */
#ifndef PODPUB_IMPORT_H
#define PODPUB_IMPORT_H

#include <stddef.h>

#include "diag.h"
#include "import/import_fetch.h"
#include "result.h"

struct import_request {
	const char *source;   /* the old feed: an http(s) URL or a file */
	const char *root;     /* the new show's folder, made when missing */
	const char *base_url; /* the new host's public URL; NULL: a placeholder */
	int jobs;             /* downloads at once */
	import_progress_fn *progress; /* NULL: none */
	void *progress_ctx;
};

struct import_summary {
	size_t items;    /* in the old feed */
	size_t imported;
	size_t skipped;  /* duplicates of an earlier item's guid */
	size_t failed;   /* named in a diag error each */
};

/* The staging folder under the show's folder. */
#define IMPORT_STAGE ".podpub-import"

/* Imports req->source into req->root. Refuses (PP_EPARSE) a folder that
 * holds podcast.yaml or episodes/. Each item that cannot be imported is a
 * diag error naming it and the reason; the others are imported, and the
 * result is then PP_ETARGET when a download failed (a retry may help),
 * PP_EPARSE otherwise. PP_EINTR after Ctrl-C, with nothing moved into
 * place. Warnings name what import kept as it was but the producer may
 * want to look at (a length or duration that does not match the audio). */
enum pp_result import_show(const struct import_request *req, struct import_summary *out,
			   struct diag *diag) PP_MUST_USE;

#endif
