/* target_dav.c - WebDAV over https:// (http:// only to loopback, or when
 * the target allows plain text): PUT under a temporary name into folders
 * made with MKCOL, then MOVE with "Overwrite: T", which replaces the old
 * file atomically. Every PUT says its Content-Type and Cache-Control, so the
 * web server hands media and feed out as apps expect. What is there already
 * is read with one PROPFIND per folder (listing_dav.c reads the reply). */
#include "target/target.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "interrupt.h"
#include "target/listing_dav.h"
#include "target/target_curl.h"
#include "util.h"

struct target {
	struct tcurl *curl;
	char *base;        /* the target's folder as a URL, ending in '/' */
	char *destination; /* the same without a user name, for MOVE */
	/* Folders made (or found) by MKCOL during this publish: the target's
	 * own list, which its lanes share (they close before it), so each
	 * folder is made once, not once a lane. */
	struct dav_folders {
		char **names;
		size_t count, alloc;
	} own_folders, *folders;
	/* What lanes are opened from (--jobs): borrowed settings, the URL. */
	const struct config_target *settings;
	char *location;
	char *put_remote; /* the upload under way (put_begin to put_end) */
};

static void dav_close(struct target **tp)
{
	struct target *t = *tp;

	if (!t)
		return;
	tcurl_free(&t->curl);
	for (size_t i = 0; i < t->own_folders.count; i++)
		free(t->own_folders.names[i]);
	free(t->own_folders.names);
	free(t->base);
	free(t->destination);
	free(t->location);
	free(t->put_remote);
	free(t);
	*tp = NULL;
}

/* A location libcurl cannot read as a URL is the producer's to mend. */
static enum pp_result check_url(const struct config_target *s, const char *location,
				struct diag *diag)
{
	struct tcurl_url_parts parts;
	enum pp_result res = tcurl_parse_url(location, &parts);

	if (res == PP_EPARSE)
		diag_error(diag, s->line ? "podcast.yaml" : "--target", s->line,
			   "'%s' is not a URL podpub can read", location);
	if (res == PP_OK)
		tcurl_url_parts_release(&parts);
	return res;
}

static enum pp_result dav_open(const struct config_target *s, const char *location,
			       struct target **out, struct diag *diag)
{
	struct target *t = calloc(1, sizeof(*t));
	enum pp_result res;

	*out = NULL;
	if (!t)
		return PP_ENOMEM;
	t->settings = s;
	t->folders = &t->own_folders;
	if (!(t->location = strdup(location))) {
		res = PP_ENOMEM;
		goto fail;
	}
	if ((res = check_url(s, location, diag)) != PP_OK ||
	    (res = tcurl_open(s, TCURL_HTTP, &t->curl, diag)) != PP_OK)
		goto fail;
	t->base = pp_asprintf("%s%s", location, location[strlen(location) - 1] == '/' ? "" : "/");
	if (!t->base || !(t->destination = tcurl_url_without_user(t->base))) {
		res = PP_ENOMEM;
		goto fail;
	}
	*out = t;
	return PP_OK;
fail:
	dav_close(&t);
	return res;
}

static enum pp_result dav_remove(struct target *t, const char *remote, struct diag *diag);

static enum pp_result dav_request(struct target *t, const char *remote, struct tcurl_request *r,
				  struct tcurl_reply *reply)
{
	char *url = tcurl_url(t->curl, t->base, remote);
	enum pp_result res;

	if (!url)
		return PP_ENOMEM;
	r->url = url;
	res = tcurl_perform(t->curl, r, reply);
	free(url);
	return res;
}

static enum pp_result dav_read(struct target *t, const char *remote, char **data, size_t *len,
			       struct diag *diag)
{
	return tcurl_read_file(t->curl, t->base, remote, data, len, diag);
}

static enum pp_result dav_size(struct target *t, const char *remote, bool *exists, int64_t *size,
			       struct diag *diag)
{
	return tcurl_file_size(t->curl, t->base, remote, exists, size, diag);
}

/* A reply longer than this is not read (the server's bytes, untrusted);
 * its files are asked about one by one. Some 40 000 files. */
#define LIST_MAX ((size_t)16 << 20)

/* What a PROPFIND asks of each member: only what a size query needs. */
static const char propfind_sizes[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>"
	"<propfind xmlns=\"DAV:\"><prop><getcontentlength/><resourcetype/></prop></propfind>";

/* Answers the `n` files of one folder from a PROPFIND of it (Depth: 1)
 * where its reply names them; a folder that is not there holds none of
 * them. Anything else (405 from a server that forbids PROPFIND, 403, a
 * reply that is no multistatus) leaves them to be asked one by one, and
 * *refused true: only PP_ENOMEM and PP_EINTR return. */
static enum pp_result list_folder(struct target *t, struct target_size_query *q, size_t n,
				  struct target_leftovers *left, bool *refused)
{
	size_t folder = q[0].folder;
	char *name = strndup(q[0].f->remote, folder);
	char *url = name ? tcurl_url(t->curl, t->base, name) : NULL;
	const char *headers[] = { "Depth: 1", "Content-Type: application/xml", NULL };
	struct buf body;
	struct tcurl_request r = { .method = "PROPFIND", .url = url, .headers = headers,
				   .post = propfind_sizes, .post_len = sizeof(propfind_sizes) - 1,
				   .response = &body, .response_max = LIST_MAX };
	struct tcurl_reply reply;
	struct listing_dav listing;
	enum pp_result res = url ? PP_OK : PP_ENOMEM;

	*refused = true;
	buf_init(&body);
	listing_dav_init(&listing);
	if (res == PP_OK)
		res = tcurl_perform(t->curl, &r, &reply);
	if (res == PP_OK && tcurl_not_found(t->curl, &reply)) {
		res = target_size_answer(q, n, NULL, true, left);
		*refused = false;
	} else if (res == PP_OK && reply.code == 0 && reply.status == 207) {
		res = listing_dav_parse(body.data ? body.data : "", body.len, url, &listing);
		*refused = res != PP_OK;
		if (res == PP_OK)
			res = target_size_answer(q, n, &listing.files, false, left);
	}
	if (res == PP_ETARGET || res == PP_EPARSE)
		res = PP_OK;
	listing_dav_release(&listing);
	buf_release(&body);
	free(url);
	free(name);
	return res;
}

/* A folder's PROPFIND answers for all its files in one request where a
 * HEAD per file costs a round trip each (a re-publish of a 1000-episode
 * show asks some 2000 files). Unlike an SFTP or FTP listing, which costs
 * more than a size query, a PROPFIND is one request as a HEAD is: every
 * folder is listed, even one holding a single asked file, as each
 * episode's page folder does. What a reply does not name, or a folder
 * whose PROPFIND fails, is asked with HEAD, so a file is never taken for
 * missing on a listing's word alone unless the folder itself is missing. */
static enum pp_result dav_sizes(struct target *t, struct target_size *files, size_t count,
				struct target_leftovers *left, struct diag *diag)
{
	struct target_size_query *q = target_size_queries(files, count);
	enum pp_result res = q ? PP_OK : PP_ENOMEM;
	bool refused = false;

	/* A server that refused one folder's PROPFIND (405, 501 after its
	 * retries...) would refuse the next: no more are sent. */
	for (size_t i = 0, j; res == PP_OK && !refused && i < count; i = j) {
		j = target_folder_end(q, i, count);
		res = interrupted() ? PP_EINTR : list_folder(t, q + i, j - i, left, &refused);
	}
	if (res == PP_OK)
		res = target_size_unknown(t, q, count, dav_size, diag);
	free(q);
	return res;
}

static bool folder_known(const struct target *t, const char *folder)
{
	for (size_t i = 0; i < t->folders->count; i++)
		if (strcmp(t->folders->names[i], folder) == 0)
			return true;
	return false;
}

/* Folders above the target's own that make_base makes, at most. */
#define BASE_DEPTH_MAX 32

/* The length of `url`'s parent folder ("https://h/a/" of "https://h/a/b/"),
 * or 0 when `len` bytes of it are the server's root already. */
static size_t parent_length(const char *url, size_t len)
{
	const char *authority = strstr(url, "://");
	const char *root = authority ? strchr(authority + 3, '/') : NULL;
	size_t end = len - 1; /* the '/' that ends the folder */

	if (!root || end <= (size_t)(root - url))
		return 0;
	while (end > 0 && url[end - 1] != '/')
		end--;
	return end > (size_t)(root - url) ? end : (size_t)(root - url) + 1;
}

/* MKCOL of the folder that is the first `len` bytes of the target's URL:
 * PP_OK when it was made (201) or is there (405). */
static enum pp_result make_base_prefix(struct target *t, size_t len, struct tcurl_reply *reply)
{
	char *url = strndup(t->base, len);
	struct tcurl_request r = { .method = "MKCOL", .url = url };
	enum pp_result res = url ? tcurl_perform(t->curl, &r, reply) : PP_ENOMEM;

	free(url);
	if (res == PP_OK && !tcurl_ok(t->curl, reply) && reply->status != 405)
		res = PP_ETARGET;
	return res;
}

/* MKCOL of the target's own folder, and first of the folders above it that
 * are missing (409 Conflict: RFC 4918's word for a missing parent), as
 * podpub makes a path's folders over SFTP and FTP: 201 made, 405 there. */
static enum pp_result make_base(struct target *t, struct diag *diag)
{
	size_t lengths[BASE_DEPTH_MAX + 1], depth = 0, len = strlen(t->base);
	enum pp_result res = PP_OK;
	struct tcurl_reply reply = { 0 };

	/* Up while the parent is missing... */
	for (;;) {
		res = make_base_prefix(t, len, &reply);
		if (res != PP_ETARGET || reply.code != 0 || reply.status != 409 ||
		    depth == BASE_DEPTH_MAX || !parent_length(t->base, len))
			break;
		lengths[depth++] = len;
		len = parent_length(t->base, len);
	}
	/* ...then down, each folder in its parent. */
	while (res == PP_OK && depth > 0)
		res = make_base_prefix(t, lengths[--depth], &reply);
	if (res == PP_ETARGET)
		tcurl_fail(t->curl, "./", "make the target's folder", &reply, diag);
	return res;
}

/* MKCOL every folder above `remote` not yet seen, the target's own folder
 * (and those above it) first: 201 made, 405 there already. */
static enum pp_result make_folders(struct target *t, const char *remote, struct diag *diag)
{
	const char *slash = remote;

	if (t->folders->count == 0) {
		enum pp_result res = make_base(t, diag);
		char **grown = NULL;

		if (res == PP_OK)
			grown = pp_grow(t->folders->names, &t->folders->alloc, 1, sizeof(*grown));
		if (res == PP_OK && (!grown || !(grown[0] = strdup(""))))
			res = PP_ENOMEM;
		if (grown)
			t->folders->names = grown;
		if (res != PP_OK)
			return res;
		t->folders->count = 1;
	}

	while ((slash = strchr(slash, '/'))) {
		char *folder = pp_asprintf("%.*s/", (int)(slash - remote), remote);
		struct tcurl_request r = { .method = "MKCOL" };
		struct tcurl_reply reply;
		enum pp_result res;
		char **grown;

		slash++;
		if (!folder)
			return PP_ENOMEM;
		if (folder_known(t, folder)) {
			free(folder);
			continue;
		}
		res = dav_request(t, folder, &r, &reply);
		if (res == PP_OK && !tcurl_ok(t->curl, &reply) && reply.status != 405)
			res = PP_ETARGET;
		if (res == PP_ETARGET)
			tcurl_fail(t->curl, folder, "make the folder", &reply, diag);
		grown = res == PP_OK ? pp_grow(t->folders->names, &t->folders->alloc,
					       t->folders->count + 1, sizeof(*grown))
				     : NULL;
		if (res == PP_OK && !grown)
			res = PP_ENOMEM;
		if (res != PP_OK) {
			free(folder);
			return res;
		}
		t->folders->names = grown;
		t->folders->names[t->folders->count++] = folder;
	}
	return PP_OK;
}

static enum pp_result dav_lane(struct target *t, struct target_pool *pool, struct target **out,
			       struct diag *diag)
{
	enum pp_result res = dav_open(t->settings, t->location, out, diag);

	if (res == PP_OK) {
		tcurl_attach((*out)->curl, pool);
		(*out)->folders = t->folders;
	}
	return res;
}

static void dav_join(struct target *t, struct target_pool *pool)
{
	tcurl_attach(t->curl, pool);
}

static enum pp_result dav_put_end(struct target *t, struct diag *diag)
{
	return tcurl_finish_upload(t->curl, &t->put_remote, diag);
}

static enum pp_result dav_put_begin(struct target *t, const struct target_source *src,
				    const char *remote_tmp, struct diag *diag)
{
	char *type = pp_asprintf("Content-Type: %s",
				 src->content_type ? src->content_type : "application/octet-stream");
	char *cache = src->cache_control ? pp_asprintf("Cache-Control: %s", src->cache_control)
					 : NULL;
	char *url = tcurl_url(t->curl, t->base, remote_tmp);
	/* No "Expect: 100-continue" round trip before each body, but for a
	 * lane's first: its 401 comes before the body, which then goes once,
	 * with the credentials. */
	const char *expect = tcurl_logged_in(t->curl) ? "Expect:" : "Expect: 100-continue";
	const char *headers[] = { expect, type, cache, NULL };
	struct tcurl_request r = { .body = src, .headers = headers, .url = url };
	enum pp_result res = PP_ENOMEM;
	bool started = false;

	free(t->put_remote);
	if ((t->put_remote = strdup(remote_tmp)) && type && url && (cache || !src->cache_control))
		res = make_folders(t, remote_tmp, diag);
	if (res == PP_OK) {
		res = tcurl_start(t->curl, &r);
		started = true;
	}
	/* A start that failed is ended here, so the handle is free again. */
	if (started && res != PP_OK)
		(void)dav_put_end(t, diag);
	free(type);
	free(cache);
	free(url);
	return res;
}

static bool dav_put_busy(const struct target *t)
{
	return tcurl_busy(t->curl);
}

static bool dav_put_sent(const struct target *t)
{
	return tcurl_sent_any(t->curl);
}

static enum pp_result dav_put(struct target *t, const struct target_source *src,
			      const char *remote_tmp, struct diag *diag)
{
	enum pp_result res = dav_put_begin(t, src, remote_tmp, diag);

	return res == PP_OK ? dav_put_end(t, diag) : res;
}

/* A MOVE of one file onto another, as a request. */
struct move {
	char *url, *destination;
	const char *headers[3];
	struct tcurl_request r;
};

/* Sets `m` up (move_release frees it); false when out of memory. */
static bool move_request(struct target *t, const char *remote_tmp, const char *remote,
			 bool overwrite, struct move *m)
{
	char *to = tcurl_url(t->curl, t->destination, remote);

	m->destination = to ? pp_asprintf("Destination: %s", to) : NULL;
	free(to);
	m->url = tcurl_url(t->curl, t->base, remote_tmp);
	m->headers[0] = m->destination;
	m->headers[1] = overwrite ? "Overwrite: T" : "Overwrite: F";
	m->headers[2] = NULL;
	m->r = (struct tcurl_request){ .method = "MOVE", .headers = m->headers, .url = m->url };
	return m->destination && m->url;
}

static void move_release(struct move *m)
{
	free(m->url);
	free(m->destination);
}

/* What a MOVE's reply says; without `overwrite` the server answers 412
 * when `remote` is there already (*existed). */
static enum pp_result moved(struct target *t, const char *remote, enum pp_result res,
			    const struct tcurl_reply *reply, bool overwrite, bool *existed,
			    struct diag *diag)
{
	if (res == PP_OK && !overwrite && reply->code == 0 && reply->status == 412)
		*existed = true;
	else if (res == PP_OK && !tcurl_ok(t->curl, reply))
		res = PP_ETARGET;
	if (res == PP_ETARGET)
		tcurl_fail(t->curl, remote, "move into place", reply, diag);
	return res;
}

/* MOVE `remote_tmp` onto `remote`, in place. */
static enum pp_result dav_move(struct target *t, const char *remote_tmp, const char *remote,
			       bool overwrite, bool *existed, struct diag *diag)
{
	struct move m;
	struct tcurl_reply reply;
	enum pp_result res = move_request(t, remote_tmp, remote, overwrite, &m)
				     ? tcurl_perform(t->curl, &m.r, &reply)
				     : PP_ENOMEM;

	if (res != PP_ENOMEM)
		res = moved(t, remote, res, &reply, overwrite, existed, diag);
	move_release(&m);
	return res;
}

/* The same in halves, so that it moves in the pool beside other lanes'
 * transfers (no retry of its own: the sender tries the file again). */
static enum pp_result dav_commit_begin(struct target *t, const char *remote_tmp,
				       const char *remote, struct diag *diag)
{
	struct move m;
	enum pp_result res = move_request(t, remote_tmp, remote, true, &m)
				     ? tcurl_start_or_end(t->curl, &m.r)
				     : PP_ENOMEM;

	(void)diag;
	move_release(&m);
	return res;
}

static enum pp_result dav_commit_end(struct target *t, const char *remote, struct diag *diag)
{
	struct tcurl_reply reply;
	bool existed = false;

	return moved(t, remote, tcurl_finish(t->curl, &reply), &reply, true, &existed, diag);
}

static enum pp_result dav_size_begin(struct target *t, const char *remote, struct diag *diag)
{
	(void)diag;
	return tcurl_size_start(t->curl, t->base, remote);
}

static enum pp_result dav_size_end(struct target *t, const char *remote, bool *exists,
				   int64_t *size, struct diag *diag)
{
	return tcurl_size_finish(t->curl, remote, exists, size, diag);
}

static enum pp_result dav_commit(struct target *t, const char *remote_tmp, const char *remote,
				 struct diag *diag)
{
	bool existed = false;

	return dav_move(t, remote_tmp, remote, true, &existed, diag);
}

static enum pp_result dav_put_new(struct target *t, const struct target_source *src,
				  const char *remote, bool *existed, struct diag *diag)
{
	char *tmp = NULL;
	enum pp_result res = target_tmp_name(remote, &tmp);

	*existed = false;
	if (res == PP_OK)
		res = dav_put(t, src, tmp, diag);
	if (res == PP_OK)
		res = dav_move(t, tmp, remote, false, existed, diag);
	if (tmp && (res != PP_OK || *existed))
		(void)dav_remove(t, tmp, diag);
	free(tmp);
	return res;
}

static enum pp_result dav_remove(struct target *t, const char *remote, struct diag *diag)
{
	struct tcurl_request r = { .method = "DELETE" };
	struct tcurl_reply reply;
	enum pp_result res = dav_request(t, remote, &r, &reply);

	if (res == PP_OK && !tcurl_ok(t->curl, &reply) && !tcurl_not_found(t->curl, &reply))
		res = PP_ETARGET;
	if (res == PP_ETARGET)
		tcurl_fail(t->curl, remote, "remove", &reply, diag);
	return res;
}

const struct target_ops target_dav_ops = {
	.scheme = "https",
	.open = dav_open,
	.read = dav_read,
	.size = dav_size,
	.sizes = dav_sizes,
	.put = dav_put,
	.put_new = dav_put_new,
	.commit = dav_commit,
	.remove = dav_remove,
	.close = dav_close,
	.lane = dav_lane,
	.join = dav_join,
	.put_begin = dav_put_begin,
	.put_busy = dav_put_busy,
	.put_sent = dav_put_sent,
	.put_end = dav_put_end,
	.commit_begin = dav_commit_begin,
	.commit_end = dav_commit_end,
	.size_begin = dav_size_begin,
	.size_end = dav_size_end,
};
