/* target_rfs.c - remote file systems over libcurl: SFTP, FTP and FTPS.
 *
 * Files go up under a temporary name into folders made as needed, and are
 * renamed into place with the protocol's own commands: SFTP removes the old
 * file and renames in one session (its rename cannot overwrite), FTP says
 * RNFR/RNTO (vsftpd replaces atomically). URL conventions, as curl reads
 * them: sftp:// paths are absolute ("/~/" is the home folder); ftp:// and
 * ftps:// paths are relative to the login folder. ftps:// is explicit TLS
 * (AUTH TLS on the FTP port), the kind hosts offer. */
#include "target/target.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "target/listing.h"
#include "target/target_curl.h"
#include "util.h"

struct rfs_kind {
	enum tcurl_proto proto;
	const char *url_scheme; /* what libcurl is given: ftps:// becomes ftp:// + TLS */
};

struct target {
	const struct rfs_kind *kind;
	struct tcurl *curl;
	char *base; /* the target's folder as a URL, ending in '/' */
	char *dir;  /* the same folder as the server's commands name it: "" or "x/y/" */
	/* What lanes are opened from (--jobs): borrowed settings, the URL. */
	const struct config_target *settings;
	char *location;
	char *put_remote; /* the upload under way (put_begin to put_end) */
	/* The server's replies to the commands under way (FTP). */
	struct buf lines;
};

static const struct rfs_kind sftp_kind = { TCURL_SFTP, "sftp" };
static const struct rfs_kind ftp_kind = { TCURL_FTP, "ftp" };
static const struct rfs_kind ftps_kind = { TCURL_FTPS, "ftp" };

static void rfs_close(struct target **tp)
{
	struct target *t = *tp;

	if (!t)
		return;
	tcurl_free(&t->curl);
	free(t->base);
	free(t->dir);
	free(t->location);
	free(t->put_remote);
	buf_release(&t->lines);
	free(t);
	*tp = NULL;
}

/* The folder as commands name it: SFTP absolute ("/~/" = home, which the
 * server resolves relative names against), FTP relative to the login
 * folder. Always ending in '/' unless empty. */
static char *command_dir(enum tcurl_proto proto, const char *path)
{
	const char *p = path && *path ? path : "/";
	size_t n;

	if (proto == TCURL_SFTP && strncmp(p, "/~/", 3) == 0)
		p += 3;
	else if (proto == TCURL_SFTP && strcmp(p, "/~") == 0)
		p = "";
	else if (proto != TCURL_SFTP && *p == '/')
		p++;
	n = strlen(p);
	return n && p[n - 1] != '/' ? pp_asprintf("%s/", p) : strdup(p);
}

static enum pp_result rfs_open(const struct rfs_kind *kind, const struct config_target *s,
			       const char *location, struct target **out, struct diag *diag)
{
	struct target *t = calloc(1, sizeof(*t));
	struct tcurl_url_parts url = { 0 };
	const char *path_start;
	enum pp_result res;

	*out = NULL;
	if (!t)
		return PP_ENOMEM;
	t->kind = kind;
	t->settings = s;
	buf_init(&t->lines);
	if (!(t->location = strdup(location))) {
		res = PP_ENOMEM;
		goto fail;
	}
	res = tcurl_parse_url(location, &url);
	if (res == PP_EPARSE)
		diag_error(diag, s->line ? "podcast.yaml" : "--target", s->line,
			   "'%s' is not a URL podpub can read", location);
	if (res != PP_OK)
		goto fail;
	if ((res = tcurl_open(s, kind->proto, &t->curl, diag)) != PP_OK)
		goto fail;
	/* The URL as written, with the scheme libcurl needs and a final '/'. */
	path_start = strstr(location, "://");
	path_start = path_start ? path_start + 3 : location;
	t->base = pp_asprintf("%s://%s%s", kind->url_scheme, path_start,
			      location[strlen(location) - 1] == '/' ? "" : "/");
	t->dir = command_dir(kind->proto, url.path);
	res = t->base && t->dir ? PP_OK : PP_ENOMEM;
	if (res != PP_OK)
		goto fail;
	tcurl_url_parts_release(&url);
	*out = t;
	return PP_OK;
fail:
	tcurl_url_parts_release(&url);
	rfs_close(&t);
	return res;
}

static enum pp_result sftp_open(const struct config_target *s, const char *location,
				struct target **out, struct diag *diag)
{
	return rfs_open(&sftp_kind, s, location, out, diag);
}

static enum pp_result ftp_open(const struct config_target *s, const char *location,
			       struct target **out, struct diag *diag)
{
	return rfs_open(&ftp_kind, s, location, out, diag);
}

static enum pp_result ftps_open(const struct config_target *s, const char *location,
				struct target **out, struct diag *diag)
{
	return rfs_open(&ftps_kind, s, location, out, diag);
}

/* One request on `remote` (NULL: the target's folder itself). */
static enum pp_result rfs_request(struct target *t, const char *remote, struct tcurl_request *r,
				  struct tcurl_reply *reply)
{
	char *url = remote ? tcurl_url(t->curl, t->base, remote) : strdup(t->base);
	enum pp_result res;

	if (!url)
		return PP_ENOMEM;
	r->url = url;
	res = tcurl_perform(t->curl, r, reply);
	free(url);
	return res;
}

static enum pp_result rfs_read(struct target *t, const char *remote, char **data, size_t *len,
			       struct diag *diag)
{
	return tcurl_read_file(t->curl, t->base, remote, data, len, diag);
}

static enum pp_result rfs_size(struct target *t, const char *remote, bool *exists, int64_t *size,
			       struct diag *diag)
{
	return tcurl_file_size(t->curl, t->base, remote, exists, size, diag);
}

static char *command(const struct target *t, const char *verb, const char *remote);
static char *absolute(const struct target *t, const char *remote);

/* A folder holding fewer of the files asked about is asked file by file:
 * its listing would cost as much. */
#define LIST_MIN 4
/* A listing longer than this is not read (the server's text, untrusted);
 * its files are asked about one by one. Some 200 000 names. */
#define LIST_MAX ((size_t)16 << 20)

/* Answers the `n` files of one folder from its listing where it names
 * them; a folder that is not there holds none of them. Any other failure
 * leaves them to be asked one by one: only PP_ENOMEM and PP_EINTR return. */
static enum pp_result list_folder(struct target *t, struct target_size_query *q, size_t n,
				  struct target_leftovers *left)
{
	size_t folder = q[0].folder;
	char *name = folder ? strndup(q[0].f->remote, folder) : NULL;
	struct buf body;
	struct tcurl_request r = { .response = &body, .response_max = LIST_MAX };
	struct tcurl_reply reply;
	struct listing listing;
	enum pp_result res;

	if (folder && !name)
		return PP_ENOMEM;
	buf_init(&body);
	listing_init(&listing);
	res = rfs_request(t, name, &r, &reply);
	if (res == PP_OK && tcurl_not_found(t->curl, &reply)) {
		res = target_size_answer(q, n, NULL, true, left);
	} else if (res == PP_OK && tcurl_ok(t->curl, &reply)) {
		res = listing_parse(body.data ? body.data : "", body.len, &listing);
		if (res == PP_OK)
			res = target_size_answer(q, n, &listing, false, left);
	}
	if (res == PP_ETARGET)
		res = PP_OK;
	listing_release(&listing);
	buf_release(&body);
	free(name);
	return res;
}

/* FTP: the folder's listing on the control connection (STAT of its path:
 * one round trip, where a SIZE per file is one each, and a LIST needs a
 * data connection, before which libcurl 7.88 stalls over TLS). A whole
 * listing also tells which files are not there; a server without STAT, or
 * a listing in another shape, leaves them to the SIZE commands. Only for
 * paths STAT reads as they are (no blanks, no glob characters). */
static enum pp_result stat_folder(struct target *t, struct target_size_query *q, size_t n,
				  struct target_leftovers *left)
{
	size_t folder = q[0].folder;
	char *name = strndup(q[0].f->remote, folder);
	char *path = name ? absolute(t, name) : NULL;
	char *stat_line = path && path[0] == '/' && !strpbrk(path, " \t\r\n*?[]{}~")
				  ? pp_asprintf("*STAT %s", path)
				  : NULL;
	const char *commands[] = { stat_line, NULL };
	struct buf lines;
	struct tcurl_request r = { .no_body = true, .quote = commands, .lines = &lines,
				   .response_max = LIST_MAX };
	struct tcurl_reply reply;
	struct listing listing;
	enum pp_result res = name && path ? PP_OK : PP_ENOMEM;
	bool found = false, whole = false;

	buf_init(&lines);
	listing_init(&listing);
	if (res == PP_OK && stat_line)
		res = rfs_request(t, NULL, &r, &reply);
	if (res == PP_OK && stat_line && tcurl_ok(t->curl, &reply))
		res = listing_ftp_stat(lines.data ? lines.data : "", lines.len, &listing, &found,
				       &whole);
	if (res == PP_OK && found)
		res = target_size_answer(q, n, &listing, whole, left);
	if (res == PP_ETARGET)
		res = PP_OK;
	listing_release(&listing);
	buf_release(&lines);
	free(stat_line);
	free(path);
	free(name);
	return res;
}

/* SIZE commands sent in one FTP request, at most. */
#define SIZE_BATCH 256

/* FTP: files no listing answered, a SIZE command each, many in one
 * request on the session's connection (a size query of its own costs
 * CWDs and a REST besides). The quoted commands run first, so on a reused
 * connection their replies come first; a new connection's login replies
 * would come before them, and such a batch is not read. "550" is no such
 * file, as a size query alone would conclude (a fresh target's files were
 * each asked again, three CWDs apiece: 15 ms of 100 files' first publish);
 * any other reply that is no size leaves its file to be asked alone. */
static enum pp_result ftp_size_batch(struct target *t, struct target_size_query **q, size_t n)
{
	char **commands = calloc(n + 2, sizeof(*commands));
	int64_t *sizes = calloc(n + 1, sizeof(*sizes));
	struct buf lines;
	struct tcurl_request r = { .no_body = true, .lines = &lines, .response_max = LIST_MAX };
	struct tcurl_reply reply;
	enum pp_result res = commands && sizes ? PP_OK : PP_ENOMEM;
	size_t got;

	buf_init(&lines);
	/* SIZE is refused in ASCII mode by some servers. */
	if (res == PP_OK && !(commands[0] = strdup("*TYPE I")))
		res = PP_ENOMEM;
	for (size_t i = 0; res == PP_OK && i < n; i++)
		if (!(commands[i + 1] = command(t, "*SIZE", q[i]->f->remote)))
			res = PP_ENOMEM;
	if (res == PP_OK) {
		r.quote = (const char *const *)commands;
		res = rfs_request(t, NULL, &r, &reply);
		if (res == PP_OK && !reply.connected) {
			got = listing_ftp_sizes(lines.data ? lines.data : "", lines.len, sizes, n + 1);
			for (size_t i = 1; i < got; i++) {
				if (sizes[i] < 0 && sizes[i] != LISTING_NO_FILE)
					continue;
				q[i - 1]->known = true;
				q[i - 1]->f->exists = sizes[i] >= 0;
				q[i - 1]->f->size = sizes[i] >= 0 ? sizes[i] : 0;
			}
		}
		if (res == PP_ETARGET)
			res = PP_OK;
	}
	for (size_t i = 0; commands && i < n + 1; i++)
		free(commands[i]);
	free(commands);
	free(sizes);
	buf_release(&lines);
	return res;
}

/* The FTP files still without an answer, SIZE_BATCH at a time. Only paths
 * from the server's root will do (the commands run wherever the last
 * transfer left the connection), and only names a command line can hold. */
static enum pp_result ftp_sizes(struct target *t, struct target_size_query *q, size_t count)
{
	struct target_size_query *batch[SIZE_BATCH];
	enum pp_result res = PP_OK;
	size_t n = 0;

	if (t->dir[0] != '/' && !tcurl_entry_path(t->curl))
		return PP_OK;
	for (size_t i = 0; res == PP_OK && i <= count; i++) {
		if (i < count && !q[i].known && !strpbrk(q[i].f->remote, "\r\n"))
			batch[n++] = &q[i];
		if (n && (n == SIZE_BATCH || i == count)) {
			res = ftp_size_batch(t, batch, n);
			n = 0;
		}
	}
	return res;
}

/* A folder's listing answers for many of its files at once (a LIST over
 * FTP, a directory read over SFTP) where a size query per file costs a
 * round trip each. What a listing does not name (or cannot be read) is
 * asked alone, so a file is never taken for missing on its listing's word
 * alone unless the folder itself is missing. */
static enum pp_result rfs_sizes(struct target *t, struct target_size *files, size_t count,
				struct target_leftovers *left, struct diag *diag)
{
	struct target_size_query *q = target_size_queries(files, count);
	enum pp_result res = q ? PP_OK : PP_ENOMEM;

	for (size_t i = 0, j; res == PP_OK && i < count; i = j) {
		j = target_folder_end(q, i, count);
		if (j - i >= LIST_MIN && t->kind->proto == TCURL_SFTP)
			res = list_folder(t, q + i, j - i, left);
		else if (j - i >= LIST_MIN)
			res = stat_folder(t, q + i, j - i, left);
	}
	/* FTP's SIZE commands go many to a request with no data connection
	 * (a LIST needs one, and libcurl 7.88 stalls before those over TLS). */
	if (res == PP_OK && t->kind->proto != TCURL_SFTP)
		res = ftp_sizes(t, q, count);
	if (res == PP_OK)
		res = target_size_unknown(t, q, count, rfs_size, diag);
	free(q);
	return res;
}

static enum pp_result rfs_lane(struct target *t, struct target_pool *pool, struct target **out,
			       struct diag *diag)
{
	enum pp_result res = rfs_open(t->kind, t->settings, t->location, out, diag);

	if (res == PP_OK)
		tcurl_attach((*out)->curl, pool);
	return res;
}

static void rfs_join(struct target *t, struct target_pool *pool)
{
	tcurl_attach(t->curl, pool);
}

static enum pp_result rfs_put_end(struct target *t, struct diag *diag)
{
	return tcurl_finish_upload(t->curl, &t->put_remote, diag);
}

static enum pp_result rfs_put_begin(struct target *t, const struct target_source *src,
				    const char *remote_tmp, struct diag *diag)
{
	struct tcurl_request r = { .body = src, .create_dirs = true };
	char *url = tcurl_url(t->curl, t->base, remote_tmp);
	enum pp_result res = PP_ENOMEM;

	free(t->put_remote);
	if ((t->put_remote = strdup(remote_tmp)) && url) {
		r.url = url;
		res = tcurl_start(t->curl, &r);
	}
	free(url);
	/* A start that failed is ended here, so the handle is free again. */
	if (res != PP_OK)
		(void)rfs_put_end(t, diag);
	return res;
}

static bool rfs_put_busy(const struct target *t)
{
	return tcurl_busy(t->curl);
}

static bool rfs_put_sent(const struct target *t)
{
	return tcurl_sent_any(t->curl);
}

static enum pp_result rfs_put(struct target *t, const struct target_source *src,
			      const char *remote_tmp, struct diag *diag)
{
	enum pp_result res = rfs_put_begin(t, src, remote_tmp, diag);

	return res == PP_OK ? rfs_put_end(t, diag) : res;
}

/* Runs protocol commands in the target's folder; `what` for messages. */
static enum pp_result rfs_commands(struct target *t, const char *const *commands,
				   const char *remote, const char *what, struct diag *diag)
{
	struct tcurl_request r = { .no_body = true, .quote = commands };
	struct tcurl_reply reply;
	enum pp_result res = rfs_request(t, NULL, &r, &reply);

	if (res == PP_OK && !tcurl_ok(t->curl, &reply))
		res = PP_ETARGET;
	if (res == PP_ETARGET)
		tcurl_fail(t->curl, remote, what, &reply, diag);
	return res;
}

/* The path of `remote` from the server's root: a reused connection sits in
 * whatever folder the last transfer left it, so relative names would land
 * elsewhere. Caller frees. */
static char *absolute(const struct target *t, const char *remote)
{
	const char *entry = tcurl_entry_path(t->curl);

	if (t->dir[0] == '/' || !entry)
		return pp_asprintf("%s%s", t->dir, remote);
	return pp_asprintf("%s%s%s%s", entry, entry[strlen(entry) - 1] == '/' ? "" : "/", t->dir,
			   remote);
}

/* `verb` and the path of `remote` in the target's folder; a leading '*'
 * lets the session go on when the command fails. libcurl reads SFTP
 * commands with quotes; FTP takes the rest of the line as it is. */
static char *command(const struct target *t, const char *verb, const char *remote)
{
	const char *quote = t->kind->proto == TCURL_SFTP ? "\"" : "";
	char *path = absolute(t, remote);
	char *line = path ? pp_asprintf("%s %s%s%s", verb, quote, path, quote) : NULL;

	free(path);
	return line;
}

/* The commands that rename `remote_tmp` onto `remote`: SFTP's rename
 * cannot overwrite, so rm first, in the same session; FTP's RNTO replaces
 * (vsftpd atomically). */
struct rename_commands {
	char *first, *second;
	const char *list[3];
};

static bool rename_commands(const struct target *t, const char *remote_tmp, const char *remote,
			    struct rename_commands *rc)
{
	bool sftp = t->kind->proto == TCURL_SFTP;
	char *from = absolute(t, remote_tmp), *to = absolute(t, remote);

	rc->first = command(t, sftp ? "*rm" : "RNFR", sftp ? remote : remote_tmp);
	rc->second = !from || !to ? NULL
		     : sftp	  ? pp_asprintf("rename \"%s\" \"%s\"", from, to)
				  : command(t, "RNTO", remote);
	rc->list[0] = rc->first;
	rc->list[1] = rc->second;
	rc->list[2] = NULL;
	free(from);
	free(to);
	return rc->first && rc->second;
}

static void rename_commands_release(struct rename_commands *rc)
{
	free(rc->first);
	free(rc->second);
}

static enum pp_result rfs_commit(struct target *t, const char *remote_tmp, const char *remote,
				 struct diag *diag)
{
	struct rename_commands rc;
	enum pp_result res = rename_commands(t, remote_tmp, remote, &rc)
				     ? rfs_commands(t, rc.list, remote, "rename into place", diag)
				     : PP_ENOMEM;

	rename_commands_release(&rc);
	return res;
}

/* The server's replies to a request of commands, at most: a login, the
 * CWDs of a deep folder, the commands. */
#define LINES_MAX ((size_t)64 << 10)
#define REPLIES_MAX 64

/* A request of commands on the folder of `remote`, started in the pool
 * (libcurl runs quote commands without blocking it, unlike those after a
 * transfer), with the server's replies kept (FTP). Over FTP the folder is
 * where the upload left the connection: the target's own would cost
 * libcurl a CWD there and back (five, from the root down) per file. */
static enum pp_result commands_begin(struct target *t, const char *const *commands,
				     const char *remote)
{
	bool ftp = t->kind->proto != TCURL_SFTP;
	char *where = ftp ? strndup(remote, target_folder_length(remote)) : NULL;
	char *url = !ftp ? strdup(t->base) : where ? tcurl_url(t->curl, t->base, where) : NULL;
	struct tcurl_request r = { .no_body = true, .quote = commands, .lines = &t->lines,
				   .response_max = LINES_MAX, .url = url };
	enum pp_result res = url ? tcurl_start_or_end(t->curl, &r) : PP_ENOMEM;

	free(where);
	free(url);
	return res;
}

/* Ends what commands_begin started: PP_ETARGET, told as `what` failing
 * on `remote`, when a command was refused. */
static enum pp_result commands_end(struct target *t, const char *remote, const char *what,
				   struct tcurl_reply *reply, struct diag *diag)
{
	enum pp_result res = tcurl_finish(t->curl, reply);

	if (res == PP_OK && !tcurl_ok(t->curl, reply))
		res = PP_ETARGET;
	if (res == PP_ETARGET)
		tcurl_fail(t->curl, remote, what, reply, diag);
	return res;
}

static enum pp_result rfs_commit_end(struct target *t, const char *remote, struct diag *diag)
{
	struct tcurl_reply reply;

	return commands_end(t, remote, "rename into place", &reply, diag);
}

static enum pp_result rfs_commit_begin(struct target *t, const char *remote_tmp,
				       const char *remote, struct diag *diag)
{
	struct rename_commands rc;
	enum pp_result res = rename_commands(t, remote_tmp, remote, &rc)
				     ? commands_begin(t, rc.list, remote)
				     : PP_ENOMEM;

	(void)diag;
	rename_commands_release(&rc);
	return res;
}

/* The size of an upload before it is renamed into place. SFTP: a size
 * query of the file. FTP: SIZE as a command (a size query of libcurl's own
 * adds a REST). */
static enum pp_result rfs_size_begin(struct target *t, const char *remote, struct diag *diag)
{
	char *line = t->kind->proto == TCURL_SFTP ? NULL : command(t, "*SIZE", remote);
	const char *commands[] = { line, NULL };
	enum pp_result res;

	(void)diag;
	if (t->kind->proto == TCURL_SFTP)
		return tcurl_size_start(t->curl, t->base, remote);
	res = line ? commands_begin(t, commands, remote) : PP_ENOMEM;
	free(line);
	return res;
}

/* FTP's size is the last reply's: "213 <size>", or "550" for no such
 * file; anything else (a server without SIZE, a new connection's login
 * replies first) is asked alone. */
static enum pp_result rfs_size_end(struct target *t, const char *remote, bool *exists,
				   int64_t *size, struct diag *diag)
{
	struct tcurl_reply reply;
	int64_t sizes[REPLIES_MAX], last;
	enum pp_result res;
	size_t got;

	if (t->kind->proto == TCURL_SFTP)
		return tcurl_size_finish(t->curl, remote, exists, size, diag);
	*exists = false;
	*size = 0;
	res = commands_end(t, remote, "find the size of", &reply, diag);
	if (res != PP_OK)
		return res;
	got = listing_ftp_sizes(t->lines.data ? t->lines.data : "", t->lines.len, sizes,
				REPLIES_MAX);
	last = !reply.connected && got > 0 && got < REPLIES_MAX ? sizes[got - 1] : -1;
	if (last >= 0) {
		*exists = true;
		*size = last;
	} else if (last != LISTING_NO_FILE) {
		res = rfs_size(t, remote, exists, size, diag);
	}
	return res;
}

static enum pp_result rfs_remove(struct target *t, const char *remote, struct diag *diag)
{
	bool sftp = t->kind->proto == TCURL_SFTP;
	char *one = command(t, sftp ? "*rm" : "*DELE", remote);
	const char *commands[] = { one, NULL };
	enum pp_result res = PP_ENOMEM;

	if (one)
		res = rfs_commands(t, commands, remote, "remove", diag);
	free(one);
	return res;
}

/* SFTP's rename refuses an existing name: a temporary file renamed onto
 * `remote` makes it only when there was none. vsftpd's RNTO replaces, so
 * FTP can only look first (a lock there is best effort). */
static enum pp_result rfs_put_new(struct target *t, const struct target_source *src,
				  const char *remote, bool *existed, struct diag *diag)
{
	char *tmp = NULL, *from = NULL, *to = NULL, *rename_line = NULL;
	enum pp_result res;
	int64_t size;

	*existed = false;
	if ((res = rfs_size(t, remote, existed, &size, diag)) != PP_OK || *existed)
		return res;
	if ((res = target_tmp_name(remote, &tmp)) != PP_OK ||
	    (res = rfs_put(t, src, tmp, diag)) != PP_OK)
		goto out;
	if (t->kind->proto != TCURL_SFTP) {
		res = rfs_commit(t, tmp, remote, diag);
		goto out;
	}
	res = PP_ENOMEM;
	if (!(from = absolute(t, tmp)) || !(to = absolute(t, remote)) ||
	    !(rename_line = pp_asprintf("rename \"%s\" \"%s\"", from, to)))
		goto out;
	{
		const char *commands[] = { rename_line, NULL };
		struct diag quiet;

		diag_init(&quiet);
		res = rfs_commands(t, commands, remote, "create", &quiet);
		if (res == PP_ETARGET && rfs_size(t, remote, existed, &size, diag) == PP_OK &&
		    *existed) {
			res = PP_OK; /* someone made it first: not a failure */
			diag_release(&quiet);
		} else {
			diag_move(diag, &quiet, false);
		}
	}
out:
	if (tmp && (res != PP_OK || *existed))
		(void)rfs_remove(t, tmp, diag);
	free(tmp);
	free(from);
	free(to);
	free(rename_line);
	return res;
}

#define RFS_OPS(name, scheme_name, open_fn)                                                                     \
	const struct target_ops name = {                                                           \
		.scheme = scheme_name,                                                             \
		.open = open_fn,                                                                   \
		.read = rfs_read,                                                                  \
		.size = rfs_size,                                                                  \
		.sizes = rfs_sizes,                                                                \
		.put = rfs_put,                                                                    \
		.put_new = rfs_put_new,                                                            \
		.commit = rfs_commit,                                                              \
		.remove = rfs_remove,                                                              \
		.close = rfs_close,                                                                \
		.lane = rfs_lane,                                                                  \
		.join = rfs_join,                                                                  \
		.put_begin = rfs_put_begin,                                                        \
		.put_busy = rfs_put_busy,                                                          \
		.put_sent = rfs_put_sent,                                                          \
		.put_end = rfs_put_end,                                                            \
		.commit_begin = rfs_commit_begin,                                                  \
		.commit_end = rfs_commit_end,                                                      \
		.size_begin = rfs_size_begin,                                                      \
		.size_end = rfs_size_end,                                                          \
	}

RFS_OPS(target_sftp_ops, "sftp", sftp_open);
RFS_OPS(target_ftp_ops, "ftp", ftp_open);
RFS_OPS(target_ftps_ops, "ftps", ftps_open);
