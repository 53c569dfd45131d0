#include "util.h"

#include <stdlib.h>

#include "testhelp.h"

static void utf8_accepts_finnish(struct test_ctx *t)
{
	const char *s = "Järjestötyöllistäminen, Åland";
	EXPECT(t, pp_utf8_valid(s, strlen(s), NULL));
}

static void utf8_rejects_latin1_with_offset(struct test_ctx *t)
{
	const char s[] = "ab\xe4x"; /* 'ä' in Latin-1 */
	size_t off = 99;
	EXPECT(t, !pp_utf8_valid(s, strlen(s), &off));
	EXPECT_INT(t, off, 2);
}

static void utf8_rejects_overlong_and_surrogate(struct test_ctx *t)
{
	EXPECT(t, !pp_utf8_valid("\xc0\xaf", 2, NULL));
	EXPECT(t, !pp_utf8_valid("\xed\xa0\x80", 3, NULL));
	EXPECT(t, !pp_utf8_valid("\xe2\x82", 2, NULL));
}

static void path_join_has_one_slash(struct test_ctx *t)
{
	char *p = pp_path_join("public/", "/media/a.mp3");
	EXPECT_STR(t, p, "public/media/a.mp3");
	free(p);
	p = pp_path_join(".", "feed.xml");
	EXPECT_STR(t, p, "feed.xml");
	free(p);
}

static void line_of_offset_counts_newlines(struct test_ctx *t)
{
	EXPECT_INT(t, pp_line_of_offset("a\nb\nc", 4), 3);
	EXPECT_INT(t, pp_line_of_offset("abc", 0), 1);
}

static void edit_distance_and_suggestion(struct test_ctx *t)
{
	static const char *const keys[] = { "title", "date", NULL, "episode", "season" };

	EXPECT_INT(t, pp_edit_distance("titel", "title"), 2);
	EXPECT_INT(t, pp_edit_distance("", "abc"), 3);
	EXPECT_INT(t, pp_edit_distance("kitten", "sitting"), 3);
	EXPECT_INT(t, pp_edit_distance("same", "same"), 0);
	EXPECT_STR(t, pp_did_you_mean("titel", keys, 5, sizeof(keys[0])), "title");
	EXPECT_STR(t, pp_did_you_mean("episdoe", keys, 5, sizeof(keys[0])), "episode");
	EXPECT_STR(t, pp_did_you_mean("sesaon", keys, 5, sizeof(keys[0])), "season");
	EXPECT_NULL(t, pp_did_you_mean("guid", keys, 5, sizeof(keys[0])));
	/* Not shorter than the distance: "x" is not a typo of "date". */
	EXPECT_NULL(t, pp_did_you_mean("da", keys, 5, sizeof(keys[0])));
}

TEST_MAIN(TEST_CASE(utf8_accepts_finnish), TEST_CASE(utf8_rejects_latin1_with_offset),
	  TEST_CASE(utf8_rejects_overlong_and_surrogate), TEST_CASE(path_join_has_one_slash),
	  TEST_CASE(line_of_offset_counts_newlines), TEST_CASE(edit_distance_and_suggestion))
