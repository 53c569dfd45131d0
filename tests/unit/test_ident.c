/* Unit tests of ident: podcast:guid (UUIDv5) and SHA-256 digests. */
#include "ident.h"

#include <stdlib.h>
#include <unistd.h>

#include "testhelp.h"

/* The Podcasting 2.0 specification's own examples (podcast-namespace,
 * docs/tags/guid.md); the values also agree with Python's uuid.uuid5. */
static void podcast_guid_matches_spec_examples(struct test_ctx *t)
{
	char guid[IDENT_UUID_SIZE];

	EXPECT_INT(t, ident_podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml", guid), PP_OK);
	EXPECT_STR(t, guid, "917393e3-1b1e-5cef-ace4-edaa54e1f810");
	EXPECT_INT(t, ident_podcast_guid("https://podnews.net/rss", guid), PP_OK);
	EXPECT_STR(t, guid, "9b024349-ccf0-5f69-a609-6b82873eab3c");
}

static void podcast_guid_strips_scheme_and_trailing_slashes(struct test_ctx *t)
{
	char a[IDENT_UUID_SIZE], b[IDENT_UUID_SIZE], c[IDENT_UUID_SIZE];

	EXPECT_INT(t, ident_podcast_guid("http://x/", a), PP_OK);
	EXPECT_INT(t, ident_podcast_guid("https://x", b), PP_OK);
	EXPECT_INT(t, ident_podcast_guid("x", c), PP_OK);
	EXPECT_STR(t, a, b);
	EXPECT_STR(t, b, c);
	/* uuid.uuid5(podcast namespace, "x") */
	EXPECT_STR(t, a, "65559f37-2790-5deb-9458-631a3e996409");

	EXPECT_INT(t, ident_podcast_guid("https://podnews.net/rss////", a), PP_OK);
	EXPECT_STR(t, a, "9b024349-ccf0-5f69-a609-6b82873eab3c");
	/* Only trailing slashes go: inner ones are part of the name. */
	EXPECT_INT(t, ident_podcast_guid("https://example.com/a//b/", a), PP_OK);
	EXPECT_STR(t, a, "277ba182-c73d-5b46-b490-fde5409fcc6e");
	/* A different URL is a different guid. */
	EXPECT_INT(t, ident_podcast_guid("https://example.com/feed.xml", a), PP_OK);
	EXPECT_STR(t, a, "d84ced82-1926-54c0-88c2-bb01dd35d7e3");
}

static void uuid5_in_any_namespace(struct test_ctx *t)
{
	char out[IDENT_UUID_SIZE];

	/* RFC 4122's URL namespace; value from Python's uuid.uuid5. */
	EXPECT_INT(t, ident_uuid5("6ba7b811-9dad-11d1-80b4-00c04fd430c8",
				  "https://example.com/feed.xml", out),
		   PP_OK);
	EXPECT_STR(t, out, "a22faa1d-2596-5ef3-943c-fe578c2e058c");
	EXPECT_INT(t, ident_uuid5("not-a-uuid", "x", out), PP_EPARSE);
	EXPECT_INT(t, ident_uuid5("", "x", out), PP_EPARSE);
}

static void sha256_of_buffers(struct test_ctx *t)
{
	char out[IDENT_SHA256_SIZE];

	EXPECT_INT(t, ident_sha256_buffer("abc", 3, out), PP_OK);
	EXPECT_STR(t, out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	EXPECT_INT(t, ident_sha256_buffer("", 0, out), PP_OK);
	EXPECT_STR(t, out, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

/* A file of `len` bytes, byte i being (7i + 3) mod 256. */
static char *make_file(size_t len, unsigned char **bytes)
{
	char *path = strdup("/tmp/podpub-test-ident-XXXXXX");
	unsigned char *b = malloc(len ? len : 1);
	int fd;

	for (size_t i = 0; i < len; i++)
		b[i] = (unsigned char)((i * 7 + 3) % 256);
	fd = mkstemp(path);
	if (fd < 0 || write(fd, b, len) != (ssize_t)len) {
		printf("#   cannot write %s\n", path);
		if (fd >= 0)
			close(fd);
		free(b);
		free(path);
		return NULL;
	}
	close(fd);
	*bytes = b;
	return path;
}

static void sha256_of_files(struct test_ctx *t)
{
	char from_file[IDENT_SHA256_SIZE], from_buffer[IDENT_SHA256_SIZE];
	unsigned char *bytes = NULL;
	int64_t size = -1;
	/* Larger than the 64 KiB read buffer, so several reads are summed. */
	char *path = make_file(200000, &bytes);

	EXPECT(t, path != NULL);
	if (!path)
		return;
	EXPECT_INT(t, ident_sha256_file(path, from_file, &size), PP_OK);
	EXPECT_INT(t, size, 200000);
	/* hashlib.sha256 of the same bytes */
	EXPECT_STR(t, from_file, "ec0ebf98b6f2954bf0f7b839402b1ba245996c39d18e155414e91a2b4353c157");
	EXPECT_INT(t, ident_sha256_buffer(bytes, 200000, from_buffer), PP_OK);
	EXPECT_STR(t, from_file, from_buffer);
	unlink(path);
	free(path);
	free(bytes);

	path = make_file(0, &bytes);
	EXPECT(t, path != NULL);
	if (!path)
		return;
	size = -1;
	EXPECT_INT(t, ident_sha256_file(path, from_file, &size), PP_OK);
	EXPECT_INT(t, size, 0);
	EXPECT_STR(t, from_file, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	unlink(path);
	free(path);
	free(bytes);
}

static void sha256_of_missing_file_is_io_error(struct test_ctx *t)
{
	char out[IDENT_SHA256_SIZE];
	int64_t size = 0;

	EXPECT_INT(t, ident_sha256_file("/tmp/podpub-test-ident-no-such-file", out, &size), PP_EIO);
}

/* MD5 taken piece by piece (an upload's read callback) is the MD5 of the
 * whole; nothing added is the MD5 of no bytes. */
static void md5_in_pieces(struct test_ctx *t)
{
	const char text[] = "The quick brown fox jumps over the lazy dog";
	char whole[IDENT_MD5_SIZE], pieces[IDENT_MD5_SIZE];
	struct ident_md5 *m = NULL;

	EXPECT_INT(t, ident_md5_buffer(text, strlen(text), whole), PP_OK);
	EXPECT_STR(t, whole, "9e107d9d372bb6826bd81d3542a419d6");
	EXPECT_INT(t, ident_md5_begin(&m), PP_OK);
	ident_md5_add(m, text, 10);
	ident_md5_add(m, text + 10, 0);
	ident_md5_add(m, text + 10, strlen(text) - 10);
	ident_md5_end(&m, pieces);
	EXPECT_NULL(t, m);
	EXPECT_STR(t, pieces, whole);
	EXPECT_INT(t, ident_md5_begin(&m), PP_OK);
	ident_md5_end(&m, pieces);
	EXPECT_STR(t, pieces, "d41d8cd98f00b204e9800998ecf8427e");
	/* Dropped unended, and NULL taken. */
	EXPECT_INT(t, ident_md5_begin(&m), PP_OK);
	ident_md5_free(&m);
	ident_md5_free(&m);
	ident_md5_add(NULL, text, 1);
}

TEST_MAIN(TEST_CASE(podcast_guid_matches_spec_examples),
	  TEST_CASE(podcast_guid_strips_scheme_and_trailing_slashes),
	  TEST_CASE(uuid5_in_any_namespace),
	  TEST_CASE(sha256_of_buffers), TEST_CASE(sha256_of_files),
	  TEST_CASE(sha256_of_missing_file_is_io_error), TEST_CASE(md5_in_pieces))
