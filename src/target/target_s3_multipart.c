/* target_s3_multipart.c - a large file to S3 in parts.
 *
 * One PUT of a 2 GB episode is one long bet: a cut at 1.9 GB starts it
 * over. A multipart upload sends parts (16 MiB, or more to stay within
 * 10000), several at once up to --jobs, each retried alone; the service
 * puts the object together only at CompleteMultipartUpload, so readers see
 * the whole object or none. Every part is checked against its MD5 (its
 * ETag), taken as its bytes are sent (over plain HTTP each part's SHA-256
 * is signed too, hashed first); the object's ETag must then be the
 * MD5 of the parts' MD5s followed by "-<parts>". Any failure aborts the
 * upload (AbortMultipartUpload): parts left behind would be stored, and
 * billed, without ever being seen. The XML both ways is libxml2's. */
#include "target/target_s3.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "interrupt.h"
#include "target/xml_reply.h"
#include "util.h"

/* Tries of one part before the upload is given up. */
#define PART_ATTEMPTS 3
#define S3_XMLNS "http://s3.amazonaws.com/doc/2006-03-01/"

struct upload;

struct part {
	struct upload *up;
	int number; /* from 1 */
	char md5[IDENT_MD5_SIZE], sha256[IDENT_SHA256_SIZE];
	struct target_source src; /* the file, from its offset, so long */
	int64_t sent;             /* bytes of it gone, for the progress */
	int attempt;
	bool done;
};

/* A handle sending one part. */
struct slot {
	struct tcurl *curl; /* borrowed from the target's part handles */
	struct part *part;  /* NULL: idle */
	struct buf errors;  /* the service's words when it refuses */
};

struct upload {
	struct target *t;
	const struct target_source *file;
	const char *remote;
	char *upload_id, *escaped_id;
	struct part *parts;
	size_t count;
	int64_t sent; /* all parts' bytes so far */
	struct diag *diag;
};

/* The text of the first element named `name` below `node`, any depth and
 * any namespace (services differ in whether they declare S3's). Caller
 * frees with xmlFree; NULL when there is none. */
static xmlChar *find_text(xmlNode *node, const char *name)
{
	for (xmlNode *n = node; n; n = n->next) {
		xmlChar *found;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrEqual(n->name, (const xmlChar *)name))
			return xmlNodeGetContent(n);
		if ((found = find_text(n->children, name)))
			return found;
	}
	return NULL;
}

/* Parses a reply; NULL when it is no XML (or no memory was left to
 * read it: the request then fails as for a reply it cannot read). */
static xmlDoc *read_reply(const struct buf *body)
{
	xmlDoc *doc = NULL;

	if (!body->data || body->len == 0 || body->len > (1 << 20) ||
	    xml_reply_read(body->data, body->len, &doc) != PP_OK)
		return NULL;
	return doc;
}

/* A part's bytes so far: the file's progress is the sum of its parts'. */
static void on_part_progress(void *ctx, int64_t sent)
{
	struct part *p = ctx;
	const struct target_source *file = p->up->file;

	p->up->sent += sent - p->sent;
	p->sent = sent;
	if (file->progress)
		file->progress(file->progress_ctx, p->up->sent);
}

/* The parts and their digests, from one read of the file. */
static enum pp_result plan_parts(struct upload *up, int64_t size, struct diag *diag)
{
	const struct config_target *s = up->t->settings;
	int64_t part = s && s->part_size > 0 ? s->part_size : S3_PART_SIZE;
	enum pp_result res = PP_OK;

	/* At most 10000 parts: bigger parts for a bigger file, in whole MiB. */
	if ((size + part - 1) / part > S3_MAX_PARTS)
		part = ((size + S3_MAX_PARTS - 1) / S3_MAX_PARTS + (1 << 20) - 1) & ~(int64_t)((1 << 20) - 1);
	up->count = (size_t)((size + part - 1) / part);
	if (!(up->parts = calloc(up->count, sizeof(*up->parts))))
		return PP_ENOMEM;
	for (size_t i = 0; i < up->count && res == PP_OK; i++) {
		struct part *p = &up->parts[i];
		int64_t offset = (int64_t)i * part;

		p->up = up;
		p->number = (int)i + 1;
		p->src = *up->file;
		p->src.part_offset = offset;
		p->src.part_length = size - offset < part ? size - offset : part;
		p->src.progress = on_part_progress;
		p->src.progress_ctx = p;
		/* Over HTTPS nothing is hashed first: each part's MD5 is taken
		 * as it goes (end_part). Plain HTTP signs each part's SHA-256. */
		if (up->t->unsigned_payload) {
			p->src.sha256 = NULL;
			snprintf(p->sha256, sizeof(p->sha256), "%s", S3_UNSIGNED_PAYLOAD);
			continue;
		}
		p->src.sha256 = p->sha256;
		res = ident_digest_range(up->file->path, offset, p->src.part_length, p->md5, p->sha256);
	}
	if (res == PP_EIO)
		diag_error(diag, up->file->path, 0, "cannot read: %s",
			   errno ? strerror(errno) : "it is shorter than it was");
	return res;
}

/* POST ?uploads=: the upload's id (SigV4 signs the query as written, so
 * the empty value is spelt out). */
static enum pp_result create(struct upload *up)
{
	const struct target_source *f = up->file;
	char *type = pp_asprintf("Content-Type: %s",
				 f->content_type ? f->content_type : "application/octet-stream");
	char *cache = f->cache_control ? pp_asprintf("Cache-Control: %s", f->cache_control) : NULL;
	const char *extra[] = { type, cache, NULL };
	struct tcurl_reply reply;
	struct buf body;
	xmlDoc *doc = NULL;
	xmlChar *id = NULL;
	enum pp_result res = PP_ENOMEM;

	buf_init(&body);
	if (type && (cache || !f->cache_control))
		res = s3_request_query(up->t, up->remote, "uploads=", NULL, NULL, EMPTY_SHA256, extra,
				       &body, &reply, "", 0);
	if (res == PP_OK && tcurl_ok(up->t->curl, &reply)) {
		doc = read_reply(&body);
		id = doc ? find_text(xmlDocGetRootElement(doc), "UploadId") : NULL;
		if (!id || !*id) {
			snprintf(reply.words, sizeof(reply.words),
				 "the service's answer names no UploadId");
			res = PP_ETARGET;
		} else if (!(up->upload_id = strdup((const char *)id)) ||
			   !(up->escaped_id = tcurl_escape(up->t->curl, up->upload_id))) {
			res = PP_ENOMEM;
		}
	} else if (res == PP_OK) {
		res = PP_ETARGET;
	}
	if (res == PP_ETARGET)
		tcurl_fail(up->t->curl, up->remote, "start a multipart upload", &reply, up->diag);
	xmlFree(id);
	xmlFreeDoc(doc);
	buf_release(&body);
	free(type);
	free(cache);
	return res;
}

/* PUT ?partNumber=N&uploadId=ID (sorted, as SigV4 wants) on a slot. */
static enum pp_result start_part(struct upload *up, struct slot *s, struct part *p)
{
	char *query = pp_asprintf("partNumber=%d&uploadId=%s", p->number, up->escaped_id);
	char *url = tcurl_url(s->curl, up->t->base, up->remote);
	char *full = url && query ? pp_asprintf("%s?%s", url, query) : NULL;
	const char *headers[8] = { NULL };
	struct tcurl_request r = { .body = &p->src, .headers = headers, .url = full,
				   .aws_sigv4 = up->t->sigv4, .user_password = up->t->keys,
				   .response = &s->errors, .md5 = true };
	enum pp_result res = PP_ENOMEM;

	up->sent -= p->sent;
	p->sent = 0;
	if (full && (res = s3_headers(up->t, p->sha256, NULL, headers)) == PP_OK) {
		res = tcurl_start(s->curl, &r);
		s->part = p;
	}
	/* A start that failed is ended here, so the handle is free again. */
	if (res != PP_OK && s->part) {
		struct tcurl_reply ignored;
		enum pp_result ended = tcurl_finish(s->curl, &ignored);

		(void)ended;
		s->part = NULL;
	}
	free((char *)headers[0]);
	free(query);
	free(url);
	free(full);
	return res;
}

/* A part's upload ended: done when the service kept exactly its bytes
 * (the ETag is their MD5); else false, with the reply for the message. */
static enum pp_result end_part(struct slot *s, struct tcurl_reply *reply)
{
	char want[IDENT_MD5_SIZE + 2];
	enum pp_result res = tcurl_finish(s->curl, reply);

	if (res != PP_OK)
		return res;
	if (!tcurl_ok(s->curl, reply)) {
		s3_error_words(&s->errors, reply);
		return PP_ETARGET;
	}
	/* The MD5 of the bytes as they were read and sent. */
	snprintf(s->part->md5, sizeof(s->part->md5), "%s", reply->md5);
	snprintf(want, sizeof(want), "\"%s\"", s->part->md5);
	if (!reply->md5[0] || strcasecmp(reply->etag, want) != 0) {
		snprintf(reply->words, sizeof(reply->words),
			 "the service stored other bytes: ETag %s, MD5 of what was sent %s",
			 reply->etag[0] ? reply->etag : "(none)", want);
		return PP_ETARGET;
	}
	return PP_OK;
}

/* Every part, up to one per handle at once; a part that fails is tried
 * again alone, and after its last try no new part starts. */
static enum pp_result send_parts(struct upload *up, struct slot *slots, size_t n_slots,
				 struct target_pool *pool)
{
	size_t next = 0;
	enum pp_result failed = PP_OK, res = PP_OK;

	while (res == PP_OK) {
		bool any = false;

		for (size_t i = 0; i < n_slots && failed == PP_OK; i++) {
			if (slots[i].part || next >= up->count)
				continue;
			if (interrupted()) {
				failed = PP_EINTR;
				break;
			}
			up->parts[next].attempt = 1;
			failed = start_part(up, &slots[i], &up->parts[next++]);
		}
		for (size_t i = 0; i < n_slots; i++)
			any |= slots[i].part != NULL;
		if (!any)
			break;
		res = target_pool_wait(pool, 100);
		for (size_t i = 0; res == PP_OK && i < n_slots; i++) {
			struct slot *s = &slots[i];
			struct part *p = s->part;
			struct tcurl_reply reply;
			enum pp_result ended;
			char what[48];

			if (!p || tcurl_busy(s->curl))
				continue;
			ended = end_part(s, &reply);
			s->part = NULL;
			if (ended == PP_OK) {
				p->done = true;
				continue;
			}
			snprintf(what, sizeof(what), "upload part %d of %zu", p->number, up->count);
			if (ended == PP_ETARGET && p->attempt < PART_ATTEMPTS && failed == PP_OK &&
			    !interrupted()) {
				struct diag tried;

				diag_init(&tried);
				tcurl_fail(s->curl, up->remote, what, &reply, &tried);
				diag_move(up->diag, &tried, true);
				diag_add(up->diag, DIAG_NOTE, up->remote, 0, "trying part %d again (%d of %d)",
					 p->number, p->attempt + 1, PART_ATTEMPTS);
				p->attempt++;
				if ((ended = start_part(up, s, p)) == PP_OK)
					continue;
			}
			if (ended == PP_ETARGET)
				tcurl_fail(s->curl, up->remote, what, &reply, up->diag);
			if (failed == PP_OK)
				failed = ended;
		}
	}
	return res != PP_OK ? res : failed;
}

/* <CompleteMultipartUpload><Part><PartNumber/><ETag/></Part>...: the
 * parts in order, escaped by libxml2. Caller frees *xml with xmlFree. */
static enum pp_result complete_body(const struct upload *up, xmlChar **xml, int *len)
{
	xmlDoc *doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNode *root = doc ? xmlNewNode(NULL, (const xmlChar *)"CompleteMultipartUpload") : NULL;
	enum pp_result res = root ? PP_OK : PP_ENOMEM;

	*xml = NULL;
	if (root) {
		xmlDocSetRootElement(doc, root);
		if (!xmlNewNs(root, (const xmlChar *)S3_XMLNS, NULL))
			res = PP_ENOMEM;
	}
	for (size_t i = 0; res == PP_OK && i < up->count; i++) {
		xmlNode *part = xmlNewChild(root, NULL, (const xmlChar *)"Part", NULL);
		char number[16], etag[IDENT_MD5_SIZE + 2];

		snprintf(number, sizeof(number), "%d", up->parts[i].number);
		snprintf(etag, sizeof(etag), "\"%s\"", up->parts[i].md5);
		if (!part || !xmlNewTextChild(part, NULL, (const xmlChar *)"PartNumber",
					      (const xmlChar *)number) ||
		    !xmlNewTextChild(part, NULL, (const xmlChar *)"ETag", (const xmlChar *)etag))
			res = PP_ENOMEM;
	}
	if (res == PP_OK) {
		xmlDocDumpMemoryEnc(doc, xml, len, "UTF-8");
		if (!*xml)
			res = PP_ENOMEM;
	}
	xmlFreeDoc(doc);
	return res;
}

enum pp_result s3_multipart_etag(const char (*md5s)[IDENT_MD5_SIZE], size_t count, char *out,
				 size_t size)
{
	unsigned char *raw = malloc(count ? count * 16 : 1);
	char md5[IDENT_MD5_SIZE];
	enum pp_result res;

	if (!raw)
		return PP_ENOMEM;
	for (size_t i = 0; i < count; i++)
		for (size_t j = 0; j < 16; j++) {
			unsigned int byte = 0;

			sscanf(md5s[i] + 2 * j, "%2x", &byte);
			raw[i * 16 + j] = (unsigned char)byte;
		}
	res = ident_md5_buffer(raw, count * 16, md5);
	free(raw);
	if (res == PP_OK)
		snprintf(out, size, "%s-%zu", md5, count);
	return res;
}

/* The object's ETag as S3 would give it, from the parts' MD5s. */
static enum pp_result multipart_etag(const struct upload *up, char *out, size_t size)
{
	char(*md5s)[IDENT_MD5_SIZE] = malloc(up->count * sizeof(*md5s));
	enum pp_result res;

	if (!md5s)
		return PP_ENOMEM;
	for (size_t i = 0; i < up->count; i++)
		memcpy(md5s[i], up->parts[i].md5, IDENT_MD5_SIZE);
	res = s3_multipart_etag((const char(*)[IDENT_MD5_SIZE])md5s, up->count, out, size);
	free(md5s);
	return res;
}

/* Checks the object's ETag: S3's multipart form, or (test servers such
 * as s3rver) the whole file's MD5. */
static enum pp_result check_etag(const struct upload *up, const char *quoted,
				 struct tcurl_reply *reply)
{
	char want[IDENT_MD5_SIZE + 16], whole[IDENT_MD5_SIZE], etag[IDENT_MD5_SIZE + 16];
	size_t n = strlen(quoted);
	enum pp_result res;

	/* Without its quotes. */
	if (n >= 2 && quoted[0] == '"' && quoted[n - 1] == '"')
		snprintf(etag, sizeof(etag), "%.*s", (int)(n - 2), quoted + 1);
	else
		snprintf(etag, sizeof(etag), "%s", quoted);
	if ((res = multipart_etag(up, want, sizeof(want))) != PP_OK)
		return res;
	if (strcasecmp(etag, want) == 0)
		return PP_OK;
	if (!strchr(etag, '-')) {
		if ((res = ident_md5_file(up->file->path, whole)) != PP_OK)
			return res;
		if (strcasecmp(etag, whole) == 0)
			return PP_OK;
	}
	snprintf(reply->words, sizeof(reply->words),
		 "the service put other bytes together: ETag %s, from the parts sent %s",
		 etag[0] ? etag : "(none)", want);
	return PP_ETARGET;
}

/* POST ?uploadId=ID with the parts: the object is there, whole, after it.
 * A 200 may still carry an <Error> (S3 answers before it is done). */
static enum pp_result complete(struct upload *up)
{
	char *query = pp_asprintf("uploadId=%s", up->escaped_id);
	const char *extra[] = { "Content-Type: application/xml", NULL };
	char sha256[IDENT_SHA256_SIZE];
	struct tcurl_reply reply;
	xmlChar *xml = NULL, *etag = NULL;
	xmlDoc *doc = NULL;
	xmlNode *root;
	struct buf body;
	int len = 0;
	enum pp_result res = query ? complete_body(up, &xml, &len) : PP_ENOMEM;

	buf_init(&body);
	if (res == PP_OK)
		res = ident_sha256_buffer(xml, (size_t)len, sha256);
	if (res == PP_OK)
		res = s3_request_query(up->t, up->remote, query, NULL, NULL, sha256, extra, &body,
				       &reply, (const char *)xml, (size_t)len);
	if (res == PP_OK && !tcurl_ok(up->t->curl, &reply))
		res = PP_ETARGET;
	if (res == PP_OK) {
		doc = read_reply(&body);
		root = doc ? xmlDocGetRootElement(doc) : NULL;
		if (!root || xmlStrEqual(root->name, (const xmlChar *)"Error")) {
			s3_error_words(&body, &reply);
			if (!root)
				snprintf(reply.words, sizeof(reply.words),
					 "the service's answer is no XML");
			res = PP_ETARGET;
		} else if (!(etag = find_text(root, "ETag"))) {
			snprintf(reply.words, sizeof(reply.words), "the service's answer has no ETag");
			res = PP_ETARGET;
		} else {
			res = check_etag(up, (const char *)etag, &reply);
		}
	}
	if (res == PP_ETARGET)
		tcurl_fail(up->t->curl, up->remote, "complete the multipart upload", &reply, up->diag);
	xmlFree(etag);
	xmlFreeDoc(doc);
	xmlFree(xml);
	buf_release(&body);
	free(query);
	return res;
}

/* DELETE ?uploadId=ID: the parts are dropped. When even that fails, say
 * which upload is left, so the producer can remove it (or let a lifecycle
 * rule do it). */
static void abort_upload(struct upload *up)
{
	char *query = pp_asprintf("uploadId=%s", up->escaped_id);
	struct tcurl_reply reply;
	enum pp_result res = PP_ENOMEM;

	if (query)
		res = s3_request_query(up->t, up->remote, query, "DELETE", NULL, EMPTY_SHA256, NULL,
				       NULL, &reply, NULL, 0);
	if (res == PP_OK && (tcurl_ok(up->t->curl, &reply) || tcurl_not_found(up->t->curl, &reply)))
		diag_add(up->diag, DIAG_NOTE, up->remote, 0,
			 "the multipart upload was aborted: no part of it is kept");
	else
		diag_warning(up->diag, up->remote, 0,
			     "cannot abort multipart upload '%s' (%s): its parts stay stored until "
			     "it is aborted or a lifecycle rule removes it",
			     up->upload_id, res == PP_OK ? reply.words : pp_strerror(res));
	free(query);
}

/* The part handles: up to the pool's jobs, made once and kept. */
static enum pp_result part_handles(struct target *t, struct target_pool *pool, size_t want,
				   struct diag *diag)
{
	enum pp_result res = PP_OK;

	if (t->part_handles >= want)
		return PP_OK;
	if (!t->parts && !(t->parts = calloc((size_t)target_pool_jobs(pool), sizeof(*t->parts))))
		return PP_ENOMEM;
	while (res == PP_OK && t->part_handles < want) {
		struct tcurl *c = NULL;

		res = tcurl_open(t->settings, TCURL_S3, &c, diag);
		if (res == PP_OK) {
			tcurl_attach(c, pool);
			t->parts[t->part_handles++] = c;
		}
	}
	return res;
}

void s3_multipart_release(struct target *t)
{
	for (size_t i = 0; i < t->part_handles; i++)
		tcurl_free(&t->parts[i]);
	free(t->parts);
	t->parts = NULL;
	t->part_handles = 0;
}

enum pp_result s3_multipart_put(struct target *t, const struct target_source *src,
				const char *remote, int64_t size, struct diag *diag)
{
	struct upload up = { .t = t, .file = src, .remote = remote, .diag = diag };
	struct target_pool *pool = tcurl_pool(t->curl), *own = NULL;
	struct slot *slots = NULL;
	size_t n_slots = 0;
	enum pp_result res;

	/* Outside a pool (--jobs 1), the parts go one by one in a pool of
	 * their own, dropped after. */
	if (!pool && (res = target_pool_new(1, &own)) != PP_OK)
		return res;
	if (own)
		pool = own;
	res = plan_parts(&up, size, diag);
	if (res == PP_OK) {
		n_slots = (size_t)target_pool_jobs(pool);
		if (n_slots > up.count)
			n_slots = up.count;
		res = part_handles(t, pool, n_slots, diag);
	}
	if (res == PP_OK && !(slots = calloc(n_slots, sizeof(*slots))))
		res = PP_ENOMEM;
	for (size_t i = 0; slots && i < n_slots; i++) {
		slots[i].curl = t->parts[i];
		buf_init(&slots[i].errors);
	}
	if (res == PP_OK)
		res = create(&up);
	if (res == PP_OK)
		res = send_parts(&up, slots, n_slots, pool);
	if (res == PP_OK)
		res = complete(&up);
	if (res != PP_OK && up.upload_id)
		abort_upload(&up);
	for (size_t i = 0; slots && i < n_slots; i++)
		buf_release(&slots[i].errors);
	free(slots);
	free(up.parts);
	free(up.upload_id);
	free(up.escaped_id);
	if (own) {
		s3_multipart_release(t);
		target_pool_free(&own);
	}
	return res;
}
