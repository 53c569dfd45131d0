#include "podcast_taxonomy.h"

#include "testhelp.h"

static void roles_have_their_groups(struct test_ctx *t)
{
	EXPECT_STR(t, podcast_role_group("host", false), "cast");
	EXPECT_STR(t, podcast_role_group("producer", false), "creative direction");
	EXPECT_STR(t, podcast_role_group("cover art designer", false), "visuals");
	EXPECT_STR(t, podcast_role_group("editor", false), "writing");
	EXPECT_STR(t, podcast_role_group("translator", false), "writing");
	EXPECT_NULL(t, podcast_role_group("Host", false));
	EXPECT_STR(t, podcast_role_group("Co-Host", true), "cast");
	EXPECT_NULL(t, podcast_role_group("juontaja", true));
	EXPECT_NULL(t, podcast_role_group("", true));
}

static void groups_are_known_in_any_case(struct test_ctx *t)
{
	EXPECT(t, podcast_group_known("cast"));
	EXPECT(t, podcast_group_known("Audio Post-Production"));
	EXPECT(t, podcast_group_known("misc."));
	EXPECT(t, !podcast_group_known("crew"));
	EXPECT(t, !podcast_group_known(""));
}

TEST_MAIN(TEST_CASE(roles_have_their_groups), TEST_CASE(groups_are_known_in_any_case))
