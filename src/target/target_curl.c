/* target_curl.c - the libcurl handle every network driver shares. */
#include "target/target_curl.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "ident.h"
#include "interrupt.h"
#include "util.h"

/* A transfer that moves no byte for this long is cut (and retried). */
#define STALL_SECONDS_DEFAULT 30L
#define CONNECT_SECONDS 20L
/* Tries of a request that does not upload; uploads are retried by the
 * caller, each under a fresh temporary name. */
#define ATTEMPTS 4
#define BACKOFF_FIRST_MS 200L
/* libcurl's upload buffer over SFTP (its default is 64 KiB; 7.88 takes up
 * to 2 MiB): 200 MB went in 1.13 s with 64 KiB, 0.79 s with 512 KiB or
 * 2 MiB, as each buffer is one SFTP write request. Elsewhere the default
 * stays: with the test servers on tmpfs (bench, loopback, best of 5),
 * 200 MB over FTPS took 0.74-0.76 s with 64 KiB and 0.78-0.80 s with
 * 512 KiB, plain FTP 0.147 s and 0.169 s: a buffer that fits the CPU's
 * cache is still there when it is sent (and encrypted). */
#define SFTP_UPLOAD_BUFFER_BYTES (512L << 10)

/* Transfers that move together (--jobs): one curl multi drives every
 * handle attached to it, and shares its connections among them. */
struct target_pool {
	CURLM *multi;
	int jobs;     /* transfers at once it was made for */
	int poll_max; /* ms a wait polls at most: FTP_POLL_MS once an FTP handle joined */
};

/* How long a wait for an FTP transfer polls at most: libcurl 7.88 sets up
 * an FTP data connection without telling which socket it waits on (the
 * EPSV reply is read; the connect comes at the next call), and would sleep
 * out a whole poll, 1 s in curl_easy_perform, before each. Every file, the
 * lock and the manifest open one: at 10 ms a poll, 7 of the 10 ms a
 * one-file publish spent past its transfer on this machine. Waking every
 * millisecond costs the CPU nothing measurable while bytes flow (the
 * socket wakes the poll first). */
#define FTP_POLL_MS 1

struct tcurl {
	CURL *easy;
	enum tcurl_proto proto;
	struct target_pool *pool; /* NULL: requests run with curl_easy_perform */
	struct target_pool *own_pool; /* FTP's requests outside a pool run here */
	/* In a pool, the handle's own connection cache: a lane keeps its
	 * connection from file to file and never takes another lane's. An
	 * FTPS data connection must resume the TLS session of its own control
	 * connection (vsftpd's require_ssl_reuse), and the session a handle
	 * knows is the one of the connection it made. */
	CURLSH *connections;
	char errbuf[CURL_ERROR_SIZE];
	char *name;            /* for messages */
	char *ssh_key;         /* ~ expanded */
	char *known_hosts;     /* ~ expanded; NULL when a host key is pinned */
	char *host_key_sha256; /* base64, padded as libcurl wants it */
	char *password;        /* PODPUB_PASSWORD; wiped when freed */
	char *user, *host;     /* the URL's, for the words on a refused login */
	bool ssh_key_rsa;      /* ssh_key is known to be RSA (see key_is_rsa) */
	bool bucket_in_host;   /* S3 without path_style: "bucket.endpoint" */
	int host_key_match;    /* the last known_hosts verdict (CURLKHMATCH_*) */
	bool uploading;        /* the request under way sends a body */
	bool logged_in;        /* see tcurl_logged_in */
	bool host_key_seen;
	/* Per request, from tcurl_start to tcurl_finish: */
	struct tcurl_reply reply;
	struct buf *response, *lines;
	size_t response_max;
	struct curl_slist *headers, *quote;
	const struct target_source *upload_src; /* for its progress callback */
	FILE *upload_file;
	struct ident_md5 *md5; /* of what the upload read, when asked */
	const char *upload_data;
	size_t upload_len, upload_pos;
	bool started;  /* a request is under way (until tcurl_finish) */
	bool done;     /* it ended; `result` says how */
	bool in_pool;  /* its handle is in the pool's multi */
	CURLcode result;
};

static void end_request(struct tcurl *c);

/* "~/x" → "$HOME/x". Caller frees. */
static char *expand_home(const char *path)
{
	const char *home = getenv("HOME");

	if (strncmp(path, "~/", 2) == 0 && home && *home)
		return pp_path_join(home, path + 2);
	return strdup(path);
}

static bool file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* libcurl asks before it trusts a host key found in known_hosts: only an
 * exact match passes, and the verdict is kept for the message. */
static int on_host_key(CURL *easy, const struct curl_khkey *known, const struct curl_khkey *found,
		       enum curl_khmatch match, void *data)
{
	struct tcurl *c = data;

	(void)easy;
	(void)known;
	(void)found;
	c->host_key_match = (int)match;
	c->host_key_seen = true;
	return match == CURLKHMATCH_OK ? CURLKHSTAT_FINE : CURLKHSTAT_REJECT;
}

/* "SHA256:Xb3…" as ssh-keygen prints it (unpadded) → the padded base64
 * libcurl compares. */
static char *host_key_base64(const char *pin)
{
	const char *b64 = strncmp(pin, "SHA256:", 7) == 0 ? pin + 7 : pin;
	size_t n = strlen(b64);

	return pp_asprintf("%s%s", b64, n % 4 == 3 ? "=" : n % 4 == 2 ? "==" : "");
}

/* True when the first line of the file at `path` starts with `prefix`. */
static bool first_line_starts(const char *path, const char *prefix)
{
	char line[64];
	FILE *f = fopen(path, "r");
	bool starts;

	if (!f)
		return false;
	starts = fgets(line, sizeof(line), f) && strncmp(line, prefix, strlen(prefix)) == 0;
	fclose(f);
	return starts;
}

/* Whether a private key is RSA, when that can be told without reading
 * the key: from its public half beside it (ssh-keygen writes KEY.pub,
 * "ssh-rsa AAAA... comment"), or from the PEM header of an old-style
 * key (its first line begins "-----BEGIN RSA "). A new-style key alone
 * says nothing outside its encoded body. */
static bool key_is_rsa(const char *key)
{
	char *pub = pp_asprintf("%s.pub", key);
	bool rsa = pub && first_line_starts(pub, "ssh-rsa ");

	free(pub);
	return rsa || first_line_starts(key, "-----BEGIN RSA ");
}

static enum pp_result setup_ssh(struct tcurl *c, const struct config_target *s,
				struct diag *diag, const char *where, int line)
{
	static const char *const default_keys[] = { "~/.ssh/id_ed25519", "~/.ssh/id_ecdsa" };
	const char *passphrase = getenv("PODPUB_SSH_PASSPHRASE");
	long auth = CURLSSH_AUTH_PUBLICKEY;

	if (s->ssh_key) {
		if (!(c->ssh_key = expand_home(s->ssh_key)))
			return PP_ENOMEM;
		if (!file_exists(c->ssh_key)) {
			diag_error(diag, where, line, "%s: ssh_key '%s' is not a file", c->name,
				   s->ssh_key);
			return PP_EPARSE;
		}
	} else {
		for (size_t i = 0; i < COUNT(default_keys) && !c->ssh_key; i++) {
			char *k = expand_home(default_keys[i]);

			if (!k)
				return PP_ENOMEM;
			if (file_exists(k))
				c->ssh_key = k;
			else
				free(k);
		}
	}
	if (c->ssh_key) {
		curl_easy_setopt(c->easy, CURLOPT_SSH_PRIVATE_KEYFILE, c->ssh_key);
		c->ssh_key_rsa = key_is_rsa(c->ssh_key);
	}
	if (passphrase)
		curl_easy_setopt(c->easy, CURLOPT_KEYPASSWD, passphrase);
	if (c->password)
		auth |= CURLSSH_AUTH_PASSWORD;
	if (!c->ssh_key && !c->password) {
		diag_error(diag, where, line,
			   "%s: no SSH key: set ssh_key (ed25519 or ecdsa), or PODPUB_PASSWORD",
			   c->name);
		return PP_EPARSE;
	}
	curl_easy_setopt(c->easy, CURLOPT_SSH_AUTH_TYPES, auth);

	/* libcurl accepts ANY host key unless told otherwise: always tell it. */
	if (s->host_key) {
		if (!(c->host_key_sha256 = host_key_base64(s->host_key)))
			return PP_ENOMEM;
		curl_easy_setopt(c->easy, CURLOPT_SSH_HOST_PUBLIC_KEY_SHA256, c->host_key_sha256);
		return PP_OK;
	}
	if (!(c->known_hosts = expand_home(s->known_hosts ? s->known_hosts : "~/.ssh/known_hosts")))
		return PP_ENOMEM;
	if (!file_exists(c->known_hosts)) {
		diag_error(diag, where, line,
			   "%s: no known_hosts file '%s' to check the server's key against: pin it "
			   "with host_key (ssh-keygen -lf on the server's key), or add the host to it",
			   c->name, c->known_hosts);
		return PP_EPARSE;
	}
	curl_easy_setopt(c->easy, CURLOPT_SSH_KNOWNHOSTS, c->known_hosts);
	curl_easy_setopt(c->easy, CURLOPT_SSH_KEYFUNCTION, on_host_key);
	curl_easy_setopt(c->easy, CURLOPT_SSH_KEYDATA, c);
	return PP_OK;
}

/* The user and host of `url`, kept for the words on a refused login. */
static enum pp_result url_login(struct tcurl *c, const char *url)
{
	struct tcurl_url_parts parts;
	enum pp_result res = tcurl_parse_url(url, &parts);

	if (res == PP_EPARSE)
		return PP_OK; /* the driver names a URL it cannot use */
	if (res != PP_OK)
		return res;
	c->user = parts.user, parts.user = NULL;
	c->host = parts.host, parts.host = NULL;
	tcurl_url_parts_release(&parts);
	return PP_OK;
}

enum pp_result tcurl_open(const struct config_target *s, enum tcurl_proto proto,
			  struct tcurl **out, struct diag *diag)
{
	static const char *const protocols[] = {
		[TCURL_SFTP] = "sftp", [TCURL_FTP] = "ftp", [TCURL_FTPS] = "ftp",
		[TCURL_HTTP] = "http,https", [TCURL_S3] = "http,https",
	};
	const char *where = s->line ? "podcast.yaml" : "--target";
	const char *password = getenv("PODPUB_PASSWORD");
	const char *stall = getenv("PODPUB_STALL_SECONDS");
	struct tcurl *c = calloc(1, sizeof(*c));
	enum pp_result res = PP_ENOMEM;
	long stall_seconds = STALL_SECONDS_DEFAULT;

	*out = NULL;
	if (!c)
		return PP_ENOMEM;
	c->proto = proto;
	c->bucket_in_host = proto == TCURL_S3 && !s->path_style;
	c->easy = curl_easy_init();
	if (!c->easy)
		goto fail;
	c->name = s->name ? pp_asprintf("target '%s'", s->name) : strdup(s->url);
	if (!c->name || (password && *password && !(c->password = strdup(password))))
		goto fail;
	if ((res = url_login(c, s->url)) != PP_OK)
		goto fail;
	res = PP_ENOMEM;
	/* The handle's connections live in a cache of its own, whichever way
	 * its requests run (alone, or in a pool once --jobs attaches it), so
	 * the connection it logged in with carries over into the pool. */
	if (!(c->connections = curl_share_init()))
		goto fail;
	curl_share_setopt(c->connections, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
	curl_easy_setopt(c->easy, CURLOPT_SHARE, c->connections);
	curl_easy_setopt(c->easy, CURLOPT_ERRORBUFFER, c->errbuf);
	curl_easy_setopt(c->easy, CURLOPT_PRIVATE, (char *)c);
	curl_easy_setopt(c->easy, CURLOPT_PROTOCOLS_STR, protocols[proto]);
	curl_easy_setopt(c->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c->easy, CURLOPT_CONNECTTIMEOUT, CONNECT_SECONDS);
	if (stall && strtol(stall, NULL, 10) > 0)
		stall_seconds = strtol(stall, NULL, 10);
	curl_easy_setopt(c->easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c->easy, CURLOPT_LOW_SPEED_TIME, stall_seconds);
	curl_easy_setopt(c->easy, CURLOPT_USERAGENT, "podpub");
	if (proto == TCURL_SFTP)
		curl_easy_setopt(c->easy, CURLOPT_UPLOAD_BUFFERSIZE, SFTP_UPLOAD_BUFFER_BYTES);
	/* Verification stays on; a ca_file adds a CA to the system's. */
	curl_easy_setopt(c->easy, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c->easy, CURLOPT_SSL_VERIFYHOST, 2L);
	if (s->ca_file) {
		char *ca = expand_home(s->ca_file);

		if (!ca)
			goto fail;
		if (!file_exists(ca)) {
			diag_error(diag, where, s->line, "%s: ca_file '%s' is not a file", c->name,
				   s->ca_file);
			free(ca);
			res = PP_EPARSE;
			goto fail;
		}
		curl_easy_setopt(c->easy, CURLOPT_CAINFO, ca);
		curl_easy_setopt(c->easy, CURLOPT_CAPATH, "/etc/ssl/certs");
		free(ca); /* libcurl keeps its own copy of string options */
	}
	if (proto != TCURL_S3) {
		curl_easy_setopt(c->easy, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
		if (c->password)
			curl_easy_setopt(c->easy, CURLOPT_PASSWORD, c->password);
	}
	if (proto == TCURL_HTTP)
		curl_easy_setopt(c->easy, CURLOPT_HTTPAUTH, (long)CURLAUTH_ANY);
	if (proto == TCURL_FTPS) {
		curl_easy_setopt(c->easy, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
		/* libcurl 7.88.1 truncates FTPS uploads over TLS 1.3 against
		 * vsftpd (shared/NOTES.md): TLS 1.2 it is. */
		curl_easy_setopt(c->easy, CURLOPT_SSLVERSION,
				 (long)(CURL_SSLVERSION_TLSv1_2 | CURL_SSLVERSION_MAX_TLSv1_2));
	}
	if (proto == TCURL_SFTP && (res = setup_ssh(c, s, diag, where, s->line)) != PP_OK)
		goto fail;
	*out = c;
	return PP_OK;
fail:
	tcurl_free(&c);
	return res;
}

void tcurl_free(struct tcurl **cp)
{
	struct tcurl *c = *cp;

	if (!c)
		return;
	if (c->in_pool)
		curl_multi_remove_handle(c->pool->multi, c->easy);
	if (c->started)
		end_request(c);
	if (c->easy)
		curl_easy_cleanup(c->easy);
	/* After the handle: it closes the connections it holds. */
	if (c->connections)
		curl_share_cleanup(c->connections);
	target_pool_free(&c->own_pool);
	if (c->password) {
		memset(c->password, 0, strlen(c->password));
		free(c->password);
	}
	free(c->name);
	free(c->user);
	free(c->host);
	free(c->ssh_key);
	free(c->known_hosts);
	free(c->host_key_sha256);
	free(c);
	*cp = NULL;
}

static size_t on_body(char *data, size_t size, size_t n, void *userdata)
{
	struct tcurl *c = userdata;

	if (!c->response)
		return size * n;
	if (c->response_max && size * n > c->response_max - c->response->len)
		return 0; /* longer than the caller will read: stop */
	return buf_add(c->response, data, size * n) == PP_OK ? size * n : 0;
}

static size_t on_upload(char *dest, size_t size, size_t n, void *userdata)
{
	struct tcurl *c = userdata;
	size_t room = size * n;

	/* Never past the length told (a part ends inside its file). */
	if (room > c->upload_len - c->upload_pos)
		room = c->upload_len - c->upload_pos;
	if (c->upload_file) {
		size_t got = fread(dest, 1, room, c->upload_file);

		if (ferror(c->upload_file))
			return CURL_READFUNC_ABORT;
		room = got;
	} else {
		memcpy(dest, c->upload_data + c->upload_pos, room);
	}
	c->upload_pos += room;
	ident_md5_add(c->md5, dest, room);
	return room;
}

/* Keeps the status line (HTTP) or the last response (FTP) and the ETag. */
static size_t on_header(char *data, size_t size, size_t n, void *userdata)
{
	struct tcurl *c = userdata;
	size_t len = size * n, keep = len;

	if (c->lines) {
		/* More than the caller reads, or no memory: stop. */
		if (c->response_max && len > c->response_max - c->lines->len)
			return 0;
		if (buf_add(c->lines, data, len) != PP_OK)
			return 0;
	}
	while (keep > 0 && (data[keep - 1] == '\n' || data[keep - 1] == '\r'))
		keep--;
	if (keep == 0)
		return len;
	/* An interim "HTTP/1.1 100 Continue" is no answer: a failure after it
	 * is told in libcurl's words. */
	if (strncmp(data, "HTTP/", 5) == 0 && memchr(data, ' ', keep) &&
	    ((const char *)memchr(data, ' ', keep))[1] == '1')
		return len;
	if ((c->proto != TCURL_HTTP && c->proto != TCURL_S3) || strncmp(data, "HTTP/", 5) == 0)
		snprintf(c->reply.words, sizeof(c->reply.words), "%.*s", (int)keep, data);
	if (keep > 5 && strncasecmp(data, "etag:", 5) == 0) {
		const char *v = data + 5;

		while (*v == ' ')
			v++;
		snprintf(c->reply.etag, sizeof(c->reply.etag), "%.*s", (int)(keep - (size_t)(v - data)),
			 v);
	}
	return len;
}

/* Ctrl-C stops an upload at once (the caller removes its temporary file);
 * the short requests that clean up still run. An upload's bytes so far go
 * to its source's progress callback, for the display. */
static int on_progress(void *data, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
		       curl_off_t ulnow)
{
	const struct tcurl *c = data;

	(void)dltotal;
	(void)dlnow;
	(void)ultotal;
	if (c->uploading && c->upload_src && c->upload_src->progress)
		c->upload_src->progress(c->upload_src->progress_ctx, (int64_t)ulnow);
	return c->uploading && interrupted();
}

static bool transient(const struct tcurl *c, const struct tcurl_reply *r)
{
	switch (r->code) {
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_FAILED_INIT: /* a reset during the SSH handshake (NOTES) */
		return true;
	case CURLE_OK:
		return (c->proto == TCURL_HTTP || c->proto == TCURL_S3) && r->status >= 500;
	default:
		return (c->proto == TCURL_FTP || c->proto == TCURL_FTPS) &&
		       (r->status == 421 || r->status == 426);
	}
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* What one request leaves on the handle goes, so the next starts clean. */
static void end_request(struct tcurl *c)
{
	if (c->upload_file)
		fclose(c->upload_file);
	c->upload_file = NULL;
	ident_md5_free(&c->md5);
	c->upload_src = NULL;
	curl_easy_setopt(c->easy, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(c->easy, CURLOPT_QUOTE, NULL);
	/* The POST body was the caller's: no pointer to it stays behind. */
	curl_easy_setopt(c->easy, CURLOPT_POSTFIELDS, NULL);
	curl_easy_setopt(c->easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)-1);
	curl_slist_free_all(c->headers);
	curl_slist_free_all(c->quote);
	c->headers = c->quote = NULL;
	c->response = c->lines = NULL;
	c->started = c->done = c->in_pool = false;
}

/* Appends the NULL-terminated `items` (NULL: none) to *list. */
static enum pp_result append_all(struct curl_slist **list, const char *const *items)
{
	for (const char *const *i = items; i && *i; i++) {
		struct curl_slist *grown = curl_slist_append(*list, *i);

		if (!grown)
			return PP_ENOMEM;
		*list = grown;
	}
	return PP_OK;
}

/* Sets the handle up for `r`; *ready false (with PP_OK) when the request
 * ended before it began (an unreadable file: reply.code says so). */
static enum pp_result begin_request(struct tcurl *c, const struct tcurl_request *r, bool *ready)
{
	CURL *e = c->easy;

	*ready = false;
	c->upload_pos = 0; /* tcurl_sent_any: none of this request's body yet */
	memset(&c->reply, 0, sizeof(c->reply));
	c->reply.length = -1;
	c->response = r->response;
	c->response_max = r->response_max;
	c->lines = r->lines;
	if (r->lines)
		r->lines->len = 0;
	if (r->response)
		r->response->len = 0;
	if (append_all(&c->headers, r->headers) != PP_OK || append_all(&c->quote, r->quote) != PP_OK)
		return PP_ENOMEM;
	curl_easy_setopt(e, CURLOPT_URL, r->url);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, c->headers);
	curl_easy_setopt(e, CURLOPT_QUOTE, c->quote);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, c);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, c);
	curl_easy_setopt(e, CURLOPT_FTP_CREATE_MISSING_DIRS,
			 r->create_dirs ? (long)CURLFTP_CREATE_DIR_RETRY : (long)CURLFTP_CREATE_DIR_NONE);
	curl_easy_setopt(e, CURLOPT_AWS_SIGV4, r->aws_sigv4);
	if (r->user_password)
		curl_easy_setopt(e, CURLOPT_USERPWD, r->user_password);
	curl_easy_setopt(e, CURLOPT_UPLOAD, r->body ? 1L : 0L);
	curl_easy_setopt(e, CURLOPT_NOBODY, r->no_body ? 1L : 0L);
	curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r->method && strcmp(r->method, "HEAD") ? r->method : NULL);
	if (r->method && !strcmp(r->method, "HEAD"))
		curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
	if (!r->body && !r->no_body && !(r->method && !strcmp(r->method, "HEAD")))
		curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
	if (r->post) {
		/* A POST with a body in memory (S3's multipart requests). */
		curl_easy_setopt(e, CURLOPT_POST, 1L);
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, r->post);
		curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)r->post_len);
	}
	c->upload_file = NULL;
	c->upload_src = r->body;
	if (r->body) {
		c->upload_data = r->body->data;
		c->upload_len = r->body->len;
		if (r->body->path) {
			struct stat st;

			c->upload_file = fopen(r->body->path, "rb");
			if (!c->upload_file || fstat(fileno(c->upload_file), &st) != 0) {
				snprintf(c->reply.words, sizeof(c->reply.words), "cannot read '%s': %s",
					 r->body->path, strerror(errno));
				c->reply.code = CURLE_READ_ERROR;
				return PP_OK;
			}
			c->upload_len = (size_t)st.st_size;
			/* A part of the file (S3 multipart): from its offset, so long. */
			if (r->body->part_length > 0) {
				if (fseeko(c->upload_file, (off_t)r->body->part_offset, SEEK_SET) != 0) {
					snprintf(c->reply.words, sizeof(c->reply.words),
						 "cannot read '%s': %s", r->body->path, strerror(errno));
					c->reply.code = CURLE_READ_ERROR;
					return PP_OK;
				}
				c->upload_len = (size_t)r->body->part_length;
			}
		}
		if (r->md5 && ident_md5_begin(&c->md5) != PP_OK)
			return PP_ENOMEM;
		curl_easy_setopt(e, CURLOPT_READFUNCTION, on_upload);
		curl_easy_setopt(e, CURLOPT_READDATA, c);
		curl_easy_setopt(e, CURLOPT_INFILESIZE_LARGE, (curl_off_t)c->upload_len);
	}
	c->errbuf[0] = '\0';
	c->host_key_seen = false;
	c->uploading = r->body != NULL;
	curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(e, CURLOPT_XFERINFODATA, c);
	curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
	*ready = true;
	return PP_OK;
}

/* curl_easy_perform in a multi handle of the tcurl's own (kept, with its
 * connections, from request to request), waited on in short polls. */
static CURLcode perform_alone(struct tcurl *c)
{
	if (!c->own_pool && target_pool_new(1, &c->own_pool) != PP_OK)
		return CURLE_OUT_OF_MEMORY;
	if (curl_multi_add_handle(c->own_pool->multi, c->easy) != CURLM_OK)
		return CURLE_OUT_OF_MEMORY;
	c->done = false;
	while (!c->done) {
		if (target_pool_wait(c->own_pool, FTP_POLL_MS) != PP_OK) {
			curl_multi_remove_handle(c->own_pool->multi, c->easy);
			return CURLE_RECV_ERROR;
		}
	}
	return c->result;
}

enum pp_result tcurl_start(struct tcurl *c, const struct tcurl_request *r)
{
	enum pp_result res;
	bool ready = false;

	c->started = true;
	c->done = false;
	res = begin_request(c, r, &ready);
	if (res != PP_OK || !ready) {
		c->done = true;
		c->result = (CURLcode)c->reply.code;
		return res;
	}
	if (!c->pool) {
		c->result = c->proto == TCURL_FTP || c->proto == TCURL_FTPS ? perform_alone(c)
									     : curl_easy_perform(c->easy);
		c->done = true;
		return PP_OK;
	}
	if (curl_multi_add_handle(c->pool->multi, c->easy) != CURLM_OK) {
		c->done = true;
		return PP_ENOMEM;
	}
	c->in_pool = true;
	return PP_OK;
}

enum pp_result tcurl_start_or_end(struct tcurl *c, const struct tcurl_request *r)
{
	enum pp_result res = tcurl_start(c, r);
	struct tcurl_reply unread;

	if (res != PP_OK) {
		/* Only to end the request: the start's failure is the one told. */
		enum pp_result ended = tcurl_finish(c, &unread);

		(void)ended;
	}
	return res;
}

bool tcurl_busy(const struct tcurl *c)
{
	return c->started && !c->done;
}

/* Moves every transfer of the pool on, waiting up to `ms` for one. */
enum pp_result target_pool_wait(struct target_pool *p, int ms)
{
	CURLMsg *msg;
	int running = 0, left = 0;
	bool ended = false;

	if (!p)
		return PP_OK;
	for (int round = 0; round < 2 && !ended; round++) {
		if (round == 1 && curl_multi_poll(p->multi, NULL, 0, ms < p->poll_max ? ms : p->poll_max,
						  NULL) != CURLM_OK)
			return PP_ETARGET;
		if (curl_multi_perform(p->multi, &running) != CURLM_OK)
			return PP_ETARGET;
		while ((msg = curl_multi_info_read(p->multi, &left))) {
			struct tcurl *c = NULL;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&c);
			if (!c)
				continue;
			c->result = msg->data.result;
			c->done = true;
			c->in_pool = false;
			curl_multi_remove_handle(p->multi, msg->easy_handle);
			ended = true;
		}
	}
	return PP_OK;
}

enum pp_result tcurl_wait(struct tcurl *c)
{
	int ms = c->proto == TCURL_FTP || c->proto == TCURL_FTPS ? FTP_POLL_MS : 1000;
	enum pp_result res = PP_OK;

	while (res == PP_OK && tcurl_busy(c))
		res = target_pool_wait(c->pool, ms);
	return res;
}

enum pp_result tcurl_finish_upload(struct tcurl *c, char **remote, struct diag *diag)
{
	struct tcurl_reply reply;
	enum pp_result res = tcurl_finish(c, &reply);

	if (res == PP_OK && !tcurl_ok(c, &reply))
		res = PP_ETARGET;
	if (res == PP_ETARGET)
		tcurl_fail(c, *remote ? *remote : "?", "upload", &reply, diag);
	free(*remote);
	*remote = NULL;
	return res;
}

/* An FTP reply that refuses: a 4xx or 5xx code, then words. */
static bool ftp_refusal(const char *line)
{
	return (line[0] == '4' || line[0] == '5') && isdigit((unsigned char)line[1]) &&
	       isdigit((unsigned char)line[2]) && line[3] == ' ';
}

enum pp_result tcurl_finish(struct tcurl *c, struct tcurl_reply *reply)
{
	enum pp_result res;
	curl_off_t length = -1;
	long connects = 0;

	/* Nothing started (its set-up failed first): no stale reply. */
	if (!c->started) {
		memset(reply, 0, sizeof(*reply));
		reply->code = CURLE_FAILED_INIT;
		reply->length = -1;
		return PP_OK;
	}
	res = tcurl_wait(c);

	if (c->in_pool)
		curl_multi_remove_handle(c->pool->multi, c->easy);
	if (c->reply.code == 0)
		c->reply.code = (int)c->result;
	if (c->reply.code != CURLE_READ_ERROR || !c->reply.words[0]) {
		curl_easy_getinfo(c->easy, CURLINFO_RESPONSE_CODE, &c->reply.status);
		if (c->reply.status >= 200 && c->reply.status != 401 && c->reply.status != 407)
			c->logged_in = true;
		if (curl_easy_getinfo(c->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) == CURLE_OK)
			c->reply.length = length;
		if (curl_easy_getinfo(c->easy, CURLINFO_NUM_CONNECTS, &connects) == CURLE_OK)
			c->reply.connected = connects > 0;
		if (c->reply.code != CURLE_OK) {
			const char *why = c->errbuf[0] ? c->errbuf : curl_easy_strerror(c->reply.code);

			bool ftp = c->proto == TCURL_FTP || c->proto == TCURL_FTPS;
			/* A refused FTP command: the server's reply says why
			 * ("553 Could not create file.", "530 Login incorrect."),
			 * libcurl's words only which ("Failed FTP upload: 553"). */
			bool server_says = ftp && ftp_refusal(c->reply.words);

			if (!server_says && (ftp || !c->reply.words[0] ||
					     c->reply.code < CURLE_HTTP_RETURNED_ERROR))
				snprintf(c->reply.words, sizeof(c->reply.words), "%s", why);
		}
	}
	/* The MD5 only of an upload that read its whole length. */
	if (c->md5 && c->upload_pos == c->upload_len)
		ident_md5_end(&c->md5, c->reply.md5);
	*reply = c->reply;
	end_request(c);
	if (res == PP_OK && reply->code == CURLE_ABORTED_BY_CALLBACK)
		res = PP_EINTR;
	return res;
}

static enum pp_result perform_once(struct tcurl *c, const struct tcurl_request *r,
				   struct tcurl_reply *reply)
{
	enum pp_result res = tcurl_start(c, r);
	enum pp_result finished = tcurl_finish(c, reply);

	if (res != PP_OK)
		return res;
	return finished == PP_EINTR ? PP_OK : finished;
}

/* A pause between tries; transfers of the pool keep moving meanwhile. */
static void pause_ms(struct tcurl *c, long ms)
{
	struct timespec now, until;

	if (!c->pool) {
		sleep_ms(ms);
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (ms % 1000) * 1000000L;
	for (;;) {
		long left;

		clock_gettime(CLOCK_MONOTONIC, &now);
		left = (until.tv_sec - now.tv_sec) * 1000L + (until.tv_nsec - now.tv_nsec) / 1000000L;
		if (left <= 0 || target_pool_wait(c->pool, (int)left) != PP_OK)
			return;
	}
}

enum pp_result tcurl_perform(struct tcurl *c, const struct tcurl_request *r,
			     struct tcurl_reply *reply)
{
	long delay = BACKOFF_FIRST_MS;
	enum pp_result res = PP_OK;

	for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
		if ((res = perform_once(c, r, reply)) != PP_OK)
			return res;
		if (reply->code == CURLE_ABORTED_BY_CALLBACK)
			return PP_EINTR;
		if (r->body || !transient(c, reply) || attempt == ATTEMPTS)
			break;
		pause_ms(c, delay);
		delay *= 2;
	}
	if (reply->code == CURLE_OK || tcurl_not_found(c, reply))
		return PP_OK;
	return transient(c, reply) ? PP_ETARGET : PP_OK;
}

enum pp_result target_pool_new(int jobs, struct target_pool **out)
{
	struct target_pool *p = calloc(1, sizeof(*p));

	*out = NULL;
	if (!p || !(p->multi = curl_multi_init())) {
		target_pool_free(&p);
		return PP_ENOMEM;
	}
	p->jobs = jobs < 1 ? 1 : jobs;
	p->poll_max = INT_MAX;
	/* Room for every lane's connection and the parts of an S3 upload, so
	 * none is closed between two files. */
	curl_multi_setopt(p->multi, CURLMOPT_MAXCONNECTS, (long)(jobs * 2 + 4));
	*out = p;
	return PP_OK;
}

void target_pool_free(struct target_pool **pp)
{
	if (!*pp)
		return;
	if ((*pp)->multi)
		curl_multi_cleanup((*pp)->multi);
	free(*pp);
	*pp = NULL;
}

void tcurl_attach(struct tcurl *c, struct target_pool *pool)
{
	c->pool = pool;
	if (pool && (c->proto == TCURL_FTP || c->proto == TCURL_FTPS))
		pool->poll_max = FTP_POLL_MS;
}

int target_pool_jobs(const struct target_pool *p)
{
	return p ? p->jobs : 1;
}

struct target_pool *tcurl_pool(const struct tcurl *c)
{
	return c->pool;
}

bool tcurl_not_found(const struct tcurl *c, const struct tcurl_reply *reply)
{
	switch (c->proto) {
	case TCURL_HTTP:
	case TCURL_S3:
		return reply->code == CURLE_OK && reply->status == 404;
	case TCURL_SFTP:
		return reply->code == CURLE_REMOTE_FILE_NOT_FOUND;
	default:
		/* A folder that is not there yet (CWD answered 550) holds no file
		 * either; a folder we may not enter fails again at upload. */
		return reply->code == CURLE_REMOTE_FILE_NOT_FOUND ||
		       ((reply->code == CURLE_FTP_COULDNT_RETR_FILE ||
			 reply->code == CURLE_REMOTE_ACCESS_DENIED) &&
			reply->status == 550);
	}
}

bool tcurl_logged_in(const struct tcurl *c)
{
	return c->logged_in;
}

bool tcurl_ok(const struct tcurl *c, const struct tcurl_reply *reply)
{
	if (reply->code != CURLE_OK)
		return false;
	if (c->proto == TCURL_HTTP || c->proto == TCURL_S3)
		return reply->status >= 200 && reply->status < 300;
	return true;
}

/* S3's codes for keys it does not take (AccessDenied is a key it knows,
 * without the right: a permission, not a login). */
static const char *const refused_key_codes[] = {
	"InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken",
};

/* The host said no to who podpub is, not to what it asked. */
static bool login_refused(const struct tcurl *c, const struct tcurl_reply *reply)
{
	switch (c->proto) {
	case TCURL_HTTP:
		return reply->code == CURLE_OK && reply->status == 401;
	case TCURL_S3:
		if (reply->code != CURLE_OK || reply->status != 403)
			return false;
		for (size_t i = 0; i < COUNT(refused_key_codes); i++)
			if (strstr(reply->words, refused_key_codes[i]))
				return true;
		return false;
	default:
		return reply->code == CURLE_LOGIN_DENIED;
	}
}

/* A certificate TLS could not trust: over FTPS, WebDAV and S3, where
 * verification is always on (SFTP's host keys have words of their own). */
static bool certificate_refused(const struct tcurl *c, const struct tcurl_reply *reply)
{
	return c->proto != TCURL_SFTP && reply->code == CURLE_PEER_FAILED_VERIFICATION;
}

/* A failure of the host as a whole, in words that send the producer to
 * the remedy: for a refused login, where the credentials came from
 * (never the credentials). Caller frees. */
static char *host_failure_words(const struct tcurl *c, const struct tcurl_reply *reply)
{
	const char *words = reply->words[0] ? reply->words : curl_easy_strerror(reply->code);
	const char *user = c->user ? c->user : "anonymous";
	const char *host = c->host ? c->host : "?";

	if (certificate_refused(c, reply))
		return pp_asprintf("the host's certificate is not trusted (%s): TLS is always "
				   "verified; a host whose certificate comes from a private CA needs "
				   "that CA's certificate as ca_file in the target",
				   words);
	if (c->proto == TCURL_S3)
		return pp_asprintf("the service refused the keys (%s): check AWS_ACCESS_KEY_ID and "
				   "AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN with temporary keys), "
				   "or the keys of the profile in ~/.aws/credentials",
				   words);
	if (c->proto == TCURL_SFTP && c->ssh_key && c->ssh_key_rsa)
		return pp_asprintf("the host refused the login of '%s' with the key '%s' (%s): it "
				   "is an RSA key, and Debian's libssh2 cannot sign with RSA keys "
				   "against current OpenSSH: make an ed25519 key (ssh-keygen -t "
				   "ed25519) and add its public half to the server's "
				   "~/.ssh/authorized_keys",
				   user, c->ssh_key, words);
	if (c->proto == TCURL_SFTP && c->ssh_key)
		return pp_asprintf("the host refused the login of '%s' with the key '%s' (%s): is "
				   "its public half in the server's ~/.ssh/authorized_keys for that "
				   "user? An RSA key? Debian's libssh2 cannot sign with RSA keys "
				   "against current OpenSSH: use an ed25519 or ecdsa key",
				   user, c->ssh_key, words);
	if (c->password)
		return pp_asprintf("the host refused the login of '%s' (%s): check the password in "
				   "PODPUB_PASSWORD",
				   user, words);
	return pp_asprintf("the host refused the login of '%s' (%s): no PODPUB_PASSWORD is set, "
			   "and ~/.netrc has no password for %s, or a wrong one: set "
			   "PODPUB_PASSWORD, or add 'machine %s login %s password ...' to ~/.netrc",
			   user, words, host, host, user);
}

/* A failure of the host fails every request after it alike: told once,
 * without a file. */
static void fail_host(const struct tcurl *c, const struct tcurl_reply *reply, struct diag *diag)
{
	char *words = host_failure_words(c, reply);

	if (!words) {
		diag->out_of_memory = true;
		return;
	}
	if (!diag_has(diag, DIAG_ERROR, c->name, words))
		diag_error(diag, c->name, 0, "%s", words);
	free(words);
}

void tcurl_fail(const struct tcurl *c, const char *remote, const char *action,
		const struct tcurl_reply *reply, struct diag *diag)
{
	const char *hint = "";

	if (login_refused(c, reply) || certificate_refused(c, reply)) {
		fail_host(c, reply, diag);
		return;
	}
	if (c->proto == TCURL_SFTP && c->host_key_seen && c->host_key_match == CURLKHMATCH_MISMATCH)
		hint = ": the server's host key has CHANGED since it was recorded in known_hosts; "
		       "publish nothing until you know why";
	else if (c->proto == TCURL_SFTP && c->host_key_seen && c->host_key_match == CURLKHMATCH_MISSING)
		hint = ": the server's host key is not in known_hosts: check its fingerprint and "
		       "add it, or pin it with host_key";
	else if (c->proto == TCURL_SFTP && reply->code == CURLE_PEER_FAILED_VERIFICATION)
		hint = ": the server's host key does not match host_key";
	/* Virtual-host buckets need a name server that knows them; MinIO and
	 * most self-hosted services serve buckets by path. */
	else if (c->bucket_in_host && reply->code == CURLE_COULDNT_RESOLVE_HOST)
		hint = " (an endpoint that serves buckets in the path, as MinIO and an address "
		       "like 127.0.0.1 do, wants path_style: true)";
	/* A web server answers a folder's name without its '/' so (nginx,
	 * Apache): a folder stands where the file goes. */
	else if (c->proto == TCURL_HTTP && reply->code == CURLE_OK &&
		 (reply->status == 301 || reply->status == 308))
		hint = " (a folder of that name on the target?)";
	if (reply->code == CURLE_OK && reply->status)
		diag_error(diag, c->name, 0, "%s: cannot %s: %s%s", remote, action,
			   reply->words[0] ? reply->words : "the server refused", hint);
	else
		diag_error(diag, c->name, 0, "%s: cannot %s: %s%s", remote, action,
			   reply->words[0] ? reply->words : curl_easy_strerror(reply->code), hint);
}

bool tcurl_sent_any(const struct tcurl *c)
{
	return c->upload_pos > 0;
}

char *tcurl_escape(struct tcurl *c, const char *s)
{
	char *escaped = curl_easy_escape(c->easy, s, 0);
	char *copy = escaped ? strdup(escaped) : NULL;

	curl_free(escaped);
	return copy;
}

char *tcurl_url(struct tcurl *c, const char *base, const char *remote)
{
	struct buf url;
	const char *p = remote;

	buf_init(&url);
	if (buf_puts(&url, base) != PP_OK)
		goto fail;
	while (*p) {
		size_t n = strcspn(p, "/");
		char *segment = curl_easy_escape(c->easy, p, (int)n);
		enum pp_result res;

		if (!segment)
			goto fail;
		res = buf_puts(&url, segment);
		curl_free(segment);
		if (res != PP_OK || (p[n] == '/' && buf_puts(&url, "/") != PP_OK))
			goto fail;
		p += n + (p[n] == '/');
	}
	return buf_detach(&url, NULL);
fail:
	buf_release(&url);
	return NULL;
}

const char *tcurl_name(const struct tcurl *c)
{
	return c->name;
}

enum pp_result tcurl_parse_url(const char *url, struct tcurl_url_parts *out)
{
	static const CURLUPart parts[] = { CURLUPART_SCHEME, CURLUPART_USER, CURLUPART_HOST,
					   CURLUPART_PORT, CURLUPART_PATH };
	char **slots[] = { &out->scheme, &out->user, &out->host, &out->port, &out->path };
	CURLU *u = curl_url();
	enum pp_result res = PP_OK;

	memset(out, 0, sizeof(*out));
	if (!u)
		return PP_ENOMEM;
	/* Any scheme: s3:// is podpub's, not libcurl's. */
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
		curl_url_cleanup(u);
		return PP_EPARSE;
	}
	for (size_t i = 0; i < COUNT(parts) && res == PP_OK; i++) {
		char *value = NULL;
		CURLUcode rc = curl_url_get(u, parts[i], &value, CURLU_URLDECODE);

		if (rc == CURLUE_OUT_OF_MEMORY)
			res = PP_ENOMEM;
		else if (rc == CURLUE_OK && !(*slots[i] = strdup(value)))
			res = PP_ENOMEM;
		curl_free(value);
	}
	curl_url_cleanup(u);
	if (res != PP_OK)
		tcurl_url_parts_release(out);
	return res;
}

void tcurl_url_parts_release(struct tcurl_url_parts *p)
{
	free(p->scheme);
	free(p->user);
	free(p->host);
	free(p->port);
	free(p->path);
	memset(p, 0, sizeof(*p));
}

const char *tcurl_entry_path(const struct tcurl *c)
{
	char *path = NULL;

	if (curl_easy_getinfo(c->easy, CURLINFO_FTP_ENTRY_PATH, &path) != CURLE_OK)
		return NULL;
	return path;
}

char *tcurl_url_without_user(const char *url)
{
	CURLU *u = curl_url();
	char *out = NULL, *copy = NULL;

	if (u && curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_USER, NULL, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_PASSWORD, NULL, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &out, 0) == CURLUE_OK)
		copy = strdup(out);
	curl_free(out);
	curl_url_cleanup(u);
	return copy;
}

/* One request on `remote` below `base`. */
static enum pp_result perform_at(struct tcurl *c, const char *base, const char *remote,
				 struct tcurl_request *r, struct tcurl_reply *reply)
{
	char *url = tcurl_url(c, base, remote);
	enum pp_result res;

	if (!url)
		return PP_ENOMEM;
	r->url = url;
	res = tcurl_perform(c, r, reply);
	r->url = NULL;
	free(url);
	return res;
}

enum pp_result tcurl_read_file(struct tcurl *c, const char *base, const char *remote,
			       char **data, size_t *len, struct diag *diag)
{
	struct buf body;
	struct tcurl_request r = { .response = &body };
	struct tcurl_reply reply;
	enum pp_result res;

	*data = NULL;
	*len = 0;
	buf_init(&body);
	res = perform_at(c, base, remote, &r, &reply);
	if (res == PP_OK && tcurl_not_found(c, &reply)) {
		buf_release(&body);
		return PP_OK;
	}
	if (res == PP_OK && !tcurl_ok(c, &reply))
		res = PP_ETARGET;
	if (res == PP_ETARGET)
		tcurl_fail(c, remote, "read", &reply, diag);
	if (res == PP_OK && !(*data = buf_detach(&body, len)))
		res = PP_ENOMEM;
	buf_release(&body);
	return res;
}

/* What a size query's reply says of `remote`. */
static enum pp_result size_of(struct tcurl *c, const char *remote, enum pp_result res,
			      const struct tcurl_reply *reply, bool *exists, int64_t *size,
			      struct diag *diag)
{
	*exists = false;
	*size = 0;
	if (res == PP_OK && tcurl_not_found(c, reply))
		return PP_OK;
	if (res == PP_OK && (!tcurl_ok(c, reply) || reply->length < 0))
		res = PP_ETARGET;
	if (res == PP_ETARGET) {
		tcurl_fail(c, remote, "find the size of", reply, diag);
		return res;
	}
	if (res == PP_OK) {
		*exists = true;
		*size = reply->length;
	}
	return res;
}

enum pp_result tcurl_file_size(struct tcurl *c, const char *base, const char *remote,
			       bool *exists, int64_t *size, struct diag *diag)
{
	struct tcurl_request r = { .no_body = true };
	struct tcurl_reply reply;
	enum pp_result res = perform_at(c, base, remote, &r, &reply);

	return size_of(c, remote, res, &reply, exists, size, diag);
}

enum pp_result tcurl_size_start(struct tcurl *c, const char *base, const char *remote)
{
	char *url = tcurl_url(c, base, remote);
	struct tcurl_request r = { .no_body = true, .url = url };
	enum pp_result res = url ? tcurl_start_or_end(c, &r) : PP_ENOMEM;

	free(url);
	return res;
}

enum pp_result tcurl_size_finish(struct tcurl *c, const char *remote, bool *exists, int64_t *size,
				 struct diag *diag)
{
	struct tcurl_reply reply;
	enum pp_result res = tcurl_finish(c, &reply);

	return size_of(c, remote, res, &reply, exists, size, diag);
}
