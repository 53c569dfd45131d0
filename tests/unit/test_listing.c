/* test_listing.c - a folder's `ls -l` listing read for sizes: vsftpd's and
 * OpenSSH's lines, and the server text it must not trust. */
#include "target/listing.h"

#include <stdlib.h>
#include <string.h>

#include "testhelp.h"

static int64_t size_of(const struct listing *l, const char *name)
{
	int64_t size = -2;

	return listing_find(l, name, &size) ? size : -1;
}

static void vsftpd_and_openssh_lines(struct test_ctx *t)
{
	const char text[] =
		"-rw-r--r--    1 1000     1000       123456 Nov 29 08:55 jakso-0001.mp3\r\n"
		"-rw-------    1 podpub   podpub   209715200 Jan  2  2025 big file.mp3\n"
		"drwxr-xr-x    2 1000     1000         4096 Nov 29 08:55 art\n"
		"lrwxrwxrwx    1 1000     1000            5 Nov 29 08:55 link.mp3 -> x.mp3\n"
		"-rw-r--r--    1 1000     1000            0 Nov 29 08:55 empty.txt";
	struct listing l;

	listing_init(&l);
	EXPECT_INT(t, listing_parse(text, strlen(text), &l), PP_OK);
	EXPECT_INT(t, l.count, 3);
	EXPECT_INT(t, size_of(&l, "jakso-0001.mp3"), 123456);
	EXPECT_INT(t, size_of(&l, "big file.mp3"), 209715200);
	/* The last line has no newline and is still read. */
	EXPECT_INT(t, size_of(&l, "empty.txt"), 0);
	/* A folder and a link are no files of known size. */
	EXPECT_INT(t, size_of(&l, "art"), -1);
	EXPECT_INT(t, size_of(&l, "link.mp3"), -1);
	EXPECT_INT(t, size_of(&l, "missing.mp3"), -1);
	EXPECT_INT(t, size_of(&l, "jakso-0001.mp"), -1);
	listing_release(&l);
}

static void garbage_is_skipped(struct test_ctx *t)
{
	const char text[] =
		"total 12\n"
		"\n"
		"-rw-r--r-- 1 a b 12x Nov 29 08:55 bad-size.mp3\n"
		"-rw-r--r-- 1 a b 99999999999999999999 Nov 29 08:55 huge.mp3\n"
		"-rw-r--r-- 1 a b 12 Nov 29 08:55\n"
		"-rw-r--r-- 1 a b 12 Nov 29 08:55 \n"
		"-rw-r--r-- 1 a b 12 Nov 29 08:55 a/b.mp3\n"
		"-rw-r--r-- 1 a b 12 November 29 08:55 month.mp3\n"
		"11-29-26  08:55AM               123456 dos.mp3\n"
		"-rw-r--r-- 1 a b 7 Nov 29 08:55 ok.mp3\n"
		"\x01\xff\xfe garbage \x80\n";
	struct listing l;

	listing_init(&l);
	EXPECT_INT(t, listing_parse(text, sizeof(text) - 1, &l), PP_OK);
	EXPECT_INT(t, l.count, 1);
	EXPECT_INT(t, size_of(&l, "ok.mp3"), 7);
	EXPECT_INT(t, size_of(&l, "huge.mp3"), -1);
	EXPECT_INT(t, size_of(&l, "dos.mp3"), -1);
	listing_release(&l);
}

static void twice_named_is_not_trusted(struct test_ctx *t)
{
	const char text[] = "-rw-r--r-- 1 a b 7 Nov 29 08:55 a.mp3\n"
			    "-rw-r--r-- 1 a b 8 Nov 29 08:55 a.mp3\n"
			    "-rw-r--r-- 1 a b 9 Nov 29 08:55 b.mp3\n";
	struct listing l;

	listing_init(&l);
	EXPECT_INT(t, listing_parse(text, strlen(text), &l), PP_OK);
	EXPECT_INT(t, size_of(&l, "a.mp3"), -1);
	EXPECT_INT(t, size_of(&l, "b.mp3"), 9);
	listing_release(&l);
}

/* A NUL inside, a name that runs to the end without a newline, a very
 * long line and an empty text: read within bounds, nothing invented. */
static void hostile_text_stays_bounded(struct test_ctx *t)
{
	const char nul[] = "-rw-r--r-- 1 a b 7 Nov 29 08:55 a\0.mp3\n";
	size_t long_len = (size_t)1 << 20;
	char *long_line = malloc(long_len);
	struct listing l;

	listing_init(&l);
	EXPECT_INT(t, listing_parse(nul, sizeof(nul) - 1, &l), PP_OK);
	EXPECT_INT(t, l.count, 0);
	EXPECT_INT(t, listing_parse("", 0, &l), PP_OK);
	EXPECT_INT(t, l.count, 0);
	EXPECT(t, long_line != NULL);
	if (long_line) {
		memset(long_line, ' ', long_len);
		EXPECT_INT(t, listing_parse(long_line, long_len, &l), PP_OK);
		EXPECT_INT(t, l.count, 0);
		/* A name a megabyte long, and no newline after it. */
		memcpy(long_line, "-rw-r--r-- 1 a b 5 Nov 29 08:55 ", 32);
		memset(long_line + 32, 'x', long_len - 32);
		EXPECT_INT(t, listing_parse(long_line, long_len, &l), PP_OK);
		EXPECT_INT(t, l.count, 1);
		EXPECT_INT(t, l.count ? l.entries[0].name_len : 0, long_len - 32);
		EXPECT_INT(t, size_of(&l, "x"), -1);
	}
	free(long_line);
	listing_release(&l);
}

/* Thousands of lines: every one found. */
static void many_names(struct test_ctx *t)
{
	struct listing l;
	char *text = malloc(5000 * 64), *p = text, name[32];
	int found = 0;

	listing_init(&l);
	EXPECT(t, text != NULL);
	if (!text)
		return;
	for (int i = 0; i < 5000; i++)
		p += snprintf(p, 64, "-rw-r--r-- 1 a b %d Nov 29 08:55 jakso-%04d.mp3\n", i, i);
	EXPECT_INT(t, listing_parse(text, (size_t)(p - text), &l), PP_OK);
	for (int i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "jakso-%04d.mp3", i);
		found += size_of(&l, name) == i;
	}
	EXPECT_INT(t, found, 5000);
	listing_release(&l);
	free(text);
}

/* SIZE replies in order; a multi-line reply counts once, at its end;
 * "550" is no such file, anything else that is no "213 <digits>" is no
 * size; garbage and no final newline. */
static void ftp_size_replies(struct test_ctx *t)
{
	const char text[] = "200 Switching to Binary mode.\r\n"
			    "213 123456\r\n"
			    "550 Could not get file size.\r\n"
			    "213-Status follows:\r\n"
			    " 213 999 inside\r\n"
			    "213 End\r\n"
			    "213 99999999999999999999\r\n"
			    "garbage \x01\xff\r\n"
			    "213 12x\r\n"
			    "213 7";
	int64_t sizes[8];

	memset(sizes, 0, sizeof(sizes));
	EXPECT_INT(t, listing_ftp_sizes(text, strlen(text), sizes, 8), 7);
	EXPECT_INT(t, sizes[0], -1);
	EXPECT_INT(t, sizes[1], 123456);
	EXPECT_INT(t, sizes[2], LISTING_NO_FILE);
	EXPECT_INT(t, sizes[3], -1);
	EXPECT_INT(t, sizes[4], -1);
	EXPECT_INT(t, sizes[5], -1);
	EXPECT_INT(t, sizes[6], 7);
	/* No more than asked for, and nothing from nothing. */
	EXPECT_INT(t, listing_ftp_sizes(text, strlen(text), sizes, 2), 2);
	EXPECT_INT(t, listing_ftp_sizes("", 0, sizes, 8), 0);
	EXPECT_INT(t, listing_ftp_sizes("213", 3, sizes, 8), 0);
}

/* STAT's listing on the control connection: the last reply that opens as
 * STAT's does (a login's replies may come first), its ls lines; whole
 * when every line read, so an absent name is not there. */
static void ftp_stat_reply(struct test_ctx *t)
{
	const char vsftpd[] = "230 Login successful.\r\n"
			      "257 \"/\" is the current directory\r\n"
			      "213-Status follows:\r\n"
			      "drwxr-xr-x    2 999      995          2040 Nov 29 15:38 .\r\n"
			      "drwxr-xr-x    3 999      995           120 Nov 29 15:38 ..\r\n"
			      "-rw-r--r--    1 999      995       1041891 Nov 29 15:38 jakso-001.mp3\r\n"
			      "-rw-r--r--    1 999      995            12 Nov 29 15:38 a b.mp3\r\n"
			      "213 End of status\r\n";
	const char missing[] = "213-Status follows:\r\n213 End of status\r\n";
	const char odd[] = "211-Status of /x:\r\n"
			   "lead.mp3 12 bytes\r\n"
			   "-rw-r--r--    1 999      995            12 Nov 29 15:38 b.mp3\r\n"
			   "211 End of status\r\n";
	const char *const no_reply[] = { "500 Unknown command.\r\n", "213-Status follows:\r\n",
					 "213-Status follows:\r\n211 End\r\n", "" };
	struct listing l;
	int64_t size = 0;
	bool found, whole;

	listing_init(&l);
	EXPECT_INT(t, listing_ftp_stat(vsftpd, strlen(vsftpd), &l, &found, &whole), PP_OK);
	EXPECT(t, found && whole);
	EXPECT(t, listing_find(&l, "jakso-001.mp3", &size) && size == 1041891);
	EXPECT(t, listing_find(&l, "a b.mp3", &size) && size == 12);
	EXPECT(t, !listing_find(&l, ".", &size));
	listing_release(&l);

	/* vsftpd says nothing of a folder that is not there: no file is. */
	listing_init(&l);
	EXPECT_INT(t, listing_ftp_stat(missing, strlen(missing), &l, &found, &whole), PP_OK);
	EXPECT(t, found && whole && l.count == 0);
	listing_release(&l);

	/* A line in another shape: what read is kept, an absence proves nothing. */
	listing_init(&l);
	EXPECT_INT(t, listing_ftp_stat(odd, strlen(odd), &l, &found, &whole), PP_OK);
	EXPECT(t, found && !whole);
	EXPECT(t, listing_find(&l, "b.mp3", &size) && size == 12);
	listing_release(&l);

	/* No STAT reply, one cut short, or one that ends with another code. */
	for (size_t i = 0; i < sizeof(no_reply) / sizeof(no_reply[0]); i++) {
		listing_init(&l);
		EXPECT_INT(t, listing_ftp_stat(no_reply[i], strlen(no_reply[i]), &l, &found, &whole),
			   PP_OK);
		EXPECT(t, !found && !whole);
		listing_release(&l);
	}
}

TEST_MAIN(TEST_CASE(vsftpd_and_openssh_lines), TEST_CASE(garbage_is_skipped),
	  TEST_CASE(twice_named_is_not_trusted), TEST_CASE(hostile_text_stays_bounded),
	  TEST_CASE(many_names), TEST_CASE(ftp_size_replies), TEST_CASE(ftp_stat_reply))
