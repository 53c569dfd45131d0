#include "target/target.h"

#include "testhelp.h"

/* One table of locations: what scheme, which driver, what it opens. */
static void locations_pick_their_driver(struct test_ctx *t)
{
	static const struct {
		const char *location;
		size_t scheme;
		bool file_driver; /* else: no driver yet */
		const char *rest;
	} cases[] = {
	    {"public", 0, true, "public"},
	    {"/srv/podcast", 0, true, "/srv/podcast"},
	    {"./a:b", 0, true, "./a:b"},
	    {"file:public", 4, true, "public"},
	    {"file:///srv/podcast", 4, true, "/srv/podcast"},
	    {"FILE:///x", 4, true, "/x"},
	    {"sftp://jane@host/var/www", 4, false, NULL},
	    {"s3://bucket/prefix", 2, false, NULL},
	    {"1ftp://x", 0, true, "1ftp://x"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *rest = NULL;
		const struct target_ops *ops = target_for(cases[i].location, &rest);

		EXPECT_INT(t, target_scheme_length(cases[i].location), cases[i].scheme);
		if (cases[i].file_driver) {
			EXPECT(t, ops == &target_file_ops);
			EXPECT_STR(t, rest, cases[i].rest);
		} else {
			EXPECT(t, ops == NULL);
		}
	}
}

TEST_MAIN(TEST_CASE(locations_pick_their_driver))
