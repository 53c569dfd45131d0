/* target_send.c - sending many files to a target, several at once.
 *
 * Each file goes up under a fresh temporary name, is renamed into place and
 * its size checked, exactly as target_write does one; up to `jobs` of them
 * move at the same time, each on a connection ("lane") of its own, all
 * driven by one libcurl multi handle (the pool), so one slow file does not
 * hold up the rest and a lane's connection is reused from file to file.
 *
 * The lanes are not threads: one loop starts uploads, lets the pool move
 * them, and finishes each ended upload with its short requests (rename,
 * size), which keep the other lanes' bytes flowing while they wait. */
#include "target/target.h"

#include <stdlib.h>
#include <string.h>

#include "ident.h"
#include "interrupt.h"
#include "util.h"

struct lane {
	struct target *t;
	struct target_file *file; /* NULL: idle */
	int attempt;
	char *tmp;                /* the temporary name of this attempt */
	struct diag tried;        /* what this attempt said */
};

struct sender {
	const struct target_ops *ops;
	struct target_pool *pool;
	struct lane *lanes;
	size_t lane_count;
	int attempts;
	enum pp_result failed; /* the first failure: no new file starts after it */
	struct diag *diag;
};

/* Starts one attempt of lane->file under a fresh temporary name. */
static enum pp_result begin(struct sender *s, struct lane *l)
{
	const struct target_ops *ops = s->ops;
	const struct target_file *f = l->file;
	char random[17];
	enum pp_result res;

	diag_init(&l->tried);
	free(l->tmp);
	l->tmp = NULL;
	if (!ops->atomic_put) {
		if ((res = ident_random_hex(random, 8)) != PP_OK)
			return res;
		if (!(l->tmp = pp_asprintf("%s.%s" TARGET_TMP_SUFFIX, f->remote, random)))
			return PP_ENOMEM;
	}
	if (ops->put_begin)
		return ops->put_begin(l->t, &f->src, l->tmp ? l->tmp : f->remote, &l->tried);
	return ops->put(l->t, &f->src, l->tmp ? l->tmp : f->remote, &l->tried);
}

static bool busy(const struct sender *s, const struct lane *l)
{
	return l->file && s->ops->put_busy && s->ops->put_busy(l->t);
}

/* The upload of lane->file ended with `res`: rename it into place, check
 * its size; then either settle the file, or return true: try it again
 * under a new name. */
static bool settle(struct sender *s, struct lane *l, enum pp_result res)
{
	const struct target_ops *ops = s->ops;
	struct target_file *f = l->file;
	bool exists = false;
	int64_t size = 0;

	if (res == PP_OK && l->tmp)
		res = ops->commit(l->t, l->tmp, f->remote, &l->tried);
	if (res != PP_OK && l->tmp)
		(void)ops->remove(l->t, l->tmp, &l->tried);
	if (res == PP_OK)
		res = ops->size(l->t, f->remote, &exists, &size, &l->tried);
	if (res == PP_OK && (!exists || size != f->size)) {
		diag_error(&l->tried, f->remote, 0,
			   "target holds %lld bytes after upload, expected %lld", (long long)size,
			   (long long)f->size);
		res = PP_ETARGET;
	}
	/* Only a target's failure may pass with another try, and only while
	 * no other file has failed; what went wrong stays told, as a warning. */
	if (res == PP_ETARGET && l->attempt < s->attempts && s->failed == PP_OK && !interrupted()) {
		diag_move(s->diag, &l->tried, true);
		diag_add(s->diag, DIAG_NOTE, f->remote, 0, "trying again (%d of %d)", l->attempt + 1,
			 s->attempts);
		l->attempt++;
		return true;
	}
	diag_move(s->diag, &l->tried, false);
	f->done = res == PP_OK;
	if (res != PP_OK && s->failed == PP_OK)
		s->failed = res;
	l->file = NULL;
	return false;
}

/* Starts (or starts again) the file on lane `l`; an attempt that ends at
 * once (no pool, or a failure to begin) is settled here. */
static void run(struct sender *s, struct lane *l)
{
	for (;;) {
		enum pp_result res = begin(s, l);

		if (res == PP_OK && busy(s, l))
			return;
		if (res == PP_OK && s->ops->put_end)
			res = s->ops->put_end(l->t, &l->tried);
		if (!settle(s, l, res))
			return;
	}
}

static void close_lanes(struct sender *s, struct target *main_target)
{
	for (size_t i = 0; i < s->lane_count; i++) {
		struct lane *l = &s->lanes[i];

		if (l->t != main_target)
			s->ops->close(&l->t);
		free(l->tmp);
		diag_release(&l->tried);
	}
	free(s->lanes);
	target_pool_free(&s->pool);
}

enum pp_result target_send_all(const struct target_ops *ops, struct target *t,
			       struct target_file *files, size_t count, int jobs, int attempts,
			       struct diag *diag)
{
	struct sender s = { .ops = ops, .attempts = attempts, .failed = PP_OK, .diag = diag };
	size_t next = 0, want = jobs < 1 ? 1 : (size_t)jobs;
	enum pp_result res = PP_OK;

	if (count == 0)
		return PP_OK;
	/* One at a time on the target's own connection: --jobs 1, or a
	 * driver without lanes (a folder). A single file still gets a lane
	 * and the pool: an S3 upload in parts moves its parts side by side. */
	if (!ops->lane || !ops->put_begin)
		want = 1;
	if (want > count)
		want = count;
	if (jobs <= 1 || !ops->lane || !ops->put_begin)
		jobs = 1;
	if (!(s.lanes = calloc(want, sizeof(*s.lanes))))
		return PP_ENOMEM;
	for (size_t i = 0; i < want; i++)
		diag_init(&s.lanes[i].tried);
	if (jobs == 1) {
		s.lanes[0].t = t;
		s.lane_count = 1;
	} else {
		res = target_pool_new(jobs, &s.pool);
		for (size_t i = 0; res == PP_OK && i < want; i++) {
			res = ops->lane(t, s.pool, &s.lanes[i].t, diag);
			if (res == PP_OK)
				s.lane_count++;
		}
	}
	while (res == PP_OK) {
		bool any = false;

		for (size_t i = 0; i < s.lane_count; i++) {
			struct lane *l = &s.lanes[i];

			while (!l->file && next < count && s.failed == PP_OK) {
				if (interrupted()) {
					s.failed = PP_EINTR;
					break;
				}
				l->file = &files[next++];
				l->attempt = 1;
				run(&s, l);
			}
			any |= l->file != NULL;
		}
		if (!any)
			break;
		res = target_pool_wait(s.pool, 100);
		for (size_t i = 0; res == PP_OK && i < s.lane_count; i++) {
			struct lane *l = &s.lanes[i];

			if (!l->file || busy(&s, l))
				continue;
			if (settle(&s, l, ops->put_end(l->t, &l->tried)))
				run(&s, l);
		}
	}
	close_lanes(&s, t);
	return res != PP_OK ? res : s.failed;
}
