/* test_listing_dav.c - a WebDAV PROPFIND reply read for sizes: nginx's and
 * Apache's (Nextcloud's) replies, and the server bytes it must not trust. */
#include "target/listing_dav.h"

#include <stdlib.h>
#include <string.h>

#include "testhelp.h"

#define FOLDER "https://podpub@127.0.0.1:8443/dav/show/media/"

/* The size the reply gives `name`, or -1. */
static int64_t size_of(const struct listing_dav *l, const char *name)
{
	int64_t size = -2;

	return listing_find(&l->files, name, &size) ? size : -1;
}

/* Each of the `n` names has no size the reply can be trusted for. */
static void expect_no_size(struct test_ctx *t, const struct listing_dav *l,
			   const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (size_of(l, names[i]) != -1) {
			t->failures++;
			printf("#   '%s' has a size, expected none\n", names[i]);
		}
}

/* One <D:response> of a file, as nginx's dav-ext module writes it. */
#define NGINX_FILE(href, length)                                                           \
	"<D:response>\n<D:href>" href "</D:href>\n<D:propstat>\n<D:prop>\n"                \
	"<D:getcontentlength>" length "</D:getcontentlength>\n"                            \
	"<D:resourcetype></D:resourcetype>\n</D:prop>\n"                                   \
	"<D:status>HTTP/1.1 200 OK</D:status>\n</D:propstat>\n</D:response>\n"
#define NGINX_FOLDER(href)                                                                 \
	"<D:response>\n<D:href>" href "</D:href>\n<D:propstat>\n<D:prop>\n"                \
	"<D:resourcetype><D:collection/></D:resourcetype>\n</D:prop>\n"                    \
	"<D:status>HTTP/1.1 200 OK</D:status>\n</D:propstat>\n</D:response>\n"
#define NGINX(responses)                                                                   \
	"<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n"                                    \
	"<D:multistatus xmlns:D=\"DAV:\">\n" responses "</D:multistatus>\n"

static enum pp_result parse(const char *xml, const char *folder, struct listing_dav *l)
{
	listing_dav_init(l);
	return listing_dav_parse(xml, strlen(xml), folder, l);
}

static void nginx_reply(struct test_ctx *t)
{
	const char xml[] = NGINX(NGINX_FOLDER("/dav/show/media/")
				 NGINX_FILE("/dav/show/media/jakso-0001.mp3", "123456")
				 NGINX_FILE("/dav/show/media/big%20file.mp3", "209715200")
				 NGINX_FILE("/dav/show/media/empty.txt", "0")
				 NGINX_FOLDER("/dav/show/media/art/"));
	struct listing_dav l;

	EXPECT_INT(t, parse(xml, FOLDER, &l), PP_OK);
	EXPECT_INT(t, size_of(&l, "jakso-0001.mp3"), 123456);
	EXPECT_INT(t, size_of(&l, "big file.mp3"), 209715200);
	EXPECT_INT(t, size_of(&l, "empty.txt"), 0);
	/* The folder itself and a subfolder are no files. */
	EXPECT_INT(t, size_of(&l, "art"), -1);
	EXPECT_INT(t, size_of(&l, ""), -1);
	EXPECT_INT(t, size_of(&l, "missing.mp3"), -1);
	EXPECT_INT(t, size_of(&l, "jakso-0001.mp"), -1);
	listing_dav_release(&l);

	/* The folder named as a path, without its final '/', reads the same. */
	EXPECT_INT(t, parse(xml, "/dav/show/media", &l), PP_OK);
	EXPECT_INT(t, size_of(&l, "jakso-0001.mp3"), 123456);
	listing_dav_release(&l);
}

/* Apache mod_dav (and Nextcloud's sabre/dav): a "d:" prefix or one per
 * property, whole URLs, and a 404 propstat for what a member lacks. */
static void apache_and_nextcloud_reply(struct test_ctx *t)
{
	const char xml[] =
		"<?xml version=\"1.0\"?>\n"
		"<d:multistatus xmlns:d=\"DAV:\" xmlns:s=\"http://sabredav.org/ns\""
		" xmlns:oc=\"http://owncloud.org/ns\">"
		"<d:response><d:href>https://cloud.example/remote.php/dav/files/jane/show/media/</d:href>"
		"<d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop>"
		"<d:status>HTTP/1.1 200 OK</d:status></d:propstat>"
		"<d:propstat><d:prop><d:getcontentlength/></d:prop>"
		"<d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>"
		"<d:response><d:href>https://cloud.example/remote.php/dav/files/jane/show/media/a.mp3</d:href>"
		"<d:propstat><d:prop><d:getcontentlength>4096</d:getcontentlength>"
		"<d:resourcetype/></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>"
		"</d:response>"
		/* Apache's own prefixes, declared on the response. */
		"<D:response xmlns:lp1=\"DAV:\" xmlns:D=\"DAV:\">"
		"<D:href>/remote.php/dav/files/jane/show/media/b.mp3</D:href>"
		"<D:propstat><D:prop><lp1:resourcetype/>"
		"<lp1:getcontentlength>\n  777\n</lp1:getcontentlength></D:prop>"
		"<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
		/* A default namespace, a query after the path. */
		"<response xmlns=\"DAV:\"><href>https://cloud.example:443/remote.php/dav/files/jane/show/media/c.mp3?v=1</href>"
		"<propstat><prop><getcontentlength>5</getcontentlength></prop>"
		"<status>HTTP/1.1 200</status></propstat></response>"
		"</d:multistatus>";
	struct listing_dav l;

	EXPECT_INT(t, parse(xml, "https://jane@cloud.example/remote.php/dav/files/jane/show/media/",
			    &l),
		   PP_OK);
	EXPECT_INT(t, size_of(&l, "a.mp3"), 4096);
	EXPECT_INT(t, size_of(&l, "b.mp3"), 777);
	EXPECT_INT(t, size_of(&l, "c.mp3"), 5);
	listing_dav_release(&l);
}

/* Finnish names: escaped in upper or lower case hex, or sent raw. */
static void percent_encoded_and_utf8_names(struct test_ctx *t)
{
	const char xml[] = NGINX(
		NGINX_FILE("/dav/show/media/j%C3%A4rjest%C3%B6avustukset%20osa%201.mp3", "11")
		NGINX_FILE("/dav/show/media/%c3%a5%c3%a4%c3%b6.mp3", "12")
		NGINX_FILE("/dav/show/media/Pääjakso ÅÖ.mp3", "13")
		NGINX_FILE("/dav/show/media/a%2bb%26c.mp3", "14")
		NGINX_FILE("/dav/show/media/x&amp;y.mp3", "15"));
	struct listing_dav l;

	EXPECT_INT(t, parse(xml, FOLDER, &l), PP_OK);
	EXPECT_INT(t, size_of(&l, "järjestöavustukset osa 1.mp3"), 11);
	EXPECT_INT(t, size_of(&l, "åäö.mp3"), 12);
	EXPECT_INT(t, size_of(&l, "Pääjakso ÅÖ.mp3"), 13);
	EXPECT_INT(t, size_of(&l, "a+b&c.mp3"), 14);
	EXPECT_INT(t, size_of(&l, "x&y.mp3"), 15);
	EXPECT_INT(t, size_of(&l, "j%C3%A4rjest%C3%B6avustukset%20osa%201.mp3"), -1);
	listing_dav_release(&l);

	/* The folder's own name escaped, as tcurl_url sends it. */
	EXPECT_INT(t, parse(NGINX(NGINX_FILE("/dav/my%20show/j%C3%A4%C3%A4/a.mp3", "3")),
			    "https://127.0.0.1/dav/my%20show/j%c3%a4%c3%a4/", &l),
		   PP_OK);
	EXPECT_INT(t, size_of(&l, "a.mp3"), 3);
	listing_dav_release(&l);
}

static void collections_are_skipped(struct test_ctx *t)
{
	const char xml[] = NGINX(
		NGINX_FOLDER("/dav/show/media/sub/")
		/* A collection without the final '/' is still no file, nor is
		 * an href with it, whatever its properties say. */
		NGINX_FOLDER("/dav/show/media/noslash")
		NGINX_FILE("/dav/show/media/slash/", "30")
		"<D:response><D:href>/dav/show/media/both</D:href><D:propstat><D:prop>"
		"<D:getcontentlength>10</D:getcontentlength>"
		"<D:resourcetype><D:collection/></D:resourcetype></D:prop>"
		"<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
		/* A collection of another namespace is not DAV's. */
		"<D:response><D:href>/dav/show/media/other</D:href><D:propstat><D:prop>"
		"<D:getcontentlength>20</D:getcontentlength>"
		"<D:resourcetype><x:collection xmlns:x=\"urn:x\"/></D:resourcetype></D:prop>"
		"<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>");
	struct listing_dav l;

	EXPECT_INT(t, parse(xml, FOLDER, &l), PP_OK);
	EXPECT_INT(t, size_of(&l, "sub"), -1);
	EXPECT_INT(t, size_of(&l, "noslash"), -1);
	EXPECT_INT(t, size_of(&l, "slash"), -1);
	EXPECT_INT(t, size_of(&l, "both"), -1);
	EXPECT_INT(t, size_of(&l, "other"), 20);
	listing_dav_release(&l);
}

/* Only a propstat of status 200 gives a length; a response without one
 * (or with a length that does not read as one) gives none. */
static void status_and_length_checked(struct test_ctx *t)
{
	const char xml[] = NGINX(
		"<D:response><D:href>/dav/show/media/gone.mp3</D:href><D:propstat><D:prop>"
		"<D:getcontentlength>10</D:getcontentlength></D:prop>"
		"<D:status>HTTP/1.1 404 Not Found</D:status></D:propstat></D:response>"
		"<D:response><D:href>/dav/show/media/split.mp3</D:href>"
		"<D:propstat><D:prop><D:resourcetype/></D:prop>"
		"<D:status>HTTP/1.1 200 OK</D:status></D:propstat>"
		"<D:propstat><D:prop><D:getcontentlength>11</D:getcontentlength></D:prop>"
		"<D:status>HTTP/1.1 403 Forbidden</D:status></D:propstat></D:response>"
		"<D:response><D:href>/dav/show/media/whole.mp3</D:href>"
		"<D:status>HTTP/1.1 200 OK</D:status></D:response>"
		"<D:response><D:href>/dav/show/media/nostatus.mp3</D:href><D:propstat><D:prop>"
		"<D:getcontentlength>12</D:getcontentlength></D:prop></D:propstat></D:response>"
		"<D:response><D:href>/dav/show/media/odd-status.mp3</D:href><D:propstat><D:prop>"
		"<D:getcontentlength>13</D:getcontentlength></D:prop>"
		"<D:status>HTTP/1.1 2000 OK</D:status></D:propstat></D:response>"
		NGINX_FILE("/dav/show/media/empty-length.mp3", "")
		NGINX_FILE("/dav/show/media/negative.mp3", "-1")
		NGINX_FILE("/dav/show/media/suffix.mp3", "12x")
		NGINX_FILE("/dav/show/media/huge.mp3", "99999999999999999999")
		NGINX_FILE("/dav/show/media/inner-blank.mp3", "1 2")
		NGINX_FILE("/dav/show/media/blanks.mp3", " 42 ")
		"<D:response><D:href>/dav/show/media/two-lengths.mp3</D:href><D:propstat><D:prop>"
		"<D:getcontentlength>1</D:getcontentlength><D:getcontentlength>1</D:getcontentlength>"
		"</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
		"<D:response><D:href>/dav/show/media/a.mp3</D:href><D:href>/dav/show/media/b.mp3</D:href>"
		"<D:propstat><D:prop><D:getcontentlength>14</D:getcontentlength></D:prop>"
		"<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
		NGINX_FILE("/dav/show/media/ok.mp3", "7"));
	static const char *const none[] = { "gone.mp3",	    "split.mp3",       "whole.mp3",
					    "nostatus.mp3", "odd-status.mp3",  "empty-length.mp3",
					    "negative.mp3", "suffix.mp3",      "huge.mp3",
					    "inner-blank.mp3", "two-lengths.mp3", "a.mp3", "b.mp3" };
	struct listing_dav l;

	EXPECT_INT(t, parse(xml, FOLDER, &l), PP_OK);
	expect_no_size(t, &l, none, sizeof(none) / sizeof(none[0]));
	EXPECT_INT(t, size_of(&l, "blanks.mp3"), 42);
	EXPECT_INT(t, size_of(&l, "ok.mp3"), 7);
	listing_dav_release(&l);
}

static void twice_named_is_not_trusted(struct test_ctx *t)
{
	const char xml[] = NGINX(NGINX_FILE("/dav/show/media/a.mp3", "7")
				 NGINX_FILE("/dav/show/media/b.mp3", "9")
				 NGINX_FILE("https://127.0.0.1/dav/show/media/a.mp3", "8")
				 /* The same name escaped another way. */
				 NGINX_FILE("/dav/show/media/c.mp3", "1")
				 NGINX_FILE("/dav/show/media/%63.mp3", "1")
				 /* A file and a folder of one name. */
				 NGINX_FILE("/dav/show/media/d", "2")
				 NGINX_FOLDER("/dav/show/media/d/"));
	struct listing_dav l;

	EXPECT_INT(t, parse(xml, FOLDER, &l), PP_OK);
	EXPECT_INT(t, size_of(&l, "a.mp3"), -1);
	EXPECT_INT(t, size_of(&l, "b.mp3"), 9);
	EXPECT_INT(t, size_of(&l, "c.mp3"), -1);
	EXPECT_INT(t, size_of(&l, "d"), -1);
	listing_dav_release(&l);
}

/* An href outside the folder, or deeper in it, names none of its files. */
static void outside_the_folder_is_skipped(struct test_ctx *t)
{
	const char xml[] = NGINX(NGINX_FILE("/dav/show/other/a.mp3", "1")
				 NGINX_FILE("/dav/show/mediax/b.mp3", "2")
				 NGINX_FILE("/dav/show/media/sub/c.mp3", "3")
				 NGINX_FILE("/dav/show/media/..%2Fd.mp3", "4")
				 NGINX_FILE("/dav/show/media/e%2Ff.mp3", "5")
				 NGINX_FILE("/dav/show/media/g%00.mp3", "6")
				 NGINX_FILE("/dav/show/media/..", "7")
				 NGINX_FILE("/dav/show/media/.", "8")
				 NGINX_FILE("h.mp3", "9")
				 NGINX_FILE("mailto:/dav/show/media/i.mp3", "10")
				 NGINX_FILE("https://127.0.0.1", "11")
				 NGINX_FILE("/dav/show/media", "12")
				 NGINX_FILE("", "13")
				 NGINX_FILE("/dav/show/media/ok.mp3", "14"));
	static const char *const none[] = { "a.mp3", "b.mp3", "c.mp3", "sub", "d.mp3", "../d.mp3",
					    "f.mp3", "e/f.mp3", "g", "..", ".", "h.mp3", "i.mp3",
					    "media", "" };
	struct listing_dav l;

	EXPECT_INT(t, parse(xml, FOLDER, &l), PP_OK);
	expect_no_size(t, &l, none, sizeof(none) / sizeof(none[0]));
	EXPECT_INT(t, size_of(&l, "ok.mp3"), 14);
	EXPECT_INT(t, l.count, 1);
	listing_dav_release(&l);
}

/* No multistatus, no listing: the caller asks file by file. */
static void garbage_is_refused(struct test_ctx *t)
{
	static const char *const bodies[] = {
		"",
		"not xml at all",
		"<html><body>405 Not Allowed</body></html>",
		"<multistatus><response/></multistatus>",
		"<m:multistatus xmlns:m=\"urn:not-dav\"/>",
		"<D:multistatus xmlns:D=\"DAV:\"><D:response>",
		"\x01\xff\xfe garbage \x80",
		/* Entities a DTD declares are refused before libxml2 sees them. */
		"<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY a \"aaaaaaaaaa\">"
		"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
		"<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>&b;</D:href>"
		"</D:response></D:multistatus>",
	};
	static const char with_nul[] = "<D:multistatus xmlns:D=\"DAV:\">\0</D:multistatus>";
	static const char with_dtd[] =
		"<?xml version=\"1.0\"?><!DOCTYPE m SYSTEM \"http://127.0.0.1:1/x.dtd\">"
		"<D:multistatus xmlns:D=\"DAV:\">" NGINX_FILE("/dav/show/media/x", "5")
		"</D:multistatus>";
	struct listing_dav l;

	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		enum pp_result res = parse(bodies[i], FOLDER, &l);

		if (res == PP_OK && l.count) {
			t->failures++;
			printf("#   body %zu gave %zu names\n", i, l.count);
		}
		if (res != PP_EPARSE) {
			t->failures++;
			printf("#   body %zu is %d, expected PP_EPARSE\n", i, (int)res);
		}
		listing_dav_release(&l);
	}
	/* A NUL inside the body is no XML either. */
	listing_dav_init(&l);
	EXPECT_INT(t, listing_dav_parse(with_nul, sizeof(with_nul) - 1, FOLDER, &l), PP_EPARSE);
	listing_dav_release(&l);
	/* An external DTD is never fetched (nor needed). */
	EXPECT_INT(t, parse(with_dtd, FOLDER, &l), PP_OK);
	EXPECT_INT(t, size_of(&l, "x"), 5);
	listing_dav_release(&l);
	/* A folder that is no URL or path reads nothing. */
	EXPECT_INT(t, parse(NGINX(NGINX_FILE("/dav/show/media/a.mp3", "1")), "media/", &l),
		   PP_EPARSE);
	listing_dav_release(&l);
}

TEST_MAIN(TEST_CASE(nginx_reply), TEST_CASE(apache_and_nextcloud_reply),
	  TEST_CASE(percent_encoded_and_utf8_names), TEST_CASE(collections_are_skipped),
	  TEST_CASE(status_and_length_checked), TEST_CASE(twice_named_is_not_trusted),
	  TEST_CASE(outside_the_folder_is_skipped), TEST_CASE(garbage_is_refused))
