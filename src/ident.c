#include "ident.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <uuid/uuid.h>

#include "util.h"

enum pp_result ident_uuid5(const char *ns, const char *name, char out[IDENT_UUID_SIZE])
{
	uuid_t ns_bin, result;

	if (uuid_parse(ns, ns_bin) != 0)
		return PP_EPARSE;
	uuid_generate_sha1(result, ns_bin, name, strlen(name));
	uuid_unparse_lower(result, out);
	return PP_OK;
}

enum pp_result ident_podcast_guid(const char *feed_url, char out[IDENT_UUID_SIZE])
{
	const char *start = strstr(feed_url, "://");
	size_t len;
	char *name;
	enum pp_result res;

	start = start ? start + 3 : feed_url;
	len = strlen(start);
	while (len > 0 && start[len - 1] == '/')
		len--;
	name = strndup(start, len);
	if (!name)
		return PP_ENOMEM;
	res = ident_uuid5(IDENT_PODCAST_NAMESPACE, name, out);
	free(name);
	return res;
}


/* The digest `md` of a file's bytes in hex (out has room for 2*size+1),
 * and the file's size. */
static enum pp_result digest_file(const EVP_MD *md, const char *path, char *out, int64_t *size)
{
	enum pp_result res = PP_EIO;
	EVP_MD_CTX *ctx = NULL;
	unsigned char buf[65536], digest[EVP_MAX_MD_SIZE];
	unsigned int digest_len = 0;
	int64_t total = 0;
	FILE *f = fopen(path, "rb");
	size_t got;

	if (!f)
		return PP_EIO;
	ctx = EVP_MD_CTX_new();
	if (!ctx) {
		res = PP_ENOMEM;
		goto out;
	}
	if (!EVP_DigestInit_ex(ctx, md, NULL)) {
		res = PP_EINTERNAL;
		goto out;
	}
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (!EVP_DigestUpdate(ctx, buf, got)) {
			res = PP_EINTERNAL;
			goto out;
		}
		total += (int64_t)got;
	}
	if (ferror(f))
		goto out;
	if (!EVP_DigestFinal_ex(ctx, digest, &digest_len) ||
	    digest_len != (unsigned)EVP_MD_get_size(md)) {
		res = PP_EINTERNAL;
		goto out;
	}
	pp_hex(digest, digest_len, out);
	if (size)
		*size = total;
	res = PP_OK;
out:
	EVP_MD_CTX_free(ctx);
	fclose(f);
	return res;
}

static enum pp_result digest_buffer(const EVP_MD *md, const void *data, size_t len, char *out)
{
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int digest_len = 0;

	if (!EVP_Digest(data, len, digest, &digest_len, md, NULL) ||
	    digest_len != (unsigned)EVP_MD_get_size(md))
		return PP_EINTERNAL;
	pp_hex(digest, digest_len, out);
	return PP_OK;
}

enum pp_result ident_sha256_file(const char *path, char out[IDENT_SHA256_SIZE], int64_t *size)
{
	return digest_file(EVP_sha256(), path, out, size);
}

enum pp_result ident_sha256_buffer(const void *data, size_t len, char out[IDENT_SHA256_SIZE])
{
	return digest_buffer(EVP_sha256(), data, len, out);
}

enum pp_result ident_md5_file(const char *path, char out[IDENT_MD5_SIZE])
{
	return digest_file(EVP_md5(), path, out, NULL);
}

struct ident_md5 {
	EVP_MD_CTX *ctx;
	bool failed;
};

enum pp_result ident_md5_begin(struct ident_md5 **out)
{
	struct ident_md5 *m = calloc(1, sizeof(*m));

	*out = NULL;
	if (!m || !(m->ctx = EVP_MD_CTX_new())) {
		free(m);
		return PP_ENOMEM;
	}
	m->failed = !EVP_DigestInit_ex(m->ctx, EVP_md5(), NULL);
	*out = m;
	return PP_OK;
}

void ident_md5_add(struct ident_md5 *m, const void *data, size_t len)
{
	if (m && !m->failed && len && !EVP_DigestUpdate(m->ctx, data, len))
		m->failed = true;
}

void ident_md5_end(struct ident_md5 **mp, char out[IDENT_MD5_SIZE])
{
	struct ident_md5 *m = *mp;
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int digest_len = 0;

	out[0] = '\0';
	if (m && !m->failed && EVP_DigestFinal_ex(m->ctx, digest, &digest_len) && digest_len == 16)
		pp_hex(digest, digest_len, out);
	ident_md5_free(mp);
}

void ident_md5_free(struct ident_md5 **mp)
{
	if (!*mp)
		return;
	EVP_MD_CTX_free((*mp)->ctx);
	free(*mp);
	*mp = NULL;
}

enum pp_result ident_md5_buffer(const void *data, size_t len, char out[IDENT_MD5_SIZE])
{
	return digest_buffer(EVP_md5(), data, len, out);
}

enum pp_result ident_digest_range(const char *path, int64_t offset, int64_t length,
				  char md5[IDENT_MD5_SIZE], char sha256[IDENT_SHA256_SIZE])
{
	enum pp_result res = PP_EIO;
	EVP_MD_CTX *ctx[2] = { NULL, NULL };
	const EVP_MD *md[2] = { EVP_md5(), EVP_sha256() };
	char *outs[2] = { md5, sha256 };
	unsigned char buf[65536], digest[EVP_MAX_MD_SIZE];
	unsigned int digest_len = 0;
	FILE *f = fopen(path, "rb");

	if (!f)
		return PP_EIO;
	if (fseeko(f, (off_t)offset, SEEK_SET) != 0)
		goto out;
	res = PP_ENOMEM;
	for (int i = 0; i < 2; i++)
		if (!(ctx[i] = EVP_MD_CTX_new()))
			goto out;
	res = PP_EINTERNAL;
	for (int i = 0; i < 2; i++)
		if (!EVP_DigestInit_ex(ctx[i], md[i], NULL))
			goto out;
	/* One read of the part feeds both digests. */
	while (length > 0) {
		size_t want = length < (int64_t)sizeof(buf) ? (size_t)length : sizeof(buf);
		size_t got = fread(buf, 1, want, f);

		if (got == 0) {
			res = PP_EIO; /* shorter than it was: changed under us */
			goto out;
		}
		for (int i = 0; i < 2; i++)
			if (!EVP_DigestUpdate(ctx[i], buf, got))
				goto out;
		length -= (int64_t)got;
	}
	for (int i = 0; i < 2; i++) {
		if (!EVP_DigestFinal_ex(ctx[i], digest, &digest_len) ||
		    digest_len != (unsigned)EVP_MD_get_size(md[i]))
			goto out;
		pp_hex(digest, digest_len, outs[i]);
	}
	res = PP_OK;
out:
	EVP_MD_CTX_free(ctx[0]);
	EVP_MD_CTX_free(ctx[1]);
	fclose(f);
	return res;
}

enum pp_result ident_random_hex(char *out, size_t bytes)
{
	unsigned char raw[32];

	if (bytes > sizeof(raw) || RAND_bytes(raw, (int)bytes) != 1)
		return PP_EINTERNAL;
	pp_hex(raw, bytes, out);
	return PP_OK;
}
