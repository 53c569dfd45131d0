#include "schedule.h"

#include <stdlib.h>
#include <string.h>

#include "datetime.h"

/* The time to publish as of: --now in the show's zone, or the clock. */
static enum pp_result schedule_now(const struct show *s, const struct schedule_options *o,
				   time_t *now, struct diag *diag)
{
	enum pp_result res;

	if (!o || !o->now) {
		*now = time(NULL);
		return PP_OK;
	}
	res = datetime_parse(o->now, s->config.timezone, now);
	if (res == PP_EPARSE)
		diag_error(diag, "--now", 0,
			   "'%s' is not a date and time like '2025-03-04 09:00' (in %s, the show's "
			   "timezone)",
			   o->now, s->config.timezone);
	return res;
}

enum pp_result schedule_apply(struct show *s, const struct schedule_options *o,
			      struct diag *diag)
{
	bool preview = o && o->include_future;
	char when[DATETIME_LOCAL_SIZE];
	size_t future = 0;
	enum pp_result res;
	time_t now;

	res = schedule_now(s, o, &now, diag);
	if (res != PP_OK)
		return res;
	/* Newest first: the scheduled episodes lead the list. */
	while (future < s->episode_count && s->episodes[future].meta.date > now)
		future++;
	for (size_t i = future; i-- > 0;) {
		const struct episode *e = &s->episodes[i].meta;

		res = datetime_local(e->date, s->config.timezone, when);
		if (res != PP_OK)
			return res;
		diag_add(diag, DIAG_NOTE, e->md_path, 0, "'%s' is scheduled for %s: %s", e->title,
			 when,
			 preview ? "in this preview, not yet in the published feed"
				 : "held back until then");
	}
	if (diag->out_of_memory)
		return PP_ENOMEM;
	if (preview || future == 0)
		goto out;
	if (future == s->episode_count) {
		res = datetime_local(s->episodes[future - 1].meta.date, s->config.timezone, when);
		if (res != PP_OK)
			return res;
		diag_error(diag, s->episodes[future - 1].meta.md_path, 0,
			   "no episode is live yet: the first goes live %s, and a feed needs one", when);
		return PP_EPARSE;
	}
	s->waiting = calloc(future, sizeof(*s->waiting));
	if (!s->waiting)
		return PP_ENOMEM;
	for (size_t i = 0; i < future; i++)
		s->waiting[i] = s->episodes[future - 1 - i];
	s->waiting_count = future;
	memmove(s->episodes, s->episodes + future,
		(s->episode_count - future) * sizeof(*s->episodes));
	s->episode_count -= future;
out:
	s->as_of = preview ? 0 : now;
	s->newest = s->episodes[0].meta.date;
	return PP_OK;
}
