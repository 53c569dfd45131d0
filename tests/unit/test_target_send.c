/* target_send_all with a fake driver in memory: how many lanes it opens,
 * that lanes are kept from one send to the next, and that the first failure (after its tries) starts no other file. */
#include "target/target.h"

#include <stdlib.h>
#include <string.h>

#include "testhelp.h"

struct fake {
	const char *fail; /* a remote name whose upload always fails */
	const char *short_name; /* one whose uploads the target holds a byte short */
	int puts, lanes, commits, joins;
	int short_commits; /* renames of short_name's uploads into place */
	int sizes;         /* size queries */
	int polls; /* put_busy calls so far: the fake's clock */
};

struct target {
	struct fake *f;
	enum pp_result last; /* what put_end (or a step's end) tells */
	int done_at;         /* the request under way ends at this poll */
	bool exists;         /* what a size query in halves found */
	int64_t size;
};

static enum pp_result fake_lane(struct target *t, struct target_pool *pool, struct target **out,
				struct diag *diag)
{
	(void)pool;
	(void)diag;
	if (!(*out = calloc(1, sizeof(**out))))
		return PP_ENOMEM;
	(*out)->f = t->f;
	t->f->lanes++;
	return PP_OK;
}

static void fake_join(struct target *t, struct target_pool *pool)
{
	(void)pool;
	t->f->joins++;
}

static enum pp_result fake_put_begin(struct target *t, const struct target_source *src,
				     const char *remote_tmp, struct diag *diag)
{
	(void)src;
	t->f->puts++;
	t->last = PP_OK;
	t->done_at = t->f->polls + 2; /* under way for a while, as on a network */
	if (strncmp(remote_tmp, t->f->fail, strlen(t->f->fail)) == 0) {
		diag_error(diag, remote_tmp, 0, "cannot upload: refused");
		t->last = PP_ETARGET;
	}
	return PP_OK;
}

static bool fake_put_busy(const struct target *t)
{
	return t->f->polls++ < t->done_at;
}

static enum pp_result fake_put_end(struct target *t, struct diag *diag)
{
	(void)diag;
	return t->last;
}

static bool named(const char *remote, const char *name)
{
	return name && strncmp(remote, name, strlen(name)) == 0;
}

static enum pp_result fake_commit(struct target *t, const char *tmp, const char *remote,
				  struct diag *diag)
{
	(void)remote;
	(void)diag;
	t->f->commits++;
	t->f->short_commits += named(tmp, t->f->short_name);
	return PP_OK;
}

static enum pp_result fake_remove(struct target *t, const char *remote, struct diag *diag)
{
	(void)t;
	(void)remote;
	(void)diag;
	return PP_OK;
}

static enum pp_result fake_size(struct target *t, const char *remote, bool *exists, int64_t *size,
				struct diag *diag)
{
	(void)diag;
	t->f->sizes++;
	*exists = true;
	*size = named(remote, t->f->short_name) ? 9 : 10;
	return PP_OK;
}

/* The same steps in halves, each under way for a while in the "pool". */
static enum pp_result fake_size_begin(struct target *t, const char *remote, struct diag *diag)
{
	t->done_at = t->f->polls + 2;
	t->last = fake_size(t, remote, &t->exists, &t->size, diag);
	return PP_OK;
}

static enum pp_result fake_size_end(struct target *t, const char *remote, bool *exists,
				    int64_t *size, struct diag *diag)
{
	(void)remote;
	(void)diag;
	*exists = t->exists;
	*size = t->size;
	return t->last;
}

static enum pp_result fake_commit_begin(struct target *t, const char *tmp, const char *remote,
					struct diag *diag)
{
	t->done_at = t->f->polls + 2;
	t->last = fake_commit(t, tmp, remote, diag);
	return PP_OK;
}

static enum pp_result fake_commit_end(struct target *t, const char *remote, struct diag *diag)
{
	(void)remote;
	(void)diag;
	return t->last;
}

static void fake_close(struct target **t)
{
	free(*t);
	*t = NULL;
}

/* A driver whose steps after an upload (size, rename) run in place... */
#define FAKE_OPS                                                                                   \
	.scheme = "fake", .size = fake_size, .commit = fake_commit, .remove = fake_remove,         \
	.close = fake_close, .lane = fake_lane, .join = fake_join, .put_begin = fake_put_begin,    \
	.put_busy = fake_put_busy, .put_end = fake_put_end

static const struct target_ops fake_ops = { FAKE_OPS };

/* ... and one whose steps move in the pool, in halves. */
static const struct target_ops fake_ops_halves = {
	FAKE_OPS,
	.size_begin = fake_size_begin,
	.size_end = fake_size_end,
	.commit_begin = fake_commit_begin,
	.commit_end = fake_commit_end,
};

static const char *const names[] = { "a", "b", "c", "d", "e", "f", "g", "h", "i" };

/* The first `count` files of names[], 10 bytes each, as fake_size says. */
static void name_files(struct target_file *files, size_t count)
{
	memset(files, 0, count * sizeof(*files));
	for (size_t i = 0; i < count; i++) {
		files[i].remote = names[i];
		files[i].size = 10;
	}
}

/* Sends the six files with `jobs` through `ops`; *done counts those done. */
static enum pp_result send_with(const struct target_ops *ops, struct fake *f, int jobs,
				struct diag *d, int *done)
{
	struct target main_target = { .f = f };
	struct target_file files[6];
	enum pp_result res;

	name_files(files, 6);
	res = target_send_all(ops, &main_target, files, 6, jobs, 3, d);
	*done = 0;
	for (size_t i = 0; i < 6; i++)
		*done += files[i].done;
	return res;
}

static enum pp_result send(struct fake *f, int jobs, struct diag *d, int *done)
{
	return send_with(&fake_ops, f, jobs, d, done);
}

static void every_file_goes_through_lanes(struct test_ctx *t)
{
	struct fake f = { .fail = "nothing" };
	struct diag d;
	int done;

	diag_init(&d);
	EXPECT_INT(t, send(&f, 4, &d, &done), PP_OK);
	EXPECT_INT(t, done, 6);
	/* The target's own connection is the first lane: three more, each
	 * opened while two or more files waited. */
	EXPECT_INT(t, f.lanes, 3);
	EXPECT_INT(t, f.joins, 2); /* into the pool, and out */
	EXPECT_INT(t, f.puts, 6);
	EXPECT_INT(t, f.commits, 6);
	diag_release(&d);

	/* --jobs 1: the target's own connection, no lane. */
	memset(&f, 0, sizeof(f));
	f.fail = "nothing";
	diag_init(&d);
	EXPECT_INT(t, send(&f, 1, &d, &done), PP_OK);
	EXPECT_INT(t, done, 6);
	EXPECT_INT(t, f.lanes, 0);
	diag_release(&d);
}

static void first_failure_starts_no_other_file(struct test_ctx *t)
{
	struct fake f = { .fail = "c" };
	struct diag d;
	int done;

	diag_init(&d);
	EXPECT_INT(t, send(&f, 1, &d, &done), PP_ETARGET);
	/* a and b whole; c tried three times, each under a new name; d, e, f
	 * never started. */
	EXPECT_INT(t, done, 2);
	EXPECT_INT(t, f.puts, 5);
	EXPECT_INT(t, f.commits, 2);
	EXPECT_INT(t, diag_count(&d, DIAG_ERROR), 1);
	EXPECT_INT(t, diag_count(&d, DIAG_WARNING), 2);
	diag_release(&d);

	/* Side by side, the files on other lanes go on while c is tried
	 * again; c alone fails, and is never renamed into place. */
	memset(&f, 0, sizeof(f));
	f.fail = "c";
	diag_init(&d);
	EXPECT_INT(t, send(&f, 3, &d, &done), PP_ETARGET);
	EXPECT_INT(t, f.commits, done);
	EXPECT_INT(t, f.puts, done + 3);
	EXPECT_CMP(t, done, <=, 5);
	EXPECT_INT(t, diag_count(&d, DIAG_ERROR), 1);
	diag_release(&d);
}

/* A publish's waves (media, pages, then the feed alone) share one
 * sender: lanes opened for the first are there for the next. */
static void lanes_are_kept_from_send_to_send(struct test_ctx *t)
{
	struct fake f = { .fail = "nothing" };
	struct target main_target = { .f = &f };
	struct target_sender *sender = NULL;
	struct target_file files[9];
	struct diag d;

	name_files(files, 9);
	diag_init(&d);
	EXPECT_INT(t, target_sender_new(&fake_ops, &main_target, 4, 3, &sender), PP_OK);
	/* Two small files: the second waits for the first lane rather than
	 * log in on a lane of its own. */
	EXPECT_INT(t, target_sender_send(sender, files, 2, 4, &d), PP_OK);
	EXPECT_INT(t, f.lanes, 0);
	/* Three: one more lane... */
	EXPECT_INT(t, target_sender_send(sender, files + 2, 3, 4, &d), PP_OK);
	EXPECT_INT(t, f.lanes, 1);
	/* ... kept for the next wave, which needs no other. */
	EXPECT_INT(t, target_sender_send(sender, files + 5, 3, 4, &d), PP_OK);
	EXPECT_INT(t, f.lanes, 1);
	/* The feed, alone, on the target's own connection. */
	EXPECT_INT(t, target_sender_send(sender, files + 8, 1, 1, &d), PP_OK);
	EXPECT_INT(t, f.lanes, 1);
	EXPECT_INT(t, f.puts, 9);
	for (size_t i = 0; i < 9; i++)
		EXPECT(t, files[i].done);
	target_sender_free(&sender);
	EXPECT_NULL(t, sender);
	diag_release(&d);
}

static bool has_message(const struct diag *d, const char *text)
{
	for (size_t i = 0; i < d->count; i++)
		if (strcmp(d->entries[i].message, text) == 0)
			return true;
	return false;
}

/* An upload the target holds short is never renamed into place: its size
 * is checked under the temporary name first, done in place or in halves,
 * one lane or several. Tried three times, it fails alone. */
static void short_upload_never_goes_in_place(struct test_ctx *t)
{
	const struct target_ops *const ops[] = { &fake_ops, &fake_ops_halves };

	for (size_t i = 0; i < 2; i++) {
		for (int jobs = 1; jobs <= 3; jobs += 2) {
			struct fake f = { .fail = "nothing", .short_name = "b" };
			struct diag d;
			int done;

			diag_init(&d);
			EXPECT_INT(t, send_with(ops[i], &f, jobs, &d, &done), PP_ETARGET);
			EXPECT_INT(t, f.short_commits, 0);
			EXPECT_INT(t, f.commits, done);
			EXPECT_CMP(t, done, <=, 5);
			EXPECT_INT(t, diag_count(&d, DIAG_ERROR), 1);
			EXPECT(t, has_message(&d, "target holds 9 bytes after upload, expected 10"));
			diag_release(&d);
		}
	}
	/* Whole uploads, in halves: each sized, then renamed. */
	{
		struct fake f = { .fail = "nothing" };
		struct diag d;
		int done;

		diag_init(&d);
		EXPECT_INT(t, send_with(&fake_ops_halves, &f, 3, &d, &done), PP_OK);
		EXPECT_INT(t, done, 6);
		EXPECT_INT(t, f.sizes, 6);
		EXPECT_INT(t, f.commits, 6);
		diag_release(&d);
	}
}

TEST_MAIN(TEST_CASE(every_file_goes_through_lanes), TEST_CASE(first_failure_starts_no_other_file),
	  TEST_CASE(lanes_are_kept_from_send_to_send), TEST_CASE(short_upload_never_goes_in_place))
