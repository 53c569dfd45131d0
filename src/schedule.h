/* schedule.h - which of a show's episodes are live: an episode dated in
 * the future waits, out of the feed and off the target, until its time.
 * The stage between the episodes and the feed (docs/HACKING.md). */
#ifndef PODPUB_SCHEDULE_H
#define PODPUB_SCHEDULE_H

#include <stdbool.h>

#include "diag.h"
#include "result.h"
#include "show.h"

struct schedule_options {
	/* "2025-03-04 09:00", episode.md's syntax in the show's time zone: the
	 * time to publish as of, for a reproducible run. NULL: the clock. */
	const char *now;
	/* A preview: scheduled episodes stay in, dated as they will be. */
	bool include_future;
};

/* Moves the episodes of `s` dated after the time `o` names (NULL: the
 * clock, nothing included) to s->waiting, oldest first, and adds a note
 * per episode saying when it goes live; then sets s->newest, the channel's
 * date, to the newest episode left. PP_EPARSE, with a diag error, when
 * o->now is no date or no episode is live yet. */
enum pp_result schedule_apply(struct show *s, const struct schedule_options *o,
			      struct diag *diag) PP_MUST_USE;

#endif
