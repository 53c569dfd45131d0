/* progress.h - the publish's progress on a terminal: one line per file
 * under way and a total (bytes, rate, time left), drawn again in place at
 * most ten times a second, and a last line with the totals.
 *
 * Only for a terminal: a log or a pipe gets publish's one line per file
 * after the run instead, and --quiet and --json get nothing from here. */
#ifndef PODPUB_CLI_PROGRESS_H
#define PODPUB_CLI_PROGRESS_H

#include <stdio.h>

#include "publish.h"
#include "result.h"

struct progress;

/* A display writing to `out` (borrowed, a terminal), as wide as the
 * terminal. Caller frees with progress_free. */
enum pp_result progress_new(FILE *out, struct progress **p) PP_MUST_USE;
void progress_free(struct progress **p);

/* The callbacks for publish_request.progress: borrowed, as long as `p`. */
const struct publish_progress *progress_callbacks(struct progress *p);

/* Draws the last state and ends it with the totals line ("sent 6 files,
 * 1.2 MB in 0.4 s, 3.0 MB/s"), then a newline; nothing when nothing was
 * to be sent. */
void progress_finish(struct progress *p);

#endif
