#include "target/target.h"

#include <stdlib.h>
#include <string.h>

#include "target/listing.h"

#include "testhelp.h"

/* One table of locations: what scheme, which driver, what it opens. */
static void locations_pick_their_driver(struct test_ctx *t)
{
	static const struct {
		const char *location;
		size_t scheme;
		const struct target_ops *ops;
		const char *rest;
	} cases[] = {
		{ "public", 0, &target_file_ops, "public" },
		{ "/srv/podcast", 0, &target_file_ops, "/srv/podcast" },
		{ "./a:b", 0, &target_file_ops, "./a:b" },
		{ "file:public", 4, &target_file_ops, "public" },
		{ "file:///srv/podcast", 4, &target_file_ops, "/srv/podcast" },
		{ "FILE:///x", 4, &target_file_ops, "/x" },
		{ "1ftp://x", 0, &target_file_ops, "1ftp://x" },
		/* The network drivers open the whole URL. */
		{ "sftp://jane@host/var/www", 4, &target_sftp_ops, "sftp://jane@host/var/www" },
		{ "ftp://h/x", 3, &target_ftp_ops, "ftp://h/x" },
		{ "ftps://h/x", 4, &target_ftps_ops, "ftps://h/x" },
		{ "https://dav.example.fi/p/", 5, &target_dav_ops, "https://dav.example.fi/p/" },
		{ "http://127.0.0.1/p/", 4, &target_dav_ops, "http://127.0.0.1/p/" },
		{ "s3://bucket/prefix", 2, &target_s3_ops, "s3://bucket/prefix" },
		{ "gopher://h/x", 6, NULL, NULL },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *rest = NULL;
		const struct target_ops *ops = target_for(cases[i].location, &rest);

		EXPECT_INT(t, target_scheme_length(cases[i].location), cases[i].scheme);
		if (ops != cases[i].ops) {
			t->failures++;
			printf("#   %s: driver %s, expected %s\n", cases[i].location,
			       ops ? ops->scheme : "none", cases[i].ops ? cases[i].ops->scheme : "none");
		}
		if (cases[i].rest)
			EXPECT_STR(t, rest, cases[i].rest);
	}
}

/* A folder's listing answers its queries, and names the temporary files
 * an earlier publish left: only "<name>.<16 lowercase hex>.podpub-tmp",
 * never check-target's probe or a lookalike. */
static void listings_name_leftovers(struct test_ctx *t)
{
	static const char *const names[] = {
		"a.mp3",
		"a.mp3.0123456789abcdef.podpub-tmp",    /* left by a cut upload */
		".podpub-lock.fedcba9876543210.podpub-tmp", /* a lock never taken */
		"b.podpub-tmp",                         /* no random part */
		"a.mp3.0123456789ABCDEF.podpub-tmp",    /* not podpub's hex */
		"a.mp3-0123456789abcdef.podpub-tmp",    /* no dot before it */
		"a.mp3.0123456789abcde.podpub-tmp",     /* 15 digits */
		".0123456789abcdef.podpub-tmp",         /* no name */
		"podpub-check-1.txt.0123456789abcdef.podpub-tmp", /* check-target's */
		"a.mp3.0123456789abcdef.podpub-tmp.x",
	};
	struct target_size file = { .remote = "media/a.mp3" };
	struct target_size_query *q = target_size_queries(&file, 1);
	struct target_leftovers left = { 0 };
	struct listing l;

	listing_init(&l);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		EXPECT_INT(t, listing_add(&l, names[i], strlen(names[i]), 7), PP_OK);
	listing_sort(&l);
	EXPECT(t, q != NULL);
	if (q)
		EXPECT_INT(t, target_size_answer(q, 1, &l, false, &left), PP_OK);
	EXPECT(t, file.exists);
	EXPECT_INT(t, file.size, 7);
	EXPECT_INT(t, left.count, 2);
	if (left.count == 2) {
		EXPECT_STR(t, left.remote[0], "media/.podpub-lock.fedcba9876543210.podpub-tmp");
		EXPECT_STR(t, left.remote[1], "media/a.mp3.0123456789abcdef.podpub-tmp");
	}
	target_leftovers_release(&left);
	EXPECT_INT(t, left.count, 0);
	listing_release(&l);
	free(q);
}

TEST_MAIN(TEST_CASE(locations_pick_their_driver), TEST_CASE(listings_name_leftovers))
