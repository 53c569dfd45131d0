#include "apple.h"

#include "testhelp.h"

static void categories_are_apples_spelling(struct test_ctx *t)
{
	EXPECT(t, apple_category_known("Government"));
	EXPECT(t, apple_category_known("Society & Culture"));
	EXPECT(t, apple_category_known("TV & Film"));
	EXPECT(t, !apple_category_known("government"));
	EXPECT(t, !apple_category_known("Society and Culture"));
	EXPECT(t, !apple_category_known("News & Politics")); /* the pre-2019 name */
	EXPECT(t, !apple_category_known(""));
}

static void subcategories_belong_to_their_category(struct test_ctx *t)
{
	EXPECT(t, apple_subcategory_known("News", "Politics"));
	EXPECT(t, apple_subcategory_known("Education", "How To"));
	EXPECT(t, !apple_subcategory_known("Education", "How-To"));
	EXPECT(t, !apple_subcategory_known("Arts", "Politics"));
	EXPECT(t, !apple_subcategory_known("Government", "Politics"));
	EXPECT(t, !apple_subcategory_known("Nonsense", "Politics"));
}

static void obsolete_categories_name_their_successor(struct test_ctx *t)
{
	EXPECT_STR(t, apple_category_obsolete("Games & Hobbies", NULL), "Leisure");
	EXPECT_STR(t, apple_category_obsolete("Science & Medicine", NULL), "Science");
	EXPECT_STR(t, apple_category_obsolete("Technology", "Software How-To"), "Technology");
	EXPECT_STR(t, apple_category_obsolete("Technology", "Tech News"), "News > Tech News");
	EXPECT_STR(t, apple_category_obsolete("Games & Hobbies", "Video Games"),
		   "Leisure > Video Games");
	EXPECT_NULL(t, apple_category_obsolete("Technology", NULL));
	EXPECT_NULL(t, apple_category_obsolete("News", "Tech News"));
	EXPECT_NULL(t, apple_category_obsolete("Games & Hobbies", "Chess"));
	/* Every successor is on the current list. */
	EXPECT(t, apple_category_known(apple_category_obsolete("Health", NULL)));
	EXPECT_STR(t, apple_category_parent("Tech News"), "News");
	EXPECT_STR(t, apple_category_parent("Documentary"), "Society & Culture");
	EXPECT_NULL(t, apple_category_parent("News"));
}

TEST_MAIN(TEST_CASE(obsolete_categories_name_their_successor), TEST_CASE(categories_are_apples_spelling),
	  TEST_CASE(subcategories_belong_to_their_category))
