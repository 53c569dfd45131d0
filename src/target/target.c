/* target.c - the registry of target drivers by URL scheme. */
#include "target/target.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "ident.h"
#include "interrupt.h"
#include "target/listing.h"
#include "util.h"

struct target_driver {
	const char *scheme;
	const struct target_ops *ops;
	bool keeps_url; /* the driver opens the whole URL, not just its path */
};

/* A new driver is one row here (see docs/HACKING.md). */
static const struct target_driver drivers[] = {
	{ "file", &target_file_ops, false },
	{ "sftp", &target_sftp_ops, true },
	{ "ftp", &target_ftp_ops, true },
	{ "ftps", &target_ftps_ops, true },
	{ "http", &target_dav_ops, true },
	{ "https", &target_dav_ops, true },
	{ "s3", &target_s3_ops, true },
};

size_t target_scheme_length(const char *location)
{
	size_t n = 0;

	/* RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" */
	if (!isalpha((unsigned char)location[0]))
		return 0;
	while (isalnum((unsigned char)location[n]) || location[n] == '+' || location[n] == '-' ||
	       location[n] == '.')
		n++;
	return location[n] == ':' ? n : 0;
}

const struct target_ops *target_for(const char *location, const char **rest)
{
	size_t scheme = target_scheme_length(location);

	*rest = location;
	if (!scheme)
		return &target_file_ops;
	for (size_t i = 0; i < COUNT(drivers); i++) {
		const struct target_driver *d = &drivers[i];

		if (strlen(d->scheme) != scheme || strncasecmp(location, d->scheme, scheme) != 0)
			continue;
		if (!d->keeps_url) {
			*rest = location + scheme + 1;
			if (strncmp(*rest, "//", 2) == 0)
				*rest += 2;
		}
		return d->ops;
	}
	return NULL;
}

enum pp_result target_tmp_name(const char *remote, char **out)
{
	char random[2 * TARGET_TMP_RANDOM_BYTES + 1];
	enum pp_result res = ident_random_hex(random, TARGET_TMP_RANDOM_BYTES);

	*out = NULL;
	if (res == PP_OK && !(*out = pp_asprintf("%s.%s" TARGET_TMP_SUFFIX, remote, random)))
		res = PP_ENOMEM;
	return res;
}

/* Removes what a failed step left under `remote`. Its own failure is not
 * told: the first one is the story, and the removal mostly fails the same
 * way (a host out of reach, a refused login); what it leaves is a
 * temporary name no feed names. */
static void tidy_up(const struct target_ops *ops, struct target *t, const char *remote)
{
	struct diag tidying;

	diag_init(&tidying);
	(void)ops->remove(t, remote, &tidying);
	diag_release(&tidying);
}

enum pp_result target_write(const struct target_ops *ops, struct target *t,
			    const struct target_source *src, const char *remote, int attempts,
			    struct diag *diag)
{
	enum pp_result res = PP_ETARGET;

	for (int attempt = 1; attempt <= attempts; attempt++) {
		struct diag tried;
		char *tmp;

		diag_init(&tried);
		if (ops->atomic_put) {
			res = ops->put(t, src, remote, &tried);
		} else if ((res = target_tmp_name(remote, &tmp)) == PP_OK) {
			res = ops->put(t, src, tmp, &tried);
			if (res == PP_OK)
				res = ops->commit(t, tmp, remote, &tried);
			if (tmp && res != PP_OK)
				tidy_up(ops, t, tmp);
			free(tmp);
		}
		/* Only a target's failure may pass with another try; bad input
		 * or memory will not. What went wrong stays told, as a warning
		 * when a later try may mend it. */
		if (res == PP_ETARGET && attempt < attempts) {
			diag_move(diag, &tried, true);
			diag_add(diag, DIAG_NOTE, remote, 0, "trying again (%d of %d)", attempt + 1,
				 attempts);
			continue;
		}
		diag_move(diag, &tried, false);
		break;
	}
	return res;
}

enum pp_result target_check(const struct target_ops *ops, struct target *t,
			    target_probe_fn *while_there, void *ctx, struct diag *diag)
{
	static const char text[] = "podpub checks that it can write here; this file is removed\n";
	const struct target_source src = { .data = text, .len = sizeof(text) - 1,
					   .content_type = "text/plain", .cache_control = "no-store" };
	char random[17], *name = NULL, *back = NULL;
	size_t len = 0;
	enum pp_result res = ident_random_hex(random, 8);

	if (res == PP_OK && !(name = pp_asprintf("podpub-check-%s.txt", random)))
		res = PP_ENOMEM;
	if (res == PP_OK)
		res = target_write(ops, t, &src, name, 1, diag);
	if (res == PP_OK)
		res = ops->read(t, name, &back, &len, diag);
	if (res == PP_OK && (!back || len != src.len || memcmp(back, text, len) != 0)) {
		diag_error(diag, name, 0, "the file read back is not what was written (%zu bytes)",
			   back ? len : 0);
		res = PP_ETARGET;
	}
	if (res == PP_OK && while_there)
		res = while_there(ctx, name, text, sizeof(text) - 1, diag);
	if (name && res == PP_OK)
		res = ops->remove(t, name, diag);
	else if (name)
		tidy_up(ops, t, name);
	free(back);
	free(name);
	return res;
}

enum pp_result target_count_connections(const struct target_ops *ops, struct target *t, int want,
					int *accepted)
{
	struct target **lanes = want > 1 ? calloc((size_t)want, sizeof(*lanes)) : NULL;
	enum pp_result res = want > 1 && !lanes ? PP_ENOMEM : PP_OK;
	int opened = 0;

	/* A folder has no connections to count: 0. */
	*accepted = ops->lane ? 1 : 0;
	while (res == PP_OK && ops->lane && *accepted < want && !interrupted()) {
		struct diag quiet;
		bool exists = false;
		int64_t size = 0;
		/* Not in a pool: each lane's requests run alone, on its own
		 * connection, which stays open for the count. */
		enum pp_result got;

		diag_init(&quiet);
		got = ops->lane(t, NULL, &lanes[opened], &quiet);
		if (got == PP_OK)
			got = ops->size(lanes[opened++], ".podpub-check-connections", &exists, &size,
					&quiet);
		diag_release(&quiet);
		if (got == PP_OK)
			(*accepted)++;
		else if (got == PP_ENOMEM || got == PP_EINTR)
			res = got;
		else
			break;
	}
	for (int i = 0; i < opened; i++)
		ops->close(&lanes[i]);
	free(lanes);
	return res;
}

enum pp_result target_sizes(const struct target_ops *ops, struct target *t,
			    struct target_size *files, size_t count, struct target_leftovers *left,
			    struct diag *diag)
{
	enum pp_result res = PP_OK;

	if (ops->sizes)
		return ops->sizes(t, files, count, left, diag);
	for (size_t i = 0; i < count && res == PP_OK; i++)
		res = interrupted() ? PP_EINTR
				    : ops->size(t, files[i].remote, &files[i].exists,
						&files[i].size, diag);
	return res;
}

size_t target_folder_length(const char *remote)
{
	const char *slash = strrchr(remote, '/');

	return slash ? (size_t)(slash - remote) + 1 : 0;
}

static int compare_folders(const void *a, const void *b)
{
	const struct target_size_query *x = a, *y = b;
	size_t n = x->folder < y->folder ? x->folder : y->folder;
	int c = memcmp(x->f->remote, y->f->remote, n);

	return c ? c : x->folder < y->folder ? -1 : x->folder > y->folder ? 1 : 0;
}

struct target_size_query *target_size_queries(struct target_size *files, size_t count)
{
	struct target_size_query *q = calloc(count ? count : 1, sizeof(*q));

	if (!q)
		return NULL;
	for (size_t i = 0; i < count; i++) {
		q[i].f = &files[i];
		q[i].folder = target_folder_length(files[i].remote);
		files[i].exists = false;
		files[i].size = 0;
	}
	if (count)
		qsort(q, count, sizeof(*q), compare_folders);
	return q;
}

size_t target_folder_end(const struct target_size_query *q, size_t i, size_t count)
{
	size_t j = i + 1;

	while (j < count && compare_folders(&q[i], &q[j]) == 0)
		j++;
	return j;
}

void target_leftovers_release(struct target_leftovers *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->remote[i]);
	free(l->remote);
	memset(l, 0, sizeof(*l));
}

/* A name as target_tmp_name makes them. check-target's probe is no
 * leftover: one may be under way beside a publish (it takes no lock). */
static bool leftover_name(const char *name, size_t len)
{
	static const char probe[] = "podpub-check-";
	size_t suffix = strlen(TARGET_TMP_SUFFIX), random = 2 * TARGET_TMP_RANDOM_BYTES;
	const char *hex;

	if (len < 1 + 1 + random + suffix || memcmp(name + len - suffix, TARGET_TMP_SUFFIX, suffix) != 0)
		return false;
	hex = name + len - suffix - random;
	if (hex[-1] != '.')
		return false;
	for (size_t i = 0; i < random; i++)
		if (!hex[i] || !strchr("0123456789abcdef", hex[i]))
			return false;
	return len < sizeof(probe) - 1 || memcmp(name, probe, sizeof(probe) - 1) != 0;
}

static enum pp_result note_leftovers(const struct target_size_query *q, const struct listing *l,
				     struct target_leftovers *left)
{
	for (size_t i = 0; i < l->count; i++) {
		const struct listing_entry *e = &l->entries[i];
		char **grown;

		if (!leftover_name(e->name, e->name_len))
			continue;
		if (!(grown = pp_grow(left->remote, &left->alloc, left->count + 1, sizeof(*grown))))
			return PP_ENOMEM;
		left->remote = grown;
		if (!(left->remote[left->count] = pp_asprintf("%.*s%.*s", (int)q->folder, q->f->remote,
							      (int)e->name_len, e->name)))
			return PP_ENOMEM;
		left->count++;
	}
	return PP_OK;
}

enum pp_result target_size_answer(struct target_size_query *q, size_t n, const struct listing *l,
				  bool whole, struct target_leftovers *left)
{
	for (size_t i = 0; i < n; i++) {
		if (l && listing_find(l, q[i].f->remote + q[i].folder, &q[i].f->size))
			q[i].f->exists = q[i].known = true;
		else if (whole)
			q[i].known = true; /* exists stays false, as target_size_queries left it */
	}
	return l && left && n ? note_leftovers(q, l, left) : PP_OK;
}

enum pp_result target_size_unknown(struct target *t, struct target_size_query *q, size_t count,
				   target_size_fn *size, struct diag *diag)
{
	enum pp_result res = PP_OK;

	for (size_t i = 0; res == PP_OK && i < count; i++) {
		if (q[i].known)
			continue;
		res = interrupted() ? PP_EINTR
				    : size(t, q[i].f->remote, &q[i].f->exists, &q[i].f->size, diag);
	}
	return res;
}
