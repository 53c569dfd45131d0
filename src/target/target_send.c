/* target_send.c - sending many files to a target, several at once.
 *
 * Each file goes up under a fresh temporary name, has its size checked and
 * is renamed into place, each step a request; up to `jobs` of them
 * move at the same time, each on a connection ("lane") of its own, all
 * driven by one libcurl multi handle (the pool), so one slow file does not
 * hold up the rest and a lane's connection is reused from file to file.
 *
 * The lanes are not threads: one loop starts each step's request, lets
 * the pool move them all, and goes on with a file when its request ends,
 * so no lane waits for another's round trips. */
#include "target/target.h"

#include <stdlib.h>
#include <string.h>

#include "interrupt.h"
#include "util.h"

/* The steps of one attempt at a file, each a request of its own: the
 * upload under a temporary name, its size, the rename into place. */
enum stage { STAGE_UPLOAD, STAGE_SIZE, STAGE_COMMIT };

struct lane {
	struct target *t;
	struct target_file *file; /* NULL: idle */
	int attempt;
	char *tmp;                /* the temporary name of this attempt */
	struct diag tried;        /* what this attempt said */
	/* Whose request is under way, or last ended: past STAGE_UPLOAD,
	 * `exists` and `size` say what the target holds of the upload. */
	enum stage stage;
	bool exists;
	int64_t size;
	bool proven;              /* it has put a file in place */
	bool retired;             /* its first file failed: no more files */
};

struct target_sender {
	const struct target_ops *ops;
	struct target *t;         /* the target; lanes[0].t once it has joined the pool */
	struct target_pool *pool; /* NULL: one file at a time on t alone */
	struct lane *lanes;       /* up to `jobs`, opened when first needed */
	size_t lane_count, jobs;
	int attempts;
	/* A lane refused (a host's limit of connections per address): no
	 * more are opened, and its file goes back to wait for another. */
	bool refused;
	struct target_file **returned; /* up to `jobs`, taken before the next */
	size_t returned_count;
	/* Per target_sender_send: */
	enum pp_result failed; /* the first failure: no new file starts after it */
	struct diag *diag;
};

/* Starts one attempt of lane->file under a fresh temporary name. */
static enum pp_result begin(struct target_sender *s, struct lane *l)
{
	const struct target_ops *ops = s->ops;
	const struct target_file *f = l->file;
	enum pp_result res;

	diag_init(&l->tried);
	free(l->tmp);
	l->tmp = NULL;
	l->stage = STAGE_UPLOAD;
	l->exists = false;
	if (!ops->atomic_put && (res = target_tmp_name(f->remote, &l->tmp)) != PP_OK)
		return res;
	if (ops->put_begin)
		return ops->put_begin(l->t, &f->src, l->tmp ? l->tmp : f->remote, &l->tried);
	return ops->put(l->t, &f->src, l->tmp ? l->tmp : f->remote, &l->tried);
}

/* Ends the request of lane `l`'s stage, once the pool moved it (PP_OK
 * for a put done whole in begin). */
static enum pp_result end(struct target_sender *s, struct lane *l)
{
	const struct target_ops *ops = s->ops;
	const char *remote = l->file->remote;

	switch (l->stage) {
	case STAGE_SIZE:
		return ops->size_end(l->t, l->tmp ? l->tmp : remote, &l->exists, &l->size, &l->tried);
	case STAGE_COMMIT:
		return ops->commit_end(l->t, remote, &l->tried);
	case STAGE_UPLOAD:
		break;
	}
	return ops->put_end ? ops->put_end(l->t, &l->tried) : PP_OK;
}

static bool busy(const struct target_sender *s, const struct lane *l)
{
	return l->file && s->ops->put_busy && s->ops->put_busy(l->t);
}

/* After a step that went well (the one l->stage names): begins the next
 * one's request (true: it is under way), or runs it in place where the
 * driver has no halves; false once the file is in place, or *res failed.
 * The size is checked before the rename: no upload the target holds
 * short goes in place. */
static bool next_step(struct target_sender *s, struct lane *l, enum pp_result *res)
{
	const struct target_ops *ops = s->ops;
	const struct target_file *f = l->file;
	const char *uploaded = l->tmp ? l->tmp : f->remote;

	if (*res == PP_OK && l->stage == STAGE_UPLOAD) {
		if (ops->put_checked) {
			l->exists = true;
			l->size = f->size;
		} else if (!ops->size_begin) {
			*res = ops->size(l->t, uploaded, &l->exists, &l->size, &l->tried);
		} else if ((*res = ops->size_begin(l->t, uploaded, &l->tried)) == PP_OK) {
			l->stage = STAGE_SIZE;
			return true;
		}
	}
	if (*res == PP_OK && l->stage != STAGE_COMMIT && (!l->exists || l->size != f->size)) {
		diag_error(&l->tried, f->remote, 0,
			   "target holds %lld bytes after upload, expected %lld",
			   (long long)(l->exists ? l->size : 0), (long long)f->size);
		*res = PP_ETARGET;
	}
	if (*res == PP_OK && l->tmp && l->stage != STAGE_COMMIT) {
		if (!ops->commit_begin) {
			*res = ops->commit(l->t, l->tmp, f->remote, &l->tried);
		} else if ((*res = ops->commit_begin(l->t, l->tmp, f->remote, &l->tried)) == PP_OK) {
			l->stage = STAGE_COMMIT;
			return true;
		}
	}
	return false;
}

/* Gives up lane `l`, whose first try sent nothing (see settle): its file
 * waits for a lane that works, with its tries untouched; no lane opens
 * after it. */
static void retire(struct target_sender *s, struct lane *l)
{
	diag_move(s->diag, &l->tried, true);
	diag_add(s->diag, DIAG_NOTE, l->file->remote, 0,
		 "connection %zu of %zu failed before sending (a host's limit of connections "
		 "per address?): its files go to the others, and no more are opened "
		 "(--jobs sets how many)",
		 (size_t)(l - s->lanes) + 1, s->jobs);
	s->returned[s->returned_count++] = l->file;
	s->refused = true;
	l->retired = true;
	l->file = NULL;
}

/* The attempt at lane->file ended with `res` (its steps done, or one
 * failed): either settle the file, or return true: try it again under a
 * new name. */
static bool settle(struct target_sender *s, struct lane *l, enum pp_result res)
{
	const struct target_ops *ops = s->ops;
	struct target_file *f = l->file;

	/* An extra lane whose first try failed before it sent a byte could
	 * not connect or log in: most likely a host's limit of connections
	 * per address (shared hosts allow two or three; vsftpd's max_per_ip
	 * answers 421, which libcurl calls a timeout). Retried, it would fail
	 * each time and end the publish. The target's own connection is never
	 * given up, so a file that truly fails still fails. */
	if (res == PP_ETARGET && l->stage == STAGE_UPLOAD && l != &s->lanes[0] && !l->proven &&
	    l->attempt == 1 && ops->put_sent && !ops->put_sent(l->t) && s->failed == PP_OK &&
	    !interrupted()) {
		retire(s, l);
		return false;
	}
	if (res != PP_OK && l->tmp)
		(void)ops->remove(l->t, l->tmp, &l->tried);
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
	l->proven |= res == PP_OK;
	f->done = res == PP_OK;
	if (res != PP_OK && s->failed == PP_OK)
		s->failed = res;
	l->file = NULL;
	return false;
}

/* The request of lane `l`'s step ended with `res`: carries its file on
 * (the next step, or another try) until a request of it is under way in
 * the pool, or the file is settled. */
static void carry_on(struct target_sender *s, struct lane *l, enum pp_result res)
{
	for (;;) {
		if (next_step(s, l, &res)) {
			if (busy(s, l))
				return;
			res = end(s, l);
			continue;
		}
		if (!settle(s, l, res))
			return;
		res = begin(s, l);
		if (res == PP_OK && busy(s, l))
			return;
		if (res == PP_OK)
			res = end(s, l);
	}
}

/* Starts the file on lane `l`. */
static void run(struct target_sender *s, struct lane *l)
{
	enum pp_result res = begin(s, l);

	if (res == PP_OK && busy(s, l))
		return;
	if (res == PP_OK)
		res = end(s, l);
	carry_on(s, l, res);
}

enum pp_result target_sender_new(const struct target_ops *ops, struct target *t, int jobs,
				 int attempts, struct target_sender **out)
{
	struct target_sender *s = calloc(1, sizeof(*s));
	enum pp_result res = PP_OK;

	*out = NULL;
	if (!s)
		return PP_ENOMEM;
	s->ops = ops;
	s->t = t;
	s->attempts = attempts;
	/* One at a time on the target's own connection: --jobs 1, or a
	 * driver without lanes (a folder). With lanes, a single file still
	 * goes through the pool: an S3 upload in parts moves its parts side
	 * by side. */
	s->jobs = jobs > 1 && ops->lane && ops->join && ops->put_begin ? (size_t)jobs : 1;
	if (s->jobs > 1)
		res = target_pool_new(jobs, &s->pool);
	if (res == PP_OK && (!(s->lanes = calloc(s->jobs, sizeof(*s->lanes))) ||
			     !(s->returned = calloc(s->jobs, sizeof(*s->returned)))))
		res = PP_ENOMEM;
	if (res != PP_OK) {
		target_sender_free(&s);
		return res;
	}
	s->lanes[0].t = t;
	diag_init(&s->lanes[0].tried);
	s->lane_count = 1;
	*out = s;
	return PP_OK;
}

void target_sender_free(struct target_sender **sp)
{
	struct target_sender *s = *sp;

	if (!s)
		return;
	for (size_t i = 0; i < s->lane_count; i++) {
		struct lane *l = &s->lanes[i];

		if (l->t != s->t)
			s->ops->close(&l->t);
		free(l->tmp);
		diag_release(&l->tried);
	}
	free(s->lanes);
	free(s->returned);
	target_pool_free(&s->pool);
	free(s);
	*sp = NULL;
}

/* Below this, a single file waiting does not get a lane (and a login) of
 * its own: it goes next on a lane already open (the cover beside a long
 * episode). Two or more waiting files always may. */
#define LANE_MIN_BYTES ((int64_t)1 << 20)

static bool worth_a_lane(const struct target_file *files, size_t next, size_t count)
{
	return count - next >= 2 || files[next].size >= LANE_MIN_BYTES;
}

/* Opens lanes up to `want`; keeps those it could open when one fails (the
 * failure told in `diag`) and returns it. */
static enum pp_result open_lanes(struct target_sender *s, size_t want, struct diag *diag)
{
	while (s->lane_count < want) {
		struct lane *l = &s->lanes[s->lane_count];
		enum pp_result res = s->ops->lane(s->t, s->pool, &l->t, diag);

		if (res != PP_OK)
			return res;
		diag_init(&l->tried);
		s->lane_count++;
	}
	return PP_OK;
}

enum pp_result target_sender_send(struct target_sender *s, struct target_file *files,
				  size_t count, int jobs, struct diag *diag)
{
	size_t next = 0, want = jobs < 1 ? 1 : (size_t)jobs;
	enum pp_result res = PP_OK;

	if (count == 0)
		return PP_OK;
	s->failed = PP_OK;
	s->diag = diag;
	s->returned_count = 0;
	if (want > s->jobs)
		want = s->jobs;
	if (want > count)
		want = count;
	if (s->pool)
		s->ops->join(s->t, s->pool);
	while (res == PP_OK) {
		bool any = false;

		for (size_t i = 0; i < want; i++) {
			struct lane *l = &s->lanes[i];

			/* Every open lane is busy: one more, when what waits is
			 * worth its login and no lane was refused. */
			if (i >= s->lane_count &&
			    (next >= count || s->failed != PP_OK || s->refused ||
			     !worth_a_lane(files, next, count) ||
			     (res = open_lanes(s, i + 1, diag)) != PP_OK))
				break;
			while (!l->retired && !l->file && (s->returned_count || next < count) &&
			       s->failed == PP_OK) {
				if (interrupted()) {
					s->failed = PP_EINTR;
					break;
				}
				l->file = s->returned_count ? s->returned[--s->returned_count]
							    : &files[next++];
				l->attempt = 1;
				run(s, l);
			}
			any |= l->file != NULL;
		}
		if (!any)
			break;
		if (res != PP_OK)
			break;
		res = target_pool_wait(s->pool, 100);
		for (size_t i = 0; res == PP_OK && i < s->lane_count && i < want; i++) {
			struct lane *l = &s->lanes[i];

			if (!l->file || busy(s, l))
				continue;
			carry_on(s, l, end(s, l));
		}
	}
	/* Only a pool that failed leaves uploads under way: each is ended
	 * here (never renamed into place), the target's own before it leaves
	 * the pool. */
	for (size_t i = 0; i < s->lane_count && i < want; i++) {
		struct lane *l = &s->lanes[i];

		if (l->file) {
			(void)end(s, l);
			diag_move(diag, &l->tried, false);
			l->file = NULL;
		}
	}
	if (s->pool)
		s->ops->join(s->t, NULL);
	return res != PP_OK ? res : s->failed;
}

enum pp_result target_send_all(const struct target_ops *ops, struct target *t,
			       struct target_file *files, size_t count, int jobs, int attempts,
			       struct diag *diag)
{
	struct target_sender *s = NULL;
	enum pp_result res = count ? target_sender_new(ops, t, jobs, attempts, &s) : PP_OK;

	if (res == PP_OK && count)
		res = target_sender_send(s, files, count, jobs, diag);
	target_sender_free(&s);
	return res;
}
