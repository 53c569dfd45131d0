#include "target/target.h"

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

TEST_MAIN(TEST_CASE(locations_pick_their_driver))
