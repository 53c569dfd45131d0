/* test_listing_s3.c - a page of an S3 ListObjectsV2 reply read for sizes:
 * AWS's and s3rver's replies, and the service's bytes it must not trust. */
#include "target/listing_s3.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "testhelp.h"
#include "util.h"

#define OBJECTS_MAX 8

struct seen {
	char keys[OBJECTS_MAX][64];
	int64_t sizes[OBJECTS_MAX];
	size_t count;
};

static void note(void *ctx, const char *key, int64_t size)
{
	struct seen *s = ctx;

	if (s->count == OBJECTS_MAX)
		return;
	snprintf(s->keys[s->count], sizeof(s->keys[0]), "%s", key);
	s->sizes[s->count++] = size;
}

static enum pp_result page(const char *xml, struct seen *s, bool *more, char **token)
{
	memset(s, 0, sizeof(*s));
	return listing_s3_page(xml, strlen(xml), note, s, more, token);
}

static void aws_page_with_more(struct test_ctx *t)
{
	const char xml[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
		"<Name>jane</Name><Prefix>vaikuttamis/</Prefix><KeyCount>2</KeyCount>"
		"<MaxKeys>2</MaxKeys><IsTruncated>true</IsTruncated>"
		"<Contents><Key>vaikuttamis/feed.xml</Key><LastModified>2026-11-29T08:55:00.000Z"
		"</LastModified><ETag>&quot;0cc175b9c0f1b6a831c399e269772661&quot;</ETag>"
		"<Size>4096</Size><StorageClass>STANDARD</StorageClass></Contents>"
		"<Contents><Key>vaikuttamis/media/jakso-1 &amp; ä.mp3</Key><Size>209715200</Size>"
		"</Contents>"
		"<NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>"
		"</ListBucketResult>";
	struct seen s;
	bool more = false;
	char *token = NULL;

	EXPECT_INT(t, page(xml, &s, &more, &token), PP_OK);
	EXPECT_INT(t, s.count, 2);
	EXPECT_STR(t, s.keys[0], "vaikuttamis/feed.xml");
	EXPECT_INT(t, s.sizes[0], 4096);
	/* Entities and UTF-8 come through as the key's bytes. */
	EXPECT_STR(t, s.keys[1], "vaikuttamis/media/jakso-1 & ä.mp3");
	EXPECT_INT(t, s.sizes[1], 209715200);
	EXPECT(t, more);
	EXPECT_STR(t, token, "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");
	free(token);
}

static void last_and_empty_pages(struct test_ctx *t)
{
	struct seen s;
	bool more = true;
	char *token = (char *)"x";

	/* s3rver's last page: no namespace prefix, no token. */
	EXPECT_INT(t, page("<ListBucketResult><IsTruncated>false</IsTruncated><Contents>"
			   "<Key>a.mp3</Key><Size>0</Size></Contents></ListBucketResult>",
			   &s, &more, &token),
		   PP_OK);
	EXPECT_INT(t, s.count, 1);
	EXPECT_INT(t, s.sizes[0], 0);
	EXPECT(t, !more);
	EXPECT_NULL(t, token);
	/* A prefix that holds nothing. */
	EXPECT_INT(t, page("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
			   "<KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>",
			   &s, &more, &token),
		   PP_OK);
	EXPECT_INT(t, s.count, 0);
	EXPECT(t, !more);
}

static void unreadable_objects_are_skipped(struct test_ctx *t)
{
	struct seen s;
	bool more;
	char *token = NULL;

	EXPECT_INT(t, page("<ListBucketResult>"
			   "<Contents><Key>no-size.mp3</Key></Contents>"
			   "<Contents><Size>12</Size></Contents>"
			   "<Contents><Key></Key><Size>12</Size></Contents>"
			   "<Contents><Key>minus.mp3</Key><Size>-1</Size></Contents>"
			   "<Contents><Key>text.mp3</Key><Size>12 bytes</Size></Contents>"
			   "<Contents><Key>huge.mp3</Key><Size>99999999999999999999</Size></Contents>"
			   "<Contents><Key>ok.mp3</Key><Size>7</Size></Contents>"
			   "<CommonPrefixes><Prefix>media/</Prefix></CommonPrefixes>"
			   "</ListBucketResult>",
			   &s, &more, &token),
		   PP_OK);
	EXPECT_INT(t, s.count, 1);
	EXPECT_STR(t, s.keys[0], "ok.mp3");
	EXPECT(t, !more);
}

static void what_is_no_listing_is_refused(struct test_ctx *t)
{
	struct seen s;
	bool more;
	char *token = NULL;

	EXPECT_INT(t, page("", &s, &more, &token), PP_EPARSE);
	EXPECT_INT(t, page("not xml at all", &s, &more, &token), PP_EPARSE);
	EXPECT_INT(t, page("<Error><Code>AccessDenied</Code></Error>", &s, &more, &token),
		   PP_EPARSE);
	EXPECT_INT(t, page("<ListBucketResult><Contents><Key>a</Key><Size>1</Size>", &s, &more,
			   &token),
		   PP_EPARSE);
	/* More to come, but no way to ask for it. */
	EXPECT_INT(t, page("<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>", &s,
			   &more, &token),
		   PP_EPARSE);
	EXPECT_NULL(t, token);
	/* An entity a DTD declares is refused outright: never expanded, never
	 * fetched, no key read from it. */
	EXPECT_INT(t, page("<!DOCTYPE l [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
			   "<ListBucketResult><Contents><Key>&e;</Key><Size>1</Size></Contents>"
			   "</ListBucketResult>",
			   &s, &more, &token),
		   PP_EPARSE);
	EXPECT_INT(t, s.count, 0);
}

/* The costs libxml2 2.9 leaves unbounded (util.h) are refused before it
 * parses: an element with more attributes than any reply has. */
static void beyond_the_limits_is_refused(struct test_ctx *t)
{
	struct buf xml;
	struct seen s;
	bool more;
	char *token = NULL;

	buf_init(&xml);
	EXPECT_INT(t, buf_puts(&xml, "<ListBucketResult><Contents"), PP_OK);
	for (int i = 0; i <= PP_XML_MAX_ATTRIBUTES; i++)
		EXPECT_INT(t, buf_printf(&xml, " a%d=\"\"", i), PP_OK);
	EXPECT_INT(t, buf_puts(&xml, "><Key>a.mp3</Key><Size>1</Size></Contents></ListBucketResult>"),
		   PP_OK);
	memset(&s, 0, sizeof(s));
	EXPECT_INT(t, listing_s3_page(xml.data, xml.len, note, &s, &more, &token), PP_EPARSE);
	EXPECT_INT(t, s.count, 0);
	buf_release(&xml);
}

TEST_MAIN(TEST_CASE(aws_page_with_more), TEST_CASE(last_and_empty_pages),
	  TEST_CASE(unreadable_objects_are_skipped), TEST_CASE(what_is_no_listing_is_refused),
	  TEST_CASE(beyond_the_limits_is_refused))
