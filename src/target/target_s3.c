/* target_s3.c - S3-compatible object storage (AWS S3, Cloudflare R2,
 * Backblaze B2, MinIO): s3://bucket/prefix.
 *
 * Requests are signed with AWS Signature V4 by libcurl. Over plain HTTP
 * (this machine only) an upload's SHA-256 is signed too
 * (x-amz-content-sha256), so the service refuses bytes that changed on the
 * way; over HTTPS, TLS guards them and the header says UNSIGNED-PAYLOAD, so
 * a file is read once, not hashed first. A PUT replaces an object
 * atomically, so there is no temporary name; the ETag the service answers
 * is checked against the MD5 of what was sent, taken as it was read. Keys come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
 * (and AWS_SESSION_TOKEN), or a profile of ~/.aws/credentials, as the AWS
 * command line reads them; never from the repository. */
#include "target/target.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "ident.h"
#include "interrupt.h"
#include "target/listing_s3.h"
#include "target/xml_reply.h"
#include "target/target_curl.h"
#include "target/target_s3.h"
#include "util.h"


/* From this size a single PUT's MD5 is taken beside the upload, in a
 * thread of its own: inline, hashing every byte in libcurl's read callback
 * held the upload to the speed of MD5 and TLS on one core (180 MB to the
 * test S3 server: 211 MB/s against curl's 280, which hashes nothing). */
#define S3_MD5_THREAD_BYTES ((int64_t)8 << 20)

struct s3_md5_job {
	pthread_t thread;
	char *path;
	char md5[IDENT_MD5_SIZE];
	enum pp_result res;
};

static void *md5_run(void *arg)
{
	struct s3_md5_job *job = arg;

	job->res = ident_md5_file(job->path, job->md5);
	return NULL;
}

struct s3_md5_job *s3_md5_start(const char *path)
{
	struct s3_md5_job *job = calloc(1, sizeof(*job));

	if (job && (job->path = strdup(path)) && pthread_create(&job->thread, NULL, md5_run, job) == 0)
		return job;
	if (job)
		free(job->path);
	free(job);
	return NULL;
}

enum pp_result s3_md5_finish(struct s3_md5_job **jp, char out[IDENT_MD5_SIZE])
{
	struct s3_md5_job *job = *jp;
	enum pp_result res;

	if (!job)
		return PP_EINTERNAL;
	pthread_join(job->thread, NULL);
	res = job->res;
	if (res == PP_OK)
		memcpy(out, job->md5, IDENT_MD5_SIZE);
	free(job->path);
	free(job);
	*jp = NULL;
	return res;
}

static void wipe(char *s)
{
	if (s)
		memset(s, 0, strlen(s));
	free(s);
}

static void s3_close(struct target **tp)
{
	struct target *t = *tp;

	if (!t)
		return;
	s3_multipart_release(t);
	tcurl_free(&t->curl);
	if (t->put_md5) {
		char unused[IDENT_MD5_SIZE];

		(void)s3_md5_finish(&t->put_md5, unused);
	}
	free(t->base);
	free(t->bucket);
	free(t->prefix);
	free(t->location);
	free(t->put_remote);
	buf_release(&t->put_errors);
	free(t->sigv4);
	wipe(t->keys);
	wipe(t->token);
	free(t);
	*tp = NULL;
}

static char *trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/* The keys of `profile` in the AWS shared credentials file (an INI file:
 * "[name]" then "key = value" lines). *found false when it has none. */
static enum pp_result read_profile(const char *profile, char **id, char **secret, char **token,
				   bool *found)
{
	const char *file = getenv("AWS_SHARED_CREDENTIALS_FILE");
	const char *home = getenv("HOME");
	char *path = file ? strdup(file) : home ? pp_path_join(home, ".aws/credentials") : NULL;
	char *text = NULL, *line, *next;
	size_t len;
	bool in_profile = false;
	enum pp_result res;

	*found = false;
	if (!path)
		return file || home ? PP_ENOMEM : PP_OK;
	res = pp_read_file(path, &text, &len);
	free(path);
	if (res == PP_EIO)
		return PP_OK; /* no such file: no profile */
	if (res != PP_OK)
		return res;
	for (line = text; line && res == PP_OK; line = next) {
		char *eq, *key;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		line = trim(line);
		if (*line == '[') {
			char *close = strchr(line, ']');

			in_profile = close && (size_t)(close - line - 1) == strlen(profile) &&
				     strncmp(line + 1, profile, strlen(profile)) == 0;
			continue;
		}
		if (!in_profile || *line == '#' || *line == ';' || !(eq = strchr(line, '=')))
			continue;
		*eq = '\0';
		key = trim(line);
		char **slot = !strcmp(key, "aws_access_key_id")	      ? id
			      : !strcmp(key, "aws_secret_access_key") ? secret
			      : !strcmp(key, "aws_session_token")     ? token
								      : NULL;
		if (slot) {
			wipe(*slot);
			if (!(*slot = strdup(trim(eq + 1))))
				res = PP_ENOMEM;
		}
	}
	*found = *id && *secret;
	if (text)
		memset(text, 0, len);
	free(text);
	return res;
}

static enum pp_result credentials(const struct config_target *s, struct target *t,
				  struct diag *diag, const char *where)
{
	const char *env_id = getenv("AWS_ACCESS_KEY_ID"), *env_secret = getenv("AWS_SECRET_ACCESS_KEY");
	const char *env_token = getenv("AWS_SESSION_TOKEN");
	const char *profile = s->profile ? s->profile : getenv("AWS_PROFILE");
	char *id = NULL, *secret = NULL, *token = NULL;
	enum pp_result res = PP_OK;
	bool found = false;

	if (env_id && *env_id && env_secret && *env_secret && !s->profile) {
		id = strdup(env_id);
		secret = strdup(env_secret);
		token = env_token && *env_token ? strdup(env_token) : NULL;
		found = true;
		if (!id || !secret || (env_token && *env_token && !token))
			res = PP_ENOMEM;
	} else {
		res = read_profile(profile ? profile : "default", &id, &secret, &token, &found);
	}
	if (res == PP_OK && !found) {
		diag_error(diag, where, s->line,
			   "%s: no S3 keys: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a "
			   "profile '%s' in ~/.aws/credentials",
			   s->name ? s->name : "s3", profile ? profile : "default");
		res = PP_EPARSE;
	}
	if (res == PP_OK && !(t->keys = pp_asprintf("%s:%s", id, secret)))
		res = PP_ENOMEM;
	if (res == PP_OK && token && !(t->token = pp_asprintf("x-amz-security-token: %s", token)))
		res = PP_ENOMEM;
	wipe(id);
	wipe(secret);
	wipe(token);
	return res;
}

/* s3://bucket/prefix → the bucket's URL at the endpoint: path style
 * (https://endpoint/bucket/prefix/) or virtual host
 * (https://bucket.endpoint/prefix/). */
static char *bucket_url(const char *location, const char *endpoint, bool path_style)
{
	const char *bucket = location + strlen("s3://");
	size_t bucket_len = strcspn(bucket, "/");
	const char *prefix = bucket[bucket_len] == '/' ? bucket + bucket_len + 1 : "";
	const char *host = strstr(endpoint, "://");
	size_t scheme_len = host ? (size_t)(host - endpoint) : 0;
	const char *slash = *prefix && prefix[strlen(prefix) - 1] != '/' ? "/" : "";
	const char *endpoint_slash = endpoint[strlen(endpoint) - 1] == '/' ? "" : "/";

	if (!host || bucket_len == 0)
		return NULL;
	if (path_style)
		return pp_asprintf("%s%s%.*s/%s%s", endpoint, endpoint_slash, (int)bucket_len, bucket,
				   prefix, slash);
	return pp_asprintf("%.*s://%.*s.%s%s%s%s", (int)scheme_len, endpoint, (int)bucket_len, bucket,
			   host + 3, endpoint_slash, prefix, slash);
}

/* s3://bucket/prefix → "prefix/" (or "" for none): what the keys of the
 * target's files begin with. */
static char *key_prefix(const char *location)
{
	const char *bucket = location + strlen("s3://");
	const char *prefix = bucket + strcspn(bucket, "/");

	prefix += *prefix == '/';
	return pp_asprintf("%s%s", prefix, *prefix && prefix[strlen(prefix) - 1] != '/' ? "/" : "");
}

static enum pp_result s3_open(const struct config_target *s, const char *location,
			      struct target **out, struct diag *diag)
{
	const char *where = s->line ? "podcast.yaml" : "--target";
	const char *region = s->region ? s->region
			     : getenv("AWS_REGION")	  ? getenv("AWS_REGION")
			     : getenv("AWS_DEFAULT_REGION") ? getenv("AWS_DEFAULT_REGION")
							    : "us-east-1";
	const char *endpoint_env = getenv("AWS_ENDPOINT_URL");
	char *endpoint = s->endpoint		? strdup(s->endpoint)
			 : endpoint_env && *endpoint_env ? strdup(endpoint_env)
						       : pp_asprintf("https://s3.%s.amazonaws.com", region);
	struct target *t = calloc(1, sizeof(*t));
	enum pp_result res = PP_ENOMEM;

	*out = NULL;
	if (!t || !endpoint)
		goto fail;
	buf_init(&t->put_errors);
	t->settings = s;
	if (!(t->location = strdup(location)))
		goto fail;
	if ((res = credentials(s, t, diag, where)) != PP_OK)
		goto fail;
	if ((res = tcurl_open(s, TCURL_S3, &t->curl, diag)) != PP_OK)
		goto fail;
	res = PP_ENOMEM;
	if (!(t->sigv4 = pp_asprintf("aws:amz:%s:s3", region)))
		goto fail;
	if (!(t->base = bucket_url(location, endpoint, s->path_style))) {
		diag_error(diag, where, s->line, "'%s': an S3 target is s3://bucket/prefix", location);
		res = PP_EPARSE;
		goto fail;
	}
	/* base is the bucket's URL, then the prefix as written, then '/'. */
	if (!(t->prefix = key_prefix(location)) ||
	    !(t->bucket = strndup(t->base, strlen(t->base) - strlen(t->prefix))))
		goto fail;
	/* A listing asks the bucket itself: path style as https://host/bucket
	 * (s3rver signs "/bucket/" as "/bucket" and refuses the signature),
	 * a virtual host as https://bucket.host/. */
	if (s->path_style)
		t->bucket[strlen(t->bucket) - 1] = '\0';
	t->unsigned_payload = strncasecmp(t->base, "https://", 8) == 0;
	free(endpoint);
	*out = t;
	return PP_OK;
fail:
	free(endpoint);
	s3_close(&t);
	return res;
}

/* The service's own words from an error reply (<Error><Code/><Message/>). */
void s3_error_words(const struct buf *body, struct tcurl_reply *reply)
{
	xmlDoc *doc = NULL;
	xmlNode *root;
	xmlChar *code = NULL, *message = NULL;

	if (!body->data || body->len == 0 || body->len > 65536)
		return;
	/* No words (none read, or no memory for them): libcurl's tell. */
	root = xml_reply_read(body->data, body->len, &doc) == PP_OK ? xmlDocGetRootElement(doc) : NULL;
	for (xmlNode *n = root ? root->children : NULL; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!code && xmlStrEqual(n->name, (const xmlChar *)"Code"))
			code = xmlNodeGetContent(n);
		else if (!message && xmlStrEqual(n->name, (const xmlChar *)"Message"))
			message = xmlNodeGetContent(n);
	}
	if (code)
		snprintf(reply->words, sizeof(reply->words), "HTTP %ld %s%s%s", reply->status,
			 (const char *)code, message ? ": " : "", message ? (const char *)message : "");
	xmlFree(code);
	xmlFree(message);
	xmlFreeDoc(doc);
}

/* The headers of a signed request: the payload's hash, the session
 * token, then `extra`. Caller frees headers[0]. */
enum pp_result s3_headers(const struct target *t, const char *sha256,
				 const char *const *extra, const char *headers[8])
{
	size_t n = 0;

	/* No "Expect:" removal here: libcurl 7.88 would sign the empty header
	 * it then leaves out, and the service refuses the signature. */
	if (!(headers[n++] = pp_asprintf("x-amz-content-sha256: %s", sha256)))
		return PP_ENOMEM;
	if (t->token)
		headers[n++] = t->token;
	for (const char *const *e = extra; e && *e && n < 7; e++)
		headers[n++] = *e;
	headers[n] = NULL;
	return PP_OK;
}

/* Request `r` (its URL and body set) signed, the body's hash `sha256`;
 * an error reply leaves the service's words in reply->words. */
static enum pp_result s3_signed(struct target *t, struct tcurl_request *r, const char *sha256,
				const char *const *extra, struct tcurl_reply *reply)
{
	const char *headers[8] = { NULL };
	struct buf errors;
	enum pp_result res;

	buf_init(&errors);
	r->headers = headers;
	r->aws_sigv4 = t->sigv4;
	r->user_password = t->keys;
	if (!r->response)
		r->response = &errors;
	if ((res = s3_headers(t, sha256, extra, headers)) == PP_OK)
		res = tcurl_perform(t->curl, r, reply);
	if (res == PP_OK && !tcurl_ok(t->curl, reply))
		s3_error_words(r->response, reply);
	if (r->response == &errors)
		r->response = NULL;
	r->headers = NULL;
	buf_release(&errors);
	free((char *)headers[0]);
	return res;
}

/* One signed request on `remote` (a query string after it, or NULL); the
 * body's hash is `sha256`. */
enum pp_result s3_request_query(struct target *t, const char *remote, const char *query,
				       const char *method, const struct target_source *body,
				       const char *sha256, const char *const *extra,
				       struct buf *response, struct tcurl_reply *reply,
				       const char *post, size_t post_len)
{
	char *url = tcurl_url(t->curl, t->base, remote);
	char *full = url && query ? pp_asprintf("%s?%s", url, query) : NULL;
	struct tcurl_request r = { .method = method, .body = body, .response = response,
				   .post = post, .post_len = post_len };
	enum pp_result res = PP_ENOMEM;

	if (url && (full || !query)) {
		r.url = query ? full : url;
		res = s3_signed(t, &r, sha256, extra, reply);
	}
	free(url);
	free(full);
	return res;
}

static enum pp_result s3_request(struct target *t, const char *remote, const char *method,
				 const struct target_source *body, const char *sha256,
				 const char *const *extra, struct buf *response,
				 struct tcurl_reply *reply)
{
	return s3_request_query(t, remote, NULL, method, body, sha256, extra, response, reply, NULL,
				0);
}

static enum pp_result s3_read(struct target *t, const char *remote, char **data, size_t *len,
			      struct diag *diag)
{
	struct buf body;
	struct tcurl_reply reply;
	enum pp_result res;

	*data = NULL;
	*len = 0;
	buf_init(&body);
	res = s3_request(t, remote, NULL, NULL, EMPTY_SHA256, NULL, &body, &reply);
	if (res == PP_OK && tcurl_not_found(t->curl, &reply)) {
		buf_release(&body);
		return PP_OK;
	}
	if (res == PP_OK && !tcurl_ok(t->curl, &reply))
		res = PP_ETARGET;
	if (res == PP_ETARGET)
		tcurl_fail(t->curl, remote, "read", &reply, diag);
	if (res == PP_OK && !(*data = buf_detach(&body, len)))
		res = PP_ENOMEM;
	buf_release(&body);
	return res;
}

static enum pp_result s3_size(struct target *t, const char *remote, bool *exists, int64_t *size,
			      struct diag *diag)
{
	struct tcurl_reply reply;
	enum pp_result res = s3_request(t, remote, "HEAD", NULL, EMPTY_SHA256, NULL, NULL, &reply);

	*exists = false;
	*size = 0;
	if (res == PP_OK && tcurl_not_found(t->curl, &reply))
		return PP_OK;
	if (res == PP_OK && (!tcurl_ok(t->curl, &reply) || reply.length < 0))
		res = PP_ETARGET;
	if (res == PP_ETARGET) {
		tcurl_fail(t->curl, remote, "find the size of", &reply, diag);
		return res;
	}
	*exists = true;
	*size = reply.length;
	return PP_OK;
}

/* The end of a PUT: the reply, its ETag against the MD5 of what was sent;
 * with `only_new`, 412 means the object was there already (*existed). */
static enum pp_result s3_put_object_end(struct target *t, bool *existed, struct diag *diag)
{
	struct tcurl_reply reply;
	enum pp_result res = tcurl_finish(t->curl, &reply);
	const char *remote = t->put_remote ? t->put_remote : "?";
	/* The MD5 the thread took of the file, or the read callback of what
	 * it read: a file changed meanwhile does not match what was stored. */
	enum pp_result hashed = t->put_md5 ? s3_md5_finish(&t->put_md5, reply.md5) : PP_OK;

	if (res == PP_OK && t->put_only_new && reply.code == 0 && reply.status == 412) {
		*existed = true;
		goto out;
	}
	if (res == PP_OK && !tcurl_ok(t->curl, &reply)) {
		s3_error_words(&t->put_errors, &reply);
		res = PP_ETARGET;
	}
	if (res == PP_OK && hashed != PP_OK) {
		snprintf(reply.words, sizeof(reply.words), "cannot read the file to check it");
		res = PP_ETARGET;
	}
	if (res == PP_OK)
		snprintf(t->put_etag, sizeof(t->put_etag), "\"%s\"", reply.md5);
	if (res == PP_OK && (!reply.md5[0] || strcasecmp(reply.etag, t->put_etag) != 0)) {
		snprintf(reply.words, sizeof(reply.words),
			 "the service stored other bytes: ETag %s, MD5 of what was sent %s",
			 reply.etag[0] ? reply.etag : "(none)", t->put_etag);
		res = PP_ETARGET;
	}
	if (res == PP_ETARGET)
		tcurl_fail(t->curl, remote, "upload", &reply, diag);
out:
	free(t->put_remote);
	t->put_remote = NULL;
	return res;
}

/* Starts a PUT, or with `only_new` a conditional PUT (If-None-Match: *):
 * the service answers 412 when the object is there already. A service
 * that ignores the condition overwrites: the lock is then best effort, as
 * on FTP. */
static enum pp_result s3_put_object_begin(struct target *t, const struct target_source *src,
					  const char *remote, bool only_new, struct diag *diag)
{
	char sha256[IDENT_SHA256_SIZE];
	char *type = pp_asprintf("Content-Type: %s",
				 src->content_type ? src->content_type : "application/octet-stream");
	char *cache = src->cache_control ? pp_asprintf("Cache-Control: %s", src->cache_control)
					 : NULL;
	const char *extra[] = { type, only_new ? "If-None-Match: *" : cache,
				only_new ? cache : NULL, NULL };
	const char *headers[8] = { NULL };
	char *url = tcurl_url(t->curl, t->base, remote);
	struct tcurl_request r = { .body = src, .headers = headers, .url = url,
				   .aws_sigv4 = t->sigv4, .user_password = t->keys,
				   .response = &t->put_errors, .md5 = true };
	const char *payload = src->sha256;
	enum pp_result res = PP_ENOMEM;

	t->put_only_new = only_new;
	free(t->put_remote);
	if (!(t->put_remote = strdup(remote)) || !type || !url ||
	    (src->cache_control && !cache))
		goto out;
	/* The MD5 for the ETag is taken as the bytes go (put_end); plain
	 * HTTP signs their SHA-256, hashed first when not known. */
	res = PP_OK;
	if (t->unsigned_payload)
		payload = S3_UNSIGNED_PAYLOAD;
	else if (!payload && src->path)
		res = ident_sha256_file(src->path, sha256, NULL);
	else if (!payload)
		res = ident_sha256_buffer(src->data, src->len, sha256);
	if (res == PP_EIO) {
		diag_error(diag, src->path, 0, "cannot read: %s", strerror(errno));
		goto out;
	}
	if (res != PP_OK)
		goto out;
	t->put_etag[0] = '\0';
	if ((res = s3_headers(t, payload ? payload : sha256, extra, headers)) != PP_OK)
		goto out;
	if (src->path && !src->part_length && !src->data) {
		struct stat st;

		if (stat(src->path, &st) == 0 && st.st_size >= S3_MD5_THREAD_BYTES &&
		    (t->put_md5 = s3_md5_start(src->path)))
			r.md5 = false;
	}
	if ((res = tcurl_start(t->curl, &r)) != PP_OK) {
		bool existed = false;

		(void)s3_put_object_end(t, &existed, diag);
	}
out:
	free((char *)headers[0]);
	free(url);
	free(type);
	free(cache);
	return res;
}

/* A file from multipart_threshold up goes in parts, whole within
 * put_begin (its parts move in the pool beside the other lanes'). */
static enum pp_result s3_put_begin(struct target *t, const struct target_source *src,
				   const char *remote, struct diag *diag)
{
	const struct config_target *s = t->settings;
	int64_t threshold = s && s->multipart_threshold > 0 ? s->multipart_threshold
							     : S3_MULTIPART_THRESHOLD;
	struct stat st;

	t->put_multipart = false;
	if (src->path && !src->part_length && stat(src->path, &st) == 0 && st.st_size >= threshold) {
		t->put_multipart = true;
		t->put_result = s3_multipart_put(t, src, remote, (int64_t)st.st_size, diag);
		return PP_OK; /* put_end tells how it went */
	}
	return s3_put_object_begin(t, src, remote, false, diag);
}

static enum pp_result s3_put_end(struct target *t, struct diag *diag)
{
	bool existed = false;

	if (t->put_multipart) {
		t->put_multipart = false;
		return t->put_result;
	}
	return s3_put_object_end(t, &existed, diag);
}

static bool s3_put_busy(const struct target *t)
{
	return !t->put_multipart && tcurl_busy(t->curl);
}

static bool s3_put_sent(const struct target *t)
{
	return tcurl_sent_any(t->curl);
}

/* Under this many files asked, a HEAD each: a listing's page costs as
 * much as a few of them. */
#define S3_LIST_MIN 4
/* A page names up to 1000 objects in some 300 KB; a longer reply is not
 * read (the service's bytes, untrusted). */
#define S3_LIST_PAGE_MAX ((size_t)4 << 20)
#define S3_LIST_PAGE_OBJECTS 1000

/* One file of s3_sizes, and how often the listing named it. */
struct s3_asked {
	struct target_size *f;
	int listed;
};

struct s3_listed {
	struct s3_asked *asked; /* sorted by remote name */
	size_t count;
	const char *prefix;
	size_t prefix_len;
};

static int compare_asked(const void *a, const void *b)
{
	return strcmp(((const struct s3_asked *)a)->f->remote, ((const struct s3_asked *)b)->f->remote);
}

static int compare_key(const void *key, const void *asked)
{
	return strcmp(key, ((const struct s3_asked *)asked)->f->remote);
}

static void on_listed(void *ctx, const char *key, int64_t size)
{
	struct s3_listed *l = ctx;
	struct s3_asked *a;

	if (strncmp(key, l->prefix, l->prefix_len) != 0)
		return;
	a = bsearch(key + l->prefix_len, l->asked, l->count, sizeof(*l->asked), compare_key);
	if (!a)
		return;
	a->listed++;
	a->f->exists = true;
	a->f->size = size;
}

/* One page of the prefix's listing (ListObjectsV2) after `token` (NULL:
 * the first). *next: the token of the page after, NULL at the end. A page
 * the service refuses or garbles: *read false. */
static enum pp_result list_page(struct target *t, struct s3_listed *l, const char *token,
				char **next, bool *read)
{
	char *prefix = tcurl_escape(t->curl, t->prefix);
	char *escaped = token ? tcurl_escape(t->curl, token) : NULL;
	/* The parameters in name order, escaped: SigV4 signs them as written. */
	char *url = prefix && (escaped || !token)
			    ? pp_asprintf("%s?%s%s%slist-type=2&prefix=%s", t->bucket,
					  token ? "continuation-token=" : "", token ? escaped : "",
					  token ? "&" : "", prefix)
			    : NULL;
	struct buf body;
	struct tcurl_request r = { .url = url, .response = &body, .response_max = S3_LIST_PAGE_MAX };
	struct tcurl_reply reply;
	bool more = false;
	enum pp_result res = url ? PP_OK : PP_ENOMEM;

	*next = NULL;
	*read = false;
	buf_init(&body);
	if (res == PP_OK)
		res = s3_signed(t, &r, EMPTY_SHA256, NULL, &reply);
	if (res == PP_OK && tcurl_ok(t->curl, &reply)) {
		res = listing_s3_page(body.data ? body.data : "", body.len, on_listed, l, &more, next);
		*read = res == PP_OK;
	}
	/* Refused (no s3:ListBucket), cut short, garbled: the files are
	 * asked one by one, and that says what went wrong. */
	if (res == PP_ETARGET || res == PP_EPARSE)
		res = PP_OK;
	buf_release(&body);
	free(url);
	free(escaped);
	free(prefix);
	return res;
}

/* The listing of the target's prefix, page by page, answers for every
 * file it names; *whole says it was read to its end, so that a file it
 * does not name is not there. A prefix holding much besides the show (a
 * bucket shared with other things) is not read past a few pages more
 * than the files asked would fill. */
static enum pp_result list_prefix(struct target *t, struct s3_listed *l, bool *whole)
{
	size_t pages = l->count / S3_LIST_PAGE_OBJECTS + 4;
	char *token = NULL, *next = NULL;
	bool read = true;
	enum pp_result res = PP_OK;

	*whole = false;
	for (size_t page = 0; res == PP_OK && read && page < pages; page++) {
		res = interrupted() ? PP_EINTR : list_page(t, l, token, &next, &read);
		free(token);
		token = next;
		next = NULL;
		if (res == PP_OK && read && !token) {
			*whole = true;
			break;
		}
	}
	free(token);
	return res;
}

/* The files' sizes from the prefix's listing (a request per 1000 objects)
 * rather than a HEAD per file, which doubled the requests of a first
 * publish. What the listing does not answer for is asked alone: a file
 * it named twice, and every file it did not name when it could not be
 * read to its end. */
/* No leftovers on S3: a PUT is atomic, written under its own name. */
static enum pp_result s3_sizes(struct target *t, struct target_size *files, size_t count,
			       struct target_leftovers *left, struct diag *diag)
{
	struct s3_asked *asked = calloc(count ? count : 1, sizeof(*asked));
	struct s3_listed l = { asked, count, t->prefix, strlen(t->prefix) };
	bool whole = false;
	enum pp_result res = asked ? PP_OK : PP_ENOMEM;

	(void)left;
	for (size_t i = 0; res == PP_OK && i < count; i++) {
		asked[i].f = &files[i];
		files[i].exists = false;
		files[i].size = 0;
	}
	if (res == PP_OK && count >= S3_LIST_MIN) {
		qsort(asked, count, sizeof(*asked), compare_asked);
		res = list_prefix(t, &l, &whole);
	}
	for (size_t i = 0; res == PP_OK && i < count; i++) {
		if (asked[i].listed == 1 || (whole && asked[i].listed == 0))
			continue;
		res = interrupted() ? PP_EINTR
				    : s3_size(t, asked[i].f->remote, &asked[i].f->exists,
					      &asked[i].f->size, diag);
	}
	free(asked);
	return res;
}

static enum pp_result s3_put(struct target *t, const struct target_source *src,
			     const char *remote, struct diag *diag)
{
	enum pp_result res = s3_put_begin(t, src, remote, diag);

	return res == PP_OK ? s3_put_end(t, diag) : res;
}

static enum pp_result s3_put_new(struct target *t, const struct target_source *src,
				 const char *remote, bool *existed, struct diag *diag)
{
	enum pp_result res = s3_put_object_begin(t, src, remote, true, diag);

	*existed = false;
	return res == PP_OK ? s3_put_object_end(t, existed, diag) : res;
}

static enum pp_result s3_lane(struct target *t, struct target_pool *pool, struct target **out,
			      struct diag *diag)
{
	enum pp_result res = s3_open(t->settings, t->location, out, diag);

	if (res == PP_OK)
		tcurl_attach((*out)->curl, pool);
	return res;
}

/* The part handles belong to the pool they were made in: a target that
 * changes pools makes new ones when a large file next needs them. */
static void s3_join(struct target *t, struct target_pool *pool)
{
	if (tcurl_pool(t->curl) != pool)
		s3_multipart_release(t);
	tcurl_attach(t->curl, pool);
}

/* Never called: a PUT is atomic (atomic_put). */
static enum pp_result s3_commit(struct target *t, const char *remote_tmp, const char *remote,
				struct diag *diag)
{
	(void)t;
	(void)remote_tmp;
	diag_error(diag, remote, 0, "internal error: an S3 object needs no rename");
	return PP_EINTERNAL;
}

static enum pp_result s3_remove(struct target *t, const char *remote, struct diag *diag)
{
	struct tcurl_reply reply;
	enum pp_result res = s3_request(t, remote, "DELETE", NULL, EMPTY_SHA256, NULL, NULL, &reply);

	if (res == PP_OK && !tcurl_ok(t->curl, &reply) && !tcurl_not_found(t->curl, &reply))
		res = PP_ETARGET;
	if (res == PP_ETARGET)
		tcurl_fail(t->curl, remote, "remove", &reply, diag);
	return res;
}

const struct target_ops target_s3_ops = {
	.scheme = "s3",
	.atomic_put = true,
	.open = s3_open,
	.read = s3_read,
	.size = s3_size,
	.sizes = s3_sizes,
	.put = s3_put,
	.put_new = s3_put_new,
	.commit = s3_commit,
	.remove = s3_remove,
	.close = s3_close,
	.put_checked = true,
	.lane = s3_lane,
	.join = s3_join,
	.put_begin = s3_put_begin,
	.put_busy = s3_put_busy,
	.put_sent = s3_put_sent,
	.put_end = s3_put_end,
};
