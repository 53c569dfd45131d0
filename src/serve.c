#define _DEFAULT_SOURCE /* realpath, struct stat's st_mtim */
#include "serve.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <microhttpd.h>

#include "buf.h"
#include "util.h"

/* One file the server answers for: bytes in memory (feed, pages) or a
 * file of the show (media, art), checked to lie inside the show. */
struct served {
	char *path;          /* below the root, no leading '/': "media/x.mp3" */
	const char *data;    /* borrowed from the build; NULL: read `file` */
	size_t len;
	char *file;          /* the real path of the show's file */
	const char *content_type;
	char etag[IDENT_SHA256_SIZE + 2];
};

struct server {
	const struct serve_options *opt;
	char *base_url;
	char *real_root;     /* realpath of the show's folder */
	struct build build;  /* the last good build */
	struct served *files;
	size_t count, alloc;
	uint64_t signature;  /* of the watched files' names, sizes and times */
};

static void files_release(struct server *s)
{
	for (size_t i = 0; i < s->count; i++) {
		free(s->files[i].path);
		free(s->files[i].file);
	}
	free(s->files);
	s->files = NULL;
	s->count = s->alloc = 0;
}

/* `file` has passed the build's fence (inside the show, or audio under
 * media_root); it is kept by its real path and opened without following a
 * link, so a link put in its place after the build is not served. */
static enum pp_result add_served(struct server *s, const char *path, const char *data, size_t len,
				 const char *file, const char *content_type, const char *sha256)
{
	struct served *grown, *f;
	char *real = NULL;

	if (file) {
		real = realpath(file, NULL);
		if (!real && errno == ENOMEM)
			return PP_ENOMEM;
		if (!real)
			return PP_OK; /* gone since the build: not served */
	}
	grown = pp_grow(s->files, &s->alloc, s->count + 1, sizeof(*grown));
	if (!grown) {
		free(real);
		return PP_ENOMEM;
	}
	s->files = grown;
	f = &s->files[s->count];
	memset(f, 0, sizeof(*f));
	if (!(f->path = strdup(path))) {
		free(real);
		return PP_ENOMEM;
	}
	f->data = data;
	f->len = len;
	f->file = real;
	f->content_type = content_type ? content_type : "application/octet-stream";
	/* A strong validator: the bytes' SHA-256 (its first half is plenty). */
	snprintf(f->etag, sizeof(f->etag), "\"%.32s\"", sha256);
	s->count++;
	return PP_OK;
}

/* The table of what the build publishes, by the same remote names. */
static enum pp_result index_build(struct server *s)
{
	const struct build *b = &s->build;
	const struct show *show = &b->show;
	const char *base = show->config.base_url;
	char feed_sha[IDENT_SHA256_SIZE];
	enum pp_result res;

	files_release(s);
	res = ident_sha256_buffer(b->xml, b->len, feed_sha);
	if (res == PP_OK)
		res = add_served(s, show->config.feed_url + strlen(base), b->xml, b->len, NULL,
				 "application/rss+xml; charset=utf-8", feed_sha);
	for (size_t i = 0; res == PP_OK && i < show->episode_count; i++) {
		const struct show_episode *e = &show->episodes[i];

		res = add_served(s, e->audio.remote_path, NULL, 0, e->audio.local_path,
				 e->probe.mime_type, e->audio.sha256);
		if (res == PP_OK && e->chapters.remote_path)
			res = add_served(s, e->chapters.remote_path, e->chapters.data,
					 (size_t)e->chapters.size, NULL, "application/json",
					 e->chapters.sha256);
		for (size_t j = 0; res == PP_OK && j < e->transcript_count; j++) {
			const struct show_transcript *t = &e->transcripts[j];

			res = add_served(s, t->file.remote_path, t->file.data, (size_t)t->file.size,
					 NULL, transcript_content_type(t->format), t->file.sha256);
		}
		if (res == PP_OK && e->art.remote_path)
			res = add_served(s, e->art.remote_path, e->art.data, (size_t)e->art.size,
					 e->art.data ? NULL : e->art.local_path,
					 pp_has_suffix_nocase(e->art.remote_path, ".png") ? "image/png"
											   : "image/jpeg",
					 e->art.sha256);
	}
	if (res == PP_OK)
		res = add_served(s, show->image.remote_path, NULL, 0, show->image.local_path,
				 pp_has_suffix_nocase(show->image.remote_path, ".png") ? "image/png"
										       : "image/jpeg",
				 show->image.sha256);
	for (size_t i = 0; res == PP_OK && i < b->site.count; i++) {
		const struct site_page *p = &b->site.pages[i];

		res = add_served(s, p->path, p->data, p->len, NULL, p->content_type, p->sha256);
	}
	return res;
}

static const struct served *find_served(const struct server *s, const char *path)
{
	for (size_t i = 0; i < s->count; i++)
		if (strcmp(s->files[i].path, path) == 0)
			return &s->files[i];
	return NULL;
}

/* FNV-1a over the names, sizes and modification times of podcast.yaml,
 * episodes/ (two levels) and site/: any change gives another value. */
static void mix(uint64_t *h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++) {
		*h ^= p[i];
		*h *= 1099511628211ULL;
	}
}

static void mix_path(uint64_t *h, const char *path, int depth)
{
	struct dirent **names = NULL;
	struct stat st;
	int n;

	mix(h, path, strlen(path) + 1);
	if (stat(path, &st) != 0) {
		mix(h, "-", 1);
		return;
	}
	mix(h, &st.st_size, sizeof(st.st_size));
	mix(h, &st.st_mtim, sizeof(st.st_mtim));
	mix(h, &st.st_ino, sizeof(st.st_ino));
	if (!S_ISDIR(st.st_mode) || depth == 0)
		return;
	n = scandir(path, &names, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		char *child = names[i]->d_name[0] == '.' ? NULL : pp_path_join(path, names[i]->d_name);

		if (child)
			mix_path(h, child, depth - 1);
		free(child);
		free(names[i]);
	}
	free(names);
}

static uint64_t watch_signature(const char *root)
{
	static const struct {
		const char *name;
		int depth;
	} watched[] = { { "podcast.yaml", 0 }, { "episodes", 2 }, { "site", 1 } };
	uint64_t h = 14695981039346656037ULL;

	for (size_t i = 0; i < COUNT(watched); i++) {
		char *path = pp_path_join(root, watched[i].name);

		if (path)
			mix_path(&h, path, watched[i].depth);
		free(path);
	}
	return h;
}

/* Builds the show at the server's address; on success it replaces what is
 * served, otherwise the last good build stays. */
static enum pp_result rebuild(struct server *s, struct diag *diag)
{
	struct build next;
	enum pp_result res;

	s->signature = watch_signature(s->opt->root);
	build_init(&next);
	next.base_url = s->base_url;
	next.with_site = true;
	res = build_feed(s->opt->root, s->opt->schedule, &next, diag);
	/* Findings about the local address itself (plain http, a podcast:guid
	 * unlike the one this URL would give) are not the producer's to fix. */
	lint_report_ignore(&next.lint, "rss-http-media,podcast-guid-feed-url");
	if (res == PP_OK) {
		build_release(&s->build);
		s->build = next;
		res = index_build(s);
	} else {
		build_release(&next);
	}
	if (s->opt->built)
		s->opt->built(s->opt->ctx, res, &s->build, diag);
	return res;
}

int serve_parse_range(const char *header, long long size, long long *first, long long *last)
{
	const char *p;
	char *end;
	long long a = -1, b = -1;

	if (!header || strncmp(header, "bytes=", 6) != 0 || strchr(header, ','))
		return 0;
	p = header + 6;
	while (*p == ' ')
		p++;
	if (isdigit((unsigned char)*p)) {
		errno = 0;
		a = strtoll(p, &end, 10);
		if (errno || a < 0)
			return 0;
		p = end;
	}
	if (*p++ != '-')
		return 0;
	if (isdigit((unsigned char)*p)) {
		errno = 0;
		b = strtoll(p, &end, 10);
		if (errno)
			return 0;
		p = end;
	}
	while (*p == ' ')
		p++;
	if (*p || (a < 0 && b < 0))
		return 0;
	if (a < 0) { /* the last b bytes */
		if (b == 0 || size == 0)
			return -1;
		*first = b >= size ? 0 : size - b;
		*last = size - 1;
		return 1;
	}
	if (b >= 0 && b < a)
		return 0; /* invalid: ignored, as RFC 9110 says */
	if (a >= size)
		return -1;
	*first = a;
	*last = b < 0 || b >= size ? size - 1 : b;
	return 1;
}

bool serve_etag_matches(const char *header, const char *etag)
{
	size_t n = strlen(etag);
	const char *p = header;

	if (!header)
		return false;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		if (*p == '*')
			return true;
		if (strncmp(p, "W/", 2) == 0) /* weak comparison, as If-None-Match asks */
			p += 2;
		if (strncmp(p, etag, n) == 0 && (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return true;
		while (*p && *p != ',')
			p++;
	}
	return false;
}

static enum MHD_Result send_status(struct MHD_Connection *c, unsigned status, const char *text,
				   const char *location)
{
	struct MHD_Response *r =
		MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
	enum MHD_Result ret;

	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain; charset=utf-8");
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
	if (location)
		MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, location);
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* The request path as a name of the table: "/" is index.html, a folder
 * its index.html. NULL for a path no published file can have. */
static char *served_name(const char *url)
{
	size_t n;

	if (url[0] != '/' || strstr(url, "/../") || strstr(url, "/./") ||
	    pp_has_suffix_nocase(url, "/..") || strchr(url, '\\'))
		return NULL;
	n = strlen(url);
	if (url[n - 1] == '/')
		return pp_asprintf("%sindex.html", url + 1);
	return strdup(url + 1);
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *upload_data,
			      size_t *upload_data_size, void **state)
{
	struct server *s = cls;
	const struct served *f;
	struct MHD_Response *r = NULL;
	const char *range, *if_range;
	long long size, first = 0, last = 0;
	int ranged = 0;
	unsigned status = MHD_HTTP_OK;
	char *name, content_range[96];
	enum MHD_Result ret;
	int fd = -1;

	(void)version;
	(void)upload_data;
	(void)state;
	if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
		return send_status(c, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed\n", NULL);
	if (*upload_data_size)
		return send_status(c, MHD_HTTP_BAD_REQUEST, "a GET has no body\n", NULL);
	if (!(name = served_name(url)))
		return send_status(c, MHD_HTTP_NOT_FOUND, "not found\n", NULL);
	f = find_served(s, name);
	if (!f) {
		/* "/slug" is the folder "/slug/" with its index.html. */
		char *folder = pp_asprintf("%s/index.html", name), *to = pp_asprintf("%s/", url);
		bool is_folder = folder && to && find_served(s, folder);

		ret = is_folder ? send_status(c, MHD_HTTP_MOVED_PERMANENTLY, "moved\n", to)
				: send_status(c, MHD_HTTP_NOT_FOUND, "not found\n", NULL);
		free(folder);
		free(to);
		free(name);
		return ret;
	}
	free(name);
	if (serve_etag_matches(MHD_lookup_connection_value(c, MHD_HEADER_KIND,
							   MHD_HTTP_HEADER_IF_NONE_MATCH),
			       f->etag)) {
		status = MHD_HTTP_NOT_MODIFIED;
		r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
		goto headers;
	}
	size = (long long)f->len;
	if (f->file) {
		struct stat st;

		fd = open(f->file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
			if (fd >= 0)
				close(fd);
			return send_status(c, MHD_HTTP_NOT_FOUND, "not found\n", NULL);
		}
		size = (long long)st.st_size;
	}
	range = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_RANGE);
	if_range = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_RANGE);
	/* A range of another version of the file is no use: all of it then. */
	if (range && (!if_range || strcmp(if_range, f->etag) == 0))
		ranged = serve_parse_range(range, size, &first, &last);
	if (ranged < 0) {
		if (fd >= 0)
			close(fd);
		snprintf(content_range, sizeof(content_range), "bytes */%lld", size);
		r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
		if (!r)
			return MHD_NO;
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_RANGE, content_range);
		status = MHD_HTTP_RANGE_NOT_SATISFIABLE;
		goto headers;
	}
	if (ranged == 0) {
		first = 0;
		last = size - 1;
	} else {
		status = MHD_HTTP_PARTIAL_CONTENT;
		snprintf(content_range, sizeof(content_range), "bytes %lld-%lld/%lld", first, last,
			 size);
	}
	if (fd >= 0) /* the response closes it */
		r = MHD_create_response_from_fd_at_offset64((uint64_t)(last - first + 1), fd,
							    (uint64_t)first);
	else
		r = MHD_create_response_from_buffer((size_t)(last - first + 1),
						    (void *)(f->data + first), MHD_RESPMEM_MUST_COPY);
	if (!r) {
		if (fd >= 0)
			close(fd);
		return MHD_NO;
	}
	if (ranged > 0)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_RANGE, content_range);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, f->content_type);
headers:
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_ACCEPT_RANGES, "bytes");
	MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, f->etag);
	/* A preview: ask again each time, the ETag makes that cheap. */
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* The address to listen on, and the base URL it gives the show. */
static enum pp_result parse_bind(const char *bind, unsigned port, struct sockaddr_storage *addr,
				 bool *v6, struct diag *diag)
{
	struct sockaddr_in *in4 = (struct sockaddr_in *)addr;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)addr;

	memset(addr, 0, sizeof(*addr));
	if (inet_pton(AF_INET, bind, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t)port);
		*v6 = false;
		return PP_OK;
	}
	if (inet_pton(AF_INET6, bind, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		*v6 = true;
		return PP_OK;
	}
	diag_error(diag, "--bind", 0, "'%s' is not an IPv4 or IPv6 address", bind);
	return PP_EPARSE;
}

/* Waits for requests, a signal or a second to pass; polls the show's files
 * each second. */
static enum pp_result loop(struct server *s, struct MHD_Daemon *d, int sigfd, struct diag *diag)
{
	for (;;) {
		fd_set rs, ws, es;
		MHD_socket max = 0;
		MHD_UNSIGNED_LONG_LONG wait_ms = 1000;
		struct timeval tv;
		int n;

		FD_ZERO(&rs);
		FD_ZERO(&ws);
		FD_ZERO(&es);
		if (MHD_get_fdset(d, &rs, &ws, &es, &max) != MHD_YES)
			return PP_EINTERNAL;
		FD_SET(sigfd, &rs);
		if (sigfd > max)
			max = sigfd;
		if (MHD_get_timeout(d, &wait_ms) == MHD_YES && wait_ms > 1000)
			wait_ms = 1000;
		tv.tv_sec = (time_t)(wait_ms / 1000);
		tv.tv_usec = (suseconds_t)(wait_ms % 1000 * 1000);
		n = select(max + 1, &rs, &ws, &es, &tv);
		if (n < 0 && errno != EINTR)
			return PP_EIO;
		if (n > 0 && FD_ISSET(sigfd, &rs)) {
			struct signalfd_siginfo info;

			/* Taken, so it is not delivered once unblocked. */
			if (read(sigfd, &info, sizeof(info)) < 0)
				return PP_EIO;
			return PP_OK; /* Ctrl-C or SIGTERM */
		}
		if (n >= 0)
			MHD_run_from_select(d, &rs, &ws, &es);
		if (watch_signature(s->opt->root) != s->signature) {
			enum pp_result res = rebuild(s, diag);

			/* A show the producer is editing may fail; keep serving. */
			if (res == PP_ENOMEM || res == PP_EINTERNAL)
				return res;
		}
	}
}

enum pp_result serve_show(const struct serve_options *opt, struct diag *diag)
{
	struct server s = { .opt = opt };
	struct sockaddr_storage addr;
	struct MHD_Daemon *d = NULL;
	const union MHD_DaemonInfo *info;
	sigset_t stop, saved;
	const char *bind = opt->bind ? opt->bind : "127.0.0.1";
	bool v6 = false, masked = false;
	int sigfd = -1;
	enum pp_result res;

	build_init(&s.build);
	res = parse_bind(bind, opt->port, &addr, &v6, diag);
	if (res != PP_OK)
		goto out;
	if (!(s.real_root = realpath(opt->root, NULL))) {
		diag_error(diag, opt->root, 0, "cannot open the show's folder: %s", strerror(errno));
		res = PP_EPARSE;
		goto out;
	}
	/* The signals arrive as reads of a descriptor, in the one loop. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &stop, &saved) != 0 || (masked = true, false) ||
	    (sigfd = signalfd(-1, &stop, SFD_CLOEXEC)) < 0) {
		res = PP_EINTERNAL;
		goto out;
	}
	d = MHD_start_daemon(v6 ? MHD_USE_IPv6 : MHD_NO_FLAG,
			     (uint16_t)opt->port, NULL, NULL, answer, &s, MHD_OPTION_SOCK_ADDR,
			     (struct sockaddr *)&addr, MHD_OPTION_CONNECTION_TIMEOUT, 30U,
			     MHD_OPTION_END);
	if (!d) {
		diag_error(diag, bind, 0, "cannot listen on port %u: %s", opt->port, strerror(errno));
		res = PP_EIO;
		goto out;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	if (!info) {
		res = PP_EINTERNAL;
		goto out;
	}
	s.base_url = v6 ? pp_asprintf("http://[%s]:%u/", bind, (unsigned)info->port)
			: pp_asprintf("http://%s:%u/", bind, (unsigned)info->port);
	if (!s.base_url) {
		res = PP_ENOMEM;
		goto out;
	}
	if ((res = rebuild(&s, diag)) != PP_OK)
		goto out;
	if (opt->listening)
		opt->listening(opt->ctx, s.base_url);
	res = loop(&s, d, sigfd, diag);
out:
	if (d)
		MHD_stop_daemon(d);
	if (sigfd >= 0)
		close(sigfd);
	if (masked)
		sigprocmask(SIG_SETMASK, &saved, NULL);
	files_release(&s);
	build_release(&s.build);
	free(s.base_url);
	free(s.real_root);
	return res;
}
