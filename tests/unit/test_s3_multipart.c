#include "target/target_s3.h"

#include "testhelp.h"

/* The multipart ETag, as S3 computes it: checked against Python's
 * hashlib (md5(md5(b"a").digest() + md5(b"b").digest()) + "-2"). */
static void multipart_etag_is_md5_of_md5s(struct test_ctx *t)
{
	static const char md5s[2][IDENT_MD5_SIZE] = { "0cc175b9c0f1b6a831c399e269772661",
						      "92eb5ffee6ae2fec3ad71c777531578f" };
	char etag[IDENT_MD5_SIZE + 16];

	EXPECT_INT(t, s3_multipart_etag(md5s, 2, etag, sizeof(etag)), PP_OK);
	EXPECT_STR(t, etag, "96e024ba2074fe77e8e965ba43a704be-2");
	/* One part: still the MD5 of its MD5, not the MD5 itself. */
	EXPECT_INT(t, s3_multipart_etag(md5s, 1, etag, sizeof(etag)), PP_OK);
	EXPECT(t, strncmp(etag, md5s[0], 32) != 0);
	EXPECT(t, strcmp(etag + 32, "-1") == 0);
}

TEST_MAIN(TEST_CASE(multipart_etag_is_md5_of_md5s))
